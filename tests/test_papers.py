"""Papers with real names only, the first run, who the log says typed, Settings, and the minutes' wording."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from conftest import REPO, write_workspace
from demo_fixture import PHIENG_BAN_2022, PHIENG_BAN_2023, demo_template, demo_workspace
from tui_helpers import run_async, settle

from antq_tui.services import Context, ServiceError, inspections, minutes, office
from antq_tui.storage import Store
from antq_tui.workspace import Workspace, is_placeholder, setup_needed

SIZE = (80, 24)


def placeholder_workspace(root: Path, *, init: bool = True) -> Path:
    """The repository's own config.toml (its team is "Họ tên trưởng đoàn" …), on the checkout's plugins."""
    root.mkdir(parents=True, exist_ok=True)
    config = root / "config.toml"
    text = (REPO / "config.toml").read_text(encoding="utf-8")
    config.write_text(text.replace('plugin_folders = ["plugins"]', f'plugin_folders = ["{REPO / "plugins"}"]'),
                      encoding="utf-8")
    if init:
        run(config, "init")
    return config


def pdf_text(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# -- placeholders ---------------------------------------------------------------------------------


def test_the_default_config_is_recognised_as_placeholders_and_real_names_are_not():
    assert is_placeholder("Họ tên thư ký") and is_placeholder("họ và tên trưởng đoàn") and is_placeholder("  ")
    assert is_placeholder("Kế hoạch số …/KH-CAH ngày …/…/…")
    assert not is_placeholder("Hồ Tấn Lộc") and not is_placeholder("Cầm Thị Hoa")
    config = Workspace.open(REPO / "config.toml").config
    assert "chưa có tên trưởng đoàn" in setup_needed(config) and "chưa có tên thư ký" in setup_needed(config)


def test_minutes_with_a_placeholder_team_are_refused_naming_the_role(tmp_path: Path):
    config = placeholder_workspace(tmp_path)
    iid = run_json(config, "new", "--unit", "Xã Phiêng Ban", "--kind", "xa", "--year", "2024")["id"]
    result = run(config, "export", iid, expect=2)
    assert "tên thư ký “Họ tên thư ký”" in result.stderr and "tên trưởng đoàn “Họ tên trưởng đoàn”" in result.stderr
    assert "Kế hoạch" in result.stderr or "kế hoạch" in result.stderr  # the plan left with its blanks
    assert not (tmp_path / "inspections" / "bien_ban").exists() or not any((tmp_path / "inspections" / "bien_ban").iterdir())
    ws = Workspace.open(config)
    with Context.open(ws) as ctx, pytest.raises(ServiceError, match="trưởng đoàn"):
        office.report(ctx, 2024)


def test_official_minutes_need_a_representative_and_a_thu_ky(tmp_path: Path):
    config = write_workspace(tmp_path)
    iid = run_json(config, "new", "--unit", "Xã Phiêng Ban", "--kind", "xa", "--year", "2024",
                   "--team", "Lò Văn Thành;Thượng tá;Phó Trưởng Công an huyện;trưởng đoàn")["id"]
    ws = Workspace.open(config, entry_points=False)
    with Context.open(ws) as ctx:
        inspection = inspections.get(ctx, iid)
        for c in inspection.criteria.criteria:
            inspections.set_verdict(ctx, iid, c.number, "dat")
        inspections.finalize(ctx, iid)
        with pytest.raises(ServiceError) as refused:
            minutes.export(ctx, iid, tmp_path / "bb.pdf")
    assert "chưa có thư ký" in str(refused.value) and "chưa có đại diện đơn vị" in str(refused.value)
    assert "mở lại" in str(refused.value)
    assert not (tmp_path / "bb.pdf").exists()


# -- who typed ------------------------------------------------------------------------------------


def test_the_log_says_the_inspections_thu_ky_typed_not_the_first_name_in_config(tmp_path: Path):
    config = placeholder_workspace(tmp_path)
    iid = run_json(config, "new", "--unit", "Xã Phiêng Ban", "--kind", "xa", "--year", "2024",
                   "--team", "Hà Văn Quyết;Thượng tá;Phó Trưởng Công an huyện;trưởng đoàn",
                   "--team", "Lường Văn Khánh;Thượng úy;Cán bộ Đội Tổng hợp;thư ký")["id"]
    run(config, "answer", iid, "1", "--verdict", "dat", "--remark", "Đủ văn bản")
    with Store.open(tmp_path / "inspections" / "antq.db", read_only=True) as store:
        who = {e.who for e in store.audit_entries(iid)}
    assert who == {"Lường Văn Khánh"}


@run_async
async def test_the_tuis_saves_are_logged_as_the_inspections_thu_ky(tmp_path: Path):
    from antq_tui.criteria import Verdict
    from antq_tui.tui.app import AntqApp

    config = write_workspace(tmp_path)  # config's thư ký: Cầm Thị Hoa
    iid = run_json(config, "new", "--unit", "Xã Phiêng Ban", "--kind", "xa", "--year", "2024",
                   "--team", "Lò Văn Thành;Thượng tá;Phó Trưởng Công an huyện;trưởng đoàn",
                   "--team", "Tòng Văn Khánh;Thượng úy;Cán bộ Đội Tổng hợp;thư ký")["id"]
    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.session.set_verdict(iid, 3, Verdict.DAT)
        app.session.set_remark(iid, 3, "Có nghị quyết")
        assert await app.wait_saved()
    with Store.open(tmp_path / "inspections" / "antq.db", read_only=True) as store:
        rows = [e for e in store.audit_entries(iid) if e.action.startswith("answer")]
    assert rows and {e.who for e in rows} == {"Tòng Văn Khánh"}


# -- the first run --------------------------------------------------------------------------------


@run_async
async def test_the_first_run_asks_for_the_team_writes_config_and_then_home_opens(tmp_path: Path):
    from antq_tui.tui.app import AntqApp

    config = placeholder_workspace(tmp_path, init=False)
    text = config.read_text(encoding="utf-8") + '\n[office]\nreport_to = "Công an tỉnh Sơn La"\n'
    config.write_text(text, encoding="utf-8")
    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        assert not (tmp_path / "inspections").exists()  # nothing made before the team says so
        await pilot.press("ctrl+s")  # names still the placeholders: refused, naming the role
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        assert "trưởng đoàn" in str(app.screen.query_one("#setup-error").render())
        for role, name in (("truong_doan", "Hà Văn Quyết"), ("thu_ky", "Tòng Văn Khánh")):
            app.screen.query_one(f"#name-{role}").value = name
        app.screen.query_one("#plan-number").value = "45/KH-CAH"
        app.screen.query_one("#plan-date").value = "5/10/2024"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HomeScreen"
    saved = tomllib.loads(config.read_text(encoding="utf-8"))
    assert saved["office"] == {"report_to": "Công an tỉnh Sơn La"}  # the user's other keys are kept
    names = {m["role"]: m["name"] for m in saved["team"]}
    assert names["trưởng đoàn"] == "Hà Văn Quyết" and names["thư ký"] == "Tòng Văn Khánh"
    assert "thành viên" not in names  # left as the placeholder: dropped, never printed
    assert saved["minutes"]["district_plan"].startswith("Kế hoạch số 45/KH-CAH ngày 05/10/2024 của Công an huyện")
    assert (tmp_path / "inspections" / "antq.db").is_file()

    again = AntqApp(config, entry_points=False)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert type(again.screen).__name__ == "HomeScreen"


@run_async
async def test_a_real_team_with_no_database_gets_the_setup_not_a_silent_empty_database(tmp_path: Path):
    from antq_tui.tui.app import AntqApp

    config = write_workspace(tmp_path, init=False)
    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        assert app.screen.query_one("#name-thu_ky").value == "Cầm Thị Hoa"  # prefilled from config.toml
        await pilot.press("escape")
    assert not (tmp_path / "inspections").exists()


@pytest.mark.parametrize("args", [
    ("new", "--unit", "Xã Phiêng Ban", "--kind", "xa", "--year", "2024"),
    ("answer", "abcd1234", "1", "--verdict", "dat"),
    ("visit", "abcd1234", "--place", "Hội trường"),
    ("export", "abcd1234"),
    ("bundle", "import", "khong-co.antq"),
    ("bundle", "export", "--out", "x.antq"),
    ("list",),
    ("verify",),
    ("stats",),
])
def test_no_command_but_init_and_demo_creates_a_missing_database(tmp_path: Path, args):
    config = write_workspace(tmp_path, init=False)
    result = run(config, *args, expect=None)
    assert "Traceback" not in result.output
    assert not (tmp_path / "inspections").exists()
    if args[0] not in ("list",):
        assert result.exit_code == 2


def test_antq_init_creates_the_data_folder_once_and_keeps_it(tmp_path: Path):
    config = write_workspace(tmp_path, init=False)
    first = run_json(config, "init")
    assert first["created_database"] and not first["created_config"] and first["missing"] == []
    iid = run_json(config, "new", "--unit", "Xã Phiêng Ban", "--kind", "xa", "--year", "2024")["id"]
    again = run_json(config, "init")
    assert not again["created_database"]
    assert [r["id"] for r in run_json(config, "list")] == [iid]
    elsewhere = tmp_path / "khac" / "config.toml"
    out = run(elsewhere, "init", "--data-folder", str(tmp_path / "usb" / "du_lieu")).stdout
    assert "Đã tạo tệp cấu hình" in out and "chưa có tên thư ký" in out
    assert (tmp_path / "usb" / "du_lieu" / "antq.db").is_file()
    assert tomllib.loads(elsewhere.read_text(encoding="utf-8"))["workspace"]["data_folder"] == str(tmp_path / "usb" / "du_lieu")


def test_a_refused_import_into_a_workspace_with_no_database_leaves_no_file(tmp_path: Path):
    config = write_workspace(tmp_path, init=False)
    junk = tmp_path / "hong.antq"
    junk.write_bytes(b"PK\x03\x04 not a bundle at all")
    result = run(config, "bundle", "import", str(junk), expect=2)
    assert "antq init" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml", "hong.antq"]


# -- Settings -------------------------------------------------------------------------------------


@run_async
async def test_settings_esc_with_nothing_changed_closes_without_asking(tmp_path: Path):
    from antq_tui.tui.app import AntqApp
    from antq_tui.tui.screens.settings import SettingsScreen

    (tmp_path / "a").mkdir()
    for config in (write_workspace(tmp_path / "a"), placeholder_workspace(tmp_path / "b")):
        app = AntqApp(config, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if type(app.screen).__name__ == "HomeScreen":
                await settle(app, pilot)
                await pilot.press("c")
            else:  # the placeholders (and a plan left as "Kế hoạch số …"): Settings over the setup
                await app.push_screen(SettingsScreen())
            await pilot.pause()
            assert type(app.screen).__name__ == "SettingsScreen"
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ not in ("ConfirmDialog", "SettingsScreen"), config


@run_async
async def test_settings_edit_the_plan_and_the_copies_and_the_minutes_print_them(tmp_path: Path):
    from antq_tui.tui.app import AntqApp

    config = write_workspace(tmp_path)
    iid = run_json(config, "new", "--unit", "Xã Phiêng Ban", "--kind", "xa", "--year", "2024",
                   "--rep", "Lò Văn Hải;Chủ tịch UBND xã")["id"]
    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#plan-number").value = "45/KH-CAH"
        screen.query_one("#plan-date").value = "31/02/2024"
        screen.query_one("#copies").value = "3"
        await pilot.press("ctrl+s")  # a day that does not exist: refused, the form kept
        await pilot.pause()
        assert "31/02/2024" in str(screen.query_one("#settings-error").render())
        await pilot.press("escape")  # closes the error's dialog
        await pilot.pause()
        await pilot.press("escape")  # asks: the form differs from config.toml
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")
        screen.query_one("#plan-date").value = "05/10/2024"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # saved: nothing to ask
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    saved = tomllib.loads(config.read_text(encoding="utf-8"))["minutes"]
    assert saved["copies"] == 3
    assert saved["district_plan"].startswith("Kế hoạch số 45/KH-CAH ngày 05/10/2024 của Công an huyện Bắc Yên về")
    out = run_json(config, "export", iid, "--html", "--out", str(tmp_path / "bb.html"))
    html = flat(Path(out["path"]).read_text(encoding="utf-8"))
    assert "Kế hoạch số 45/KH-CAH ngày 05/10/2024 của Công an huyện Bắc Yên" in html
    assert "được lập thành 03 bản" in html and "Đoàn kiểm tra giữ 02 bản" in html
    assert "…/KH-CAH" not in html


# -- the minutes' wording -------------------------------------------------------------------------


def test_prose_keeps_the_finding_and_drops_hints_and_program_notes():
    from antq_tui.minutes.context import prose

    assert prose("có 1 trường hợp bị kỷ luật — đoàn xem xét trước khi đề nghị công nhận") == "có 1 trường hợp bị kỷ luật"
    assert prose("4 bằng khen, giấy khen (ít nhất 01)") == "4 bằng khen, giấy khen"
    assert prose("giảm 7,1% (42 → 39 vụ): đạt mức giảm ≥ 5%") == "giảm 7,1% (từ 42 vụ xuống 39 vụ)"
    assert (prose("giảm 16,7% (18 → 15 người): chưa đạt mức giảm ≥ 20% (năm trước trên 10 người)")
            == "giảm 16,7% (từ 18 người xuống 15 người): chưa đạt mức giảm từ 20% trở lên (năm trước trên 10 người)")
    assert prose("tăng 10,5% (38 → 42 vụ): không kiềm chế được") == "tăng 10,5% (từ 38 vụ lên 42 vụ): không kiềm chế được"


def test_the_demo_minutes_say_each_thing_once_and_print_no_hint(demo_workspace: Path, tmp_path: Path):
    from antq_tui.minutes.context import build_context

    ws = Workspace.open(demo_workspace, entry_points=False)
    with Context.open(ws) as ctx:
        for iid in (PHIENG_BAN_2022, PHIENG_BAN_2023):
            text = pdf_text(minutes.export(ctx, iid, tmp_path / f"{iid}.pdf").path)
            words = flat(text)
            for hint in ("đoàn xem xét trước khi đề nghị công nhận", "đoàn cân nhắc"):
                assert hint not in words, hint
            # what antq writes in Ghi chú and the conditions is prose (the team's own remarks may say anything)
            context = build_context(inspections.get(ctx, iid), ws.config)
            written = [r["reason"] for g in context["groups"] for r in g["rows"]] + [
                e["reason"] for e in context["eligibility"]]
            assert any("giảm" in w for w in written)
            for note in ("(ít nhất", "≥", "→"):
                assert not any(note in w for w in written), note
            # the conditions: the result once, no sentence repeating the title or the yes/no answer
            conditions = words[words.index("III. ĐIỀU KIỆN"):words.index("IV. KẾT QUẢ")]
            assert "Năm trước đạt “An toàn về an ninh, trật tự”" not in conditions
            assert "Năm trước được công nhận đạt tiêu chuẩn" not in conditions
            assert "Đoàn kết nội bộ: Đạt." in conditions and "Nội bộ đoàn kết" not in conditions
            sentences = [s.strip() for s in re.split(r"[.;]", conditions) if s.strip()]
            assert len(sentences) == len(set(sentences))
            # the legal basis names the criteria set once
            basis = words[words.index("1. Căn cứ"):words.index("2. Phương pháp")]
            assert basis.count("Bộ tiêu chí") == 1
            assert "Kế hoạch số 312/KH-UBND" in basis
            # never broken across a narrow column's lines
            assert "Không\nđạt" not in text and "PHIÊNG\nBAN" not in text
            assert "ĐẠI\u00a0DIỆN\nXÃ\u00a0PHIÊNG\u00a0BAN" in text
            assert ("Không\u00a0đạt" in text) == (iid == PHIENG_BAN_2022)  # 2022 failed three criteria


def test_no_placeholder_reaches_the_demo_minutes(demo_workspace: Path):
    ws = Workspace.open(demo_workspace, entry_points=False)
    with Context.open(ws) as ctx:
        inspection = inspections.get(ctx, PHIENG_BAN_2023)
        assert minutes.unfilled(inspection, ws.config) == []
    shutil.rmtree(demo_workspace.parent / "inspections" / "bien_ban", ignore_errors=True)


@run_async
async def test_after_ctrl_s_the_eligibility_step_is_drawn_with_no_walk_beneath(tmp_path: Path):
    from tui_helpers import make_workspace

    from antq_tui.tui.app import AntqApp

    app = AntqApp(make_workspace(tmp_path), entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Xã Phiêng Ban")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        stack = [type(s).__name__ for s in app.screen_stack]
        assert stack[-1] == "EligibilityScreen" and "WalkScreen" not in stack, stack
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "WalkScreen"
