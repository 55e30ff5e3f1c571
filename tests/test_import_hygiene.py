"""The domain never imports Textual, and nothing in antq_tui/ names a criterion or an official plugin."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

from conftest import REPO

UI_PACKAGES = {"tui"}


def _domain_files():
    for path in (REPO / "antq_tui").rglob("*.py"):
        rel = path.relative_to(REPO / "antq_tui")
        if rel.parts[0] in UI_PACKAGES:
            continue
        yield path


def test_domain_modules_never_import_textual():
    offenders = []
    for path in _domain_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "textual" or n.startswith("textual.") for n in names):
                offenders.append(str(path.relative_to(REPO)))
    assert not offenders


def test_the_command_line_does_not_load_textual_or_weasyprint():
    code = (
        "import sys; from antq_tui.cli import main; import antq_tui.workspace;"
        "print([m for m in ('textual', 'weasyprint') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "[]"


def test_antq_tui_names_no_criterion_and_no_official_plugin():
    pattern = re.compile(r"Tiêu chí [1-9]|criteria_xa|criteria_coquan|crimes_previous_year|movement_rating")
    hits = [
        f"{p.relative_to(REPO)}:{i}"
        for p in (REPO / "antq_tui").rglob("*")
        if p.suffix in {".py", ".html", ".css", ".tcss", ".j2"}
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not hits


def test_no_module_reaches_into_the_stores_private_names():
    """Helpers other modules need have public names (storage.files, Store.query…), so the store can
    change its internals without breaking verify, bundles or reports."""
    offenders = []
    for path in (REPO / "antq_tui").rglob("*.py"):
        rel = path.relative_to(REPO / "antq_tui").as_posix()
        if rel == "storage/store.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and "storage" in node.module.split(".") + [
                    node.module]:
                offenders += [f"{rel}: import {a.name}" for a in node.names if a.name.startswith("_")]
            if isinstance(node, ast.ImportFrom) and rel.startswith("storage/") and node.module in ("store", "files"):
                offenders += [f"{rel}: import {a.name}" for a in node.names if a.name.startswith("_")]
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = node.value
                name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
                if name == "store":
                    offenders.append(f"{rel}:{node.lineno}: store.{node.attr}")
    assert not offenders
