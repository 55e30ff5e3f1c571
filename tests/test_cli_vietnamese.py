"""click's own words are Vietnamese: the help, the usage line, and the messages of a mistyped command."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
from click.testing import CliRunner

from antq_tui.cli import click_vi
from antq_tui.cli.main import main

#: words of click's English messages that would show an untranslated one
ENGLISH = {"usage", "options", "commands", "show", "message", "exit", "version", "such", "option", "missing",
           "argument", "try", "error", "invalid", "value", "mean", "integer", "text", "file", "got", "extra",
           "required", "default", "env", "var"}


def english_words(text: str) -> set[str]:
    text = re.sub(r"--?[a-z][a-z-]*", "", text)  # option names (--version) are names, not words
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)} & ENGLISH


def test_every_message_click_marks_for_translation_has_a_vietnamese_one():
    """Fails when a click release brings a message the table does not know."""
    marked = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                marked |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    assert marked, "click no longer marks its messages with _(): click_vi.install must change"
    assert not marked - set(click_vi.MESSAGES) - click_vi.PROGRAMMER_ONLY


def test_antq_help_is_vietnamese():
    for args in (["--help"], ["bundle", "--help"], ["list", "--help"], ["export", "-h"]):
        result = CliRunner().invoke(main, args, prog_name="antq")
        assert result.exit_code == 0, result.output
        assert not english_words(result.output), (args, english_words(result.output), result.output)
    out = CliRunner().invoke(main, ["--help"], prog_name="antq").output
    assert out.startswith("Cách dùng: antq [TUỲ_CHỌN]") and "\nTuỳ chọn:\n" in out and "\nLệnh:\n" in out
    assert "In phiên bản rồi thoát." in out and "In hướng dẫn này rồi thoát." in out


def test_the_help_of_every_command_is_vietnamese():
    """Every command and subcommand, so a mark click adds by itself ("[required]") is caught too."""
    import click as _click

    def walk(group: _click.Group, path: list[str]):
        for name, command in group.commands.items():
            yield [*path, name]
            if isinstance(command, _click.Group):
                yield from walk(command, [*path, name])

    main.list_commands(_click.Context(main))  # every command registered, as ``antq --help`` does (alone too)
    seen = 0
    for args in walk(main, []):
        command = main
        for name in args:
            command = command.commands[name]  # type: ignore[attr-defined]
        for param in command.params:
            if isinstance(param, _click.Argument):
                assert param.metavar, f"antq {' '.join(args)}: argument {param.name} needs a Vietnamese name " \
                                      "in click_vi.ARGUMENT_NAMES (or its own metavar)"
        result = CliRunner().invoke(main, [*args, "--help"], prog_name="antq")
        assert result.exit_code == 0, (args, result.output)
        text = result.output.replace("antq " + " ".join(args), "antq")  # the command's own name, in its usage line
        for sub in getattr(command, "commands", {}):  # a subcommand's name is a name, like an option's
            text = re.sub(rf"^  {re.escape(sub)} ", "  ", text, flags=re.M)
        assert not english_words(text), (args, english_words(text))
        seen += 1
    assert seen > 20
    assert "[bắt buộc]" in CliRunner().invoke(main, ["new", "--help"], prog_name="antq").output


def test_a_mistyped_command_is_told_in_vietnamese():
    cases = {
        ("--nope",): "Không có tuỳ chọn '--nope'.",
        ("lst",): "Không có lệnh 'lst'. Ý bạn là 'list'?",
        ("export",): "Thiếu tham số 'MÃ_KIỂM_TRA'.",
        ("list", "--year", "abc"): "'abc' không phải số hợp lệ.",
    }
    for args, said in cases.items():
        result = CliRunner().invoke(main, list(args), prog_name="antq")
        assert result.exit_code == 2
        assert said in result.output, (args, result.output)
        assert "Lỗi: " in result.output and "Xem hướng dẫn: antq" in result.output
        assert not english_words(result.output), (args, result.output)
