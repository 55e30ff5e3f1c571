"""The demo workspace (``antq demo``) as a pytest fixture, for any test that wants realistic data.

Import the fixture into a test module and use it::

    from demo_fixture import PHIENG_BAN_2023, demo_workspace  # noqa: F401

    def test_export(demo_workspace):          # the path of a fresh copy's config.toml
        run(demo_workspace, "export", PHIENG_BAN_2023)

The demo is built once per test session and copied for each test, so a test may change its copy.
What it holds: Xã Phiêng Ban 2022 and 2023 (finalized; 2022 fails criteria 15, 18, 19; 2023 passes
all 34 and is recommended), Trường PTDT nội trú THCS & THPT huyện Bắc Yên 2023 (finalized, fails
criterion 6) and Thị trấn Bắc Yên 2023 (draft: 17/34 judged, 17 fails, 18 has figures but no verdict).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from antq_tui.demo import build_demo, demo_id

PHIENG_BAN_2022 = demo_id("inspection", "phieng_ban_2022")
PHIENG_BAN_2023 = demo_id("inspection", "phieng_ban_2023")
TRUONG_DTNT_2023 = demo_id("inspection", "truong_dtnt_2023")
THI_TRAN_2023 = demo_id("inspection", "thi_tran_2023")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo built once for the session (do not change it: use ``demo_workspace``). It names the
    checkout's plugins/ folder, so that tests may open it with ``entry_points=False``; ``antq demo``
    itself relies on the installed entry points and names no folder of the checkout."""
    from conftest import REPO

    return build_demo(tmp_path_factory.mktemp("demo-template") / "demo", plugin_folders=[REPO / "plugins"])


@pytest.fixture
def demo_workspace(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo workspace for this test; returns its config.toml."""
    dest = tmp_path / "demo"
    shutil.copytree(demo_template.parent, dest)
    return dest / "config.toml"
