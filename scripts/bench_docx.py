#!/usr/bin/env python3
"""Time the Word export (.docx) of the demo's papers against their PDF export, measured in the same run
(the PDF is the floor the Word file is compared with). Run from the repository root:
``python scripts/bench_docx.py [--runs N]``.

For the minutes of Xã Phiêng Ban 2023 (34 criteria), the báo cáo and the tờ trình of the demo: the
first export in the process (imports docxtpl or WeasyPrint) on its own line, then the median of
``--runs`` more. The renderers are timed, not the service: nothing is recorded, every run writes the
same file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from antq_tui.demo import build_demo, demo_id  # noqa: E402
from antq_tui.minutes.docx import export_minutes_docx  # noqa: E402
from antq_tui.minutes.render import export_minutes  # noqa: E402
from antq_tui.office.docx_reports import export_document_docx  # noqa: E402
from antq_tui.office.reports import export_document  # noqa: E402
from antq_tui.services import Context, office  # noqa: E402
from antq_tui.workspace import Workspace  # noqa: E402


def timed(fn: Callable[[], object], runs: int) -> tuple[float, list[float], object]:
    start = time.perf_counter()
    result = fn()
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return first, times, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        config = build_demo(Path(tmp) / "demo")
        ws = Workspace.open(config, entry_points=False)
        with Context.open(ws) as ctx:
            inspection = ctx.store.get_inspection(demo_id("inspection", "phieng_ban_2023"))
            data = office.statistics(ctx, 2023, whole=True)
        out = Path(tmp) / "out"
        out.mkdir()
        cases = [
            ("biên bản", lambda: export_minutes(ws, inspection, out), lambda: export_minutes_docx(ws, inspection, out)),
            ("báo cáo", lambda: export_document(ws, data, "bao_cao", out),
             lambda: export_document_docx(ws, data, "bao_cao", out)),
            ("tờ trình", lambda: export_document(ws, data, "to_trinh", out),
             lambda: export_document_docx(ws, data, "to_trinh", out)),
        ]
        print(f"{'giấy tờ':10} {'định dạng':11} {'lần đầu':>9} {'trung vị':>9} {'nhanh nhất':>11} {'KiB':>7}")
        for name, pdf, docx in cases:
            rows = []
            for label, fn in (("PDF", pdf), ("Word", docx)):
                first, times, result = timed(fn, args.runs)
                size = result.path.stat().st_size / 1024  # type: ignore[attr-defined]
                fmt = result.format  # type: ignore[attr-defined]
                rows.append(statistics.median(times))
                print(f"{name:10} {label + ' (' + fmt + ')':11} {first:8.3f}s {rows[-1]:8.3f}s {min(times):10.3f}s "
                      f"{size:7.1f}")
            print(f"{'':10} Word / PDF (trung vị): {rows[1] / rows[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
