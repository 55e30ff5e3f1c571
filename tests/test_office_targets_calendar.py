"""Targets (antq_targets) with progress over the registry, and the yearly calendar (antq_calendar)."""

from __future__ import annotations

import datetime as dt

import pytest
from office_fixtures import COMMUNES, ELIGIBILITY, registry

from antq_tui.criteria import Deadline, Target
from antq_tui.evaluation import Evaluator
from antq_tui.inspection import Unit
from antq_tui.office.calendar import next_deadline, upcoming
from antq_tui.office.targets import Recognition, progress, target_progress
from antq_tui.storage import Store

BK = (
    Deadline("dang_ky", "Đăng ký trước 30/3", 3, 30),
    Deadline("xa", "Cấp xã xong trước 01/10", 10, 1),
    Deadline("huyen", "Cấp huyện xong trước 15/10", 10, 15),
    Deadline("tinh", "Cấp tỉnh xong trước 25/10", 10, 25),
)


def test_next_deadline_within_the_year_and_today():
    deadline, date, days = next_deadline(BK, dt.date(2024, 10, 2))
    assert (deadline.id, date, days) == ("huyen", dt.date(2024, 10, 15), 13)
    today = next_deadline(BK, dt.date(2024, 10, 15))
    assert (today.deadline.id, today.days_left, today.days_label) == ("huyen", 0, "hôm nay")
    assert today.label == "Cấp huyện xong trước 15/10: 15/10/2024 (hôm nay)"


def test_next_deadline_across_the_year_boundary():
    nxt = next_deadline(BK, dt.date(2024, 12, 20))
    assert (nxt.deadline.id, nxt.date, nxt.days_left) == ("dang_ky", dt.date(2025, 3, 30), 100)
    assert [u.date.year for u in upcoming(BK, dt.date(2024, 10, 26))] == [2025] * 4
    assert next_deadline([], dt.date(2024, 1, 1)) is None


def test_29_february_falls_on_the_28th_in_a_common_year():
    leap = Deadline("x", "Ngày nhuận", 2, 29)
    assert next_deadline([leap], dt.date(2025, 1, 1)).date == dt.date(2025, 2, 28)
    assert next_deadline([leap], dt.date(2024, 1, 1)).date == dt.date(2024, 2, 29)


def _u(uid, name, kind, district="Hàm Yên"):
    return Unit(id=uid, name=name, kind=kind, district=district, province="Tuyên Quang")


REGISTRY = [_u(f"p{i}", f"Phường {i}", "phuong") for i in range(7)] + [
    _u("t1", "Thị trấn Tân Yên", "thi_tran"), _u("t2", "Thị trấn Na Hang", "thi_tran", "Na Hang"),
    _u("x1", "Xã Tân Thành", "xa"), _u("x2", "Xã Thượng Nông", "xa", "Huyện Na Hang"),
    _u("x3", "Xã Tân Thành", "xa", "Bắc Quang"),
]
PHUONG = Target("p", "30% số phường", 2025, 30, unit_kinds=("phuong",))
THI_TRAN = Target("t", "50% số thị trấn", 2025, 50, unit_kinds=("thi_tran",))
DVM = Target("d", "100% xã Dương Văn Mình", 2025, 100, unit_kinds=("xa",),
              unit_names=("Xã Thượng Nông (huyện Na Hang)", "Xã Tân Thành (huyện Hàm Yên)", "Xã Đông Thọ (huyện Sơn Dương)"))


def test_progress_counts_recognised_registry_units_against_the_percent():
    rec = [Recognition(REGISTRY[0], 2024, "i0", True), Recognition(REGISTRY[1], 2024, "i1", False),
           Recognition(_u("other", "Phường 5", "phuong"), 2024, "i2", True),  # matched by name, kind, district
           Recognition(_u("gone", "Phường Mới", "phuong"), 2024, "i3", True),  # not on the registry
           Recognition(_u("x9", "Xã Tân Thành", "xa", "Huyện Hàm Yên"), 2023, "i4", True),
           Recognition(REGISTRY[7], 2024, "i5", True)]
    p, t, d = progress([PHUONG, THI_TRAN, DVM], REGISTRY, rec)
    assert (p.denominator, p.count, p.required, p.met, p.missing, p.outside_registry) == (7, 2, 3, False, 1, 1)
    assert p.recognised == ["Phường 0", "Phường 5"] and round(p.percent, 1) == 28.6
    # no decision recorded for either: counted as "đủ điều kiện đề nghị", and the label says so
    assert p.status_label == ("2/7 (28,6%), trong đó 2 đơn vị mới đủ điều kiện đề nghị, chưa ghi quyết định công "
                              "nhận — chỉ tiêu 30% đến năm 2025 (cần 3): còn thiếu 1")
    assert (t.denominator, t.count, t.met) == (2, 1, True)
    # the named list: Tân Thành of Hàm Yên only (not Bắc Quang's), Đông Thọ is not on the registry
    assert (d.denominator, d.recognised, d.not_in_registry) == (2, ["Xã Tân Thành"], ["Xã Đông Thọ (huyện Sơn Dương)"])
    assert d.missing == 1
    (hy,) = progress([PHUONG], REGISTRY, rec, district="huyện hàm yên")
    assert hy.denominator == 7
    (none,) = progress([PHUONG], [], rec)
    assert none.percent is None and none.met is None and "chưa có đơn vị nào" in none.status_label


def test_target_progress_uses_each_units_latest_finalized_inspection(tmp_path):
    reg = registry()
    with Store.open(tmp_path / "antq.db", user="Cầm Thị Hoa") as store:
        store.backup = lambda reason="manual": None
        units = [Unit(id=f"u{i}", name=f"Phường {i}", kind="phuong", district="Hàm Yên") for i in range(4)]
        store.register_units(units)

        def inspect(unit, year, passes, finalize=True):
            insp = store.create_inspection(unit, year, COMMUNES, registry=reg)
            for c in COMMUNES.criteria:
                store.set_verdict(insp.id, c.number, "dat" if passes or c.number > 1 else "khong_dat")
            store.set_eligibility(insp.id, ELIGIBILITY.id, inputs={"ok": "có"}, evaluator=Evaluator(reg))
            if finalize:
                store.finalize(insp.id)

        inspect(units[0], 2023, True)  # recognised in 2023, still counts in 2024
        inspect(units[1], 2023, True)
        inspect(units[1], 2024, False)  # but its 2024 visit failed: no longer counts
        inspect(units[2], 2024, True, finalize=False)  # a draft does not count
        inspect(units[3], 2025, True)  # later than the year asked
        (p,) = target_progress(store, [PHUONG], 2024)
        assert (p.denominator, p.recognised) == (4, ["Phường 0"])
        (p,) = target_progress(store, [PHUONG], 2025)
        assert p.recognised == ["Phường 0", "Phường 3"] and p.met is True


@pytest.mark.parametrize("today, expected", [(dt.date(2024, 3, 30), 0), (dt.date(2024, 3, 31), 184)])
def test_days_left(today, expected):
    assert next_deadline(BK, today).days_left == expected
