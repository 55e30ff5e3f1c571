"""The loader: plugin folders by path, installed entry points, and every way a plugin can be wrong."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from conftest import REPO, write_workspace

from antq_tui.registry import load_registry

GOOD = '''
from antq_tui import hookimpl, CriteriaSet, Criterion, Group

@hookimpl
def antq_criteria_sets():
    return [CriteriaSet(id="thu", title="Bộ thử", version="1", legal_basis=["QĐ thử"],
                        unit_kinds=["xa"], groups=[Group("g", "Nhóm")],
                        criteria=[Criterion(number=1, group="g", text="Nội dung", evidence=["Hồ sơ"])])]
'''


def make_plugin(folder: Path, name: str, source: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


def problems_by_name(reg):
    return {p.name: p.reason for p in reg.problems}


def test_broken_plugins_are_reported_by_name_and_reason_while_the_others_load(tmp_path: Path):
    extra = tmp_path / "extra"
    make_plugin(extra, "good", GOOD)
    make_plugin(extra, "syntax_error", "def oops(:\n")
    make_plugin(extra, "raises_on_import", "raise RuntimeError('hỏng')\n")
    make_plugin(extra, "typo_hook", "from antq_tui import hookimpl\n@hookimpl\ndef antq_criteria_set():\n    return []\n")
    make_plugin(extra, "raises_in_hook", "from antq_tui import hookimpl\n@hookimpl\ndef antq_criteria_sets():\n    return 1/0\n")
    make_plugin(extra, "duplicate_number", GOOD.replace('id="thu"', 'id="dup"').replace(
        'criteria=[Criterion(number=1, group="g", text="Nội dung", evidence=["Hồ sơ"])]',
        'criteria=[Criterion(number=1, group="g", text="A", evidence=["x"]), '
        'Criterion(number=1, group="g", text="B", evidence=["y"])]'))
    make_plugin(extra, "missing_text", GOOD.replace('id="thu"', 'id="mt"').replace('text="Nội dung", ', ""))
    make_plugin(extra, "check_not_callable", GOOD.replace('id="thu"', 'id="nc"').replace(
        'evidence=["Hồ sơ"])', 'evidence=["Hồ sơ"], check="không phải hàm")'))
    make_plugin(extra, "dict_missing_field", '''
        from antq_tui import hookimpl
        @hookimpl
        def antq_criteria_sets():
            return [{"id": "dm", "title": "T", "version": "1", "legal_basis": ["x"], "unit_kinds": ["xa"],
                     "groups": [{"id": "g", "title": "G"}],
                     "criteria": [{"number": 1, "group": "g", "text": "t"}]}]
    ''')
    make_plugin(extra, "bad_amendment", '''
        from antq_tui import hookimpl, AmendCriterion
        @hookimpl
        def antq_amendments():
            return [AmendCriterion(set_id="khong_co", number=1, add_evidence=["x"]),
                    AmendCriterion(set_id="thu", number=99, add_evidence=["x"]),
                    AmendCriterion(set_id="thu", number=1, add_evidence=["Sổ theo dõi"])]
    ''')
    reg = load_registry([REPO / "plugins", extra], entry_points=False)
    problems = problems_by_name(reg)
    assert "SyntaxError" in problems["syntax_error"]
    assert "hỏng" in problems["raises_on_import"]
    assert "antq_criteria_set" in problems["typo_hook"] and "gõ sai tên" in problems["typo_hook"]
    assert "ZeroDivisionError" in problems["raises_in_hook"]
    assert "tiêu chí 1 bị trùng số" in problems["duplicate_number"]
    assert "thiếu “text”" in problems["missing_text"]
    assert "“check” phải là một hàm" in problems["check_not_callable"]
    assert "thiếu “evidence”" in problems["dict_missing_field"]
    amendment_reasons = [p.reason for p in reg.problems if p.name == "bad_amendment"]
    assert any("không có bộ tiêu chí “khong_co”" in r for r in amendment_reasons)
    assert any("không có tiêu chí 99" in r for r in amendment_reasons)
    # the good plugins still load, and the valid amendment of bad_amendment still applies
    assert {"xa", "coquan", "thu"} <= set(reg.sets)
    thu = reg.get_set("thu").criterion(1)
    assert thu.amended_by == ("bad_amendment",)
    assert thu.evidence == ("Hồ sơ", "Sổ theo dõi")


def test_cli_plugins_lists_failures_and_exits_1(tmp_path: Path):
    extra = tmp_path / "extra"
    make_plugin(extra, "raises_on_import", "import khong_ton_tai\n")
    config = write_workspace(tmp_path, plugin_folders=[extra])
    data = run_json(config, "plugins", expect=1)  # a CI job notices a plugin that failed to load
    names = {p["name"] for p in data["plugins"]}
    assert {"criteria_xa", "criteria_coquan"} <= names
    problem = next(p for p in data["problems"] if p["name"] == "raises_on_import")
    assert "khong_ton_tai" in problem["reason"] and problem["location"].endswith("raises_on_import.py")
    text = run(config, "plugins", expect=1).stdout
    assert "raises_on_import" in text and "ModuleNotFoundError" in text


def test_plugins_exits_1_when_no_criteria_set_loaded(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    config = tmp_path / "config.toml"
    config.write_text(f'[workspace]\nplugin_folders = ["{empty}"]\n', encoding="utf-8")
    from click.testing import CliRunner

    from antq_tui.cli import main

    result = CliRunner().invoke(main, ["--config", str(config), "plugins"], env={"ANTQ_LOAD_PLUGINS": "none"})
    assert result.exit_code == 1
    assert "Bộ tiêu chí: không có" in result.stdout


def test_a_folder_plugin_with_submodules_and_relative_imports_loads(tmp_path: Path):
    pkg = tmp_path / "extra" / "tinh_thu"
    pkg.mkdir(parents=True)
    (pkg / "data.py").write_text(GOOD, encoding="utf-8")
    (pkg / "__init__.py").write_text("from .data import antq_criteria_sets\n__version__ = '2.1'\n", encoding="utf-8")
    reg = load_registry([tmp_path / "extra"], entry_points=False)
    assert reg.get_set("thu").plugin == "tinh_thu"
    assert reg.plugins[0].version == "2.1"


def test_antq_load_plugins_limits_what_loads(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("ANTQ_LOAD_PLUGINS", "criteria_xa")
    reg = load_registry([REPO / "plugins"], entry_points=False)
    assert [p.name for p in reg.plugins] == ["criteria_xa"]


@pytest.mark.parametrize("value", ["[]", "None"])
def test_a_plugin_returning_nothing_is_fine(tmp_path: Path, value: str):
    make_plugin(tmp_path / "x", "nothing", f"from antq_tui import hookimpl\n@hookimpl\ndef antq_criteria_sets():\n    return {value}\n")
    reg = load_registry([tmp_path / "x"], entry_points=False)
    assert not reg.problems and [p.name for p in reg.plugins] == ["nothing"]


def test_amendments_and_office_data_that_do_not_fit_are_reported_not_crashing(tmp_path: Path):
    make_plugin(tmp_path / "x", "tinh_hong", '''
        from antq_tui import hookimpl, AddCriterion, Criterion, Group, Target, Deadline

        @hookimpl
        def antq_amendments():
            return [
                AddCriterion("xa", Criterion(number=90, group="gX", text="A", evidence=["x"]),
                             new_group=Group("gY", "Nhóm Y")),
                {"set_id": "xa", "criterion": {"number": 91, "group": "gZ", "text": "B", "evidence": ["y"]},
                 "new_group": {"title": "không có id"}},
                AddCriterion("xa", Criterion(number=92, group="gW", text="C", evidence=["z"]),
                             new_group=Group("gW", "Nhóm W")),
            ]

        @hookimpl
        def antq_targets():
            return [Target("t1", "30% phường", 2025, "30%", unit_kinds=("phuong",)),
                    {"id": "t2", "title": "x", "year": 2025, "percent": 30, "unit_kinds": "phuong"},
                    Target("t3", "15% cơ quan", 2025, 15, unit_kinds=("co_quan", "ufo")),
                    Target("t4", "ok", 2025, 50, unit_kinds=("thi_tran",))]

        @hookimpl
        def antq_calendar():
            return [Deadline("d1", "sai", "3", 30), Deadline("d2", "đúng", 10, 15)]
    ''')
    reg = load_registry([REPO / "plugins", tmp_path / "x"], entry_points=False)
    reasons = [p.reason for p in reg.problems if p.name == "tinh_hong"]
    assert any("thuộc nhóm “gX” nhưng new_group có id “gY”" in r for r in reasons)
    assert any("thiếu “id”" in r for r in reasons)
    assert any("“percent” phải là một số từ 0 đến 100" in r for r in reasons)
    assert any("cần một danh sách chuỗi" in r for r in reasons)
    assert any("loại đơn vị “ufo” không hợp lệ" in r for r in reasons)
    assert any("“month” phải là số nguyên" in r for r in reasons)
    xa = reg.get_set("xa")
    assert [c.number for c in xa.criteria if c.number >= 90] == [92]  # only the one that fits
    assert xa.group("gW").title == "Nhóm W"
    assert [t.id for t in reg.targets] == ["t4"] and [d.id for d in reg.deadlines] == ["d2"]
