#!/usr/bin/env python3
"""What the calendar's work costs: ``calendar.agenda`` (``antq calendar``, the home screen's
"Sắp đến hạn" line, read off the UI thread) before a recognition deadline, on N inspections over two
years, half of them in the year asked.

    .venv/bin/python scripts/bench_calendar.py [--inspections 2000]

Builds a throwaway workspace with the Quảng Trị example plugin (a registration and a recognition
deadline, three selection targets) and N generated inspections. Before a recognition deadline the
agenda reads every finalized inspection of the year to know which propose recognition; the floor,
measured in the same run, is reading those same inspections once (``Store.get_inspection``), which
any answer to that question must do. Prints the figures; asserts nothing (timings depend on the disk).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest import write_workspace
from office_fixtures import generate

from antq_tui.services import Context, calendar
from antq_tui.storage import Store
from antq_tui.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspections", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "docs" / "examples" / "tinh_quang_tri", root / "extra" / "tinh_quang_tri")
        ws = Workspace.open(write_workspace(root, plugin_folders=[root / "extra"]), entry_points=False)
        with Store.for_workspace(ws) as store:
            generate(store, args.inspections, seed=1)
        with Context.open(ws) as ctx:
            today = dt.date(2024, 10, 1)
            start = time.perf_counter()
            items = calendar.agenda(ctx, today)
            agenda = time.perf_counter() - start
            ids = [r.id for r in ctx.store.list_inspections(year=2024) if r.finalized]
            start = time.perf_counter()
            for iid in ids:
                ctx.store.get_inspection(iid)
            floor = time.perf_counter() - start
        pending = sum(len(w.pending) for w in items)
        print(f"{args.inspections} inspections, {len(ids)} finalized in 2024; {pending} units pending")
        print(f"agenda before the recognition deadline: {agenda:.2f} s (floor, reading those inspections: {floor:.2f} s)")


if __name__ == "__main__":
    main()
