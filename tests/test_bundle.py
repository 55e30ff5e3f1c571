"""Bundles: export from one laptop, import into another, nothing lost, nothing overwritten."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

import pytest
from bundle_fixtures import REG, dump_hash, laptop, minutes, populated, portrait, work
from storage_fixtures import PHIENG_BAN, new_inspection

from antq_tui.criteria import Verdict
from antq_tui.exchange.bundle import BundleError, read_bundle
from antq_tui.exchange.export import export_bundle
from antq_tui.exchange.merge import CONFLICT, EXPORTS, NEW, UNCHANGED, UPDATED, import_bundle
from antq_tui.storage import FinalizedError
from antq_tui.storage.migrations import known_names


def outcomes(result) -> dict[str, str]:
    return {o.incoming_id: o.action for o in result.inspections}


def test_round_trip_carries_everything(tmp_path: Path):
    a, ids = populated(tmp_path, "a")
    out = tmp_path / "usb" / "a.antq"
    exported = export_bundle(a, out)
    assert exported.counts["inspections"] == 2 and exported.counts["attachments"] == 2
    assert exported.counts["exports"] == 1 and not exported.warnings

    b = laptop(tmp_path, "b", user="Lò Văn Thành")
    result = import_bundle(b, out)
    assert outcomes(result) == {ids[0]: NEW, ids[1]: NEW}
    for iid in ids:
        assert portrait(b, iid) == portrait(a, iid)
    assert b.get_inspection(ids[0]).finalized and b.get_inspection(ids[0]).origin == a.database_id
    assert b.verify() == []
    # the import is logged, by whoever imported it
    logged = b.audit_entries(action="bundle.import")
    assert {e.inspection_id for e in logged} == {None, *ids}
    assert all(e.who == "Lò Văn Thành" for e in logged)
    # a finalized inspection arrives finalized: read-only here too
    with pytest.raises(FinalizedError):
        b.set_verdict(ids[0], 1, Verdict.KHONG_DAT)


def test_importing_twice_changes_nothing(tmp_path: Path):
    a, ids = populated(tmp_path, "a")
    out = tmp_path / "a.antq"
    export_bundle(a, out)
    b = laptop(tmp_path, "b")
    import_bundle(b, out)
    before = dump_hash(b.path)
    again = import_bundle(b, out)
    assert outcomes(again) == {ids[0]: UNCHANGED, ids[1]: UNCHANGED}
    assert not again.changed and "Không có gì mới" in again.lines()[-1]
    assert dump_hash(b.path) == before
    # and the laptop that made it, importing its own bundle, changes nothing either
    before_a = dump_hash(a.path)
    assert outcomes(import_bundle(a, out)) == {ids[0]: UNCHANGED, ids[1]: UNCHANGED}
    assert dump_hash(a.path) == before_a


def shared_drafts(tmp_path: Path, other: str = "office"):
    """Laptop A's drafts, already imported into ``other``: the common point of the conflict tests."""
    a, ids = populated(tmp_path, "a", finalize=False)
    export_bundle(a, tmp_path / "1.antq")
    there = laptop(tmp_path, other)
    import_bundle(there, tmp_path / "1.antq")
    return a, ids, there


def test_a_draft_continued_on_the_laptop_updates_the_office_copy_then_comes_back(tmp_path: Path):
    a, ids, office = shared_drafts(tmp_path)
    # the team goes on and finalizes on the laptop; the office did not touch it
    a.set_verdict(ids[0], 7, Verdict.DAT)
    a.finalize(ids[0])
    export_bundle(a, tmp_path / "2.antq")
    result = import_bundle(office, tmp_path / "2.antq")
    assert outcomes(result) == {ids[0]: UPDATED, ids[1]: UNCHANGED}
    assert portrait(office, ids[0]) == portrait(a, ids[0])
    assert office.verify() == []
    # the office's copy goes back to the laptop: nothing new there
    export_bundle(office, tmp_path / "3.antq")
    before = dump_hash(a.path)
    assert set(outcomes(import_bundle(a, tmp_path / "3.antq")).values()) == {UNCHANGED}
    assert dump_hash(a.path) == before


def test_a_draft_changed_on_both_sides_is_kept_side_by_side(tmp_path: Path):
    a, ids, b = shared_drafts(tmp_path, "b")
    a.set_remark(ids[0], 1, "Sửa ở máy A")
    b.set_remark(ids[0], 1, "Sửa ở máy B")
    ours = portrait(b, ids[0])
    export_bundle(a, tmp_path / "2.antq")

    dry = import_bundle(b, tmp_path / "2.antq", dry_run=True)
    assert outcomes(dry)[ids[0]] == CONFLICT
    result = import_bundle(b, tmp_path / "2.antq")
    conflict = next(o for o in result.inspections if o.incoming_id == ids[0])
    assert conflict.action == CONFLICT and conflict.reason == "both_changed" and conflict.copy_of == ids[0]
    assert conflict.local_id != ids[0]
    assert any("xung đột" in line for line in result.lines())
    # ours untouched; theirs beside it with its own id, whole, and recorded as a copy
    assert portrait(b, ids[0]) == ours
    copy = conflict.local_id
    assert b.get_inspection(copy).answers[1].remark == "Sửa ở máy A"
    theirs, kept = portrait(a, ids[0]), portrait(b, copy)
    assert kept == theirs
    assert b.conn.execute("SELECT copy_of, reason FROM inspection_copies WHERE id = ?", [copy]).fetchone() == (
        ids[0], "both_changed")
    assert b.verify() == []
    # importing it again: the copy is recognised, nothing more is made
    before = dump_hash(b.path)
    assert outcomes(import_bundle(b, tmp_path / "2.antq"))[ids[0]] == UNCHANGED
    assert dump_hash(b.path) == before


def test_a_finalized_inspection_is_never_replaced(tmp_path: Path):
    a, ids, office = shared_drafts(tmp_path)
    office.finalize(ids[0])  # finalized at the office …
    a.set_verdict(ids[0], 9, Verdict.KHONG_DAT)  # … while the laptop still changed the draft
    export_bundle(a, tmp_path / "2.antq")
    ours = portrait(office, ids[0])
    result = import_bundle(office, tmp_path / "2.antq")
    conflict = next(o for o in result.inspections if o.incoming_id == ids[0])
    assert conflict.action == CONFLICT and conflict.reason == "finalized_differs"
    assert portrait(office, ids[0]) == ours
    assert office.get_inspection(conflict.local_id).answers[9].verdict == Verdict.KHONG_DAT
    assert office.verify() == []


def test_a_draft_changed_here_against_the_same_one_finalized_there_keeps_both(tmp_path: Path):
    a, ids, office = shared_drafts(tmp_path)
    office.set_remark(ids[0], 4, "Văn phòng bổ sung")
    a.finalize(ids[0])
    export_bundle(a, tmp_path / "2.antq")
    ours = portrait(office, ids[0])
    result = import_bundle(office, tmp_path / "2.antq")
    conflict = next(o for o in result.inspections if o.incoming_id == ids[0])
    assert conflict.action == CONFLICT and conflict.reason == "both_changed"
    assert portrait(office, ids[0]) == ours  # the office's draft is not lost …
    assert office.get_inspection(conflict.local_id).finalized  # … nor the finalized one


def test_minutes_exported_after_finalizing_follow_without_conflict(tmp_path: Path):
    a, ids = populated(tmp_path, "a")
    export_bundle(a, tmp_path / "1.antq")
    office = laptop(tmp_path, "office")
    import_bundle(office, tmp_path / "1.antq")
    minutes(a, ids[0])  # printed again on the laptop
    export_bundle(a, tmp_path / "2.antq")
    result = import_bundle(office, tmp_path / "2.antq")
    assert outcomes(result)[ids[0]] == EXPORTS
    assert len(office.exports(ids[0])) == 2 and portrait(office, ids[0]) == portrait(a, ids[0])
    assert office.verify() == []


def test_units_created_separately_on_two_laptops_are_one_unit_at_the_office(tmp_path: Path):
    a = laptop(tmp_path, "a")
    b = laptop(tmp_path, "b")
    ia = new_inspection(a, PHIENG_BAN, reg=REG).id
    other = dataclasses.replace(PHIENG_BAN, id="u-another-id", name="xã phiêng  ban")
    ib = new_inspection(b, other, year=2025, reg=REG).id
    elsewhere = dataclasses.replace(PHIENG_BAN, id="u-third", district="Phù Yên")
    ic = new_inspection(b, elsewhere, year=2025, reg=REG).id
    export_bundle(a, tmp_path / "a.antq")
    export_bundle(b, tmp_path / "b.antq")
    office = laptop(tmp_path, "office")
    import_bundle(office, tmp_path / "a.antq")
    result = import_bundle(office, tmp_path / "b.antq")
    assert {u.incoming_id: u.action for u in result.units} == {"u-another-id": "matched", "u-third": "new"}
    assert office.get_inspection(ib).unit.name == "xã phiêng  ban"  # as inspected
    rows = {r.id: r.unit_id for r in office.list_inspections()}
    assert rows == {ia: PHIENG_BAN.id, ib: PHIENG_BAN.id, ic: "u-third"}
    assert office.get_unit(PHIENG_BAN.id).name == "Xã Phiêng Ban"  # never renamed by an import
    assert office.verify() == []


def test_export_one_inspection_or_one_year(tmp_path: Path):
    a, ids = populated(tmp_path, "a")
    new_inspection(a, PHIENG_BAN, year=2025, reg=REG)
    one = export_bundle(a, tmp_path / "one.antq", inspection_ids=[ids[1][:8]])
    assert one.counts["inspections"] == 1
    assert [r["id"] for r in read_bundle(tmp_path / "one.antq").tables["inspections"]] == [ids[1]]
    assert export_bundle(a, tmp_path / "y.antq", year=2024).counts["inspections"] == 2
    with pytest.raises(BundleError, match="Không có cuộc kiểm tra nào"):
        export_bundle(a, tmp_path / "none.antq", year=2019)
    with pytest.raises(BundleError, match="Không tìm thấy"):
        export_bundle(a, tmp_path / "none.antq", inspection_ids=["nope"])


def test_the_bundle_is_a_zip_with_a_manifest_of_every_part(tmp_path: Path):
    a, _ = populated(tmp_path, "a")
    out = tmp_path / "a.antq"
    export_bundle(a, out)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
    assert names[0] == "mimetype"
    assert manifest["format"] == "antq-bundle" and manifest["schema"] == known_names()
    assert manifest["database_id"] == a.database_id and manifest["antq_version"]
    assert set(manifest["parts"]) == set(names) - {"mimetype", "manifest.json", "signature.json"}
    assert all(len(p["sha256"]) == 64 for p in manifest["parts"].values())


def test_dry_run_reports_and_writes_nothing(tmp_path: Path):
    a, ids = populated(tmp_path, "a")
    export_bundle(a, tmp_path / "a.antq")
    b = laptop(tmp_path, "b")
    work(b, new_inspection(b, reg=REG, year=2023).id)
    before = dump_hash(b.path)
    result = import_bundle(b, tmp_path / "a.antq", dry_run=True)
    assert outcomes(result) == {ids[0]: NEW, ids[1]: NEW} and result.dry_run
    assert result.lines()[0].startswith("Nhập thử")
    assert dump_hash(b.path) == before
    assert not (b.attachments_dir / ids[0]).exists()


def test_a_dry_run_counts_units_as_the_import_then_does(tmp_path: Path):
    """Two records of one unit on the sending laptop (the same name, kind and district): the import keeps the
    second as the first's alias, and the dry run before it must say so, not count two new units."""
    a = laptop(tmp_path, "a")
    twin = dataclasses.replace(PHIENG_BAN, id="u-phieng-ban-2")
    new_inspection(a, PHIENG_BAN, reg=REG)
    new_inspection(a, twin, reg=REG, year=2025)
    export_bundle(a, tmp_path / "a.antq")
    b = laptop(tmp_path, "b")

    planned = import_bundle(b, tmp_path / "a.antq", dry_run=True)
    done = import_bundle(b, tmp_path / "a.antq")
    assert [(u.incoming_id, u.action) for u in planned.units] == [(u.incoming_id, u.action) for u in done.units]
    assert sorted(u.action for u in done.units) == ["matched", "new"]
