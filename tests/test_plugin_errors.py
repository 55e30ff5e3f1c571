"""A plugin's mistakes name their source: a check that raises during the visit (plugin, criterion,
file:line, the traceback in a log and on the Plugins screen), a misspelt hook (refused alone, with the
nearest real name), data errors (the id, the valid choices, in Vietnamese), and the trace."""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path

from cli_helpers import run, run_json
from click.testing import CliRunner
from conftest import REPO, write_workspace
from demo_fixture import demo_template, demo_workspace
from tui_helpers import run_async, settle

from antq_tui.cli import main
from antq_tui.criteria import check_identity
from antq_tui.evaluation import ERROR_LOG_NAME, GuardedCheck
from antq_tui.registry import load_registry
from antq_tui.tui.app import AntqApp

RAISES = '''
from antq_tui import hookimpl, AddCriterion, Criterion, Field, Suggestion

def ti_le(values):
    return Suggestion.dat(f"giảm {(values['truoc'] - values['nay']) * 100 / values['truoc']:.1f}%")

@hookimpl
def antq_amendments():
    return [AddCriterion(set_id="xa", criterion=Criterion(
        number=35, group="antt", text="Số vụ giảm", evidence=["Sổ theo dõi"],
        fields=[Field("truoc", "Số vụ năm trước", unit="vụ"), Field("nay", "Số vụ năm nay", unit="vụ")], check=ti_le))]
'''


def _plugin(folder: Path, name: str, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_check_that_raises_during_the_visit_names_plugin_criterion_and_line_and_logs_the_traceback(
        demo_workspace: Path):
    plugin = _plugin(demo_workspace.parent / "plugins", "tinh_loi", RAISES)
    iid = run_json(demo_workspace, "new", "--unit", "Xã Thử", "--kind", "xa", "--year", "2024")["id"]
    out = run_json(demo_workspace, "answer", iid, "35", "--input", "truoc=0", "--input", "nay=0")
    reason = out["suggestion"]["reason"]
    assert out["suggestion"]["verdict"] == "chua_du"
    assert "plugin “tinh_loi”" in reason and "tiêu chí 35 của bộ “xa”" in reason
    assert f"(plugins/tinh_loi.py:{_line_of(plugin, '* 100 /')})" in reason and "chia cho 0" in reason
    log = demo_workspace.parent / "inspections" / ERROR_LOG_NAME
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "ZeroDivisionError" in text and "tinh_loi" in text
    assert f"[{plugin}:{_line_of(plugin, '* 100 /')}]" in text  # the full path
    # the figures were kept, and good ones give a suggestion again
    assert out["inputs"] == {"truoc": 0, "nay": 0}
    again = run_json(demo_workspace, "answer", iid, "35", "--input", "truoc=10", "--input", "nay=5")
    assert again["suggestion"]["verdict"] == "dat"
    # a later `antq plugins` (another process) still names it, from the log
    listed = run(demo_workspace, "plugins").stdout
    assert f"Lỗi khi chạy đã ghi trong {log} (1, mới nhất trước)" in listed and "chia cho 0" in listed


def test_the_guard_keeps_the_fingerprint_of_the_check():
    reg = load_registry([REPO / "plugins"], entry_points=False, isolate=False)
    criterion = next(c for c in reg.get_set("xa").criteria if c.check is not None)
    assert isinstance(criterion.check, GuardedCheck)
    assert check_identity(criterion.check) == check_identity(criterion.check.__wrapped__)
    assert copy.deepcopy(criterion) == criterion  # a copied criterion keeps the same check


@run_async
async def test_the_plugins_screen_lists_errors_when_running_beside_errors_when_loading(tmp_path: Path):
    extra = tmp_path / "tinh"
    _plugin(extra, "tinh_loi", RAISES)
    _plugin(extra, "hong", "raise RuntimeError('thiếu tệp dữ liệu')\n")
    config = write_workspace(tmp_path, plugin_folders=[str(extra)])
    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.workspace is not None
        # what the walk does as the thư ký types 0 and 0
        app.workspace.registry.get_set("xa").criterion(35).suggest({"truoc": 0, "nay": 0}, year=2024)
        await pilot.press("p")
        await pilot.pause()
        await settle(app, pilot)
        loading = str(app.screen.query_one("#problems-title").render())
        running = str(app.screen.query_one("#run-errors-title").render())
        detail = str(app.screen.query_one("#run-errors").render())
        assert loading == "Lỗi khi nạp (1)" and running == "Lỗi khi chạy (1)"
        assert "tinh_loi" in detail and "tiêu chí 35 của bộ “xa”" in detail and "chia cho 0" in detail
        assert ERROR_LOG_NAME in detail


LETTERHEAD_AND_TYPO = '''
from antq_tui import hookimpl

@hookimpl
def antq_template_dirs():
    return ["templates"]

@hookimpl
def antq_amendmets():
    return []

@hookimpl
def calendar():
    return []

@hookimpl
def antq_targets(province):
    return []
'''


def test_a_misspelt_hook_is_refused_alone_with_the_nearest_name_and_the_letterhead_still_loads(tmp_path: Path):
    folder = tmp_path / "tinh" / "tinh_thu"
    (folder / "templates").mkdir(parents=True)
    (folder / "__init__.py").write_text(textwrap.dedent(LETTERHEAD_AND_TYPO), encoding="utf-8")
    reg = load_registry([REPO / "plugins", tmp_path / "tinh"], entry_points=False, isolate=False)
    info = reg.load.info("tinh_thu")
    assert info is not None and info.hooks == ["antq_template_dirs"]
    assert folder / "templates" in reg.template_dirs
    reasons = {p.reason: p for p in reg.problems if p.name == "tinh_thu"}
    typo = next(p for r, p in reasons.items() if "“antq_amendmets”" in r)
    assert "ý bạn là “antq_amendments”?" in typo.reason and typo.line == _line_of(folder / "__init__.py", "amendmets") - 1  # its @hookimpl
    assert any("“calendar”" in r and "ý bạn là “antq_calendar”?" in r for r in reasons)
    assert any("“antq_targets”" in r and "tham số “province”" in r and "không có tham số nào" in r for r in reasons)


def test_data_errors_name_the_item_and_list_the_valid_choices_in_vietnamese(tmp_path: Path):
    extra = tmp_path / "tinh"
    _plugin(extra, "tinh_sai", '''
        from antq_tui import hookimpl, AddCriterion, AmendCriterion, Criterion, Deadline, Target

        @hookimpl
        def antq_amendments():
            return [AmendCriterion(set_id="xaa", number=1, add_evidence=["x"]),
                    AmendCriterion(set_id="xa", number=99, add_evidence=["x"]),
                    AddCriterion(set_id="xa", criterion=Criterion(number=40, group="an_ninh", text="t", evidence=["e"]))]

        @hookimpl
        def antq_eligibility_checks():
            return [{"id": "hai_nam", "title": "Hai năm", "text": "t", "set_ids": ["xa", "phuong"]}]

        @hookimpl
        def antq_calendar():
            return [Deadline(id="so_ket", title="Sơ kết", month=13, day=1),
                    Deadline(id="tong_ket", title="Tổng kết", month=4, day=31)]

        @hookimpl
        def antq_targets():
            return [{"id": "phuong_2025", "title": "30% phường", "year": 2025, "percent": 130, "unit_kinds": ["phuong"]},
                    {"id": "xa_2025", "title": "Xã", "year": 2025, "percent": 10, "kinds": ["xa"]}]
    ''')
    reg = load_registry([REPO / "plugins", extra], entry_points=False, isolate=False)
    reasons = [p.reason for p in reg.problems if p.name == "tinh_sai"]
    joined = "\n".join(reasons)
    assert "không có bộ tiêu chí “xaa”" in joined and "(các bộ: coquan, xa)" in joined
    assert "nhóm “an_ninh”" in joined and "lanh_dao" in joined and "cong_an" in joined
    assert "Mốc thời gian “so_ket”" in joined and "tháng (“month”) phải từ 1 đến 12, không phải 13" in joined
    assert "Mốc thời gian “tong_ket”" in joined and "của tháng 4 phải từ 1 đến 30, không phải 31" in joined
    assert "Chỉ tiêu “phuong_2025”" in joined and "“percent” phải là một số từ 0 đến 100" in joined
    assert "Chỉ tiêu “xa_2025”" in joined and "khóa không biết: kinds" in joined and "unit_kinds" in joined
    assert "bộ “xa” không có tiêu chí 99 (các tiêu chí: 1–34)" in joined
    assert "Điều kiện “hai_nam”" in joined and "không có bộ tiêu chí “phuong” (các bộ: coquan, xa)" in joined
    assert "must be" not in joined and "__init__" not in joined and "argument" not in joined


def test_trace_prints_each_hook_call_with_its_plugin_and_time_and_v_lists_hooks(tmp_path: Path):
    config = write_workspace(tmp_path)
    result = CliRunner().invoke(main, ["--config", str(config), "plugins", "-v"], env={"ANTQ_TRACE_PLUGINS": "1"})
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "antq_criteria_sets returned" in line]
    assert any("[criteria_xa," in line and line.rstrip().endswith("ms]") for line in lines)
    assert "      hook: antq_criteria_sets, antq_eligibility_checks" in result.stdout
    assert run(config, "plugins").stdout.count("hook:") == 0


def test_an_exception_while_loading_or_in_a_hook_names_its_file_and_line_in_vietnamese(tmp_path: Path):
    extra = tmp_path / "tinh"
    imports = _plugin(extra, "thieu_goi", "import os\nimport khong_ton_tai\n")
    hook = _plugin(extra, "hook_loi", """
        from antq_tui import hookimpl

        @hookimpl
        def antq_targets():
            return [1 / 0]
    """)
    reg = load_registry([REPO / "plugins", extra], entry_points=False, isolate=False)
    reasons = {p.name: p.reason for p in reg.problems}
    assert reasons["thieu_goi"].startswith(f"lỗi khi nạp ({imports}:2): thiếu mô-đun (ModuleNotFoundError")
    assert f"lỗi trong antq_targets ({hook}:{_line_of(hook, '1 / 0')}): chia cho 0" in reasons["hook_loi"]
