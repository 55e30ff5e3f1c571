"""Helpers for the TUI tests: a workspace with an extra test plugin, and a way to drive the app."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import write_workspace

#: A province-style plugin: adds a criterion with figures and a check to the commune set, and an
#: eligibility condition. Generic over whatever the official set contains.
TEST_PLUGIN = '''
from antq_tui import hookimpl, AddCriterion, Criterion, Field, Suggestion, EligibilityCheck, Deadline

def _check(inputs):
    before, after = inputs["vu_truoc"], inputs["vu_nay"]
    if after < before:
        return Suggestion.dat(f"giảm ({before} → {after} vụ)")
    return Suggestion.khong_dat(f"không giảm ({before} → {after} vụ)")

def _elig(inputs):
    return Suggestion.dat("xếp loại Khá") if inputs["loai"] in ("Khá", "Tốt") else Suggestion.khong_dat("dưới Khá")

@hookimpl
def antq_amendments():
    return [AddCriterion(set_id="xa", note="QĐ thử của tỉnh", criterion=Criterion(
        number=900, group="antt", text="Số vụ phạm pháp hình sự giảm so với năm trước.",
        evidence=("Báo cáo thống kê tội phạm", "Sổ theo dõi"),
        fields=(Field("vu_truoc", "Số vụ năm trước", unit="vụ"), Field("vu_nay", "Số vụ năm nay", unit="vụ")),
        check=_check))]

@hookimpl
def antq_eligibility_checks():
    return [EligibilityCheck(id="xep_loai", title="Xếp loại phong trào năm trước", text="Đạt loại Khá trở lên.",
                             set_ids=("xa",), fields=(Field("loai", "Xếp loại", type="choice",
                             choices=("Tốt", "Khá", "Trung bình", "Yếu")),), check=_elig)]

@hookimpl
def antq_calendar():
    return [Deadline(id="xet", title="Cấp huyện xét, công nhận", month=10, day=15)]
'''


def make_workspace(root: Path) -> Path:
    extra = root / "plugins_extra"
    extra.mkdir(parents=True, exist_ok=True)
    (extra / "tinh_thu.py").write_text(textwrap.dedent(TEST_PLUGIN), encoding="utf-8")
    return write_workspace(root, plugin_folders=[str(extra)])


def sample(field, i: int):
    """A value a thư ký might type into ``field``, and what it reads as."""
    import datetime as dt

    if field.type == "integer":
        return str(42 - 3 * i), 42 - 3 * i
    if field.type == "yesno":
        return "có", True
    if field.type == "choice":
        return field.choices[0], field.choices[0]
    if field.type == "date":
        return "12/10/2023", dt.date(2023, 10, 12)
    return "ghi chú", "ghi chú"


def run_async(test):
    """Run an ``async def`` test with asyncio (the suite has no async pytest plugin)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle(app, pilot) -> None:
    """Wait until plugins are loaded, every worker but the saver is done, every key was handled and every save
    was written."""
    await app.data_ready.wait()
    await app.registry()
    await pilot.pause()
    others = [w for w in app.workers if w.name != "saver"]
    if others:  # an empty list would mean "all", the saver included, which never ends
        await app.workers.wait_for_complete(others)
    key_order = app.__dict__.get("key_order")
    if key_order is not None:  # keys given in a burst are handled one by one
        await key_order.drained()
    await app.wait_saved()
    await pilot.pause()
