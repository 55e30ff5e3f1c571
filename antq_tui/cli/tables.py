"""Tables on the terminal, drawn by rich: columns sized by display width (Vietnamese marks included),
long cells wrapped so a table stays readable at 80 columns, no colour when the output is not a terminal."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

#: the narrowest a table is laid out for (a piped output has no terminal to measure)
MIN_WIDTH = 80

#: text whose every character takes one cell: printable ASCII, Latin (Vietnamese's precomposed letters
#: included: NFC is how antq stores text), Greek, Cyrillic, dashes, quotes and the ellipsis; combining
#: marks (U+0300–U+036F) and wide or zero-width characters are not in it
_ONE_CELL_EACH = re.compile("[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u1e00-\u1eff\u2010-\u2027\u2030-\u205e]*")


def width(text: str) -> int:
    """Cells ``text`` takes on a terminal: its length for the common case (one regular expression, in
    C), else rich's measure. A stats table of 5,000 units measures ~250,000 cells (issue 19)."""
    return len(text) if _ONE_CELL_EACH.fullmatch(text) else cell_len(text)


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
    cells = [[width(cell) for cell in row] for row in rows]  # each cell measured once
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    for i, title in enumerate(header):
        fixed = wrap is not None and i not in wrap
        # a column kept on one line is never cut either: its widest cell is its minimum
        widest = max([width(title), *(c[i] for c in cells)]) if fixed else None
        table.add_column(title, no_wrap=fixed, overflow="fold", min_width=widest)
    # rich sizes a column by its widest cell and its longest word: a table of the rows holding those
    # sizes the columns as the whole table would, without measuring thousands of cells (issue 19)
    for extreme in _extreme_rows(rows, cells, len(header)):
        table.add_row(*extreme)
    console = _console()
    fixed_width = sum(c.min_width + 3 for c in table.columns if c.no_wrap and c.min_width)
    needed = max(Measurement.get(console, console.options, table).minimum, fixed_width)
    if needed > console.width:  # wider than the screen rather than cut at its edge
        console = _console(needed)
    widths = [w - (0 if i == 0 else 1) - (0 if i == len(header) - 1 else 1)  # less the padding (not at the edges)
              for i, w in enumerate(table._calculate_column_widths(
                  console, console.options.update_width(console.width - table._extra_width)))]
    lines = _row_lines(list(header), widths, bottom=True)
    lines.append("─" * (sum(widths) + 3 * (len(widths) - 1)))
    for row, measured in zip(rows, cells, strict=True):
        if all(n <= w for n, w in zip(measured, widths, strict=True)) and not any("\n" in c for c in row):
            # every cell fits on the row's one line: as _row_lines would lay it, without measuring again
            lines.append("   ".join(c.strip() + " " * (w - n) if c == c.strip() else _pad(c.strip(), w)
                                    for c, n, w in zip(row, measured, widths, strict=True)).rstrip())
        else:
            lines += _row_lines(row, widths)
    return lines


def _pad(text: str, cells: int) -> str:
    return text + " " * (cells - width(text))


def _extreme_rows(rows: Sequence[Sequence[str]], cells: Sequence[Sequence[int]], columns: int) -> list[list[str]]:
    """Two rows: per column, the cell with the longest word, and the widest cell (``cells``: their widths)."""
    if not rows:
        return []
    longest_word, widest = [""] * columns, [""] * columns
    word, full = [-1] * columns, [-1] * columns
    for row, measured in zip(rows, cells, strict=True):
        for i, (text, n) in enumerate(zip(row, measured, strict=True)):
            if n > full[i]:
                full[i], widest[i] = n, text
            if n > word[i]:  # a word is never longer than its cell
                w = max((width(x) for x in text.split()), default=0)
                if w > word[i]:
                    word[i], longest_word[i] = w, text
    return [longest_word, widest]


def _measure(text: str) -> Callable[[str], int]:
    """How to measure ``text`` and every part of it: ``len`` when each of its characters takes one cell
    (so each of its parts too: one test for the cell, not one per word), else :func:`width`."""
    return len if _ONE_CELL_EACH.fullmatch(text) else width


def _wrap(text: str, limit: int, width: Callable[[str], int] = width) -> list[str]:
    """Lines of at most ``limit`` cells: words kept whole when they fit, else folded (rich's "fold").

    :param width: how to measure ``text``'s parts (:func:`_measure`)."""
    if "\n" not in text and width(text) <= limit:  # most cells: one line, as they are
        return [text.strip()]
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, cells = "", 0  # cells: the width of line, its trailing spaces included (widths add up)
        for word in re.findall(r"\S+\s*", paragraph):
            if cells + width(word.rstrip()) <= limit:
                line += word
                cells += width(word)
                continue
            if line.strip():
                out.append(line.rstrip())
            while width(word.rstrip()) > limit:
                cut = limit
                while cut > 1 and width(word[:cut]) > limit:
                    cut -= 1
                out.append(word[:cut])
                word = word[cut:]
            line, cells = word, width(word)
        out.append(line.rstrip())
    return out or [""]


def _row_lines(row: Sequence[str], widths: list[int], *, bottom: bool = False) -> list[str]:
    """One row's lines, each cell wrapped to its column; a header's cells at the bottom (as rich does)."""
    measures = [_measure(str(cell)) for cell in row]
    cells = [_wrap(str(cell), w, m) for cell, w, m in zip(row, widths, measures, strict=True)]
    height = max(len(c) for c in cells)
    if bottom:
        cells = [[""] * (height - len(c)) + c for c in cells]
    lines = []
    for k in range(height):
        parts = [(c[k] if k < len(c) else "") for c in cells]
        lines.append("   ".join(p + " " * (w - m(p)) for p, w, m in zip(parts, widths, measures, strict=True))
                     .rstrip())
    return lines


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, wrap: Sequence[int] | None = None) -> None:
    """:func:`table_lines`, echoed."""
    click.echo("\n".join(table_lines(header, rows, wrap=wrap)))
