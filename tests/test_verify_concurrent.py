"""``antq verify`` while another program saves: every run sees one committed state (one read
transaction), so a save between two of its reads is never reported as tampering."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from storage_fixtures import new_inspection

from antq_tui.storage import Store, parallel_checks

SAVER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from antq_tui.storage import Store
    from antq_tui.criteria import Verdict
    store = Store.open({db!r}, user="Lò Văn Minh")
    iid = {iid!r}
    n = 0
    open({ready!r}, "w").close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        n += 1
        store.set_remark(iid, 1 + n % 5, f"Nhận xét lần {{n}}")
        store.set_verdict(iid, 1 + n % 7, "đạt" if n % 2 else "không đạt")
        store.update_inspection(iid, place=f"Hội trường {{n}}")
""")


@pytest.mark.parametrize("second_process", [False, True], ids=["in-process", "chain in a second process"])
def test_verify_is_clean_while_another_process_saves(tmp_path: Path, monkeypatch, second_process: bool):
    """With the chain in a second process too: it checks the rows up to the last one verify's transaction
    sees, and the rows saved meanwhile are left out of both."""
    monkeypatch.setattr(parallel_checks, "MIN_LOG_ROWS", 0 if second_process else 10**9)
    db = tmp_path / "antq.db"
    with Store.open(db) as store:
        iid = new_inspection(store).id
        store.set_verdict(iid, 1, "đạt")
    ready = tmp_path / "ready"
    tests = str(Path(__file__).parent)
    saver = subprocess.Popen([sys.executable, "-c", SAVER.format(tests=tests, db=str(db), iid=iid, ready=str(ready))])
    try:
        while not ready.exists():
            assert saver.poll() is None, "the saving process died"
            time.sleep(0.05)
        time.sleep(0.2)
        with Store.open(db, read_only=True) as reader:
            before = reader.audit_count()
            results = [reader.verify() for _ in range(20)]
            after = reader.audit_count()
        assert saver.poll() is None  # it was saving all along
    finally:
        saver.kill()
        saver.wait()
    assert after > before  # the saves did happen between and during the runs
    assert all(problems == [] for problems in results), [p.message for r in results for p in r][:5]
