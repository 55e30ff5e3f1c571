"""``antq plugin new NAME [DIR]``: a province gets a package that installs, loads and passes its own tests."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from cli_helpers import run, run_json
from conftest import REPO, write_workspace

from antq_tui.testing import PluginWorkspace


def test_a_name_that_is_no_python_identifier_is_refused_in_vietnamese(tmp_path: Path, workspace_config: Path):
    for bad in ("tỉnh_thử", "3tinh", "tinh-thu", "class", "_tinh"):
        result = run(workspace_config, "plugin", "new", bad, str(tmp_path / bad), expect=2)
        assert f"Tên plugin “{bad}”" in result.stderr and "Traceback" not in result.stderr
        assert not (tmp_path / bad).exists()


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path: Path, workspace_config: Path):
    target = tmp_path / "x"
    target.mkdir()
    (target / "ghi_chu.txt").write_text("của tôi", encoding="utf-8")
    result = run(workspace_config, "plugin", "new", "tinh_thu", str(target), expect=2)
    assert "đã có nội dung" in result.stderr and "không ghi đè" in result.stderr
    assert [p.name for p in target.iterdir()] == ["ghi_chu.txt"]


def test_without_a_folder_the_package_goes_into_a_new_folder_named_after_it(tmp_path: Path, workspace_config: Path,
                                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    run(workspace_config, "plugin", "new", "tinh_moi")
    assert (tmp_path / "tinh_moi" / "tinh_moi" / "__init__.py").is_file()
    assert 'tinh_moi = "tinh_moi"' in (tmp_path / "tinh_moi" / "pyproject.toml").read_text(encoding="utf-8")


def test_the_new_package_works_as_a_folder_plugin(tmp_path: Path, workspace_config: Path):
    target = tmp_path / "tinh_thu_pkg"
    out = run(workspace_config, "plugin", "new", "tinh_thu", str(target), "--display-name", "Công an tỉnh Thử")
    assert "Đã tạo plugin “tinh_thu”" in out.stdout
    assert (target / "pyproject.toml").is_file() and (target / "tinh_thu" / "templates" / "minutes_letterhead.html").is_file()
    # the package's root is itself a plugin folder: only tinh_thu/ loads (tests/ is no package)
    (tmp_path / "ws").mkdir()
    config = write_workspace(tmp_path / "ws", plugin_folders=[str(target)])
    data = run_json(config, "plugins")
    assert data["problems"] == [] and "tinh_thu" in [p["name"] for p in data["plugins"]]
    ws = PluginWorkspace(tmp_path / "ws2", plugins=[target / "tinh_thu"])
    iid = ws.create_inspection()
    ws.assert_in_minutes(iid, "Mẫu biên bản của Công an tỉnh Thử", "tiêu chí do Công an tỉnh Thử thêm",
                         "Công an tỉnh Thử sửa đổi")


def test_the_new_package_installs_in_a_fresh_venv_and_its_tests_pass(tmp_path: Path, workspace_config: Path):
    """The issue's "done when": plugin new, a fresh venv, pip install antq and the package, pytest.

    Offline and quick: the venv is made without pip and sees this venv's packages (pip, setuptools,
    antq's dependencies, pytest) through a .pth file; pip runs with --no-index --no-build-isolation.
    """
    target = tmp_path / "x"
    run(workspace_config, "plugin", "new", "tinh_thu", str(target))
    venv = tmp_path / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "_antq_dev.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTQ_", "PYTHONPATH", "VIRTUAL_ENV"))}
    pip = subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index",
                          "--no-build-isolation", "-e", str(REPO), str(target)],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert pip.returncode == 0, pip.stderr
    assert Path(site, "tinh_thu", "templates", "minutes_letterhead.html").is_file()  # package data in the wheel
    tests = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(target)],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "5 passed" in tests.stdout
