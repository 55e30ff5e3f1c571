"""The papers as Word files (.docx) the office can edit, filled in with docxtpl from the same context as
the HTML templates.

A Word template is a ``.docx`` with Jinja tags (``{{ opening }}``, ``{%p for m in team %}``, ``{%tr for r
in g.rows %}``) that a province opens and edits in Word itself. antq's own are built by
``scripts/make_docx_templates.py`` (NĐ 30/2020 layout) and shipped beside the HTML ones. The template
is found the way the HTML one is (:func:`antq_tui.minutes.render.template_search_path`): a file of the
same name in the workspace's ``templates/`` folder wins, then a plugin's template folder, then antq's.

What a paper says is decided once, by :func:`antq_tui.minutes.context.build_context` (and the office's
context builder); this module only fills a template in. Recording a finalized export stays
:func:`antq_tui.services.minutes.export`'s step, the same for the PDF and the Word file.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from .. import __version__
from ..files import write_atomic
from .context import build_context

if TYPE_CHECKING:
    from ..inspection import Inspection
    from ..workspace import Workspace
    from .render import ExportResult

FORMAT_DOCX = "docx"
TEMPLATE_NAME = "minutes.docx"


class DocxTemplateError(jinja2.TemplateError):
    """A Word template that cannot be read or filled in; the message is Vietnamese."""


def find_template(search_path: list[Path], name: str) -> Path:
    """The first ``name`` along ``search_path`` (the HTML templates' lookup), else a Vietnamese error."""
    for folder in search_path:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    raise jinja2.TemplateNotFound(name)


def environment(filters: dict[str, Any] | None = None) -> jinja2.Environment:
    """The Jinja environment the Word templates are filled in with: the HTML templates' filters (and
    ``filters``), an unknown name is an error (as in the HTML), values are escaped for XML by docxtpl."""
    from .render import make_environment

    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.filters.update(make_environment([]).filters)
    env.filters.update(filters or {})
    return env


def _every_cell_has_a_paragraph(document: Any) -> None:
    """A cell whose only paragraphs were a loop over nothing is left empty, which Word refuses to open;
    give it one empty paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tc in document.element.body.iter(qn("w:tc")):
        if tc.find(qn("w:p")) is None and tc.find(qn("w:tbl")) is None:
            tc.append(OxmlElement("w:p"))


def render_docx(template: Path, context: dict[str, Any], *, title: str = "",
                filters: dict[str, Any] | None = None) -> bytes:
    """Fill the Word template ``template`` in with ``context``; returns the .docx bytes.

    :raises jinja2.TemplateError: a broken tag (syntax, unknown name) or a file that is no .docx.
    """
    from docx.opc.exceptions import OpcError
    from docxtpl import DocxTemplate  # docxtpl (and lxml) only when a Word file is made

    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocxTemplateError(f"Tệp mẫu {template} không đọc được như một tệp Word (.docx): {exc}. "
                                "Lưu lại mẫu bằng Word (định dạng .docx) rồi xuất lại.") from exc
    try:
        tpl.render(context, environment(filters), autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        exc.filename = exc.name = str(template)
        raise
    _every_cell_has_a_paragraph(tpl.docx)
    props = tpl.docx.core_properties
    if title:
        props.title = title
    props.comments = f"antq {__version__}"
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def export_minutes_docx(workspace: Workspace, inspection: Inspection, out: Path | None = None) -> ExportResult:
    """Write the minutes as a Word file; a draft says "DỰ THẢO" in its header, a final does not.

    :param out: a file or a folder; by default ``<data folder>/bien_ban/BB_<unit>_<date>.docx``.
    """
    from .render import ExportResult, target_path, template_search_path

    context = build_context(inspection, workspace.config) | {"antq_version": __version__, "dots_line": "…" * 32}
    data = render_docx(find_template(template_search_path(workspace), TEMPLATE_NAME), context,
                       title=context["document_title"])
    path = write_atomic(target_path(workspace, inspection, out, FORMAT_DOCX), data)
    draft = not inspection.finalized
    kind = "bản dự thảo" if draft else "bản chính thức"
    return ExportResult(path=path, format=FORMAT_DOCX, sha256=hashlib.sha256(data).hexdigest(),
                        message=f"Đã xuất biên bản ({kind}) ra tệp Word: {path}", draft=draft)
