"""The plugin guide documents every hook of the contract (and nothing that is not a hook), every template
antq ships and every variable each receives: the tables come from the dicts beside the context builders, and
a context key or a template name missing from them fails here."""

from __future__ import annotations

import importlib.util
import inspect
import re
from pathlib import Path

import jinja2
import jinja2.meta
import pytest
from conftest import REPO

from antq_tui import hookspecs
from antq_tui.minutes.context import CONTEXT_DOCS, RENDER_DOCS, ROW_DOCS, build_context
from antq_tui.minutes.render import BUILTIN_TEMPLATES, make_environment
from antq_tui.office.reports import DOCUMENT_CONTEXT_DOCS, OFFICE_TEMPLATES, OfficeData, document_context, pct

GUIDE = REPO / "docs" / "plugins.md"
SPECS = sorted(name for name, obj in vars(hookspecs).items()
               if name.startswith("antq_") and callable(obj) and hasattr(obj, "antq_spec"))


def _generator():
    spec = importlib.util.spec_from_file_location("make_plugin_docs", REPO / "scripts" / "make_plugin_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def documented() -> dict[str, str]:
    """Each ``### hook`` section of the guide, by hook name."""
    parts = re.split(r"^### (antq_\S+)\s*$", guide(), flags=re.MULTILINE)
    return {name: body.split("\n## ", 1)[0] for name, body in zip(parts[1::2], parts[2::2], strict=False)}


# -- hooks ------------------------------------------------------------------------------------------


def test_the_contract_has_hooks():
    assert "antq_criteria_sets" in SPECS and "antq_display_name" in SPECS and len(SPECS) >= 7


@pytest.mark.parametrize("hook", SPECS)
def test_every_hook_is_documented_with_its_signature_and_an_example(hook: str):
    sections = documented()
    assert hook in sections, f"docs/plugins.md has no “### {hook}” section"
    params = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters)
    assert f"def {hook}({params})" in sections[hook], f"the section of {hook} does not show its signature"
    assert "**Returns**" in sections[hook] or "**Trả về**" in sections[hook]
    assert "@hookimpl" in sections[hook].split("```python", 2)[-1], f"the section of {hook} has no example"


def test_the_guide_documents_no_hook_that_does_not_exist():
    assert set(documented()) <= set(SPECS)


def test_the_check_year_keyword_is_documented_in_the_spec_and_the_guide():
    assert "year" in (hookspecs.__doc__ or "") and "year" in (hookspecs.antq_criteria_sets.__doc__ or "")
    assert "check(inputs, year=None)" in guide()


def test_the_guide_covers_packaging_testing_fixes_and_keeps_the_check_section():
    text = guide()
    for heading in ("## Đóng gói", "## Kiểm thử: `antq_tui.testing`", "## Sửa lỗi giữa mùa", "## Kiểm tra plugin",
                    "## Mẫu giấy tờ"):
        assert heading in text, heading
    for words in ("[project.entry-points.antq]", "[tool.setuptools.package-data]", "fixes=", "antq/minutes.html",
                  "{% extends", "document_kind", "`source`", "“trước 30/3” → `month=3, day=30`"):
        assert words in text, words


# -- templates and their variables ---------------------------------------------------------------------


def test_the_generated_tables_are_up_to_date():
    assert GEN.rewrite(guide()) == guide(), "run .venv/bin/python scripts/make_plugin_docs.py"


def shipped_templates() -> dict[str, Path]:
    return {p.name: p for folder in (BUILTIN_TEMPLATES, OFFICE_TEMPLATES) for p in sorted(folder.iterdir())
            if p.suffix in (".html", ".css", ".docx")}


def test_every_template_antq_ships_is_documented():
    assert set(shipped_templates()) == set(GEN.TEMPLATE_DOCS)


def used_names(path: Path) -> set[str]:
    """The names a template reads from its context (its own loop and set variables excluded)."""
    if path.suffix == ".docx":
        from docxtpl import DocxTemplate

        from antq_tui.minutes.docx import environment

        return set(DocxTemplate(str(path)).get_undeclared_template_variables(environment({"pct": pct})))
    env = make_environment([OFFICE_TEMPLATES])
    env.filters["pct"] = pct
    ast = env.parse(path.read_text(encoding="utf-8"))
    return jinja2.meta.find_undeclared_variables(ast) - set(jinja2.Environment().globals)


@pytest.mark.parametrize("name", sorted(GEN.TEMPLATE_DOCS))
def test_every_name_a_template_uses_is_documented_for_every_paper_it_prints(name: str):
    path = shipped_templates()[name]
    missing = used_names(path) - GEN.documented_for(name)
    assert not missing, f"{name} uses {sorted(missing)}: document them (CONTEXT_DOCS / DOCUMENT_CONTEXT_DOCS)"


@pytest.fixture(scope="module")
def minutes_context():
    from minutes_sample import official_set, sample_inspection

    from antq_tui.config import parse_config

    config = parse_config('[district]\nname = "Bắc Yên"\nprovince = "Sơn La"\n', REPO / "config.toml")
    return build_context(sample_inspection(official_set()), config, attached={1: "Kèm theo: a.jpg."})


def test_every_variable_of_the_minutes_is_documented(minutes_context):
    assert set(minutes_context) - set(CONTEXT_DOCS) == set(), "document the new key in CONTEXT_DOCS"
    assert set(CONTEXT_DOCS) - set(minutes_context) == set(), "CONTEXT_DOCS documents a key build_context lacks"
    rows = [r for g in minutes_context["groups"] for r in g["rows"]]
    assert {k for r in rows for k in r} == set(ROW_DOCS)
    assert minutes_context["document_kind"] == "bien_ban"


def test_what_the_renderer_adds_is_documented():
    assert set(make_environment([]).globals) - set(jinja2.Environment().globals) <= set(RENDER_DOCS)
    source = (REPO / "antq_tui" / "minutes" / "render.py").read_text(encoding="utf-8")
    source += (REPO / "antq_tui" / "minutes" / "docx.py").read_text(encoding="utf-8")
    for key in re.findall(r'"(\w+)": (?:FONTS_DIR|__version__|"…")', source):
        assert key in RENDER_DOCS, key


def test_every_variable_of_the_office_papers_is_documented(tmp_path: Path):
    from antq_tui.services.context import Context
    from antq_tui.testing import PluginWorkspace

    ws = PluginWorkspace(tmp_path)
    ws.answer(ws.create_inspection(), 1, verdict="dat")
    with Context.open(ws.workspace) as ctx:
        data = OfficeData.load(ws.workspace, ctx.store, 2025)
    given: set[str] = set()
    for kind in ("bao_cao", "to_trinh", "thong_ke"):
        context = document_context(ws.workspace, data, kind) | {"fonts_url": ""}
        assert set(context) <= set(DOCUMENT_CONTEXT_DOCS), set(context) - set(DOCUMENT_CONTEXT_DOCS)
        assert context["document_kind"] == kind
        given |= set(context)
    # what one tờ trình per authority adds over the common context (office.to_trinh.Paper.context)
    import inspect

    from antq_tui.office import to_trinh

    per_authority = set(re.findall(r'^\s*"(\w+)":', inspect.getsource(to_trinh.Paper.context), flags=re.M))
    assert per_authority and per_authority <= set(DOCUMENT_CONTEXT_DOCS), per_authority - set(DOCUMENT_CONTEXT_DOCS)
    assert set(DOCUMENT_CONTEXT_DOCS) == given | per_authority, set(DOCUMENT_CONTEXT_DOCS) ^ (given | per_authority)
    from antq_tui.office.records_list import RECORDS_CONTEXT_DOCS, RecordsFor, context

    records = context(ws.workspace, ws.registry.get_set("xa"), RecordsFor(2025)) | {"fonts_url": ""}
    assert set(records) == set(RECORDS_CONTEXT_DOCS) | set(GEN.ISSUER), set(records) ^ (set(RECORDS_CONTEXT_DOCS) | set(GEN.ISSUER))
    assert records["document_kind"] == "ho_so_chuan_bi"
