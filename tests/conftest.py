"""Shared fixtures: a workspace in a temporary folder that uses the repository's official plugins."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))


@pytest.fixture(scope="session")
def _cache_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("antq-cache")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, _cache_folder):
    """No test sees the developer's ANTQ_* variables, nor writes in the developer's cache folder."""
    for name in ("ANTQ_CONFIG", "ANTQ_LOAD_PLUGINS", "ANTQ_TRACE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANTQ_CACHE_DIR", str(_cache_folder))


def write_workspace(root: Path, *, plugin_folders: list[str] | None = None, extra: str = "",
                    init: bool = True) -> Path:
    """A config.toml in ``root`` that uses the repository's plugins/ folder (plus any extra folders).

    :param init: also create the data folder and its empty database, as ``antq init`` does (only that
        first-run step creates them; every other command refuses a workspace without one).
    """
    folders = [str(REPO / "plugins")] + [str(p) for p in (plugin_folders or [])]
    config = root / "config.toml"
    config.write_text(
        f"""\
[district]
name = "Bắc Yên"
province = "Sơn La"

[minutes]
issuing_parent = "CÔNG AN HUYỆN BẮC YÊN"
issuing_body = ["ĐOÀN KIỂM TRA"]

[workspace]
data_folder = "inspections"
plugin_folders = {folders!r}

[[team]]
name = "Lò Văn Thành"
rank = "Thượng tá"
position = "Phó Trưởng Công an huyện"
role = "trưởng đoàn"

[[team]]
name = "Cầm Thị Hoa"
rank = "Thượng úy"
position = "Cán bộ Đội Tổng hợp"
role = "thư ký"
{extra}
""".replace("'", '"'),
        encoding="utf-8",
    )
    if init:
        from antq_tui.services.setup import initialize
        from antq_tui.workspace import Workspace

        initialize(Workspace.open(config, entry_points=False))
    return config


@pytest.fixture
def workspace_config(tmp_path: Path) -> Path:
    return write_workspace(tmp_path)


@pytest.fixture
def copy_example(tmp_path: Path):
    def copy(name: str) -> Path:
        dest = tmp_path / "plugins_extra" / name
        shutil.copytree(REPO / "docs" / "examples" / name, dest)
        return dest.parent

    return copy
