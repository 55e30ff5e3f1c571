#!/usr/bin/env python3
"""Import, verify and the home list at province size: each figure beside a floor from the same run.

    .venv/bin/python scripts/bench_io.py [--inspections 20,500,5000] [--only import,verify,list] [--keep DIR]

Builds a sending laptop: a few district visits filled through the store (bench_bundle's ``visit``:
every criterion answered, photos, finalized, minutes recorded), then copied by SQL to N inspections
of N units, the audit rows re-chained with their real hashes (so ``verify`` reads a log it accepts).
Building is not measured. Then, for each N:

- **import**: ``import_bundle`` of the laptop's bundle into an empty office database, against the
  floor "unzip every member + ``insert_all`` of the same rows in one transaction";
- **verify**: ``Store.verify`` (every check, signatures included) time and peak RSS in a child
  process, against the floor "integrity_check + one pass over the chain + every file's sha256";
- **list**: ``antq list`` and ``antq --version`` as processes.

Prints a table and, with ``--json``, the figures as JSON. Asserts nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_bundle import laptop, units, visit

from antq_tui.folding import fold
from antq_tui.registry import load_registry
from antq_tui.storage import (
    Store,
    search,
)
from antq_tui.storage.audit import row_hash

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = 4


def build(root: Path, n: int) -> Store:
    """A laptop with ``n`` inspections (see the module docstring)."""
    rng = random.Random(19)
    reg = load_registry([REPO / "plugins"], entry_points=False)
    store = laptop(root, "laptop", "Cầm Thị Hoa")
    district = units(TEMPLATES)
    templates = [visit(store, reg, u, rng, photos=1, photo_kb=20, finalize=i != 0) for i, u in enumerate(district)]
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.create_function("antq_reopening", 1, lambda _id: 0)
    conn.execute("PRAGMA synchronous = OFF")
    cols = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in
            ("units", "inspections", "answers", "eligibility_answers", "attachments", "exports")}
    conn.execute("BEGIN")
    last_id, last_hash = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    for k in range(len(templates), n):
        src = templates[k % len(templates)]
        nid = str(uuid.uuid4())
        src_unit = conn.execute("SELECT unit_id FROM inspections WHERE id = ?", [src]).fetchone()[0]
        uid = f"bench-unit-c{k}"
        base = conn.execute("SELECT name FROM units WHERE id = ?", [src_unit]).fetchone()[0]
        name = f"{base} {k}"
        ucols = cols["units"]
        u = conn.execute("SELECT kind, district, province FROM units WHERE id = ?", [src_unit]).fetchone()
        usub = {"id": uid, "name": name, "search_folded": search.unit_text(name, *u)}
        if "name_folded" in ucols:
            usub["name_folded"] = fold(name)
        conn.execute(f"INSERT INTO units ({','.join(ucols)}) SELECT "
                     + ",".join("?" if c in usub else c for c in ucols) + " FROM units WHERE id = ?",
                     [*[usub[c] for c in ucols if c in usub], src_unit])
        icols = cols["inspections"]
        status = conn.execute("SELECT status FROM inspections WHERE id = ?", [src]).fetchone()[0]
        year, set_id = conn.execute("SELECT year, set_id FROM inspections WHERE id = ?", [src]).fetchone()
        sub = {"id": nid, "unit_id": uid, "unit_name": name, "status": "draft", "finalized_at": None,
               "search_folded": search.inspection_text(name, *u, year, set_id)}
        conn.execute(f"INSERT INTO inspections ({','.join(icols)}) SELECT "
                     + ",".join("?" if c in sub else c for c in icols) + " FROM inspections WHERE id = ?",
                     [*[sub[c] for c in icols if c in sub], src])
        for table in ("answers", "eligibility_answers"):
            tc = cols[table]
            conn.execute(f"INSERT INTO {table} ({','.join(tc)}) SELECT "
                         + ",".join("?" if c == "inspection_id" else c for c in tc)
                         + f" FROM {table} WHERE inspection_id = ?", [nid, src])
        ids: dict[str, str] = {}
        for table in ("attachments", "exports"):
            tc = cols[table]
            for (old_id,) in conn.execute(f"SELECT id FROM {table} WHERE inspection_id = ?", [src]).fetchall():
                ids[old_id] = new_id = str(uuid.uuid4())
                conn.execute(f"INSERT INTO {table} ({','.join(tc)}) SELECT "
                             + ",".join("?" if c in ("id", "inspection_id") else c for c in tc)
                             + f" FROM {table} WHERE id = ?", [*[{"id": new_id, "inspection_id": nid}[c] for c in tc
                                                                  if c in ("id", "inspection_id")], old_id])
        rows = conn.execute("SELECT at, who, action, target, old, new FROM audit WHERE inspection_id = ? ORDER BY id",
                            [src]).fetchall()
        for at, who, action, target, old, new in rows:
            for a, b in ((src, nid), (src_unit, uid), (f"\"{base}\"", f"\"{name}\""), *ids.items()):
                target = target.replace(a, b) if target else target
                new = new.replace(a, b) if new else new
                old = old.replace(a, b) if old else old
            last_id += 1
            digest = row_hash(last_hash, last_id, at, who, nid, action, target, old, new)
            conn.execute("INSERT INTO audit (id, at, who, inspection_id, action, target, old, new, prev_hash, hash)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [last_id, at, who, nid, action, target, old, new, last_hash, digest])
            last_hash = digest
        if status == "finalized":
            fin = conn.execute("SELECT finalized_at FROM inspections WHERE id = ?", [src]).fetchone()[0]
            conn.execute("UPDATE inspections SET status = 'finalized', finalized_at = ? WHERE id = ?", [fin, nid])
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return store


def sign(store: Store) -> None:
    """Sign every finalized inspection and recorded export, as finalizing and exporting on a laptop
    with a key does (so ``verify`` checks signatures as it would there)."""
    from antq_tui.keys import load_key, load_or_create_key
    from antq_tui.signatures import sign_export, sign_finalized

    if load_key(store.data_dir) is not None:
        return
    key = load_or_create_key(store.data_dir, store.database_id, "Cầm Thị Hoa")
    for row in store.list_inspections(status="finalized"):
        sign_finalized(store, key, row.id)
        for record in store.exports(row.id):
            sign_export(store, key, record.id, row.id, record.sha256, record.size)


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def import_floor(bundle: Path, office_db: Path) -> float:
    """Unzip every member (files to disk) and insert_all the rows in one transaction."""
    from sqlite_utils import Database

    from antq_tui.storage.migrations import sqlite_migrations

    db = Database(office_db)
    db.conn.create_function("antq_reopening", 1, lambda _id: 0)
    sqlite_migrations().apply(db)
    out = office_db.parent / "floor-files"
    out.mkdir()
    start = time.perf_counter()
    with zipfile.ZipFile(bundle) as zf:
        tables = {}
        for info in zf.infolist():
            if info.filename.startswith("data/"):
                tables[info.filename[5:-5]] = json.loads(zf.read(info))
            elif info.filename.startswith("files/"):
                with zf.open(info) as src, open(out / info.filename.replace("/", "_"), "wb") as dst:
                    shutil.copyfileobj(src, dst)
    with db.conn:
        for table in ("units", "snapshots", "inspections", "answers", "eligibility_answers", "attachments", "exports",
                      "audit"):
            names = {r[1] for r in db.conn.execute(f"PRAGMA table_info({table})")}
            rows = [{k: v for k, v in r.items() if (k in names and k != "id") or (k == "id" and table != "audit")}
                    for r in tables[table]]
            if table == "inspections":  # finalized after their children, as the import does
                rows = [{**r, "status": "draft", "finalized_at": None} for r in rows]
            db[table].insert_all(rows, batch_size=500)
        db.conn.executemany("UPDATE inspections SET status = ?, finalized_at = ? WHERE id = ?",
                            [(r["status"], r["finalized_at"], r["id"]) for r in tables["inspections"]])
    os.sync()
    took = time.perf_counter() - start
    db.close()
    return took


PEAK = r"""
def peak_mb():  # VmHWM: this process's own peak (ru_maxrss would carry the parent's across exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

VERIFY_CHILD = PEAK + r"""
import json, sys, time
from antq_tui.storage import Store
store = Store.open(sys.argv[1])
start = time.perf_counter()
problems = store.verify()
took = time.perf_counter() - start
print(json.dumps({"s": took, "peak_mb": peak_mb(),
                  "problems": [p.message for p in problems[:3]], "count": len(problems)}))
"""

FLOOR_CHILD = PEAK + r"""
import json, sqlite3, sys, time
from pathlib import Path
from antq_tui.storage.audit import row_hash
from antq_tui.storage.files import sha256_file
path = Path(sys.argv[1])
start = time.perf_counter()
conn = sqlite3.connect(path)
conn.execute("BEGIN")
conn.execute("PRAGMA integrity_check").fetchall()
prev = ""
for r in conn.execute("SELECT id, at, who, inspection_id, action, target, old, new, prev_hash, hash FROM audit ORDER BY id"):
    row_hash(r[8], r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]) == r[9] and r[8] == prev
    prev = r[9]
for table in ("attachments", "exports"):
    for (p,) in conn.execute(f"SELECT path FROM {table}"):
        sha256_file(path.parent / p)
took = time.perf_counter() - start
print(json.dumps({"s": took, "peak_mb": peak_mb()}))
"""


def child(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tempfile.gettempdir())
    if out.returncode:
        print(out.stderr[-2000:])
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])


HOME_CHILD = r"""
import asyncio, json, shutil, sqlite3, sys, time, uuid
from pathlib import Path
from antq_tui.tui.app import AntqApp
from antq_tui.tui.screens.home import HomeScreen
cfg, n = Path(sys.argv[1]), int(sys.argv[2])

async def run():
    app = AntqApp(cfg, entry_points=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(400):
            await pilot.pause()
            if app.session is not None and isinstance(app.screen, HomeScreen) and app.screen.rows:
                break
        home = app.screen
        await pilot.press("slash")
        samples, shown = [], []
        for letter in ("p", "x", "b", "t", "h"):
            start = time.perf_counter()
            await pilot.press(letter)
            await pilot.pause()  # the list redrawn: the next frame is painted
            samples.append(time.perf_counter() - start)
            shown.append([getattr(home, "total", len(home.rows)), len(home.rows)])
            await pilot.press("backspace")
            await pilot.pause()
        start = time.perf_counter()
        for _ in range(12):
            await pilot.press("pagedown")
        await pilot.pause()
        scroll = time.perf_counter() - start
    print(json.dumps({"search_s": sorted(samples)[len(samples) // 2], "worst_s": max(samples), "shown": shown,
                      "pagedown_x12_s": scroll}))

asyncio.run(run())
"""


BARE_CHILD = r"""
import asyncio, json, time
from textual.app import App
from textual.widgets import DataTable, Input

class Bare(App):  # the floor: an input and a table refilled with 50 rows on every key
    def compose(self):
        yield Input(compact=True)
        yield DataTable(cursor_type="row")

    def on_mount(self):
        table = self.query_one(DataTable)
        for c, w in (("Đơn vị", 24), ("Loại", 14), ("Năm", 4), ("Trạng thái", 13), ("Đã đánh giá", 11)):
            table.add_column(c, width=w)
        self.query_one(Input).focus()

    def on_input_changed(self, event):
        table = self.query_one(DataTable)
        table.clear()
        for i in range(50):
            table.add_row(f"Xã Phiêng Ban {i}", "Xã", "2024", "Đang kiểm tra", "12/26", key=str(i))

async def run():
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        samples = []
        for letter in ("p", "x", "b", "t", "h"):
            start = time.perf_counter()
            await pilot.press(letter)
            await pilot.pause()
            samples.append(time.perf_counter() - start)
            await pilot.press("backspace")
            await pilot.pause()
    print(json.dumps({"search_s": sorted(samples)[len(samples) // 2]}))

asyncio.run(run())
"""


def write_config(path: Path) -> None:
    """A config.toml beside ``inspections/``: a demo workspace's (team and plan filled in, so no
    first-run setup) with the repository's plugins and without the demo banner."""
    demo = Path(tempfile.mkdtemp(prefix="antq-bench-demo-"))
    subprocess.run([str(Path(sys.executable).parent / "antq"), "demo", str(demo / "ws")], capture_output=True,
                   check=True)
    text = (demo / "ws" / "config.toml").read_text(encoding="utf-8")
    shutil.rmtree(demo)
    text = re.sub(r"^\[demo\]\n(?:[^\[\n].*\n|\n)*", "", text, flags=re.M)
    text = re.sub(r"plugin_folders = \[[^\]]*\]", f'plugin_folders = ["{REPO / "plugins"}"]', text)
    path.write_text(text, encoding="utf-8")


def widen(db: Path, n: int) -> None:
    """Copy inspection rows (only them: what the home list reads) until the database holds ``n``."""
    conn = sqlite3.connect(db, isolation_level=None)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(inspections)")]
    have = conn.execute("SELECT count(*) FROM inspections").fetchone()[0]
    ids = [r[0] for r in conn.execute("SELECT id FROM inspections ORDER BY id")]
    conn.execute("BEGIN")
    for k in range(n - have):
        conn.execute(f"INSERT INTO inspections ({','.join(cols)}) SELECT "
                     + ",".join("?" if c in ("id", "status", "finalized_at") else c for c in cols)
                     + " FROM inspections WHERE id = ?",
                     [*[{"id": str(uuid.uuid4()), "status": "draft", "finalized_at": None}[c] for c in cols
                        if c in ("id", "status", "finalized_at")], ids[k % len(ids)]])
    conn.execute("COMMIT")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", default="20,500,5000")
    parser.add_argument("--only", default="import,verify,list")
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--floors", type=int, default=2, help="import floors measured (before and after)")
    parser.add_argument("--json-limit-mb", type=int, default=0,
                        help="raise the bundle's limit for one JSON member (audit.json of 1M rows: ~135 MB)")
    args = parser.parse_args()
    only = set(args.only.split(","))
    figures = []
    for n in [int(x) for x in args.inspections.split(",")]:
        root = (args.keep / str(n)) if args.keep else Path(tempfile.mkdtemp(prefix=f"antq-bench-io-{n}-"))
        built = (root / "laptop" / "inspections" / "antq.db").exists()
        root.mkdir(parents=True, exist_ok=True)
        store = Store.open(root / "laptop" / "inspections" / "antq.db") if built else build(root, n)
        sign(store)
        rows = store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
        row = {"inspections": n, "audit_rows": rows}
        if "import" in only:
            from antq_tui.exchange.export import export_bundle
            from antq_tui.exchange.merge import import_bundle

            bundle = root / "usb" / "laptop.antq"
            if not bundle.exists():
                export_bundle(store, bundle)
            for d in ("office", "floor"):
                shutil.rmtree(root / d, ignore_errors=True)
                (root / d / "inspections").mkdir(parents=True)
            if args.json_limit_mb:  # a policy limit, not the algorithm: a bigger province's audit.json
                from antq_tui.exchange import bundle as bundle_module

                bundle_module.LIMITS = dataclasses.replace(bundle_module.LIMITS,
                                                           json_member=args.json_limit_mb << 20)
            floors = [import_floor(bundle, root / "floor" / "inspections" / "antq.db")] if args.floors > 1 else []
            office = Store.open(root / "office" / "inspections" / "antq.db", user="Văn phòng")
            row["import_s"], _result = timed(lambda: import_bundle(office, bundle, trust_signer=True))
            office.close()
            shutil.rmtree(root / "floor")
            (root / "floor" / "inspections").mkdir(parents=True)
            floors.append(import_floor(bundle, root / "floor" / "inspections" / "antq.db"))
            row["import_floor_s"] = min(floors)  # before and after: the machine's load moves
            row["import_ratio"] = row["import_s"] / row["import_floor_s"]
        if "verify" in only:
            v = child(VERIFY_CHILD, str(store.path))
            f = child(FLOOR_CHILD, str(store.path))
            row.update(verify_s=v.get("s"), verify_peak_mb=v.get("peak_mb"), verify_problems=v.get("count"),
                       verify_first=v.get("problems"), verify_floor_s=f.get("s"), verify_floor_peak_mb=f.get("peak_mb"))
            if v and f:
                row["verify_ratio"] = v["s"] / f["s"]
        if "list" in only:
            antq = str(Path(sys.executable).parent / "antq")
            cfg = store.data_dir.parent / "config.toml"
            write_config(cfg)
            for label, cmd in (("list_s", [antq, "--config", str(cfg), "list"]), ("version_s", [antq, "--version"])):
                samples = []
                for _ in range(3):
                    t, _r = timed(lambda: subprocess.run(cmd, capture_output=True))
                    samples.append(t)
                row[label] = sorted(samples)[1]
            t0, _ = timed(lambda: subprocess.run([sys.executable, "-c", "pass"]))
            row["python_start_s"] = t0
        if "home" in only:
            home = root / "home"
            if not (home / "inspections" / "antq.db").exists():
                shutil.rmtree(home, ignore_errors=True)
                (home / "inspections").mkdir(parents=True)
                with sqlite3.connect(store.path) as src, sqlite3.connect(home / "inspections" / "antq.db") as dst:
                    src.backup(dst)
                widen(home / "inspections" / "antq.db", 2 * n)
            cfg = home / "config.toml"
            write_config(cfg)
            h = child(HOME_CHILD, str(cfg), str(2 * n))
            h["floor_bare_search_s"] = child(BARE_CHILD).get("search_s")
            row.update({f"home_{k}": v for k, v in h.items()})
            row["home_inspections"] = 2 * n
            with sqlite3.connect(home / "inspections" / "antq.db") as conn:
                start = time.perf_counter()
                for letter in ("p", "x", "b", "t", "h"):
                    conn.execute("SELECT * FROM inspections WHERE search_folded LIKE ? ORDER BY updated_at DESC",
                                 [f"%{letter}%"]).fetchall()
                row["home_floor_like_s"] = (time.perf_counter() - start) / 5
        store.close()
        figures.append(row)
        print(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()), flush=True)
        if not args.keep:
            shutil.rmtree(root)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
