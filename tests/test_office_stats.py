"""The Biểu thống kê on a generated workspace of several hundred inspections: every figure matches a count
made here, independently, from what the generator wrote."""

from __future__ import annotations

from collections import Counter

import pytest
from office_fixtures import AGENCIES, COMMUNES, criteria_count, expected_recommend, generate

from antq_tui.office.stats import compute_statistics, statistics_tables
from antq_tui.storage import Store


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("office") / "antq.db"
    store = Store.open(path, user="Cầm Thị Hoa")
    written, units = generate(store, 360)
    yield store, written, units
    store.close()


def test_one_row_per_inspection_with_counts_that_match(generated):
    store, written, _ = generated
    stats = compute_statistics(store, 2024)
    mine = [w for w in written if w.year == 2024]
    assert stats.inspections == len(mine) > 150
    by_id = {w.id: w for w in mine}
    lines = [u for s in stats.sections for u in s.units]
    assert {u.inspection_id for u in lines} == set(by_id)
    for u in lines:
        w = by_id[u.inspection_id]
        total = criteria_count(w.set_id)
        verdicts = Counter(w.verdicts.values())
        assert (u.unit, u.kind, u.district, u.set_id) == (w.unit.name, w.unit.kind, w.unit.district, w.set_id)
        assert (u.total, u.dat, u.khong_dat, u.unassessed) == (
            total, verdicts["dat"], verdicts["khong_dat"], total - len(w.verdicts))
        assert u.finalized == w.finalized
        assert u.eligible == w.eligible
        assert u.recommend == expected_recommend(w, total)
        assert u.failed == sorted(n for n, v in w.verdicts.items() if v == "khong_dat")
        cset = COMMUNES if w.set_id == COMMUNES.id else AGENCIES
        for g in cset.groups:
            numbers = [c.number for c in cset.criteria if c.group == g.id]
            assert u.groups[g.id].dat == sum(w.verdicts.get(n) == "dat" for n in numbers)
            assert u.groups[g.id].total == len(numbers)
    assert stats.recommended == sum(expected_recommend(w, criteria_count(w.set_id)) for w in mine)
    assert stats.finalized == sum(w.finalized for w in mine)


def test_one_row_per_criterion_with_the_units_that_failed_it(generated):
    store, written, _ = generated
    stats = compute_statistics(store, 2024)
    assert [s.set_id for s in stats.sections] == sorted([AGENCIES.id, COMMUNES.id])
    for section in stats.sections:
        mine = [w for w in written if w.year == 2024 and w.set_id == section.set_id]
        no = {u.inspection_id: u.no for u in section.units}
        assert sorted(no.values()) == list(range(1, len(mine) + 1))
        cset = COMMUNES if section.set_id == COMMUNES.id else AGENCIES
        assert [c.number for c in section.criteria] == [c.number for c in cset.criteria]
        assert [gid for gid, _ in section.groups] == [g.id for g in cset.groups]
        for line in section.criteria:
            dat = sum(w.verdicts.get(line.number) == "dat" for w in mine)
            failed = [w for w in mine if w.verdicts.get(line.number) == "khong_dat"]
            assert (line.inspected, line.dat, line.khong_dat, line.unassessed) == (
                len(mine), dat, len(failed), len(mine) - dat - len(failed))
            assert sorted(line.failed_units) == sorted((no[w.id], w.unit.name) for w in failed)


def test_filters_by_set_district_and_status(generated):
    store, written, _ = generated
    stats = compute_statistics(store, 2023, set_id=COMMUNES.id, district="bac yen", finalized_only=True)
    expected = {w.id for w in written if w.year == 2023 and w.set_id == COMMUNES.id and w.unit.district == "Bắc Yên"
                and w.finalized}
    assert {u.inspection_id for s in stats.sections for u in s.units} == expected
    assert [s.set_id for s in stats.sections] == [COMMUNES.id]
    assert compute_statistics(store, 2031).sections == []


def test_tables_carry_the_same_figures(generated):
    store, _, _ = generated
    stats = compute_statistics(store, 2024, set_id=COMMUNES.id)
    units, criteria, _ = statistics_tables(stats)  # and unit × criterion
    section = stats.sections[0]
    assert len(units.rows) == len(section.units) and len(criteria.rows) == len(section.criteria)
    header = units.header
    assert header[:4] == ["STT", "Đơn vị", "Loại", "Huyện"]
    assert [h for h in header if h.startswith("Nhóm")] == [
        "Nhóm I đạt (Công tác lãnh đạo, chỉ đạo)", "Nhóm II đạt (Xây dựng phong trào)",
        "Nhóm III đạt (Bảo đảm an ninh, trật tự)"]
    first = dict(zip(header, units.rows[0], strict=False))
    assert first["Số tiêu chí đạt"] == section.units[0].dat and isinstance(first["Số tiêu chí đạt"], int)
    row = dict(zip(criteria.header, criteria.rows[0], strict=False))
    line = section.criteria[0]
    assert row["Số đơn vị không đạt"] == line.khong_dat
    assert row["Tỷ lệ đạt (%)"] == round(line.dat * 100 / line.inspected, 1)
    assert row["STT đơn vị không đạt"] == ", ".join(str(n) for n, _ in line.failed_units)


def test_a_conflict_copy_is_not_counted_as_another_unit_but_reported(tmp_path):
    from bundle_fixtures import REG, laptop, work
    from storage_fixtures import PHIENG_BAN, new_inspection

    from antq_tui.exchange.export import export_bundle
    from antq_tui.exchange.merge import import_bundle

    a, office = laptop(tmp_path, "a"), laptop(tmp_path, "office")
    iid = new_inspection(a, PHIENG_BAN, reg=REG).id
    work(a, iid)
    export_bundle(a, tmp_path / "1.antq")
    import_bundle(office, tmp_path / "1.antq")
    a.set_remark(iid, 1, "Sửa trên máy đoàn")
    office.set_remark(iid, 1, "Sửa ở văn phòng")  # both changed the draft: the next import keeps both
    export_bundle(a, tmp_path / "2.antq")
    assert import_bundle(office, tmp_path / "2.antq").count("conflict") == 1
    assert len(office.list_inspections(year=2024)) == 2

    stats = compute_statistics(office, 2024)
    assert [u.unit for s in stats.sections for u in s.units] == ["Xã Phiêng Ban"]
    assert stats.inspections == 1 and stats.conflict_copies == 1
    assert "1 bản sao xung đột chưa xử lý" in stats.scope_label
    assert stats.to_json()["conflict_copies"] == 1
    a.close()
    office.close()
