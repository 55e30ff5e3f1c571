#!/usr/bin/env python3
"""Time ``antq stats`` on 1,000 inspections.

    /work/venv/bin/python scripts/bench_stats.py [--inspections 1000] [--keep DIR]

Builds a throwaway workspace (the repository's official plugins, a 12- and a 6-criterion test set)
with N inspections of one year written through the Store API (seeded random; filling runs with
synchronous=OFF, which is not what is measured), then runs the command line in a fresh process, as a
user would, for the text table, --json, --xlsx and --pdf: median of 3 wall-clock runs each.
Prints the figures; asserts nothing (timings depend on the machine).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import write_workspace  # noqa: E402
from office_fixtures import generate  # noqa: E402

from antq_tui.storage import Store  # noqa: E402
from antq_tui.workspace import Workspace  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inspections", type=int, default=1000)
    parser.add_argument("--keep", type=Path, default=None, help="build the workspace here and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="antq-bench-stats-"))
    root.mkdir(parents=True, exist_ok=True)
    config = write_workspace(root)
    ws = Workspace.open(config, entry_points=False)
    started = time.perf_counter()
    with Store.for_workspace(ws) as store:
        generate(store, args.inspections, years=(2024,))
    print(f"Filled {args.inspections} inspections in {time.perf_counter() - started:.1f} s ({ws.db_path})")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for label, extra in (("text", []), ("--json", ["--json"]), ("--xlsx", ["--xlsx", str(root / "b.xlsx")]),
                         ("--pdf", ["--pdf", str(root / "b.pdf")])):
        samples = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "antq_tui.cli", "--config", str(config), "stats", "--year", "2024",
                            *extra], check=True, capture_output=True, env=env)
            samples.append(time.perf_counter() - t)
        print(f"antq stats --year 2024 {label:7}: median {statistics.median(samples):.2f} s "
              f"(runs: {', '.join(f'{s:.2f}' for s in samples)})")


if __name__ == "__main__":
    main()
