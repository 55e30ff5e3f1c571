"""Tables on the terminal, drawn by rich: columns sized by display width (Vietnamese marks included),
long cells wrapped so a table stays readable at 80 columns, no colour when the output is not a terminal."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

import click
from rich import box
from rich.console import Console
from rich.table import Table

#: the narrowest a table is laid out for (a piped output has no terminal to measure)
MIN_WIDTH = 80


def _console() -> Console:
    width = max(MIN_WIDTH, shutil.get_terminal_size((MIN_WIDTH, 24)).columns)
    return Console(width=width, no_color=True, highlight=False, markup=False, emoji=False,
                   force_terminal=False, soft_wrap=False)


def table_lines(header: Sequence[str], rows: Sequence[Sequence[str]], *, no_wrap: Sequence[int] = ()) -> list[str]:
    """The table as text lines: a header, a rule, one line per row (wrapped cells take more).

    :param no_wrap: the indexes of columns never wrapped (ids, numbers).
    """
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), show_header=True)
    for i, title in enumerate(header):
        table.add_column(title, no_wrap=i in no_wrap, overflow="fold")
    for row in rows:
        table.add_row(*[str(cell) for cell in row])
    console = _console()
    with console.capture() as capture:
        console.print(table)
    return [line.rstrip() for line in capture.get().splitlines()]


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, no_wrap: Sequence[int] = ()) -> None:
    """:func:`table_lines`, echoed."""
    for line in table_lines(header, rows, no_wrap=no_wrap):
        click.echo(line)
