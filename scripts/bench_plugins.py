#!/usr/bin/env python3
"""What loading the plugins costs, with and without the child-process probe that names a plugin which
hangs or ends antq: the median of N loads of the repository's plugins/ folder (the two official sets).

    python scripts/bench_plugins.py [--runs 10]

Each load is a new Python process (nothing cached); the floor is a process that starts and does nothing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHILD = """
import sys
from pathlib import Path
from antq_tui.registry import load_registry
load_registry([Path(sys.argv[1])], isolate=sys.argv[2] == "probe")
"""


def _median(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=REPO, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    floor = _median(["-c", "pass"], runs)
    plain = _median(["-c", CHILD, str(REPO / "plugins"), "plain"], runs)
    probed = _median(["-c", CHILD, str(REPO / "plugins"), "probe"], runs)
    print(f"floor (python -c pass): {floor:.3f} s")
    print(f"load plugins in process only: {plain:.3f} s")
    print(f"probe in a child, then load: {probed:.3f} s (+{probed - plain:.3f} s) — median of {runs}")


if __name__ == "__main__":
    main()
