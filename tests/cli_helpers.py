"""Run the ``antq`` command line in-process, the way a user would type it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from antq_tui.cli import main


def run(config: Path, *args: str, expect: int | None = 0):
    result = CliRunner().invoke(main, ["--config", str(config), *args], catch_exceptions=False)
    if expect is not None:
        assert result.exit_code == expect, (result.exit_code, result.output, result.stderr)
    return result


def run_json(config: Path, *args: str, expect: int | None = 0):
    result = run(config, *args, "--json", expect=expect)
    return json.loads(result.stdout)
