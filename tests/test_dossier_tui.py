"""The dossier screen (summary, d) and the eligibility lists in the eligibility screen: filled from the
keyboard, saved, and shown as the command line shows them."""

from __future__ import annotations

from pathlib import Path

from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023, demo_template, demo_workspace
from tui_helpers import run_async, settle

from antq_tui.services import Context, dossier
from antq_tui.storage import Store
from antq_tui.tui.app import AntqApp
from antq_tui.workspace import Workspace

SIZE = (80, 24)


def stored_dossier(config: Path, inspection_id: str):
    with Context.open(Workspace.open(config, entry_points=False)) as ctx:
        insp = ctx.store.get_inspection(inspection_id)
        return dossier.dossier(ctx, insp.unit, insp.year)


def stored(config: Path, inspection_id: str):
    with Store.for_workspace(Workspace.open(config, entry_points=False)) as store:
        return store.get_inspection(inspection_id), store.eligibility_cases(inspection_id)


async def open_summary(app, pilot, inspection_id: str) -> None:
    from antq_tui.tui.screens.walk import open_inspection

    await settle(app, pilot)
    open_inspection(app, inspection_id)
    await settle(app, pilot)
    await pilot.press("s")
    await settle(app, pilot)


def test_the_dossier_is_filled_from_the_summary_screen(demo_workspace: Path, tmp_path: Path):
    scan = tmp_path / "to trinh.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_summary(app, pilot, PHIENG_BAN_2023)
            await pilot.press("d")
            await settle(app, pilot)
            assert type(app.screen).__name__ == "DossierScreen"
            assert "0/3 mục" in str(app.screen.query_one("#dossier-status").render())
            block = app.screen.query_one("#item-to_trinh")
            block.query_one(".item-number").focus()
            await pilot.press(*"12/TTr-UBND", "tab", *"31/02/2023")
            await settle(app, pilot)
            assert "không có" in str(block.query_one(".item-error").render())
            for _ in range(10):
                await pilot.press("backspace")
            await pilot.press(*"02/10/2023")
            await settle(app, pilot)
            assert str(block.query_one(".item-error").render()) == ""
            block.query_one(".item-file").focus()
            await pilot.press(*str(tmp_path / "missing.pdf"), "enter")
            await settle(app, pilot)
            assert "Không tìm thấy tệp" in str(block.query_one(".item-error").render())
            block.query_one(".item-file").value = str(scan)
            await pilot.press("enter")
            await settle(app, pilot)
            assert "Tệp đã kèm: to trinh.pdf" in str(block.query_one(".item-file-line").render())
            assert "1/3 mục" in str(app.screen.query_one("#dossier-status").render())
            await pilot.press("escape", "escape")
            await settle(app, pilot)
            assert type(app.screen).__name__ == "SummaryScreen"

    scenario()
    item = stored_dossier(demo_workspace, PHIENG_BAN_2023).item("to_trinh")
    assert (item.number, item.date_label, item.file_name) == ("12/TTr-UBND", "02/10/2023", "to trinh.pdf")
    assert item.complete


def test_cases_are_listed_in_the_eligibility_screen_and_the_count_follows(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_summary(app, pilot, THI_TRAN_2023)
            await pilot.press("v")
            await settle(app, pilot)
            assert type(app.screen).__name__ == "EligibilityScreen"
            block = app.screen.query_one("#check-xa_ky_luat")
            case_input = block.query_one("#case-disciplined_count")
            case_input.focus()
            await pilot.press(*"Nguyễn Văn A|Cảnh cáo|12/05/2023|Đã xử lý", "enter")
            await settle(app, pilot)
            assert "1. Nguyễn Văn A · Cảnh cáo · 12/05/2023 · Đã xử lý" in str(
                block.query_one("#cases-disciplined_count").render())
            assert block.query_one("#in-disciplined_count").value == "1"
            case_input.focus()
            await pilot.press(*"Lò Văn B|Cách chức|bad", "enter")
            await settle(app, pilot)
            assert "dd/mm/yyyy" in str(block.query_one("#cases-disciplined_count").render())
            assert case_input.value == "Lò Văn B|Cách chức|bad", "what was typed stays to be corrected"
            assert block.query_one("FieldInput").disabled, "a count its list decides is not typed"
            case_input.value = ""
            await pilot.press(*"Lò Văn B|Cách chức|03/04/2023|Đã xử lý", "enter")
            await settle(app, pilot)
            assert block.query_one("#in-disciplined_count").value == "2"
            await pilot.press("-", "1", "enter")  # takes case 1 off
            await settle(app, pilot)
            shown = str(block.query_one("#cases-disciplined_count").render())
            assert "Nguyễn Văn A" not in shown and "Lò Văn B" in shown
            assert block.query_one("#in-disciplined_count").value == "1"

    scenario()
    inspection, cases = stored(demo_workspace, THI_TRAN_2023)
    assert [c.name for c in cases] == ["Lò Văn B"]
    assert inspection.eligibility["xa_ky_luat"].inputs["disciplined_count"] == 1


def test_a_new_inspection_of_a_pre_school_is_warned_about_the_scope_of_qd_510(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("n")
            await settle(app, pilot)
            assert type(app.screen).__name__ == "NewInspectionScreen"
            await pilot.press(*"Trường Mầm non Hoa Ban")
            await settle(app, pilot)
            note = str(app.screen.query_one("#scope-note").render())
            assert "không thuộc đối tượng" in note and "510/QĐ-BCA-V05" in note
            assert app.screen.query_one("#subtype-row").display
            app.screen.query_one("#unit-name").value = "Công ty TNHH Hoa Ban"
            app.screen.query_one("#kind").value = "doanh_nghiep"
            await settle(app, pilot)
            assert str(app.screen.query_one("#scope-note").render()) == ""
            app.screen.query_one("#subtype").value = "dn_nho"
            await settle(app, pilot)
            assert "Doanh nghiệp nhỏ, siêu nhỏ không thuộc" in str(app.screen.query_one("#scope-note").render())

    scenario()


def test_the_summary_footer_names_the_dossier_key_at_80_columns(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_summary(app, pilot, THI_TRAN_2023)
            footer = app.screen.query_one("AntqFooter")
            keys = [b.key for b in footer.query("FooterKey") if b.region.right <= 80 and b.region.width]
            assert "d" in keys, keys

    scenario()
