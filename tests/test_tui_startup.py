"""What the home screen waits for: nothing heavy is imported before its first frame."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"import sys; {code}; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, cwd=REPO, check=True)
    return set(out.stdout.split())


def test_the_app_module_does_not_import_the_storage_or_the_plugin_loader():
    loaded = loaded_after("import antq_tui.tui.app")
    assert not {"antq_tui.storage", "sqlite_utils", "antq_tui.registry", "antq_tui.plugins"} & loaded


def test_antq_alone_does_not_import_the_commands_it_does_not_run():
    loaded = loaded_after("import antq_tui.cli.main")
    assert not {"antq_tui.storage", "sqlite_utils", "antq_tui.exchange", "antq_tui.cli.bundle_cmds"} & loaded
    # the commands are still all there when asked for
    from click.testing import CliRunner

    from antq_tui.cli.main import main

    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "bundle" in result.output and "verify" in result.output
