"""Running one command imports its own module only; ``antq --help`` still lists every command."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import click

from antq_tui.cli.main import main

cli_main = importlib.import_module("antq_tui.cli.main")


def test_every_command_is_registered_by_name_with_the_module_that_defines_it():
    ctx = click.Context(main)
    names = main.list_commands(ctx)
    assert names == sorted(names) and "list" in names and "verify" in names
    assert [n for n in names if n not in cli_main.COMMANDS] == []  # one line in COMMANDS per command
    for name in names:
        command = main.get_command(ctx, name)
        assert command is not None
        module = sys.modules[command.callback.__module__] if command.callback else None
        assert module is not None and module.__name__.endswith("." + cli_main.COMMANDS[name]), name


def _imported_after(args: list[str]) -> list[str]:
    code = ("import json, sys; sys.argv = ['antq', *json.loads(sys.argv[1])]\n"
            "from antq_tui.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('antq_tui'))))")
    out = subprocess.run([sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_version_imports_neither_a_command_nor_the_plugin_api(tmp_path):
    imported = _imported_after(["--version"])
    assert not [m for m in imported if m.endswith("_cmds")]
    assert "antq_tui.criteria" not in imported and "antq_tui.storage" not in imported


def test_list_imports_its_own_module_and_no_other_command(tmp_path):
    from conftest import write_workspace

    config = write_workspace(tmp_path)
    imported = _imported_after(["--config", str(config), "list"])
    assert [m for m in imported if m.endswith("_cmds")] == ["antq_tui.cli.storage_cmds"]
    assert not [m for m in imported if m.startswith(("antq_tui.exchange", "antq_tui.office", "antq_tui.tui"))]
