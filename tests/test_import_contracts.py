"""The import-linter contracts of pyproject.toml keep the layers of ARCHITECTURE.md honest.

``./scripts/test`` runs ``lint-imports`` on the real tree; these tests show that the contracts cover
every module and that they catch what the old AST test missed: Textual reached *indirectly*, through a
helper module that itself imports it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FRONT_ENDS = {"tui", "cli"}
NOT_MODULES = {"__init__", "__main__", "demo_data"}


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def top_level_modules() -> set[str]:
    """The modules and packages directly under antq_tui/ (not its data folders)."""
    names = set()
    for path in (ROOT / "antq_tui").iterdir():
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()):
            names.add(path.stem)
    return names - NOT_MODULES


def test_every_module_below_the_front_ends_is_kept_free_of_textual():
    listed = {m.removeprefix("antq_tui.") for m in contracts()["Textual only in the TUI"]["source_modules"]}
    assert top_level_modules() - FRONT_ENDS == listed


def lint(tree: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "lint-imports"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tree), "HOME": str(tree)}
    return subprocess.run([str(exe), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package and its pyproject.toml, where a test may add a bad import."""
    shutil.copytree(ROOT / "antq_tui", tmp_path / "antq_tui",
                    ignore=shutil.ignore_patterns("__pycache__", "*.ttf", "demo_data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold_on_the_tree_as_it_is(tree: Path):
    result = lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_indirect_textual_import_in_storage_breaks_the_contract(tree: Path):
    # storage imports a harmless-looking helper at the package root, which imports Textual
    (tree / "antq_tui" / "progress_bar.py").write_text("from textual.widgets import ProgressBar\n", encoding="utf-8")
    store = tree / "antq_tui" / "storage" / "backup.py"
    store.write_text(store.read_text(encoding="utf-8") + "\nfrom .. import progress_bar  # noqa\n", encoding="utf-8")
    result = lint(tree)
    assert result.returncode != 0
    assert "Textual only in the TUI BROKEN" in result.stdout
    assert "antq_tui.storage.backup -> antq_tui.progress_bar" in result.stdout


def test_storage_importing_the_application_layer_breaks_the_layers(tree: Path):
    target = tree / "antq_tui" / "storage" / "backup.py"
    target.write_text(target.read_text(encoding="utf-8") + "\nfrom ..services import context  # noqa\n",
                      encoding="utf-8")
    result = lint(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and "antq_tui.storage.backup -> antq_tui.services" in result.stdout
