"""Two laptops' databases with real work in them, and ways to compare databases, for the bundle tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from storage_fixtures import DONG_THO, PHIENG_BAN, new_inspection, open_store, registry

from antq_tui.criteria import Verdict
from antq_tui.evaluation import Evaluator
from antq_tui.keys import TrustStore, load_key, load_or_create_key
from antq_tui.storage import Store

REG = registry()


def laptop(tmp_path: Path, name: str, user: str = "Cầm Thị Hoa", *, trusted: bool = True) -> Store:
    """A laptop's store; with ``trusted``, its key and those of the other trusted laptops under
    ``tmp_path`` trust each other (as the office and its teams do after ``antq keys trust``)."""
    store = open_store(tmp_path / name / "inspections" / "antq.db", user=user)
    if trusted:
        trust_each_other(tmp_path, store)
    return store


def trust_each_other(tmp_path: Path, store: Store) -> None:
    key = load_or_create_key(store.data_dir, store.database_id, store.user)
    mine = TrustStore(store.data_dir, key.public)
    for other_file in sorted(tmp_path.glob("*/inspections/antq.key")):
        if other_file.parent == store.data_dir or (other_file.parent / "untrusted").exists():
            continue
        other = load_key(other_file.parent)
        assert other is not None
        mine.trust(other.public)
        TrustStore(other_file.parent, other.public).trust(key.public)


def work(store: Store, iid: str, *, tag: str = "", attach: bool = True) -> None:
    """Answers, figures, evidence, remarks, eligibility, texts and an attachment, as a visit leaves them."""
    for number in (1, 2, 4, 5):
        store.set_verdict(iid, number, Verdict.DAT)
        store.set_self_assessment(iid, number, Verdict.DAT)
    store.set_verdict(iid, 6, Verdict.KHONG_DAT)
    store.set_inputs(iid, 3, {"before": "42", "after": "39"}, Evaluator(REG))
    store.set_evidence(iid, 3, 0, seen=True, doc_number="15/BC-UBND", date="12/12/2024")
    store.set_remark(iid, 2, f"Hồ sơ đầy đủ {tag}".strip())
    store.set_eligibility(iid, "an_toan_antt", inputs={"an_toan": "có"}, evaluator=Evaluator(REG))
    store.update_inspection(iid, place="Hội trường UBND xã", strengths=f"Nhiều mô hình hay {tag}".strip(),
                            visit_date="14/11/2024", start_time="8h")
    if attach:
        photo = store.data_dir.parent / f"anh-{iid[:8]}{tag}.jpg"
        photo.write_bytes(b"\xff\xd8\xff\xe0" + hashlib.sha256(f"{iid}{tag}".encode()).digest() * 100)
        store.add_attachment(iid, photo, number=3, note="Ảnh sổ theo dõi")


def minutes(store: Store, iid: str) -> Path:
    """A file standing for the exported minutes, recorded as an export."""
    folder = store.data_dir / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"bien-ban-{iid[:8]}-{len(store.exports(iid))}.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + iid.encode() * 50)
    store.record_export(iid, pdf)
    return pdf


def populated(tmp_path: Path, name: str = "a", *, finalize: bool = True) -> tuple[Store, list[str]]:
    """A laptop with two inspections: one finalized with minutes, one draft."""
    store = laptop(tmp_path, name)
    first = new_inspection(store, PHIENG_BAN, reg=REG).id
    work(store, first)
    if finalize:
        store.finalize(first)
        minutes(store, first)
    second = new_inspection(store, DONG_THO, reg=REG).id
    work(store, second)
    return store, [first, second]


def dump_hash(path: Path) -> str:
    """The sha256 of the database's whole content (every table, every row), read by a separate connection."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def portrait(store: Store, iid: str) -> dict[str, Any]:
    """Everything about one inspection that must survive the trip, without ids that differ by design."""
    ins = store.get_inspection(iid)
    return {
        "unit": (ins.unit.name, ins.unit.kind, ins.unit.district), "year": ins.year, "status": ins.status,
        "fields": (ins.visit_date, ins.place, ins.start_time, ins.strengths, ins.team, ins.finalized_at),
        "answers": ins.answers, "eligibility": ins.eligibility,
        "snapshot": store.snapshot_sha256(iid),
        "audit": [(e.at, e.who, e.action, e.target, e.old, e.new) for e in store.audit_entries(iid)
                  if not e.action.startswith("bundle.")],
        "attachments": sorted((a.name, a.sha256, a.size, a.number, a.note, a.path.read_bytes())
                              for a in store.attachments(iid)),
        "exports": sorted((e.sha256, e.size, e.status, e.path.read_bytes()) for e in store.exports(iid)),
    }
