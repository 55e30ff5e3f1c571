"""The installed plugins (``antq`` entry points) are found as importlib.metadata finds them, once per
process, and on later runs from antq's cache note until a package is installed, removed or changed."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

from antq_tui import plugins

REPO = Path(__file__).resolve().parent.parent

#: a child that lists the entry points found and says whether importlib.metadata had to be imported
CHILD = ("import json, sys; from antq_tui import plugins\n"
         "found = [[e.name, e.value, e.dist_name, e.dist_version] for e in plugins.installed_entry_points()]\n"
         "print(json.dumps([found, 'importlib.metadata' in sys.modules]))")


def _package(site: Path, name: str, version: str, entry: str) -> Path:
    """A package's metadata folder in ``site``, declaring the ``antq`` entry point ``entry``."""
    info = site / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[antq]\n{entry}\n", encoding="utf-8")
    return info


def _run(site: Path, cache: Path) -> tuple[list[list[str]], bool]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(site)]), "ANTQ_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, cwd=site,
                         check=True)
    found, imported = json.loads(out.stdout)
    return [f for f in found if f[2].startswith("antqtest")], imported


def test_the_entry_points_are_those_importlib_metadata_finds():
    expected = [(ep.name, ep.value) for ep in importlib.metadata.entry_points(group="antq")]
    assert [(ep.name, ep.value) for ep in plugins.installed_entry_points()] == expected
    assert plugins.installed_entry_points() is plugins.installed_entry_points()  # read once per process


def test_a_later_run_reads_the_note_until_a_package_is_installed_removed_or_changed(tmp_path: Path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    first = _package(site, "antqtest_one", "1.0", "one = antqtest_one")
    assert _run(site, cache) == ([["one", "antqtest_one", "antqtest_one", "1.0"]], True)
    assert _run(site, cache) == ([["one", "antqtest_one", "antqtest_one", "1.0"]], False)  # from the note

    second = _package(site, "antqtest_two", "2.0", "two = antqtest_two:plugin")  # installed: its folder changed
    found, imported = _run(site, cache)
    assert imported and sorted(found) == [["one", "antqtest_one", "antqtest_one", "1.0"],
                                          ["two", "antqtest_two:plugin", "antqtest_two", "2.0"]]

    entry_points = first / "entry_points.txt"  # rewritten in place (an editable install made again)
    entry_points.write_text("[antq]\nuno = antqtest_one.plugin\n", encoding="utf-8")
    stat = entry_points.stat()
    os.utime(entry_points, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    found, imported = _run(site, cache)
    assert imported and ["uno", "antqtest_one.plugin", "antqtest_one", "1.0"] in found

    for f in second.iterdir():  # removed
        f.unlink()
    second.rmdir()
    found, imported = _run(site, cache)
    assert imported and [f[0] for f in found] == ["uno"]


def test_an_entry_point_loads_its_module_and_attribute():
    ep = plugins.EntryPoint("x", "antq_tui.hookspecs:hookimpl")
    from antq_tui import hookspecs

    assert ep.load() is hookspecs.hookimpl
    assert plugins.EntryPoint("x", "antq_tui.hookspecs").load() is hookspecs
