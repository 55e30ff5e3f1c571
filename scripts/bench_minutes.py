#!/usr/bin/env python3
"""Time the export of the minutes for a 34-criterion commune inspection (median of 5) and print the
file size. Run from the repository root: ``python scripts/bench_minutes.py [--runs N] [--official]``.

The first export in a process also pays for importing WeasyPrint and loading the fonts; it is
reported on its own line ("lần đầu") and left out of the median, which is what the thư ký waits for
on every export after the first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import write_workspace  # noqa: E402
from minutes_sample import official_set, sample_inspection, synthetic_set  # noqa: E402

from antq_tui.minutes.render import export_minutes  # noqa: E402
from antq_tui.workspace import Workspace  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--official", action="store_true",
                        help="use the repository's official set for xã instead of the synthetic 34 criteria")
    parser.add_argument("--keep", type=Path, default=None, help="copy the last PDF here")
    args = parser.parse_args()

    cset = official_set("xa") if args.official else synthetic_set(34)
    inspection = sample_inspection(cset, finalized=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = Workspace.open(write_workspace(root), entry_points=False)
        start = time.perf_counter()
        result = export_minutes(ws, inspection)
        first = time.perf_counter() - start
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = export_minutes(ws, inspection)
            times.append(time.perf_counter() - start)
        size = result.path.stat().st_size
        import pypdf

        pages = len(pypdf.PdfReader(result.path).pages)
        if args.keep:
            args.keep.write_bytes(result.path.read_bytes())
    print(f"tiêu chí: {len(cset.criteria)} ({cset.id}); định dạng: {result.format}; số trang: {pages}")
    print(f"lần đầu (gồm nạp WeasyPrint): {first:.2f} s")
    print(f"trung vị {args.runs} lần: {statistics.median(times):.2f} s "
          f"(nhanh nhất {min(times):.2f} s, chậm nhất {max(times):.2f} s)")
    print(f"dung lượng tệp: {size / 1024:.1f} KiB ({size} byte)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
