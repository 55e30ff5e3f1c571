"""An import's finalized inspections hashed half by a second process (antq_tui.beside): the same states as
hashed here, whatever that process does."""

from __future__ import annotations

import pytest
from demo_fixture import demo_template, demo_workspace

from antq_tui import beside, signatures
from antq_tui.services import Context
from antq_tui.workspace import Workspace


@pytest.fixture
def finalized(demo_workspace):
    with Context.open(Workspace.open(demo_workspace)) as ctx:
        ids = [r.id for r in ctx.store.list_inspections() if r.status == "finalized"]
        here = {iid: signatures.inspection_state(ctx.store, iid) for iid in ids}
    assert len(ids) >= 2
    return demo_workspace, ids, here


def states(config, ids):
    with Context.open(Workspace.open(config)) as ctx:
        return signatures.inspection_states(ctx.store, ids)


def test_the_second_process_hashes_what_this_one_would(finalized, monkeypatch):
    config, ids, here = finalized
    told: list[object] = []
    real = signatures._states_told
    monkeypatch.setattr(signatures, "_states_told", lambda out, ids: told.append(real(out, ids)) or told[-1])
    monkeypatch.setattr(signatures, "STATES_BESIDE", 2)
    assert states(config, ids) == here
    assert told and told[0], "the second process did not answer: its half was hashed here"


@pytest.mark.parametrize("boot", [
    "import sys; sys.exit(3)",  # it fails
    "print('{}')",  # it answers, but not for the inspections it was given
    "import json, sys; print(json.dumps({i: 'not a hash' for i in json.load(sys.stdin)}))",
])
def test_what_the_second_process_cannot_say_is_hashed_here(finalized, monkeypatch, boot):
    config, ids, here = finalized
    real = beside.start
    monkeypatch.setattr(beside, "start", lambda module, args, **k: real(module, args, **{**k, "boot": boot}))
    monkeypatch.setattr(signatures, "STATES_BESIDE", 2)
    assert states(config, ids) == here


def test_no_second_process_for_a_few(finalized, monkeypatch):
    config, ids, here = finalized
    monkeypatch.setattr(beside, "start", lambda *a, **k: pytest.fail("started for a few"))
    assert states(config, ids) == here  # STATES_BESIDE (400) is more than the demo holds
