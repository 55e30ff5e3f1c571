"""Bundles in the TUI: export from home (b), import with a dry run first, refusals in a dialog."""

from __future__ import annotations

from pathlib import Path

from demo_fixture import THI_TRAN_2023, demo_template, demo_workspace
from tui_helpers import make_workspace, run_async, settle

from antq_tui.criteria import Verdict
from antq_tui.exchange.export import export_bundle
from antq_tui.keys import load_key
from antq_tui.storage import Store
from antq_tui.tui.app import AntqApp
from antq_tui.workspace import Workspace

SIZE = (80, 24)


def screen_name(app) -> str:
    return type(app.screen).__name__


def report(app) -> str:
    return str(app.screen.query_one("#report").render())


def store_of(config: Path) -> Store:
    return Store.for_workspace(Workspace.open(config, entry_points=False))


async def open_bundles(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("b")
    await settle(app, pilot)
    assert screen_name(app) == "BundleScreen"


async def type_import_path(app, pilot, path: Path) -> None:
    app.screen.query_one("#in").focus()
    await pilot.press(*str(path), "enter")
    await settle(app, pilot)


def test_export_the_selected_inspection_then_import_it_on_another_laptop(demo_workspace: Path, tmp_path: Path):
    usb = tmp_path / "usb"

    @run_async
    async def export_from_a():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_bundles(app, pilot)
            assert app.screen.query_one("#scope").value == "one"  # the inspection selected on home
            assert app.screen.selected.unit == "Thị trấn Bắc Yên"
            app.screen.query_one("#out").focus()
            await pilot.press(*str(usb))
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            shown = report(app)
            assert "Đã xuất gói" in shown and str(usb) in shown and "kB" in shown
            assert "1 cuộc kiểm tra" in shown

    export_from_a()
    [bundle] = list(usb.glob("*.antq"))
    assert bundle.name.startswith("thi-tran-bac-yen-2023-")

    other = make_workspace(tmp_path / "b")

    @run_async
    async def import_into_b():
        app = AntqApp(other, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_bundles(app, pilot)
            await type_import_path(app, pilot, bundle)
            assert screen_name(app) == "ConfirmDialog", "an unknown signer is asked about first"
            with store_of(demo_workspace) as a:
                fingerprint = load_key(a.data_dir).fingerprint
            assert "chưa được tin cậy" in app.screen.question and fingerprint in app.screen.question
            await pilot.press("y")
            await settle(app, pilot)
            assert screen_name(app) == "ConfirmDialog", "a dry run is shown before anything is written"
            question = app.screen.question
            assert f"khóa {fingerprint}" in question and "không mã hóa" in question
            assert "Thêm mới (1)" in question and "Thị trấn Bắc Yên năm 2023" in question
            assert "Nhập gói này vào cơ sở dữ liệu?" in question
            with store_of(other) as store:
                assert store.list_inspections() == [], "the dry run writes nothing"
            await pilot.press("y")
            await settle(app, pilot)
            assert "Đã nhập" in report(app)
            await pilot.press("escape")
            await settle(app, pilot)
            assert screen_name(app) == "HomeScreen"
            assert [r.unit_name for r in app.screen.rows] == ["Thị trấn Bắc Yên"], "home shows the imported one"

    import_into_b()
    with store_of(other) as store:
        [row] = store.list_inspections()
        assert row.id == THI_TRAN_2023 and row.assessed == 17


def test_a_draft_changed_on_both_laptops_is_listed_as_a_conflict_and_both_are_kept(demo_workspace: Path,
                                                                                   tmp_path: Path):
    other = make_workspace(tmp_path / "b")
    first = tmp_path / "first.antq"
    with store_of(demo_workspace) as a:
        export_bundle(a, first, inspection_ids=[THI_TRAN_2023])
    with store_of(other) as b:
        from antq_tui.exchange.merge import import_bundle

        import_bundle(b, first, trust_signer=True)
        b.set_verdict(THI_TRAN_2023, 1, Verdict.KHONG_DAT)  # laptop B changes its copy
    second = tmp_path / "second.antq"
    with store_of(demo_workspace) as a:
        a.set_remark(THI_TRAN_2023, 2, "Sửa ở máy A")  # and laptop A its own
        export_bundle(a, second, inspection_ids=[THI_TRAN_2023])

    @run_async
    async def scenario():
        app = AntqApp(other, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_bundles(app, pilot)
            await type_import_path(app, pilot, second)
            assert screen_name(app) == "ConfirmDialog"
            question = app.screen.question
            assert "Xung đột" in question and "giữ cả hai bản" in question
            assert "cả hai bên cùng sửa bản nháp" in question
            await pilot.press("y")
            await settle(app, pilot)
            await pilot.press("escape")
            await settle(app, pilot)
            assert [r.unit_name for r in app.screen.rows] == ["Thị trấn Bắc Yên"] * 2

    scenario()


def test_a_damaged_bundle_is_refused_in_a_dialog_and_nothing_changes(demo_workspace: Path, tmp_path: Path):
    whole = tmp_path / "whole.antq"
    with store_of(demo_workspace) as a:
        export_bundle(a, whole)
    cut = tmp_path / "cut.antq"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    other = make_workspace(tmp_path / "b")

    @run_async
    async def scenario():
        app = AntqApp(other, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_bundles(app, pilot)
            await type_import_path(app, pilot, cut)
            assert screen_name(app) == "MessageDialog"
            assert app.screen.title_text == "Gói bị từ chối"
            assert "không trọn vẹn" in app.screen.message and "Traceback" not in app.screen.message
            await pilot.press("escape")
            await pilot.pause()
            not_a_bundle = tmp_path / "ghi-chu.antq"
            not_a_bundle.write_text("không phải gói", encoding="utf-8")
            app.screen.query_one("#in").clear()
            await type_import_path(app, pilot, not_a_bundle)
            assert "không phải gói dữ liệu antq" in app.screen.message

    scenario()
    with store_of(other) as store:
        assert store.list_inspections() == []


def test_an_encrypted_export_and_a_stranger_refused_at_the_trust_question(demo_workspace: Path, tmp_path: Path):
    from bundle_fixtures import dump_hash

    from antq_tui.exchange.merge import import_bundle

    other = make_workspace(tmp_path / "b")
    with store_of(other) as b:  # the office: its key, exported for the team
        office_pub = tmp_path / "office.pub"
        from antq_tui.keys import load_or_create_key

        office_key = load_or_create_key(b.data_dir, b.database_id)
        office_pub.write_text(office_key.public.to_text(), encoding="utf-8")
    usb = tmp_path / "usb"

    @run_async
    async def export_encrypted():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_bundles(app, pilot)
            app.screen.query_one("#out").focus()
            await pilot.press(*str(usb))
            app.screen.query_one("#to").focus()
            await pilot.press(*str(office_pub))
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert f"mã hóa cho khóa {office_key.fingerprint}" in report(app)

    export_encrypted()
    [sealed] = list(usb.glob("*.antq"))
    assert sealed.read_bytes().startswith(b"antq-sealed-v1\n"), "not a zip anyone could open"

    db = other.parent / "inspections" / "antq.db"
    before = dump_hash(db)

    @run_async
    async def refuse_the_stranger():
        app = AntqApp(other, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_bundles(app, pilot)
            await type_import_path(app, pilot, sealed)
            assert screen_name(app) == "ConfirmDialog" and "Dấu vân tay" in app.screen.question
            await pilot.press("n")
            await settle(app, pilot)
            assert "khóa ký chưa được tin cậy" in report(app)

    refuse_the_stranger()
    assert dump_hash(db) == before, "answering no to the trust question writes nothing"
    with store_of(other) as b:
        assert import_bundle(b, sealed, trust_signer=True).encrypted
