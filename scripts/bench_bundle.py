#!/usr/bin/env python3
"""A year of a district's work on two laptops, carried to the office as bundles: counts and times.

    /work/venv/bin/python scripts/bench_bundle.py [--units 20] [--photos 2] [--photo-kb 300] [--keep DIR]

Builds, in a temporary folder (or DIR), two laptops' workspaces using the repository's criteria
plugins: laptop A inspects the first half of the district's units, laptop B the second half, each
visit filled in completely (self-assessment, verdict, figures, every record seen with its number and
date, remarks, eligibility, visit details, photos), finalized and its minutes exported; laptop A
leaves one visit as a draft, and laptop B creates one of A's units again on its own (same name,
another id) for a follow-up visit. Then it exports a bundle from each laptop, imports both into an
empty office database, imports both again (nothing may change), runs ``verify`` on the office
database, and checks that every inspection, answer, audit entry and attachment arrived intact.

Filling runs with ``synchronous=OFF`` to be quick; it is not what is measured. Prints the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from antq_tui.config import Member
from antq_tui.evaluation import Evaluator
from antq_tui.exchange.export import export_bundle
from antq_tui.exchange.merge import import_bundle
from antq_tui.inspection import Unit
from antq_tui.registry import load_registry
from antq_tui.storage import Store

REPO = Path(__file__).resolve().parent.parent
COMMUNES = ("Xã Phiêng Ban", "Xã Chiềng Sại", "Xã Hồng Ngài", "Xã Tà Xùa", "Xã Song Pe", "Xã Pắc Ngà",
            "Xã Làng Chếu", "Xã Hang Chú", "Xã Xím Vàng", "Xã Mường Khoa", "Xã Tạ Khoa", "Xã Chim Vàn",
            "Xã Háng Đồng", "Thị trấn Bắc Yên")
AGENCIES = ("Trường THPT Bắc Yên", "Trường PTDTNT Bắc Yên", "Chi nhánh Điện lực Bắc Yên", "Bưu điện huyện Bắc Yên",
            "Công ty TNHH Xây dựng Phiêng Ban", "Trung tâm Y tế huyện Bắc Yên")
TEAM = [Member("Lò Văn Thành", "Thượng tá", "Phó Trưởng Công an huyện", "truong_doan"),
        Member("Cầm Thị Hoa", "Thượng úy", "Cán bộ Đội Tổng hợp", "thu_ky")]


def units(n: int) -> list[Unit]:
    out = []
    for i in range(n):
        if i < n * 7 // 10:
            name = COMMUNES[i % len(COMMUNES)] + ("" if i < len(COMMUNES) else f" {i}")
            kind = "thi_tran" if name.startswith("Thị trấn") else "xa"
        else:
            j = i - n * 7 // 10
            name = AGENCIES[j % len(AGENCIES)] + ("" if j < len(AGENCIES) else f" {j}")
            kind = "co_so_giao_duc" if name.startswith("Trường") else "doanh_nghiep" if "Công ty" in name else "co_quan"
        out.append(Unit(id=f"bench-unit-{i}", name=name, kind=kind, district="Bắc Yên", province="Sơn La"))
    return out


def value_for(field, rng: random.Random) -> str:
    return {"integer": str(rng.randint(0, 60)), "yesno": rng.choice(["có", "không"]), "date": "15/10/2024",
            "choice": field.choices[0] if field.choices else "", "text": "Đã thực hiện"}.get(field.type, "1")


def visit(store: Store, reg, unit: Unit, rng: random.Random, *, photos: int, photo_kb: int, finalize: bool) -> str:
    cset = next(s for s in reg.sets.values() if unit.kind in s.unit_kinds)
    ins = store.create_inspection(unit, 2024, cset, registry=reg, team=TEAM, visit_date="14/11/2024",
                                  place=f"Hội trường {unit.name}", start_time="8h", end_time="11h30")
    iid = ins.id
    for c in cset.criteria:
        store.set_self_assessment(iid, c.number, "đạt")
        if c.fields:
            store.set_inputs(iid, c.number, {f.id: value_for(f, rng) for f in c.fields}, Evaluator(reg))
        for k in range(len(c.evidence)):
            store.set_evidence(iid, c.number, k, seen=True, doc_number=f"{rng.randint(1, 99)}/BC-UBND",
                               date="12/10/2024")
        store.set_verdict(iid, c.number, "đạt" if rng.random() < 0.9 else "không đạt")
        if rng.random() < 0.3:
            store.set_remark(iid, c.number, "Hồ sơ lưu trữ đầy đủ, khoa học.")
    for check in ins.eligibility_checks:
        store.set_eligibility(iid, check.id, inputs={f.id: value_for(f, rng) for f in check.fields},
                              evaluator=Evaluator(reg),
                              decision="đạt")
    store.update_inspection(iid, strengths="Cấp ủy quan tâm lãnh đạo.", shortcomings="Một số hồ sơ chưa cập nhật.",
                            recommendations="Tiếp tục duy trì.", conclusion="Đề nghị công nhận.", minutes_number="15")
    for p in range(photos):
        photo = store.data_dir.parent / f"anh-{iid[:8]}-{p}.jpg"
        photo.write_bytes(rng.randbytes(photo_kb * 1024))
        store.add_attachment(iid, photo, number=1 + p, note="Ảnh hồ sơ")
        photo.unlink()
    if finalize:
        store.finalize(iid)
        pdf = store.data_dir / "exports" / f"bien-ban-{iid[:8]}.pdf"
        pdf.parent.mkdir(parents=True, exist_ok=True)
        pdf.write_bytes(b"%PDF-1.7\n" + rng.randbytes(150 * 1024))
        store.record_export(iid, pdf)
    return iid


def laptop(root: Path, name: str, user: str) -> Store:
    store = Store.open(root / name / "inspections" / "antq.db", user=user)
    store.conn.execute("PRAGMA synchronous = OFF")
    return store


def census(store: Store) -> dict[str, int]:
    q = store.conn.execute
    return {
        "inspections": q("SELECT count(*) FROM inspections").fetchone()[0],
        "finalized": q("SELECT count(*) FROM inspections WHERE status = 'finalized'").fetchone()[0],
        "units": q("SELECT count(*) FROM units").fetchone()[0],
        "answers": q("SELECT count(*) FROM answers").fetchone()[0],
        "eligibility": q("SELECT count(*) FROM eligibility_answers").fetchone()[0],
        "audit": q("SELECT count(*) FROM audit").fetchone()[0],
        "attachments": q("SELECT count(*) FROM attachments").fetchone()[0],
        "exports": q("SELECT count(*) FROM exports").fetchone()[0],
    }


def fingerprint(store: Store, iid: str) -> str:
    """Every answer, eligibility answer, field, audit entry (without the import's own) and file of one inspection."""
    q = store.conn.execute
    parts = [
        q("SELECT unit_name, year, status, visit_date, place, team, strengths, conclusion, assessed, snapshot_sha256,"
          " finalized_at FROM inspections WHERE id = ?", [iid]).fetchall(),
        q("SELECT number, self_assessment, verdict, inputs, suggestion, evidence, remark, updated_at, updated_by"
          " FROM answers WHERE inspection_id = ? ORDER BY number", [iid]).fetchall(),
        q("SELECT check_id, inputs, suggestion, decision, remark FROM eligibility_answers WHERE inspection_id = ?"
          " ORDER BY check_id", [iid]).fetchall(),
        q("SELECT at, who, action, target, old, new FROM audit WHERE inspection_id = ? AND action NOT LIKE 'bundle.%'"
          " ORDER BY id", [iid]).fetchall(),
        sorted((name, sha, size, (store.data_dir / path).read_bytes() == b"" or
                hashlib.sha256((store.data_dir / path).read_bytes()).hexdigest() == sha)
               for name, sha, size, path in q("SELECT name, sha256, size, path FROM attachments WHERE inspection_id = ?",
                                               [iid])),
        sorted((sha, size, hashlib.sha256((store.data_dir / path).read_bytes()).hexdigest() == sha)
               for sha, size, path in q("SELECT sha256, size, path FROM exports WHERE inspection_id = ?", [iid])),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"  {label:<44} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--photos", type=int, default=2, help="photos attached to each inspection")
    parser.add_argument("--photo-kb", type=int, default=300)
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="antq-bench-bundle-"))
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2024)
    reg = load_registry([REPO / "plugins"], entry_points=False)
    district = units(args.units)
    half = len(district) // 2

    print(f"District of {len(district)} units, year 2024, in {root}")
    a, b = laptop(root, "laptop-a", "Cầm Thị Hoa"), laptop(root, "laptop-b", "Lường Văn Dũng")
    start = time.perf_counter()
    ids_a = [visit(a, reg, u, rng, photos=args.photos, photo_kb=args.photo_kb, finalize=i != half - 1)
             for i, u in enumerate(district[:half])]
    ids_b = [visit(b, reg, u, rng, photos=args.photos, photo_kb=args.photo_kb, finalize=True)
             for u in district[half:]]
    again = Unit(id="bench-unit-b-own", name=district[0].name.upper(), kind=district[0].kind, district="Bắc Yên",
                 province="Sơn La")  # B creates A's first unit again, on its own
    ids_b.append(visit(b, reg, again, rng, photos=1, photo_kb=args.photo_kb, finalize=False))
    print(f"  filled both laptops (synchronous=OFF, not measured)  {time.perf_counter() - start:7.2f} s")
    for name, store in (("laptop A", a), ("laptop B", b)):
        print(f"  {name}: " + ", ".join(f"{v} {k}" for k, v in census(store).items()))

    print("Times:")
    usb = root / "usb"
    ea = timed("export laptop A", lambda: export_bundle(a, usb / "laptop-a-2024.antq", year=2024))
    eb = timed("export laptop B", lambda: export_bundle(b, usb / "laptop-b-2024.antq", year=2024))
    for name, e in (("A", ea), ("B", eb)):
        print(f"    bundle {name}: {e.size / 1e6:.1f} MB, " + ", ".join(f"{v} {k}" for k, v in e.counts.items()))
    office = Store.open(root / "office" / "inspections" / "antq.db", user="Văn phòng Công an huyện")
    ra = timed("import A into the office (new)", lambda: import_bundle(office, ea.path, trust_signer=True))
    rb = timed("import B into the office (new)", lambda: import_bundle(office, eb.path, trust_signer=True))
    dry = timed("dry run of A again", lambda: import_bundle(office, ea.path, dry_run=True))
    db = office.path
    before = hashlib.sha256(b"".join(line.encode() for line in sqlite3.connect(db).iterdump())).hexdigest()
    ra2 = timed("import A again (must change nothing)", lambda: import_bundle(office, ea.path, trust_signer=True))
    rb2 = timed("import B again (must change nothing)", lambda: import_bundle(office, eb.path, trust_signer=True))
    after = hashlib.sha256(b"".join(line.encode() for line in sqlite3.connect(db).iterdump())).hexdigest()
    problems = timed("verify the office database", office.verify)

    print("Office database: " + ", ".join(f"{v} {k}" for k, v in census(office).items()))
    for label, r in (("A", ra), ("B", rb)):
        print(f"  import {label}: " + next(line for line in r.lines() if line.startswith("Tổng")))
    print(f"  units matched by name: {[u.name for u in rb.units if u.action == 'matched']}")
    intact = all(fingerprint(office, i) == fingerprint(a, i) for i in ids_a) and all(
        fingerprint(office, i) == fingerprint(b, i) for i in ids_b)
    nothing_twice = not ra2.changed and not rb2.changed and before == after and not dry.changed
    print(f"Every inspection, answer, audit entry and attachment intact: {intact}")
    print(f"Second import changed nothing: {nothing_twice}")
    print(f"antq verify on the office database: {'ok' if not problems else [p.message for p in problems[:5]]}")
    for s in (a, b, office):
        s.close()
    if not args.keep:
        import shutil

        shutil.rmtree(root)
    sys.exit(0 if intact and nothing_twice and not problems else 1)


if __name__ == "__main__":
    main()
