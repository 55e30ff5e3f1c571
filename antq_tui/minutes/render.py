"""Render the minutes to PDF (WeasyPrint) or, when WeasyPrint cannot run, to printable HTML.

:func:`export_minutes` renders and writes one file; :func:`antq_tui.services.minutes.export` (which
``antq export`` and the TUI call) adds the rule about recorded files. It touches no UI and no global state. WeasyPrint is imported only when a PDF is
actually made, because importing it takes a noticeable moment and needs Pango.

Templates are looked up in this order, the first file of a name wins:

1. the workspace's ``templates/`` folder (``[workspace] templates_folder`` in config.toml);
2. the folders plugins give through the ``antq_template_dirs`` hook, in plugin load order;
3. antq's own templates (this package's ``templates/``), also reachable as ``antq/<name>`` so an
   override can ``{% extends "antq/minutes.html" %}`` and replace a single block.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from .. import __version__
from ..files import output_path, write_atomic
from ..folding import fold
from ..inspection import Inspection
from ..text import escape_controls
from .context import COLUMNS_MM, LIST_INDENT_MM, build_context

if TYPE_CHECKING:
    from ..workspace import Workspace

PACKAGE_DIR = Path(__file__).resolve().parent
BUILTIN_TEMPLATES = PACKAGE_DIR / "templates"
FONTS_DIR = PACKAGE_DIR / "fonts"
TEMPLATE_NAME = "minutes.html"
#: the subfolder of the workspace's data folder the minutes are written to
EXPORT_SUBDIR = "bien_ban"

FORMAT_PDF = "pdf"
FORMAT_HTML = "html"


@dataclass(frozen=True)
class ExportResult:
    """What an export produced. ``message`` is Vietnamese, ready to show to the user."""

    path: Path
    format: str  # "pdf" or "html"
    sha256: str
    message: str
    draft: bool
    #: true when a PDF was wanted but WeasyPrint could not run, so HTML was written instead
    fallback: bool = False
    #: true when the export was recorded in the workspace's exports table (finalized inspections)
    recorded: bool = False


class WeasyPrintUnavailable(RuntimeError):
    """WeasyPrint (or the system libraries it needs, such as Pango) cannot be loaded."""


class FontMissingError(jinja2.TemplateError, OSError):
    """A font the document's stylesheet names is not there. WeasyPrint would quietly use another face
    of the family (a missing regular font set the whole PDF in italic), so the export stops instead.

    A template error (the export command describes it) and an :class:`OSError` (a missing file, as
    the office commands report it); ``str(exc)`` is the Vietnamese message naming the file.
    """

    def __init__(self, path: Path):
        self.path = path
        message = (f"Không tìm thấy tệp phông chữ {path} mà mẫu biên bản dùng; nếu in thì chữ sẽ sai kiểu. "
                   "Cài lại antq, hoặc sửa đường dẫn phông chữ trong mẫu (templates/), rồi xuất lại.")
        jinja2.TemplateError.__init__(self, message)
        self.args = (message,)

    def __str__(self) -> str:
        return str(self.args[0])


def template_search_path(workspace: Workspace) -> list[Path]:
    """Where templates are looked for, first match wins (see the module docstring)."""
    dirs: list[Path] = []
    if workspace.templates_dir.is_dir():
        dirs.append(workspace.templates_dir)
    dirs += [Path(d) for d in workspace.registry.template_dirs]
    dirs.append(BUILTIN_TEMPLATES)
    return dirs


TemplateError = jinja2.TemplateError


def describe_template_error(exc: jinja2.TemplateError) -> str:
    """A Vietnamese message for a broken template (a province letterhead with a typo, say)."""
    if isinstance(exc, FontMissingError):
        return str(exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or "?"
        return f"Mẫu {where} sai cú pháp ở dòng {exc.lineno}: {exc.message}. Sửa mẫu rồi xuất lại."
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"Không tìm thấy mẫu “{exc.name}”. Kiểm tra thư mục templates/ của không gian làm việc."
    if isinstance(exc, jinja2.UndefinedError):
        return f"Mẫu dùng một dữ liệu không có ({exc.message}). Xem tên biến trong antq_tui/minutes/context.py."
    return f"Mẫu bị lỗi: {exc}"


def _shown(value: Any) -> Any:
    """Every value a template prints, with control characters shown as ``\u001b`` (text stored or
    imported before antq refused them): never an escape sequence or a bidi override in a paper."""
    if isinstance(value, Markup):
        return Markup(escape_controls(str(value), multiline=True))
    if isinstance(value, str):
        return escape_controls(value, multiline=True)
    return value


def make_environment(search_path: list[Path]) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(p) for p in search_path]),
            jinja2.PrefixLoader({"antq": jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))}),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_shown,
    )
    env.filters["capitalize_first"] = lambda s: s[:1].upper() + s[1:] if s else s
    # the stylesheet sizes the criteria table from these; every document that includes it gets them
    env.globals["columns"] = dict(COLUMNS_MM)
    env.globals["list_indent"] = LIST_INDENT_MM
    return env


def render_html(workspace: Workspace, inspection: Inspection) -> tuple[str, Path]:
    """The minutes as HTML, and the folder relative links in it are resolved from."""
    env = make_environment(template_search_path(workspace))
    template = env.get_template(TEMPLATE_NAME)
    context: dict[str, Any] = build_context(inspection, workspace.config)
    context |= {
        "fonts_url": FONTS_DIR.as_uri() + "/",
        "antq_version": __version__,
        "dots_line": "…" * 32,
    }
    html = template.render(context)
    base = Path(template.filename).parent if template.filename else BUILTIN_TEMPLATES
    return html, base


def slug(text: str) -> str:
    """``"Xã Phiêng Ban" → "xa-phieng-ban"``: safe in a file name on every system."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "don-vi"


def default_filename(inspection: Inspection, fmt: str = FORMAT_PDF) -> str:
    """``BB_xa-phieng-ban_2023-10-12.pdf``; a draft ends in ``_du-thao`` so it never replaces the
    signed final."""
    day = inspection.visit_date or dt.date.today()
    suffix = "" if inspection.finalized else "_du-thao"
    return f"BB_{slug(inspection.unit.name)}_{day.isoformat()}{suffix}.{fmt}"


def default_export_dir(workspace: Workspace) -> Path:
    return workspace.data_dir / EXPORT_SUBDIR


def target_path(workspace: Workspace, inspection: Inspection, out: Path | None, fmt: str) -> Path:
    """Where an export of ``inspection`` to ``out`` (a file, a folder or None: the default) goes."""
    if out is None:
        return default_export_dir(workspace) / default_filename(inspection, fmt)
    out = Path(out)
    if out.is_dir() or str(out).endswith(os.sep):
        return out / default_filename(inspection, fmt)
    return output_path(workspace, out, f".{fmt}")


def _load_weasyprint():
    """Import WeasyPrint now (not when antq starts). Raises :class:`WeasyPrintUnavailable`."""
    try:
        import weasyprint
    except (OSError, ImportError) as exc:  # OSError: Pango or another system library is missing
        raise WeasyPrintUnavailable(str(exc)) from exc
    return weasyprint


_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""")
_FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2", ".ttc")


def check_fonts(html: str, base_url: Path) -> None:
    """Every font file a local ``url(…)`` of the document names must exist.

    :raises FontMissingError: naming the first missing file.
    """
    from urllib.parse import unquote, urlparse
    from urllib.request import url2pathname

    for url in _URL.findall(html):
        parsed = urlparse(url)
        if not parsed.path.lower().endswith(_FONT_SUFFIXES) or parsed.scheme not in ("", "file"):
            continue
        path = Path(url2pathname(unquote(parsed.path))) if parsed.scheme == "file" else base_url / unquote(url)
        if not path.is_file():
            raise FontMissingError(path)


def html_to_pdf(html: str, base_url: Path) -> bytes:
    check_fonts(html, base_url)
    weasyprint = _load_weasyprint()
    return weasyprint.HTML(string=html, base_url=base_url.as_uri() + "/").write_pdf()


def export_minutes(
    workspace: Workspace,
    inspection: Inspection,
    out: Path | None = None,
    *,
    html: bool = False,
) -> ExportResult:
    """Render the minutes and write them; a draft carries the "DỰ THẢO" mark, a final does not.

    :param out: a file or a folder; by default ``<data folder>/bien_ban/BB_<unit>_<date>.pdf``.
    :param html: write the printable HTML instead of a PDF.

    When WeasyPrint's system libraries are missing the HTML is written instead and the result's
    ``message`` says so. Recording a finalized export (and never overwriting a recorded one) is
    :func:`antq_tui.services.minutes.export`'s step, so this function stays usable without a database.
    """
    text, base = render_html(workspace, inspection)
    draft = not inspection.finalized
    kind = "bản dự thảo" if draft else "bản chính thức"
    fallback = False
    reason = ""
    data: bytes | None = None
    if not html:
        try:
            data = html_to_pdf(text, base)
        except WeasyPrintUnavailable as exc:
            fallback = True
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if data is not None:
        path = target_path(workspace, inspection, out, FORMAT_PDF)
        write_atomic(path, data)
        message = f"Đã xuất biên bản ({kind}) ra tệp PDF: {path}"
        fmt = FORMAT_PDF
    else:
        data = text.encode("utf-8")
        path = target_path(workspace, inspection, out, FORMAT_HTML)
        write_atomic(path, data)
        fmt = FORMAT_HTML
        if fallback:
            message = (
                "Không tạo được tệp PDF vì máy thiếu thư viện hệ thống của WeasyPrint (Pango) "
                f"— {reason}. Đã xuất biên bản ({kind}) ra tệp HTML để in: {path}. "
                "Mở tệp bằng trình duyệt và in (Ctrl+P), chọn khổ A4, hoặc cài Pango "
                "(sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0) rồi xuất lại."
            )
        else:
            message = f"Đã xuất biên bản ({kind}) ra tệp HTML: {path}"
    return ExportResult(
        path=path,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        message=message,
        draft=draft,
        fallback=fallback,
    )
