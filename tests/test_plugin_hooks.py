"""Hooks are called through pluggy: tracing, hook arguments, tryfirst, and a contract that can grow."""

from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO, write_workspace

from antq_tui.cli import main
from antq_tui.hookspecs import hookspec
from antq_tui.plugins import call_each, load_plugins
from antq_tui.registry import build_registry, load_registry

SET = '''
from antq_tui import hookimpl, CriteriaSet, Criterion, Group

def make(title):
    return CriteriaSet(id="thu", title=title, version="1", legal_basis=["QĐ thử"], unit_kinds=["xa"],
                       groups=[Group("g", "Nhóm")],
                       criteria=[Criterion(number=1, group="g", text="Nội dung", evidence=["Hồ sơ"])])
'''


def make_plugin(folder: Path, name: str, source: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


class LaterSpecs:
    """The contract as a later antq might have it: ``antq_criteria_sets`` gains an argument."""

    @hookspec
    def antq_criteria_sets(self, province):
        """Provide whole criteria sets, knowing the workspace's province."""


def test_a_plugin_written_against_todays_spec_still_loads_when_the_spec_gains_an_argument(tmp_path: Path):
    folder = tmp_path / "extra"
    make_plugin(folder, "today", SET + '''
@hookimpl
def antq_criteria_sets():
    return [make("Bộ viết theo hook hôm nay")]
''')
    make_plugin(folder, "later", SET.replace('id="thu"', 'id="sau"') + '''
@hookimpl
def antq_criteria_sets(province):
    return [make(f"Bộ của tỉnh {province}")]
''')
    load = load_plugins([folder], entry_points=False, specs=LaterSpecs)
    assert not load.problems, load.problems
    answers = {info.name: value for info, value in call_each(load, "antq_criteria_sets", province="Sơn La")}
    assert answers["today"][0].title == "Bộ viết theo hook hôm nay"
    assert answers["later"][0].title == "Bộ của tỉnh Sơn La"


def test_a_plugin_naming_an_argument_no_spec_has_is_reported_and_the_others_load(tmp_path: Path):
    folder = tmp_path / "extra"
    make_plugin(folder, "too_new", SET + '''
@hookimpl
def antq_criteria_sets(province):
    return [make("x")]
''')
    reg = load_registry([REPO / "plugins", folder], entry_points=False)
    reason = next(p.reason for p in reg.problems if p.name == "too_new")
    assert "không đăng ký được" in reason and "province" in reason
    assert {"xa", "coquan"} <= set(reg.sets)


def test_the_plugin_loaded_last_is_called_first_unless_one_asks_tryfirst(tmp_path: Path):
    folder = tmp_path / "extra"
    make_plugin(folder, "a_first", SET + '''
@hookimpl
def antq_criteria_sets():
    return [make("A")]
''')
    make_plugin(folder, "b_second", SET + '''
@hookimpl
def antq_criteria_sets():
    return [make("B")]
''')
    reg = build_registry(load_plugins([folder], entry_points=False))
    assert reg.get_set("thu").title == "B"  # the set of the same id from the plugin called later is refused
    assert any(p.name == "a_first" and "đã có" in p.reason for p in reg.problems)

    make_plugin(folder, "a_first", SET + '''
@hookimpl(tryfirst=True)
def antq_criteria_sets():
    return [make("A")]
''')
    reg = build_registry(load_plugins([folder], entry_points=False))
    assert reg.get_set("thu").title == "A"
    assert any(p.name == "b_second" and "đã có" in p.reason for p in reg.problems)


def test_a_hook_wrapper_wraps_each_plugins_call(tmp_path: Path):
    folder = tmp_path / "extra"
    make_plugin(folder, "provider", SET + '''
@hookimpl
def antq_criteria_sets():
    return [make("Gốc")]
''')
    make_plugin(folder, "wrapper", '''
        import dataclasses
        from antq_tui import hookimpl

        @hookimpl(wrapper=True)
        def antq_criteria_sets():
            answers = yield
            return [[dataclasses.replace(s, title=s.title + " (đã bọc)") for s in a] for a in answers]
    ''')
    reg = build_registry(load_plugins([folder], entry_points=False))
    assert reg.get_set("thu").title == "Gốc (đã bọc)"


def test_antq_trace_plugins_prints_each_hook_call(tmp_path: Path):
    config = write_workspace(tmp_path)
    result = CliRunner().invoke(main, ["--config", str(config), "plugins"], env={"ANTQ_TRACE_PLUGINS": "1"})
    assert result.exit_code == 0, result.output
    for plugin in ("criteria_xa", "criteria_coquan"):
        assert f"antq_criteria_sets() → {plugin}" in result.stderr
        assert f"antq_eligibility_checks() → {plugin}" in result.stderr
    assert "antq_criteria_sets returned list of 1" in result.stderr
    quiet = CliRunner().invoke(main, ["--config", str(config), "plugins"], env={"ANTQ_TRACE_PLUGINS": ""})
    assert "antq_criteria_sets()" not in quiet.stderr


def test_antq_authorities_adds_a_province_rule_and_a_wrong_one_is_reported(tmp_path: Path):
    folder = tmp_path / "extra"
    make_plugin(folder, "bac_kan", '''
from antq_tui import hookimpl

@hookimpl
def antq_authorities():
    return [{"id": "ubnd_tinh_qua_ca", "name": "Ủy ban nhân dân tỉnh {province}", "levels": ["huyen"],
             "unit_kinds": ["co_quan"], "deadline": "15/10"},
            {"id": "sai", "name": "Cơ quan", "deadline": "ngày mai"}]
''')
    reg = load_registry([folder], entry_points=False, isolate=False)
    assert [a.id for a in reg.authorities] == ["ubnd_tinh_qua_ca"] and reg.authorities[0].source == "bac_kan"
    assert any("deadline" in p.reason and p.name == "bac_kan" for p in reg.problems)
