#!/usr/bin/env python3
"""What checking the database costs: ``PRAGMA quick_check`` (before every backup, every CLI command
that writes, ``antq list``), and ``integrity_check`` (run by
``antq verify``), on N inspections.

    .venv/bin/python scripts/bench_verify.py [--inspections 5000] [--keep DIR]

Builds a throwaway database: one inspection with all 34 answers and long remarks written through the
store, then copied N-1 times by SQL (rows and their audit rows). The floor, measured in the same run,
is one sequential read of the whole file (what any check of every page must at least do).
Prints the figures; asserts nothing (timings depend on the disk).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from storage_fixtures import new_inspection

from antq_tui.storage import Store


def build(path: Path, n: int) -> None:
    with Store.open(path) as store:
        iid = new_inspection(store).id
        for number in range(1, 35):
            store.set_verdict(iid, number, "đạt")
            store.set_remark(iid, number, "Nhận xét của đoàn về hồ sơ, sổ sách đã xem. " * 8)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    cols_i = [r[1] for r in conn.execute("PRAGMA table_info(inspections)")]
    cols_a = [r[1] for r in conn.execute("PRAGMA table_info(answers)")]
    conn.execute("BEGIN")
    for _ in range(n - 1):
        nid = str(uuid.uuid4())
        conn.execute(f"INSERT INTO inspections ({','.join(cols_i)}) SELECT "
                     f"{','.join('?' if c == 'id' else c for c in cols_i)} FROM inspections WHERE id = ?", [nid, iid])
        conn.execute(f"INSERT INTO answers ({','.join(cols_a)}) SELECT "
                     f"{','.join('?' if c == 'inspection_id' else c for c in cols_a)} FROM answers WHERE inspection_id = ?",
                     [nid, iid])
        conn.execute("INSERT INTO audit (at, who, inspection_id, action, target, old, new, prev_hash, hash) SELECT at, who,"
                     " ?, action, target, old, new, prev_hash, hash FROM audit WHERE inspection_id = ?", [nid, iid])
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspections", type=int, default=5000)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="antq-bench-verify-"))
    path = folder / "antq.db"
    if not path.exists():
        build(path, args.inspections)
    print(f"{args.inspections} inspections, {path.stat().st_size / 1e6:.0f} MB: {path}")

    def read_all() -> None:
        with open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass

    conn = sqlite3.connect(path)
    floor = min(timed(read_all) for _ in range(3))
    quick = min(timed(lambda: conn.execute("PRAGMA quick_check").fetchall()) for _ in range(3))
    full = min(timed(lambda: conn.execute("PRAGMA integrity_check").fetchall()) for _ in range(2))
    conn.close()
    print(f"floor (read the file once): {floor * 1000:.0f} ms")
    print(f"PRAGMA quick_check:         {quick * 1000:.0f} ms")
    print(f"PRAGMA integrity_check:     {full * 1000:.0f} ms")


if __name__ == "__main__":
    main()
