#!/usr/bin/env python3
"""How long antq takes to show its home screen: the median of 10 cold starts.

Each start is a new Python process (nothing cached in memory) that imports antq, opens the workspace
and the database, and paints the home screen in a headless terminal of 80×24. Two times, from the
process start: the first paint of the home screen, and the list of inspections on it (the database
opens just after the first paint).

    python scripts/bench_startup.py [--config PATH/config.toml] [--runs 10]

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
from antq_tui.app import AntqApp

class Bench(AntqApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self._painted)

    def _painted(self):
        from antq_tui.screens.home import HomeScreen
        assert isinstance(self.screen, HomeScreen), self.screen
        self.painted = time.time() - start

    def _open_data(self):
        super()._open_data()
        self.call_after_refresh(self._listed)

    def _listed(self):
        print(self.painted, time.time() - start)
        self.exit()

async def main():
    app = Bench(sys.argv[1])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

asyncio.run(main())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path)
    parser.add_argument("--runs", type=int, default=10)
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
        out = subprocess.run([sys.executable, "-c", CHILD, str(config), repr(time.time())], cwd=repo,
                             capture_output=True, text=True, check=True)
        first, second = out.stdout.strip().splitlines()[-1].split()
        painted.append(float(first))
        listed.append(float(second))
    for label, times in (("home screen painted", painted), ("inspections listed", listed)):
        print(f"{label} after (s): median {statistics.median(times):.3f}, "
              f"min {min(times):.3f}, max {max(times):.3f} over {len(times)} cold starts")


if __name__ == "__main__":
    main()
