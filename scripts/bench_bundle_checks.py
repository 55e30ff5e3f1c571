#!/usr/bin/env python3
"""What checking a bundle costs before an import: every check of ``read_bundle`` (trailer, zip headers,
JSON depth, signature, member hashes, rows, replay against the bundle's own log), against a floor
measured in the same run: hashing the file once and parsing its tables with ``json.loads``.

    .venv/bin/python scripts/bench_bundle_checks.py [BUNDLE.antq]

Without a bundle it makes one from the demo workspace (``antq demo``) in a temporary folder. For a
district's year, build one with ``scripts/bench_bundle.py --keep DIR`` and pass ``DIR/usb/…antq``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from antq_tui.exchange import bundle as bundle_module
from antq_tui.exchange.replay import check_replay


def best(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def floor(path: Path) -> None:
    with open(path, "rb") as fh:
        bundle_module._hash_stream(fh, path.stat().st_size - 64)
    with zipfile.ZipFile(path) as zf:
        for table in bundle_module.TABLES:
            json.loads(zf.read(bundle_module.table_member(table)))


def demo_bundle(folder: Path) -> Path:
    antq = str(Path(sys.executable).parent / "antq")
    subprocess.run([antq, "demo", str(folder / "demo")], check=True, capture_output=True)
    out = folder / "demo.antq"
    subprocess.run([antq, "--config", str(folder / "demo" / "config.toml"), "bundle", "export", "--out", str(out)],
                   check=True, capture_output=True)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(sys.argv[1]) if len(sys.argv) > 1 else demo_bundle(Path(tmp))
        bundle = bundle_module.read_bundle(path)
        size = path.stat().st_size
        base = best(lambda: floor(path))
        full = best(lambda: bundle_module.read_bundle(path))
        replay = best(lambda: check_replay(bundle))
        print(f"bundle {path.name}: {size / 1e6:.1f} MB, {len(bundle.tables['audit'])} audit rows")
        print(f"  floor (hash the file, json.loads the tables)   {base * 1000:8.1f} ms")
        print(f"  read_bundle, every check                       {full * 1000:8.1f} ms  ({full / base:.1f} × floor)")
        print(f"    of which the replay against the log          {replay * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
