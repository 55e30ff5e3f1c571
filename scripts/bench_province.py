#!/usr/bin/env python3
"""Every figure of issue 19's table on synthetic provinces, each beside its floor measured in the same run.

    .venv/bin/python scripts/bench_province.py [--work DIR] [--runs 3] [--json]
        [--only stats,verify,bundle,search,home,list] [--bundle-sizes 20,500,5000] [--timeout 900]

The provinces are built once by scripts/make_province.py (deterministic) into ``--work`` (default
/tmp/antq-bench-province) and reused: 1,000 inspections (1,004 with the demo's), 5,000 and 10,000.
antq is measured as a user runs it, through its command line (a fresh process each time) or its TUI
(``App.run_test`` in a fresh process), so a change inside antq never needs a change here. Each figure
is the median of ``--runs`` runs (the 5,000-inspection bundle: one run), wall clock. Floors:

- stats: the same counts (finalized inspections: antq's default) by a Python GROUP BY over the answers
  table, in a fresh ``python`` process
  (text: printed; --json: dumped as JSON; --xlsx: the same cells written by plain openpyxl);
- verify: PRAGMA integrity_check + one pass over the audit chain (each row's hash) + every file's sha256;
  peak memory is the child's maximum resident set;
- bundle import: unzip every member + sqlite-utils ``insert_all`` of every table's rows in one transaction;
- home search: from the key to the first frame painted with the new count (the goal is 100 ms), beside
  a bare Textual app that rebuilds a 50-row table on each key (no SQL); search p95: the same LIKE over the same columns
  with ORDER BY, for the prefixes "p" … "phieng ban";
- home listed: a bare Textual app painting a 50-row DataTable; ``antq list``: the same query printed by Python.

Prints a table (measure, antq, floor, ratio) or, with --json, the same as JSON. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ANTQ = [PYTHON, "-m", "antq_tui.cli"]
#: as on a user's machine: Python writes its .pyc files (a sandbox's PYTHONDONTWRITEBYTECODE would
#: make every antq run compile its modules again, 0.1 s that no user pays)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "120"}
SEARCH_WORD = "phieng ban"
ALL = ("stats", "verify", "bundle", "search", "home", "list")

# --------------------------------------------------------------------------------------------------
# running and timing


def run(cmd: list[str], *, timeout: float | None = None, cwd: Path | None = None,
        ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
    """Seconds, peak MB of the child (max RSS) and stdout of ``cmd``, in a fresh wrapper process so the
    peak is this child's alone. On a timeout: (inf, 0, ""). An exit code outside ``ok`` stops the run."""
    wrapper = textwrap.dedent("""
        import json, resource, subprocess, sys, time
        t = time.perf_counter()
        p = subprocess.run(json.loads(sys.argv[1]), capture_output=True, timeout=float(sys.argv[2]) or None)
        dt = time.perf_counter() - t
        sys.stderr.buffer.write(p.stderr)
        if p.returncode not in json.loads(sys.argv[3]):
            sys.exit(p.returncode or 3)
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps([dt, rss, p.stdout.decode("utf-8", "replace")[-20000:]]))
    """)
    try:
        p = subprocess.run([PYTHON, "-c", wrapper, json.dumps(cmd), str(timeout or 0), json.dumps(list(ok))],
                           capture_output=True,
                           env=ENV, cwd=cwd, timeout=(timeout + 30) if timeout else None)
    except subprocess.TimeoutExpired:
        return float("inf"), 0.0, ""
    if p.returncode != 0:
        if b"TimeoutExpired" in p.stderr:
            return float("inf"), 0.0, ""
        raise SystemExit(f"failed: {' '.join(cmd)}\n{p.stderr.decode('utf-8', 'replace')[-3000:]}")
    seconds, rss, out = json.loads(p.stdout)
    return seconds, rss, out


def median_run(cmd: list[str], runs: int, **kw) -> tuple[float, float, str]:
    samples = [run(cmd, **kw) for _ in range(runs)]
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples), samples[-1][2])


def python_floor(code: str, runs: int, *args: str) -> float:
    """Median seconds of a fresh ``python -c code args`` (the floor scripts below)."""
    return median_run([PYTHON, "-c", code, *args], runs)[0]


# --------------------------------------------------------------------------------------------------
# the provinces


def province(work: Path, n: int) -> Path:
    """The config.toml of the n-inspection province in ``work``, built on first use."""
    folder = work / f"province-{n}"
    config = folder / "config.toml"
    done = folder / ".built"
    if not done.exists():
        if folder.exists():
            shutil.rmtree(folder)
        print(f"building the {n}-inspection province in {folder} …", file=sys.stderr, flush=True)
        subprocess.run([PYTHON, str(REPO / "scripts" / "make_province.py"), "--inspections", str(n), str(folder)],
                       check=True, env=ENV)
        done.write_text("ok")
    # a province built by an older antq: opened once for writing, it is upgraded (a copy kept aside),
    # so that the read-only commands measured below can open it
    subprocess.run([PYTHON, "-c", OPEN_FOR_WRITING, str(config)], check=True, env=ENV)
    return config


OPEN_FOR_WRITING = """
import sys
from antq_tui.services import Context
from antq_tui.workspace import Workspace
Context.open(Workspace.open(sys.argv[1])).close()
"""


def db_path(config: Path) -> Path:
    return config.parent / "inspections" / "antq.db"


def latest_year(config: Path) -> int:
    import sqlite3

    with sqlite3.connect(db_path(config)) as conn:
        return conn.execute("SELECT max(year) FROM inspections").fetchone()[0]


def count_year(config: Path, year: int) -> int:
    import sqlite3

    with sqlite3.connect(db_path(config)) as conn:
        return conn.execute("SELECT count(*) FROM inspections WHERE year = ? AND status = 'finalized'",
                            [year]).fetchone()[0]


# --------------------------------------------------------------------------------------------------
# the floors, each a small program run in a fresh process

GROUP_BY = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1]); year = int(sys.argv[2]); mode = sys.argv[3]
units = {}
for iid, unit, kind, district, total, status, set_id in conn.execute(
        "SELECT id, unit_name, unit_kind, unit_district, criteria_total, status, set_id FROM inspections WHERE year = ?"
        " AND status = 'finalized'", [year]):  # what antq stats counts by default: drafts left out
    units[iid] = {"unit": unit, "kind": kind, "district": district, "total": total, "status": status,
                  "set": set_id, "dat": 0, "khong_dat": 0, "failed": []}
criteria = {}
for iid, number, verdict in conn.execute(
        "SELECT a.inspection_id, a.number, a.verdict FROM answers a JOIN inspections i ON i.id = a.inspection_id"
        " WHERE i.year = ? ORDER BY a.inspection_id, a.number", [year]):
    if iid not in units:
        continue
    u = units[iid]; c = criteria.setdefault((u["set"], number), {"dat": 0, "khong_dat": 0})
    if verdict == "dat":
        u["dat"] += 1; c["dat"] += 1
    elif verdict == "khong_dat":
        u["khong_dat"] += 1; c["khong_dat"] += 1; u["failed"].append(number)
rows = sorted(units.values(), key=lambda u: (u["set"], u["kind"], u["district"], u["unit"]))
if mode == "text":
    for i, u in enumerate(rows, 1):
        print(i, u["unit"], u["district"], u["status"], f"{u['dat']}/{u['total']}", ", ".join(map(str, u["failed"])))
    for (s, n), c in sorted(criteria.items()):
        print(s, n, c["dat"], c["khong_dat"])
elif mode == "json":
    print(json.dumps({"units": rows, "criteria": [[s, n, c] for (s, n), c in sorted(criteria.items())]},
                     ensure_ascii=False, indent=2))
else:
    import openpyxl
    cells = json.load(open(mode, encoding="utf-8"))
    wb = openpyxl.Workbook(); wb.remove(wb.active)
    for title, rows_ in cells:
        ws = wb.create_sheet(title)
        for r in rows_:
            ws.append(r)
    wb.save(sys.argv[4])
"""

VERIFY_FLOOR = """
import hashlib, json, sqlite3, sys
from pathlib import Path
db = Path(sys.argv[1]); conn = sqlite3.connect(db)
conn.execute("PRAGMA integrity_check").fetchall()
prev = ""
for rid, at, who, iid, action, target, old, new in conn.execute(
        "SELECT id, at, who, inspection_id, action, target, old, new FROM audit ORDER BY id"):
    content = json.dumps([rid, at, who, iid, action, target, old, new], ensure_ascii=False, separators=(",", ":"))
    prev = hashlib.sha256(f"{prev}\\n{content}".encode()).hexdigest()
for folder in ("attachments", "exports"):
    for f in sorted((db.parent / folder).rglob("*")):
        if f.is_file():
            hashlib.sha256(f.read_bytes()).hexdigest()
"""

BUNDLE_FLOOR = """
import json, sys, tempfile, zipfile
from pathlib import Path
import sqlite_utils
out = Path(tempfile.mkdtemp())
with zipfile.ZipFile(sys.argv[1]) as z:
    z.extractall(out)
db = sqlite_utils.Database(out / "floor.db")
with db.conn:
    for table in sorted((out / "data").glob("*.json")):  # data/audit.2.json: more rows of audit
        rows = json.loads(table.read_text(encoding="utf-8"))
        if rows:
            db[table.stem.split(".")[0]].insert_all(rows, alter=True, batch_size=500)
"""

LIST_FLOOR = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT year, unit_name, unit_kind, unit_district, status, visit_date, assessed, criteria_total, id"
                    " FROM inspections ORDER BY updated_at DESC, id").fetchall()
for r in rows:
    print(f"{r[0]}   {r[1]:48} {r[2]:16} {r[3]:18} {r[4]:15} {r[5] or '':15} {r[6]}/{r[7]}   {r[8][:8]}")
print(f"({len(rows)} cuộc kiểm tra)")
"""

SEARCH_FLOOR = """
import sqlite3, statistics, sys, time
conn = sqlite3.connect(sys.argv[1]); word = sys.argv[2]; samples = []
for k in range(1, len(word) + 1):
    like = f"%{word[:k]}%"
    t = time.perf_counter()
    conn.execute("SELECT * FROM inspections WHERE unit_name LIKE ? OR unit_kind LIKE ? OR unit_district LIKE ?"
                 " OR unit_province LIKE ? OR CAST(year AS TEXT) LIKE ? OR set_id LIKE ? ORDER BY updated_at DESC",
                 [like] * 6).fetchall()
    samples.append(time.perf_counter() - t)
print(sorted(samples)[max(0, int(round(0.95 * len(samples))) - 1)])
"""

SEARCH_ANTQ = """
import sys, time
from antq_tui.services import Context, inspections
from antq_tui.workspace import Workspace
word = sys.argv[2]; samples = []
with Context.open(Workspace.open(sys.argv[1])) as ctx:
    inspections.find(ctx, "x")  # warm: the connection, the plugins
    for k in range(1, len(word) + 1):
        t = time.perf_counter()
        inspections.find(ctx, word[:k])
        samples.append(time.perf_counter() - t)
print(sorted(samples)[max(0, int(round(0.95 * len(samples))) - 1)])
"""

#: the TUI probes: seconds from the probe's start (imports included) until the home list is painted;
#: then, for "search", one letter typed until the list is painted again
TUI_PROBE = """
import time; START = time.perf_counter()
import asyncio, sys
mode, config = sys.argv[1], sys.argv[2]

async def painted(app, pilot, table, rows_before=None):
    for _ in range(6000):
        await pilot.pause()
        if table.row_count and (rows_before is None or table.row_count != rows_before):
            break
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()

async def main():
    from textual.widgets import DataTable, Input
    if mode in ("bare", "bare-search"):
        from textual.app import App
        class Bare(App):
            def compose(self):
                yield Input(id="search")
                yield DataTable()
            def on_mount(self):
                t = self.query_one(DataTable); t.add_columns("Đơn vị", "Loại", "Năm", "Trạng thái", "Đã đánh giá")
                self.fill("")
            def fill(self, query):
                t = self.query_one(DataTable); t.clear()
                for i in range(50):
                    t.add_row(f"Xã Phiêng Ban {query} {i}", "Xã", "2024", "Đã hoàn thành", "34/34")
                self.screen.total = 50 + len(query)
            def on_input_changed(self, event):
                self.fill(event.value)
        app = Bare()
    else:
        from antq_tui.tui.app import AntqApp
        app = AntqApp(config)
    # a frame is painted when the app hands the compositor's update to the terminal (App._display: the
    # headless driver writes nothing, everything before that is done): the time of each, with the count
    # the screen showed then
    frames = []
    display = app._display
    def timed(screen, renderable):
        display(screen, renderable)
        if renderable is not None:
            frames.append((time.perf_counter(), getattr(app.screen, "total", None)))
    app._display = timed
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(6000):
            await pilot.pause()
            tables = [t for t in app.screen.query(DataTable) if t.row_count]
            if tables:
                break
        table = tables[0]
        await painted(app, pilot, table)
        listed = time.perf_counter() - START
        if not mode.endswith("search"):
            print(listed); return
        search = app.screen.query_one("#search", Input) if app.screen.query("#search") else app.screen.query(Input).first()
        search.focus(); await pilot.pause(); await pilot.wait_for_scheduled_animations()
        # home shows a page (50 rows) either way: the search is painted in the first frame whose count
        # differs from the count before the key
        screen = app.screen
        before = getattr(screen, "total", None)
        t = time.perf_counter()
        await pilot.press("p")
        for _ in range(6000):
            if any(at > t and total != before for at, total in frames):
                break
            await pilot.pause()
        print(min(at for at, total in frames if at > t and total != before) - t)

asyncio.run(main())
"""

# --------------------------------------------------------------------------------------------------
# the measures

Row = dict


def row(measure: str, antq: float | None, floor: float | None, note: str = "", unit: str = "s", **extra) -> Row:
    ratio = (antq / floor) if floor and antq is not None else None
    return {"measure": measure, "antq": antq, "floor": floor, "ratio": ratio, "unit": unit, "note": note, **extra}


def xlsx_cells(path: Path, cells: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    out = [[ws.title, [list(r) for r in ws.iter_rows(values_only=True)]] for ws in wb.worksheets]
    cells.write_text(json.dumps(out, ensure_ascii=False, default=str), encoding="utf-8")


def bench_stats(config: Path, runs: int, scratch: Path, label: str) -> list[Row]:
    year = latest_year(config)
    n = count_year(config, year)
    base = [*ANTQ, "--config", str(config), "stats", "--year", str(year)]
    out: list[Row] = []
    db = str(db_path(config))
    text, _, _ = median_run(base, runs)
    out.append(row(f"antq stats --year {year}, {label} ({n} finalized in {year}), text", text,
                   python_floor(GROUP_BY, runs, db, str(year), "text")))
    js, rss, _ = median_run([*base, "--json"], runs)
    out.append(row(f"… --json, {label}", js, python_floor(GROUP_BY, runs, db, str(year), "json"),
                   peak_mb=round(rss)))
    xlsx = scratch / f"stats-{label}.xlsx"
    xl, _, _ = median_run([*base, "--xlsx", str(xlsx)], runs)
    cells = scratch / f"cells-{label}.json"
    xlsx_cells(xlsx, cells)
    out.append(row(f"… --xlsx, {label}", xl,
                   python_floor(GROUP_BY, runs, db, str(year), str(cells), str(scratch / "floor.xlsx")),
                   note="floor: plain openpyxl, same cells"))
    return out


def bench_verify(config: Path, runs: int, label: str) -> list[Row]:
    seconds, rss, _ = median_run([*ANTQ, "--config", str(config), "verify"], runs, ok=(0, 1))  # 1: problems found
    floor = python_floor(VERIFY_FLOOR, runs, str(db_path(config)))
    import sqlite3

    with sqlite3.connect(db_path(config)) as conn:
        log = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    return [row(f"antq verify, {label} / {log:,} log rows", seconds, floor, peak_mb=round(rss),
                note=f"peak {rss:.0f} MB (goal < 150 MB)")]


def bench_bundle(config: Path, sizes: list[int], runs: int, scratch: Path, timeout: float) -> list[Row]:
    import sqlite3

    with sqlite3.connect(db_path(config)) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM inspections ORDER BY created_at, id")]
    pristine = scratch / "import-target"
    if not pristine.exists():
        subprocess.run([*ANTQ, "demo", str(pristine)], check=True, capture_output=True, env=ENV)
    out: list[Row] = []
    for size in sizes:
        bundle = scratch / f"bundle-{size}.antq"
        if not bundle.exists():
            args = [a for iid in ids[:size] for a in ("-i", iid)]
            made = subprocess.run([*ANTQ, "--config", str(config), "bundle", "export", *args, "-o", str(bundle)],
                                  capture_output=True, env=ENV)
            if made.returncode != 0:  # e.g. more than one bundle may hold: antq says so and writes nothing
                said = made.stderr.decode("utf-8", "replace").strip().splitlines()
                out.append(row(f"bundle import, {size} inspections", None, None,
                               note="export refused: " + (said[-1] if said else f"exit {made.returncode}")))
                continue
        samples = []
        for _ in range(1 if size >= 5000 else runs):
            target = scratch / "import-run"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(pristine, target)
            cfg = target / "config.toml"
            samples.append(run([*ANTQ, "--config", str(cfg), "bundle", "import", "--trust", str(bundle)],
                               timeout=timeout, cwd=target)[0])
        floor = python_floor(BUNDLE_FLOOR, 1 if size >= 5000 else runs, str(bundle))
        seconds = statistics.median(samples)
        out.append(row(f"bundle import, {size} inspections", seconds, floor,
                       note="timed out" if seconds == float("inf") else "floor: unzip + insert_all"))
    return out


def bench_search(config10k: Path, runs: int) -> list[Row]:
    painted = statistics.median(
        float(median_run([PYTHON, "-c", TUI_PROBE, "search", str(config10k)], 1)[2]) for _ in range(runs))
    bare = statistics.median(
        float(median_run([PYTHON, "-c", TUI_PROBE, "bare-search", str(config10k)], 1)[2]) for _ in range(runs))
    p95 = statistics.median(
        float(median_run([PYTHON, "-c", SEARCH_ANTQ, str(config10k), SEARCH_WORD], 1)[2]) for _ in range(runs))
    floor = statistics.median(
        float(median_run([PYTHON, "-c", SEARCH_FLOOR, str(db_path(config10k)), SEARCH_WORD], 1)[2])
        for _ in range(runs))
    return [row("home: one-letter search, key to painted frame, 10,000", painted, bare,
                note="goal 0.100 s; floor: bare Textual app repainting a 50-row table per key"),
            row(f"search \"p\"…\"{SEARCH_WORD}\", 10,000, p95", p95, floor, note="floor: LIKE + ORDER BY")]


def bench_home(config: Path, runs: int, label: str) -> list[Row]:
    listed = statistics.median(
        float(median_run([PYTHON, "-c", TUI_PROBE, "home", str(config)], 1)[2]) for _ in range(runs))
    bare = statistics.median(
        float(median_run([PYTHON, "-c", TUI_PROBE, "bare", str(config)], 1)[2]) for _ in range(runs))
    return [row(f"home listed, {label}", listed, bare, note="floor: bare Textual app, 50-row table")]


def bench_list(config: Path, runs: int, label: str) -> list[Row]:
    seconds, _, _ = median_run([*ANTQ, "--config", str(config), "list"], runs)
    # what every command pays before its own work: the interpreter, click and antq's command table
    start, _, _ = median_run([*ANTQ, "--version"], runs)
    return [row(f"antq list, {label}", seconds, python_floor(LIST_FLOOR, runs, str(db_path(config)))),
            row("antq --version (start-up every command pays)", start, python_floor("import sqlite3", runs),
                note="floor: python -c 'import sqlite3'")]


def show(rows: list[Row]) -> str:
    def num(v: float | None, unit: str) -> str:
        if v is None:
            return "—"
        if v == float("inf"):
            return "timeout"
        return f"{v:.3f} {unit}" if v < 10 else f"{v:.1f} {unit}"

    lines = ["| measure | antq | floor | ratio | note |", "|---|---|---|---|---|"]
    for r in rows:
        ratio = "—" if r["ratio"] is None else ("∞" if r["ratio"] == float("inf") else f"{r['ratio']:.1f}×")
        lines.append(f"| {r['measure']} | {num(r['antq'], r['unit'])} | {num(r['floor'], r['unit'])} | {ratio} | "
                     f"{r['note']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "antq-bench-province")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", default=",".join(ALL), help="comma-separated: " + ",".join(ALL))
    parser.add_argument("--sizes", default="1000,5000", help="province sizes for stats (and verify at the largest)")
    parser.add_argument("--bundle-sizes", default="20,500,5000")
    parser.add_argument("--search-size", type=int, default=10000)
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one command counts as timed out")
    args = parser.parse_args()
    only = set(args.only.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    scratch = args.work / "scratch"
    scratch.mkdir(exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rows: list[Row] = []
    small, large = min(sizes), max(sizes)
    label = {n: f"{n + 4:,} inspections" for n in sizes}
    if "stats" in only:
        for n in sizes:
            rows += bench_stats(province(args.work, n), args.runs, scratch, label[n])
    if "verify" in only:
        rows += bench_verify(province(args.work, large), args.runs, label[large])
    if "bundle" in only:
        bsizes = [int(s) for s in args.bundle_sizes.split(",") if s]
        source = province(args.work, max([large, *[s for s in bsizes if s <= 10000]]))
        rows += bench_bundle(source, bsizes, args.runs, scratch, args.timeout)
    if "search" in only:
        rows += bench_search(province(args.work, args.search_size), args.runs)
    if "home" in only:
        rows += bench_home(province(args.work, small), args.runs, label[small])
    if "list" in only:
        rows += bench_list(province(args.work, small), args.runs, label[small])
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    else:
        print(show(rows))


if __name__ == "__main__":
    main()
