"""The package as installed: every package folder is listed, the wheel carries the official sets, and an
installed package's ``antq`` entry point is loaded like a plugin folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from conftest import REPO


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(REPO).parts).replace("plugins", "antq_plugins", 1)
        for p in [*(REPO / "antq_tui").rglob("__init__.py"), *(REPO / "plugins").glob("*/__init__.py"),
                  REPO / "plugins" / "__init__.py"]
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def _pip(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
        check=True, cwd=cwd, capture_output=True, text=True,
    )


@pytest.mark.slow
def test_a_built_wheel_installed_elsewhere_has_both_official_sets(tmp_path: Path):
    wheels = tmp_path / "wheels"
    _pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(REPO))
    target = tmp_path / "site"
    _pip("install", "--no-deps", "--target", str(target), *map(str, wheels.glob("antq-*.whl")))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTQ_")}
    env["PYTHONPATH"] = str(target)  # before the editable checkout: this runs the wheel's code
    script = (
        "import json, antq_tui, sys; from antq_tui.cli import main; "
        "print(antq_tui.__file__, file=sys.stderr); main()"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, "plugins", "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    assert str(target) in out.stderr  # the wheel's antq_tui, not the checkout's
    data = json.loads(out.stdout)
    assert {"xa", "coquan"} <= set(data["criteria_sets"])
    assert all(p["origin"] == "gói cài đặt" for p in data["plugins"])
    assert data["problems"] == []
    crit = subprocess.run(
        [sys.executable, "-c", script, "criteria", "xa", "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert crit.returncode == 0, crit.stderr
    assert json.loads(crit.stdout)["id"] == "xa"
    assert not (elsewhere / "config.toml").exists()  # nothing written where it was run


@pytest.mark.slow
def test_an_installed_package_with_an_antq_entry_point_is_loaded(tmp_path: Path, workspace_config: Path):
    src = tmp_path / "src"
    (src / "antq_tinh_vidu").mkdir(parents=True)
    (src / "antq_tinh_vidu" / "__init__.py").write_text(textwrap.dedent('''
        from antq_tui import hookimpl, AmendCriterion
        __version__ = "3.0"

        @hookimpl
        def antq_amendments():
            return [AmendCriterion(set_id="xa", number=1, add_evidence=["Sổ theo dõi của tỉnh"],
                                   note="Quyết định của UBND tỉnh (ví dụ)")]
    '''), encoding="utf-8")
    (src / "pyproject.toml").write_text(textwrap.dedent('''
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "antq-tinh-vidu"
        version = "3.0"
        [project.entry-points.antq]
        tinh_vidu = "antq_tinh_vidu"
        [tool.setuptools]
        packages = ["antq_tinh_vidu"]
    '''), encoding="utf-8")
    target = tmp_path / "site"
    _pip("install", "--no-deps", "--no-build-isolation", "--target", str(target), str(src))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTQ_")}
    env["PYTHONPATH"] = os.pathsep.join([str(target), str(REPO)])
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "antq_tui", "--config", str(workspace_config), *args],
        env=env, capture_output=True, text=True, cwd=tmp_path,
    )
    plugins = json.loads(run("plugins", "--json").stdout)
    vidu = next(p for p in plugins["plugins"] if p["name"] == "tinh_vidu")
    assert vidu["origin"] == "gói cài đặt" and vidu["version"] == "3.0"
    criteria = json.loads(run("criteria", "xa", "--json").stdout)
    first = criteria["criteria"][0]
    assert first["amended_by"] == ["tinh_vidu"]
    assert first["evidence"][-1] == "Sổ theo dõi của tỉnh"
