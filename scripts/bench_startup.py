#!/usr/bin/env python3
"""How long antq takes to show its home screen: the median of 10 cold starts.

Each start is a new Python process (nothing cached in memory) that imports antq, opens the workspace
and the database, and draws the home screen in a headless terminal of 80×24. Two times, from just
before the process starts: the first frame of the home screen written to the terminal, and the
first frame that shows the list of inspections (the database opens just after the first frame).
With ``--cli`` the process first imports the ``antq`` command, as ``antq --config …`` does.

    python scripts/bench_startup.py [--config PATH/config.toml] [--runs 10] [--cli]

Without --config it builds the demo workspace in a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys, time, asyncio
start = float(sys.argv[2])
if sys.argv[3] == "cli":
    import antq_tui.cli.main  # noqa: F401  (what the antq command imports before it starts the app)
from antq_tui.tui.app import AntqApp

class Bench(AntqApp):
    painted = listed = None

    def _display(self, screen, renderable):
        # every frame the app writes to the terminal passes here (the headless test driver drops it)
        super()._display(screen, renderable)
        if renderable is None or type(screen).__name__ != "HomeScreen" or self.listed is not None:
            return
        now = time.time() - start
        if self.painted is None:
            self.painted = now
        if screen.query_one("#inspections").row_count:
            self.listed = now
            self.done.set()

async def main():
    app = Bench(sys.argv[1])
    app.done = asyncio.Event()
    async with app.run_test(size=(80, 24)):
        await asyncio.wait_for(app.done.wait(), 60)
    print(app.painted, app.listed)

asyncio.run(main())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cli", action="store_true",
                        help="import the antq command first, as `antq --config …` does, then start the app")
    args = parser.parse_args()
    repo = Path(__file__).resolve().parent.parent
    config = args.config
    if config is None:
        folder = Path(tempfile.mkdtemp()) / "demo"
        subprocess.run([sys.executable, "-m", "antq_tui", "demo", str(folder)], check=True, cwd=repo,
                       stdout=subprocess.DEVNULL)
        config = folder / "config.toml"
    painted, listed = [], []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", CHILD, str(config), repr(time.time()),
                              "cli" if args.cli else "app"], cwd=repo,
                             capture_output=True, text=True, check=True)
        first, second = out.stdout.strip().splitlines()[-1].split()
        painted.append(float(first))
        listed.append(float(second))
    for label, times in (("home screen painted", painted), ("inspections listed", listed)):
        print(f"{label} after (s): median {statistics.median(times):.3f}, "
              f"min {min(times):.3f}, max {max(times):.3f} over {len(times)} cold starts")


if __name__ == "__main__":
    main()
