"""Nothing reported as saved is lost when the process dies mid-stream (SIGKILL, like a pulled plug for
the process; ``synchronous=FULL`` covers the operating system's side)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from storage_fixtures import new_inspection, open_store

REPO = Path(__file__).resolve().parent.parent

# The child: save answers as fast as it can, printing each write's number once the store returned.
CHILD = r"""
import sys
from antq_tui.storage import Store
store = Store.open(sys.argv[1], user="Cầm Thị Hoa")
iid, start = sys.argv[2], int(sys.argv[3])
i = start
while True:
    number = i % 34 + 1
    if i % 3 == 0:
        store.set_inputs(iid, 3, {"before": str(i), "after": "1"})
    elif i % 3 == 1:
        store.set_remark(iid, number, f"ghi chú {i}")
    else:
        store.set_evidence(iid, number, 0, seen=True, doc_number=f"{i}/BC")
    print(i, flush=True)
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_write_reported_before_a_sigkill_is_there_afterwards(tmp_path: Path):
    path = tmp_path / "antq.db"
    with open_store(path) as store:
        iid = new_inspection(store).id
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reported: list[int] = []
    start = 0
    for round_ in range(3):  # kill it three times, at different points of the stream
        errors = tmp_path / f"stderr-{round_}.txt"
        with open(errors, "w") as err_file:  # only stdout is a pipe, so no buffered line is dropped
            child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), iid, str(start)],
                                     stdout=subprocess.PIPE, stderr=err_file, text=True, env=env, cwd=tmp_path)
        assert child.stdout is not None
        lines_this_round = 0
        for line in child.stdout:
            if line.endswith("\n"):
                reported.append(int(line))
                lines_this_round += 1
            if lines_this_round >= 150 + 37 * round_:
                break
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, errors.read_text()
        reported += [int(x) for x in rest.splitlines(keepends=True) if x.endswith("\n")]
        start = reported[-1] + 1000  # the next child writes values no earlier one could have

    with open_store(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.verify() == []
        entries = store.audit_entries(iid)
        logged_inputs = {e.new["before"] for e in entries if e.action == "answer.inputs"}
        logged_remarks = {e.new for e in entries if e.action == "answer.remark"}
        logged_evidence = {e.new[0]["number"] for e in entries if e.action == "answer.evidence"}
        for i in reported:
            if i % 3 == 0:
                assert i in logged_inputs, i
            elif i % 3 == 1:
                assert f"ghi chú {i}" in logged_remarks, i
            else:
                assert f"{i}/BC" in logged_evidence, i
        # and the answers hold the last value written to each (possibly one write newer than reported)
        got = store.get_inspection(iid)
        last = max(i for i in reported if i % 3 == 0)
        assert got.answers[3].inputs["before"] >= last
        for i in reported[-30:]:
            if i % 3 == 1:
                number = i % 34 + 1
                written = int(got.answers[number].remark.removeprefix("ghi chú "))
                assert written >= i
