"""A plugin is code that runs with the user's rights: config.toml can name the only plugins that may
load, and a plugin that hangs or ends the process while it loads (or in a hook) is named, left out,
and antq goes on with the others."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from conftest import REPO, write_workspace

from antq_tui import cache, plugins
from antq_tui.registry import load_registry

HANGS_AT_IMPORT = "import time\nwhile True:\n    time.sleep(0.1)\n"
EXITS_AT_IMPORT = "import os\nos._exit(3)\n"
SLOW_AT_IMPORT = """
import time
time.sleep(1.5)
from antq_tui import hookimpl

@hookimpl
def antq_targets():
    return []
"""
HANGS_IN_A_HOOK = """
import time
from antq_tui import hookimpl

@hookimpl
def antq_targets():
    while True:
        time.sleep(0.1)
"""


@pytest.fixture
def short_bounds(monkeypatch):
    """The bounds of a real start (3 s to be named, 20 s to be left out), shortened for the test."""
    monkeypatch.setattr(plugins, "SLOW_NOTICE_SECONDS", 0.5)
    monkeypatch.setattr(plugins, "TIMEOUT_SECONDS", 4.0)


def _workspace(tmp_path: Path, **sources: str) -> Path:
    extra = tmp_path / "extra"
    extra.mkdir()
    for name, source in sources.items():
        (extra / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return write_workspace(tmp_path, plugin_folders=[extra])


def test_a_plugin_that_hangs_and_one_that_exits_are_named_and_the_others_load(tmp_path, short_bounds):
    config = _workspace(tmp_path, treo_khi_nap=HANGS_AT_IMPORT, thoat_khi_nap=EXITS_AT_IMPORT,
                        treo_trong_hook=HANGS_IN_A_HOOK)
    result = run(config, "plugins", expect=1)
    out = result.stdout
    assert "treo_khi_nap" in out and "không nạp xong sau 4 giây (lúc nạp, treo?)" in out
    assert "thoat_khi_nap" in out and "làm antq dừng hẳn (mã thoát 3) lúc nạp" in out
    assert "treo_trong_hook" in out and "trong hook antq_targets" in out
    assert "Bộ tiêu chí: coquan, xa" in out  # the official sets still load
    assert "Plugin “treo_khi_nap” chưa nạp xong sau 0.5 giây" in result.stderr  # named while it loads
    # and so do the commands that need the plugins
    assert "xa\t34 tiêu chí" in run(config, "criteria").stdout


def test_a_slow_plugin_is_named_while_it_loads_and_then_loads(tmp_path, short_bounds):
    config = _workspace(tmp_path, cham=SLOW_AT_IMPORT)
    result = run(config, "plugins")
    assert "Lưu ý: Plugin “cham” chưa nạp xong sau 0.5 giây (lúc nạp)…" in result.stderr
    assert result.stderr.count("“cham”") == 1
    data = run_json(config, "plugins")
    assert "cham" in {p["name"] for p in data["plugins"]} and not data["problems"]


def test_a_hook_that_never_returns_is_bounded_even_without_the_probe(tmp_path, monkeypatch):
    monkeypatch.setattr(plugins, "TIMEOUT_SECONDS", 1.0)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "treo.py").write_text(textwrap.dedent(HANGS_IN_A_HOOK), encoding="utf-8")
    reg = load_registry([REPO / "plugins", extra], entry_points=False, isolate=False)
    reasons = {p.name: p.reason for p in reg.problems}
    assert "antq_targets không trả lời sau 1 giây" in reasons["treo"]
    assert set(reg.sets) == {"xa", "coquan"}


def test_only_the_plugins_config_allows_are_loaded_and_the_others_are_listed(tmp_path):
    config = write_workspace(tmp_path, extra='\n[plugins]\nallow = ["criteria_xa", "khong_co"]\n')
    data = run_json(config, "plugins", expect=1)  # "khong_co" is named in allow but missing
    assert [p["name"] for p in data["plugins"]] == ["criteria_xa"]
    assert [p["name"] for p in data["not_allowed"]] == ["criteria_coquan"]
    assert any(p["name"] == "khong_co" and "không tìm thấy" in p["reason"] for p in data["problems"])
    text = run(config, "plugins", expect=1).stdout
    assert "Không nạp vì không có trong [plugins] allow của config.toml (1):\n  criteria_coquan" in text
    assert run(config, "criteria").stdout.startswith("xa\t")


def test_an_empty_allowlist_loads_no_plugin_and_the_environment_switch_still_applies(tmp_path, monkeypatch):
    config = write_workspace(tmp_path, extra="\n[plugins]\nallow = []\n")
    assert run(config, "plugins", expect=1).stdout.endswith("Bộ tiêu chí: không có\n")
    (tmp_path / "b").mkdir()
    both = write_workspace(tmp_path / "b", extra='\n[plugins]\nallow = ["criteria_xa", "criteria_coquan"]\n')
    monkeypatch.setenv("ANTQ_LOAD_PLUGINS", "criteria_coquan")
    assert [p["name"] for p in run_json(both, "plugins")["plugins"]] == ["criteria_coquan"]


GOOD = """
from antq_tui import hookimpl

@hookimpl
def antq_targets():
    return []
"""


def _count_children(monkeypatch) -> list[int]:
    """Forget what this process probed (as a new ``antq`` run would) and count the probe's children."""
    monkeypatch.setattr(plugins, "_verdicts", {})
    started: list[int] = []
    real = subprocess.Popen

    def popen(*args, **kwargs):
        started.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    return started


def test_the_probe_is_remembered_between_runs_until_a_plugin_changes(tmp_path, short_bounds, monkeypatch):
    config = _workspace(tmp_path, tot=GOOD)
    started = _count_children(monkeypatch)
    run(config, "plugins")
    assert started == [1]
    assert not list(tmp_path.rglob("plugin-probe*.json"))  # never in the workspace
    memo = cache.folder() / plugins.memo_note()
    assert "tot" in memo.read_text(encoding="utf-8")

    started = _count_children(monkeypatch)  # the next run: no child, the same plugins
    assert "tot" in {p["name"] for p in run_json(config, "plugins")["plugins"]}
    assert started == []

    (tmp_path / "extra" / "tot.py").write_text(EXITS_AT_IMPORT, encoding="utf-8")  # the plugin changed
    started = _count_children(monkeypatch)
    out = run(config, "plugins", expect=1).stdout
    assert "làm antq dừng hẳn (mã thoát 3) lúc nạp" in out and started
    started = _count_children(monkeypatch)  # and what was found is remembered too: no 2nd child, still named
    assert "làm antq dừng hẳn (mã thoát 3) lúc nạp" in run(config, "plugins", expect=1).stdout
    assert started == []


def test_a_damaged_memo_is_not_trusted_the_plugins_are_probed_again(tmp_path, short_bounds, monkeypatch):
    config = _workspace(tmp_path, thoat=EXITS_AT_IMPORT)
    _count_children(monkeypatch)
    run(config, "plugins", expect=1)
    memo = cache.folder() / plugins.memo_note()
    for damaged in ("{not json", '{"key": "another antq", "verdicts": []}', '{"key": 1}', "[]"):
        memo.write_text(damaged, encoding="utf-8")
        started = _count_children(monkeypatch)
        assert "làm antq dừng hẳn (mã thoát 3) lúc nạp" in run(config, "plugins", expect=1).stdout
        assert started, damaged
