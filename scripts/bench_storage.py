#!/usr/bin/env python3
"""Measure the storage layer: one answer save, and one search over 10,000 inspections.

    /work/venv/bin/python scripts/bench_storage.py [--inspections 10000] [--saves 1000] [--keep DIR]

Builds a throwaway database in a temporary folder (or DIR) with a realistic 34-criterion set and
10,000 inspections of ~1,700 units over six years, then times, with the production pragmas
(WAL, synchronous=FULL):

- one answer save (``set_verdict`` / ``set_remark`` / ``set_inputs`` / ``set_evidence`` in turn,
  each its own committed transaction plus audit row): median, 95th percentile and worst of N;
- one search (``list_inspections(query)``) for queries a thư ký would type, keystroke by keystroke.

The filling itself runs with ``synchronous=OFF`` to be quick; it is not what is measured.
Prints the figures; asserts nothing (timings depend on the disk).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from antq_tui.criteria import CriteriaSet, Criterion, Field, Group, Suggestion
from antq_tui.inspection import Unit
from antq_tui.storage import Store

SYLLABLES = ("Phiêng", "Ban", "Đông", "Thọ", "Mường", "Khoa", "Chiềng", "Sại", "Hồng", "Ngài", "Tà", "Xùa",
             "Song", "Pạc", "Làng", "Chếu", "Hang", "Chú", "Xím", "Vàng", "Bắc", "Yên", "Quang", "Huy")
DISTRICTS = ("Bắc Yên", "Phù Yên", "Mường La", "Thuận Châu", "Quỳnh Nhai", "Mai Sơn", "Yên Châu", "Mộc Châu",
             "Sông Mã", "Sốp Cộp", "Vân Hồ", "Thành phố Sơn La")
KINDS = (("xa", "Xã"), ("phuong", "Phường"), ("thi_tran", "Thị trấn"))


def crime_check(inputs):
    before, after = inputs["before"], inputs["after"]
    return Suggestion.dat(f"giảm ({before} → {after} vụ)") if after < before else Suggestion.khong_dat("không giảm")


def realistic_set() -> CriteriaSet:
    text = ("Tổ chức quán triệt, triển khai thực hiện đầy đủ, hiệu quả các chủ trương của Đảng, chính sách pháp "
            "luật của Nhà nước, các văn bản chỉ đạo của cấp trên về công tác bảo đảm an ninh, trật tự và xây dựng "
            "phong trào toàn dân bảo vệ an ninh Tổ quốc đến các ban, ngành, đoàn thể, thôn, tổ dân phố.")
    evidence = ("Kế hoạch, văn bản triển khai quán triệt", "Biên bản hội nghị", "Báo cáo kết quả thực hiện")
    fields = (Field("before", "Số vụ năm trước", unit="vụ"), Field("after", "Số vụ năm nay", unit="vụ"))
    groups = (Group("lanh_dao", "Công tác lãnh đạo"), Group("phong_trao", "Xây dựng phong trào"),
              Group("antt", "Bảo đảm an ninh, trật tự"), Group("cong_an", "Công an xã"))
    criteria = tuple(
        Criterion(n, groups[(n - 1) * 4 // 34].id, f"{n}. {text}", evidence,
                  fields=fields if n % 5 == 0 else (), check=crime_check if n % 5 == 0 else None, source="bench")
        for n in range(1, 35)
    )
    return CriteriaSet(id="xa", title="Bộ tiêu chí xã, phường, thị trấn", version="1.0",
                       legal_basis=("Quyết định số 9745/QĐ-BCA-V05",), unit_kinds=("xa", "phuong", "thi_tran"),
                       groups=groups, criteria=criteria, plugin="bench")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def describe(label: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(f"{label}: median {statistics.median(samples):.2f} ms, p95 {p95:.2f} ms, "
          f"worst {samples[-1]:.2f} ms (n={len(samples)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=1_000)
    parser.add_argument("--keep", type=Path, default=None, help="build the database here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="antq-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "antq.db"
    path.unlink(missing_ok=True)
    rng = random.Random(9745)
    cset = realistic_set()

    store = Store.open(path, user="Cầm Thị Hoa")
    units = []
    for i in range(max(1, args.inspections // 6)):
        kind, label = rng.choice(KINDS)
        name = f"{label} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        units.append(Unit(id=f"unit-{i}", name=name, kind=kind, district=rng.choice(DISTRICTS), province="Sơn La"))
    units.append(Unit(id="phieng-ban", name="Xã Phiêng Ban", kind="xa", district="Bắc Yên", province="Sơn La"))
    units.append(Unit(id="dong-tho", name="Phường Đông Thọ", kind="phuong", district="Thành phố Sơn La",
                      province="Sơn La"))

    print(f"Filling {args.inspections} inspections into {path} (synchronous=OFF while filling)…")
    store.conn.execute("PRAGMA synchronous = OFF")
    start = time.perf_counter()
    ids = []
    for i in range(args.inspections):
        unit = units[-2:][i % 2] if i < 12 else units[i % len(units)]
        ids.append(store.create_inspection(unit, 2020 + i % 6, cset, []).id)
        if i % 2000 == 1999:
            print(f"  {i + 1} ({time.perf_counter() - start:.0f} s)")
    store.conn.execute("PRAGMA synchronous = FULL")
    print(f"Filled in {time.perf_counter() - start:.1f} s; file {path.stat().st_size / 1e6:.1f} MB")

    saves = []
    for n in range(args.saves):
        iid = ids[rng.randrange(len(ids))]
        number = rng.randrange(1, 35)
        step = n % 4
        if step == 0:
            saves.append(timed(lambda: store.set_verdict(iid, number, rng.choice(["đạt", "không đạt"]))))
        elif step == 1:
            saves.append(timed(lambda: store.set_remark(iid, number, f"Nhận xét số {n}: hồ sơ đầy đủ")))
        elif step == 2:
            saves.append(timed(lambda: store.set_inputs(iid, 5, {"before": str(40 + n % 7), "after": str(n % 50)})))
        else:
            saves.append(timed(lambda: store.set_evidence(iid, number, n % 3, seen=True, doc_number=f"{n}/KH")))
    describe(f"One answer save (synchronous=FULL, {args.saves} saves)", saves)

    queries = ["phieng ban", "PHIÊNG BAN", "dong tho 2025", "bac yen 2023", "muong la", "xa", "zzz"]
    typed = [q[:k] for q in ("phieng ban", "dong tho 2025") for k in range(1, len(q) + 1)]
    for query in queries:
        found = len(store.list_inspections(query))
        describe(f"Search {query!r} over {args.inspections} ({found} found)",
                 [timed(lambda: store.list_inspections(query)) for _ in range(30)])
    describe("Search as typed, keystroke by keystroke (count + first 200 rows)",
             [timed(lambda: (store.count_inspections(q), store.list_inspections(q, limit=200)))
              for q in typed for _ in range(5)])
    describe(f"Whole list, no search ({args.inspections} rows)", [timed(store.list_inspections) for _ in range(10)])
    describe("Open one inspection (get_inspection)", [timed(lambda: store.get_inspection(rng.choice(ids)))
                                                      for _ in range(200)])
    store.close()
    if args.keep is None:
        print(f"(database left in {folder}; delete it when done)")


if __name__ == "__main__":
    main()
