"""Tables on the terminal, drawn by rich: columns sized by display width (Vietnamese marks included),
long cells wrapped so a table stays readable at 80 columns, no colour when the output is not a terminal."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

#: the narrowest a table is laid out for (a piped output has no terminal to measure)
MIN_WIDTH = 80


def _console(width: int | None = None) -> Console:
    width = width or max(MIN_WIDTH, shutil.get_terminal_size((MIN_WIDTH, 24)).columns)
    return Console(width=width, no_color=True, highlight=False, markup=False, emoji=False,
                   force_terminal=False, soft_wrap=False)


def table_lines(header: Sequence[str], rows: Sequence[Sequence[str]], *,
                wrap: Sequence[int] | None = None) -> list[str]:
    """The table as text lines: a header, a rule, one line per row (a wrapped cell takes more lines).

    :param wrap: the indexes of the columns that may wrap (names, labels), the others kept on one
        line (numbers, dates, ids); default every column may wrap.
    """
    from ..text import escape_controls  # a name stored with ESC or a bidi override never reaches the terminal

    rows = [[escape_controls(str(cell)) for cell in row] for row in rows]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    for i, title in enumerate(header):
        fixed = wrap is not None and i not in wrap
        # a column kept on one line is never cut either: its widest cell is its minimum
        widest = max(cell_len(str(cell)) for cell in [title, *(r[i] for r in rows)]) if fixed else None
        table.add_column(title, no_wrap=fixed, overflow="fold", min_width=widest)
    for row in rows:
        table.add_row(*[str(cell) for cell in row])
    console = _console()
    fixed_width = sum(c.min_width + 3 for c in table.columns if c.no_wrap and c.min_width)
    needed = max(Measurement.get(console, console.options, table).minimum, fixed_width)
    if needed > console.width:  # wider than the screen rather than cut at its edge
        console = _console(needed)
    with console.capture() as capture:
        console.print(table)
    return [line.rstrip() for line in capture.get().splitlines()]


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, wrap: Sequence[int] | None = None) -> None:
    """:func:`table_lines`, echoed."""
    for line in table_lines(header, rows, wrap=wrap):
        click.echo(line)
