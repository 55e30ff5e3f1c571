"""Evidence files from the walk: attach a photo to a record, see it listed, open it, refusals."""

from __future__ import annotations

import hashlib
from pathlib import Path

from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023, demo_template, demo_workspace
from tui_helpers import run_async

from antq_tui.services import attachments as service
from antq_tui.tui.app import AntqApp
from antq_tui.tui.screens.walk import open_inspection

SIZE = (80, 24)
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40  # a JPEG's first bytes, then anything


async def settle(app, pilot) -> None:
    """tui_helpers.settle, but for the folder tree's loader, a worker that waits for folders to open
    for as long as the tree is shown."""
    await app.data_ready.wait()
    await app.registry()
    await pilot.pause()
    others = [w for w in app.workers if w.name != "saver" and w.group != "_loader"]
    if others:
        await app.workers.wait_for_complete(others)
    await app.wait_saved()
    await pilot.pause()


def stored_files(app, inspection_id):
    ctx = app.session.thread_context()
    try:
        return service.listing(ctx, inspection_id)
    finally:
        ctx.close()


def text_of(screen, selector) -> str:
    return "\n".join(str(w.render()) for w in screen.query(selector))


def options(screen, selector) -> list[str]:
    widget = screen.query_one(selector)
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


async def open_criterion(app, pilot, inspection_id: str, number: int):
    await settle(app, pilot)
    open_inspection(app, inspection_id)
    await settle(app, pilot)
    await pilot.press("g", *str(number), "enter")
    await settle(app, pilot)
    return app.screen


def test_a_photo_attached_to_record_1_from_the_walk_is_listed_and_copied_with_its_sha256(
        demo_workspace: Path, tmp_path: Path):
    photo = tmp_path / "biên bản [họp] tổ.jpg"
    photo.write_bytes(PHOTO)

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_criterion(app, pilot, THI_TRAN_2023, 20)
            walk.query_one("#ev-seen-0").focus()  # record 1 of criterion 20, as Tab reaches it
            await pilot.press("a")
            await settle(app, pilot)
            screen = app.screen
            assert type(screen).__name__ == "AttachScreen"
            assert options(screen, "#files") == ["Chưa có tệp nào."]
            await pilot.press(*str(photo), "enter")  # typed in one burst, then Enter
            await settle(app, pilot)
            files = stored_files(app, THI_TRAN_2023)
            assert [(f.number, f.evidence_index, f.name) for f in files] == [(20, 0, photo.name)]
            (listed,) = options(screen, "#files")
            assert photo.name in listed and "hồ sơ 1" in listed and files[0].date in listed
            assert "Đã đính kèm" in text_of(screen, "#message")
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is walk
            detail = text_of(walk, ".c-files")
            assert photo.name in detail and files[0].size_label in detail and "hồ sơ 1" in detail
        copy = files[0].path
        assert copy.is_file() and copy.parent.parent.name == "attachments"
        assert "[" not in copy.name and copy.name.endswith(".jpg")
        assert files[0].sha256 == hashlib.sha256(PHOTO).hexdigest() == hashlib.sha256(copy.read_bytes()).hexdigest()

    scenario()


def test_a_missing_or_too_large_file_is_refused_in_vietnamese_and_the_path_stays(
        demo_workspace: Path, tmp_path: Path, monkeypatch):
    big = tmp_path / "quet.pdf"
    big.write_bytes(b"%PDF" + b"0" * 2000)
    monkeypatch.setattr(service, "MAX_SIZE", 1000)

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_criterion(app, pilot, THI_TRAN_2023, 20)
            await pilot.press("a")
            await settle(app, pilot)
            screen = app.screen
            missing = str(tmp_path / "khong_co.jpg")
            await pilot.press(*missing, "enter")
            await settle(app, pilot)
            assert f"Không tìm thấy tệp “{missing}”" in text_of(screen, "#message")
            assert screen.query_one("#path").value == missing
            screen.query_one("#path").value = str(big)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            message = text_of(screen, "#message")
            assert "quá giới hạn" in message and "quet.pdf" in message
        assert stored_files(app, THI_TRAN_2023) == []

    scenario()


def test_a_finalized_inspection_lists_its_files_but_refuses_a_new_one(demo_workspace: Path, tmp_path: Path):
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(PHOTO)

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_criterion(app, pilot, PHIENG_BAN_2023, 3)
            await pilot.press("a")
            await settle(app, pilot)
            screen = app.screen
            assert "đã hoàn thành: chỉ xem và mở tệp" in text_of(screen, ".a-readonly")
            assert not screen.query("#path")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
        assert stored_files(app, PHIENG_BAN_2023) == []

    scenario()


def test_enter_on_a_file_opens_it_with_the_system_viewer_and_no_viewer_gives_a_message(
        demo_workspace: Path, tmp_path: Path, monkeypatch):
    from antq_tui.services import Context
    from antq_tui.workspace import Workspace

    photo = tmp_path / "anh.jpg"
    photo.write_bytes(PHOTO)
    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx:
        service.attach(ctx, THI_TRAN_2023, 20, photo)
    launched: list[list[str]] = []
    monkeypatch.setattr(service, "viewer_command", lambda path: ["xdg-open", str(path)])
    monkeypatch.setattr(service, "launch", launched.append)

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_criterion(app, pilot, THI_TRAN_2023, 20)
            assert "anh.jpg" in text_of(walk, ".c-files")
            await pilot.press("a")
            await settle(app, pilot)
            screen = app.screen
            screen.query_one("#files").focus()
            await pilot.press("enter")
            await settle(app, pilot)
            assert len(launched) == 1 and launched[0][1].endswith("anh.jpg")
            assert "Đang mở “anh.jpg”" in text_of(screen, "#message")
            monkeypatch.setattr(service, "viewer_command", lambda path: None)
            await pilot.press("o")
            await settle(app, pilot)
            message = text_of(screen, "#message")
            assert "không có chương trình xem tệp" in message and "Tệp nằm ở:" in message
            assert len(launched) == 1

    scenario()
