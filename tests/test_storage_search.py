"""Search ignores case, diacritics (đ → d) and Unicode normalization form, across names, districts and years."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from storage_fixtures import DONG_THO, PHIENG_BAN, new_inspection, open_store

from antq_tui.inspection import Unit
from antq_tui.storage import Store

CO_QUAN = Unit(id="u-truong", name="Trường THPT Bắc Yên", kind="co_so_giao_duc", district="Bắc Yên", province="Sơn La")


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "antq.db") as s:
        new_inspection(s, PHIENG_BAN, 2023)
        new_inspection(s, PHIENG_BAN, 2024)
        new_inspection(s, DONG_THO, 2024)
        new_inspection(s, CO_QUAN, 2024)
        yield s


def names(rows) -> list[tuple[str, int]]:
    return sorted((r.unit_name, r.year) for r in rows)


@pytest.mark.parametrize("query", ["phieng ban", "PHIÊNG BAN", "Phiêng Ban", "  phiêng   BAN ",
                                   unicodedata.normalize("NFD", "Phiêng Ban"), "ban phieng"])
def test_the_unit_name_is_found_whatever_the_case_accents_or_normalization(store: Store, query: str):
    assert names(store.list_inspections(query)) == [("Xã Phiêng Ban", 2023), ("Xã Phiêng Ban", 2024)]


@pytest.mark.parametrize("query", ["dong tho", "Đông Thọ", "ĐÔNG THỌ", unicodedata.normalize("NFD", "đông thọ")])
def test_d_with_stroke_folds_to_d(store: Store, query: str):
    assert names(store.list_inspections(query)) == [("Phường Đông Thọ", 2024)]


def test_words_may_come_from_the_name_the_district_and_the_year(store: Store):
    assert names(store.list_inspections("phieng 2024")) == [("Xã Phiêng Ban", 2024)]
    assert names(store.list_inspections("bac yen 2024")) == [("Trường THPT Bắc Yên", 2024), ("Xã Phiêng Ban", 2024)]
    assert names(store.list_inspections("thanh pho son la")) == [("Phường Đông Thọ", 2024)]
    assert names(store.list_inspections("truong thpt")) == [("Trường THPT Bắc Yên", 2024)]
    assert store.list_inspections("hà nội") == []
    assert len(store.list_inspections("")) == 4
    assert store.count_inspections("bac yen") == 3
    page = store.list_inspections("bac yen", limit=2)
    assert len(page) == 2 and store.list_inspections("bac yen", limit=2, offset=2)[0] not in page


def test_filters_combine_with_search(store: Store):
    assert names(store.list_inspections("phieng", year=2023)) == [("Xã Phiêng Ban", 2023)]
    first = store.list_inspections("dong tho")[0]
    store.finalize(first.id)
    assert names(store.list_inspections(status="finalized")) == [("Phường Đông Thọ", 2024)]
    assert len(store.list_inspections(status="draft", year=2024)) == 2


def test_units_are_found_the_same_way(store: Store):
    assert [u.name for u in store.find_units("DONG THO")] == ["Phường Đông Thọ"]
    assert [u.name for u in store.find_units(unicodedata.normalize("NFD", "bắc yên"))] == [
        "Trường THPT Bắc Yên", "Xã Phiêng Ban"]
    assert [u.name for u in store.find_units("", kind="phuong")] == ["Phường Đông Thọ"]
