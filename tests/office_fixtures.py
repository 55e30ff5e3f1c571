"""A generated workspace for the office tests and scripts/bench_stats.py: hundreds of inspections written
through the Store API with a seeded random, and a plain record of what was written, so that a test can
count independently of antq_tui.inspection.summarize."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from antq_tui.criteria import CriteriaSet, Criterion, EligibilityCheck, Field, Group, Suggestion
from antq_tui.evaluation import Evaluator
from antq_tui.inspection import Unit
from antq_tui.plugins import LoadResult, PluginInfo, new_manager
from antq_tui.registry import Registry

PLUGIN = "office_test"


def _yes(inputs):
    return Suggestion.dat("có") if inputs["ok"] else Suggestion.khong_dat("không")


def _set(set_id: str, kinds: tuple[str, ...], groups: tuple[Group, ...], n: int, title: str, subject: str) -> CriteriaSet:
    per = -(-n // len(groups))
    criteria = tuple(
        Criterion(number, groups[(number - 1) // per].id, f"Nội dung tiêu chí số {number} của bộ {set_id} (Đạt yêu cầu).",
                  (f"Hồ sơ tiêu chí {number}",), source=PLUGIN)
        for number in range(1, n + 1)
    )
    return CriteriaSet(id=set_id, title=title, version="1.0", legal_basis=("Quyết định thử",), unit_kinds=kinds,
                       groups=groups, criteria=criteria, subject=subject, plugin=PLUGIN)


COMMUNES = _set("xa_t", ("xa", "phuong", "thi_tran"),
                (Group("lanh_dao", "Công tác lãnh đạo, chỉ đạo"), Group("phong_trao", "Xây dựng phong trào"),
                 Group("antt", "Bảo đảm an ninh, trật tự")), 12, "Bộ tiêu chí xã thử", "xã, phường, thị trấn")
AGENCIES = _set("cq_t", ("co_quan", "doanh_nghiep", "co_so_giao_duc"),
                (Group("chung", "Tiêu chí chung"), Group("rieng", "Tiêu chí riêng")), 6, "Bộ tiêu chí cơ quan thử",
                "cơ quan, doanh nghiệp, cơ sở giáo dục")
ELIGIBILITY = EligibilityCheck(id="an_toan", title="An toàn về ANTT năm trước", text="Được công nhận năm trước.",
                               fields=(Field("ok", "Đã được công nhận", type="yesno"),), check=_yes, source=PLUGIN)


def registry() -> Registry:
    load = LoadResult(manager=new_manager(), plugins=[PluginInfo(PLUGIN, "thư mục", "tests", version="1.0")])
    return Registry(load=load, sets={COMMUNES.id: COMMUNES, AGENCIES.id: AGENCIES}, eligibility=[ELIGIBILITY])


SYLLABLES = ("Phiêng", "Ban", "Đông", "Thọ", "Mường", "Khoa", "Chiềng", "Sại", "Hồng", "Ngài", "Tà", "Xùa",
             "Song", "Pạc", "Làng", "Chếu", "Hang", "Chú", "Xím", "Vàng", "Quang", "Huy")
DISTRICTS = ("Bắc Yên", "Phù Yên", "Mường La")
KIND_LABELS = {"xa": "Xã", "phuong": "Phường", "thi_tran": "Thị trấn", "co_quan": "Cơ quan",
               "doanh_nghiep": "Doanh nghiệp", "co_so_giao_duc": "Trường"}


@dataclass
class Written:
    """What the generator wrote for one inspection, kept apart from the database."""

    id: str
    unit: Unit
    year: int
    set_id: str
    finalized: bool
    verdicts: dict[int, str] = field(default_factory=dict)  # number -> "dat" / "khong_dat"
    eligible: bool | None = None


def make_units(rng: random.Random, count: int) -> list[Unit]:
    units, seen = [], set()
    kinds = ("xa",) * 5 + ("phuong", "thi_tran", "co_quan", "doanh_nghiep", "co_so_giao_duc")
    while len(units) < count:
        kind = rng.choice(kinds)
        name = f"{KIND_LABELS[kind]} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        district = rng.choice(DISTRICTS)
        if (name, district) in seen:
            continue
        seen.add((name, district))
        units.append(Unit(id=f"u{len(units):04d}", name=name, kind=kind, district=district, province="Sơn La"))
    return units


def generate(store, count: int = 300, *, seed: int = 20241012, years=(2023, 2024), units: list[Unit] | None = None,
             ) -> tuple[list[Written], list[Unit]]:
    """Write ``count`` inspections through the Store; return what was written and the units."""
    rng = random.Random(seed)
    reg = registry()
    store.conn.execute("PRAGMA synchronous = OFF")  # filling only; the figures are what is tested
    store.backup = lambda reason="manual": None  # finalize's backup is storage's business, not ours
    units = units or make_units(rng, max(count // 2, 1))
    out: list[Written] = []
    for i in range(count):
        unit = units[i % len(units)] if i < len(units) else rng.choice(units)
        year = years[i % len(years)]
        cset = COMMUNES if unit.kind in COMMUNES.unit_kinds else AGENCIES
        day = dt.date(year, rng.randint(3, 10), rng.randint(1, 28))
        insp = store.create_inspection(unit, year, cset, registry=reg, visit_date=day)
        w = Written(insp.id, unit, year, cset.id, False)
        mode = rng.random()
        for c in cset.criteria:
            if mode < 0.35:  # a unit that passes everything it was checked on
                verdict = "dat"
            else:
                verdict = rng.choice(("dat", "dat", "dat", "khong_dat", None))
            if verdict:
                store.set_verdict(insp.id, c.number, verdict)
                w.verdicts[c.number] = verdict
        e = rng.random()
        if e < 0.8:
            store.set_eligibility(insp.id, ELIGIBILITY.id, inputs={"ok": "có" if e < 0.7 else "không"}, evaluator=Evaluator(reg))
            w.eligible = e < 0.7
        if rng.random() < 0.75:
            store.finalize(insp.id)
            w.finalized = True
        out.append(w)
    store.conn.execute("PRAGMA synchronous = FULL")
    return out, units


def expected_recommend(w: Written, total: int) -> bool:
    """Independent of summarize(): eligible and every criterion đạt."""
    return w.eligible is True and len(w.verdicts) == total and all(v == "dat" for v in w.verdicts.values())


def criteria_count(set_id: str) -> int:
    return len((COMMUNES if set_id == COMMUNES.id else AGENCIES).criteria)


__all__ = ["AGENCIES", "COMMUNES", "ELIGIBILITY", "Written", "expected_recommend", "generate", "make_units",
           "registry"]
