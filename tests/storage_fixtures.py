"""A small criteria set, eligibility check and registry for the storage tests (no plugin folder needed)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from antq_tui.config import Member
from antq_tui.criteria import CriteriaSet, Criterion, EligibilityCheck, Field, Group, Suggestion
from antq_tui.inspection import Unit
from antq_tui.plugins import LoadResult, PluginInfo, new_manager
from antq_tui.registry import Registry
from antq_tui.storage import Store

PLUGIN = "criteria_test"


def crime_check(inputs):
    before, after = inputs["before"], inputs["after"]
    if after < before:
        return Suggestion.dat(f"giảm ({before} → {after} vụ)")
    return Suggestion.khong_dat(f"không giảm ({before} → {after} vụ)")


def crime_check_v2(inputs):
    return Suggestion.khong_dat("phiên bản mới: luôn không đạt")


def safe_last_year(inputs):
    return Suggestion.dat("đã công nhận") if inputs["an_toan"] else Suggestion.khong_dat("chưa công nhận")


CRIME_FIELDS = (Field("before", "Số vụ năm trước", unit="vụ"), Field("after", "Số vụ năm nay", unit="vụ"))


def sample_set(n: int = 34, *, check=crime_check, text3: str = "Giảm tội phạm so với năm trước.") -> CriteriaSet:
    """A set of ``n`` criteria in two groups; criterion 3 has inputs and a check."""
    criteria = []
    for number in range(1, n + 1):
        if number == 3:
            criteria.append(Criterion(3, "antt", text3, ("Báo cáo tổng kết năm", "Sổ theo dõi vụ việc"),
                                      fields=CRIME_FIELDS, check=check, source=PLUGIN))
        else:
            criteria.append(Criterion(number, "lanh_dao" if number <= n // 2 else "antt", f"Tiêu chí số {number}.",
                                      (f"Hồ sơ của tiêu chí {number}",), source=PLUGIN))
    return CriteriaSet(
        id="xa_test", title="Bộ tiêu chí thử", version="1.0", legal_basis=("Quyết định thử",),
        unit_kinds=("xa", "phuong", "thi_tran"),
        groups=(Group("lanh_dao", "Công tác lãnh đạo"), Group("antt", "Bảo đảm an ninh, trật tự")),
        criteria=tuple(criteria), plugin=PLUGIN,
    )


ELIGIBILITY = EligibilityCheck(
    id="an_toan_antt", title="An toàn về ANTT năm trước", text="Được công nhận an toàn về ANTT năm trước.",
    fields=(Field("an_toan", "Đã được công nhận", type="yesno"),), check=safe_last_year, source=PLUGIN,
)


def registry(cset: CriteriaSet | None = None, version: str = "1.0") -> Registry:
    cset = cset or sample_set()
    load = LoadResult(manager=new_manager(), plugins=[PluginInfo(PLUGIN, "thư mục", "tests", version=version)])
    return Registry(load=load, sets={cset.id: cset}, eligibility=[ELIGIBILITY])


PHIENG_BAN = Unit(id="u-phieng-ban", name="Xã Phiêng Ban", kind="xa", district="Bắc Yên", province="Sơn La")
DONG_THO = Unit(id="u-dong-tho", name="Phường Đông Thọ", kind="phuong", district="Thành phố Sơn La", province="Sơn La")
TEAM = [Member("Lò Văn Thành", "Thượng tá", "Phó Trưởng Công an huyện", "truong_doan"),
        Member("Cầm Thị Hoa", "Thượng úy", "Cán bộ Đội Tổng hợp", "thu_ky")]


def open_store(path: Path, **kwargs) -> Store:
    return Store.open(path, user=kwargs.pop("user", "Cầm Thị Hoa"), **kwargs)


def new_inspection(store: Store, unit: Unit = PHIENG_BAN, year: int = 2024, reg: Registry | None = None, **kwargs):
    reg = reg or registry()
    return store.create_inspection(unit, year, reg.sets["xa_test"], registry=reg, team=TEAM, **kwargs)


def renamed(unit: Unit, name: str) -> Unit:
    return dataclasses.replace(unit, name=name)
