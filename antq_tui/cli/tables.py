"""Tables on the terminal: columns sized by display width (Vietnamese marks included), long cells
wrapped so a table stays readable at 80 columns, plain text (no colour, no markup).

The columns are sized as rich's ``Table`` (``box.SIMPLE_HEAD``, no edge, one space of padding between
columns) sized them when antq drew its tables with it: :func:`_column_widths` is that algorithm, on
the few cells that decide it, so the output is unchanged without importing rich's console (15 ms
of every ``antq stats``, ``antq list``; issue 19)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence

import click

#: the narrowest a table is laid out for (a piped output has no terminal to measure)
MIN_WIDTH = 80

#: text whose every character takes one cell: printable ASCII, Latin (Vietnamese's precomposed letters
#: included: NFC is how antq stores text), Greek, Cyrillic, dashes, quotes and the ellipsis; combining
#: marks (U+0300–U+036F) and wide or zero-width characters are not in it
_ONE_CELL_EACH = re.compile("[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u1e00-\u1eff\u2010-\u2027\u2030-\u205e]*")


def width(text: str) -> int:
    """Cells ``text`` takes on a terminal: its length for the common case (one regular expression, in
    C), else rich's measure (its tables of wide and zero-width characters; imported only then). A
    stats table of 5,000 units measures ~250,000 cells (issue 19)."""
    if _ONE_CELL_EACH.fullmatch(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _terminal_width() -> int:
    """The terminal's columns, at least :data:`MIN_WIDTH`: ``COLUMNS`` when set, else the terminal's
    (``shutil.get_terminal_size``'s columns, without importing shutil for them)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(MIN_WIDTH, columns or MIN_WIDTH)


def table_lines(header: Sequence[str], rows: Sequence[Sequence[str]], *,
                wrap: Sequence[int] | None = None) -> list[str]:
    """The table as text lines: a header, a rule, one line per row (a wrapped cell takes more lines).

    :param wrap: the indexes of the columns that may wrap (names, labels), the others kept on one
        line (numbers, dates, ids); default every column may wrap.
    """
    from ..text import escape_controls  # a name stored with ESC or a bidi override never reaches the terminal

    rows = [[escape_controls(str(cell)) for cell in row] for row in rows]
    cells = [[width(cell) for cell in row] for row in rows]  # each cell measured once
    fixed = [wrap is not None and i not in wrap for i in range(len(header))]
    # a column kept on one line is never cut either: its widest cell is its minimum
    minimum = [max([width(title), *(c[i] for c in cells)]) if fixed[i] else None for i, title in enumerate(header)]
    # a column is sized by its widest cell and its longest word: the rows holding those size the
    # columns as the whole table would, without measuring thousands of cells (issue 19)
    extremes = _extreme_rows(rows, cells, len(header))
    columns = [[title, *(row[i] for row in extremes)] for i, title in enumerate(header)]
    fixed_width = sum(m + 3 for m, f in zip(minimum, fixed, strict=True) if f and m)
    total = max(_terminal_width(), fixed_width)  # wider than the screen rather than cut at its edge
    widths = [w - _padding(i, len(header))  # less the padding (not at the edges)
              for i, w in enumerate(_column_widths(columns, minimum, fixed, total - (len(header) - 1)))]
    lines = _row_lines(list(header), widths, bottom=True)
    lines.append("─" * (sum(widths) + 3 * (len(widths) - 1)))
    wrapped: dict[tuple[str, int], tuple[str, ...]] = {}  # a status, a conclusion: wrapped once
    for row, measured in zip(rows, cells, strict=True):
        if all(n <= w for n, w in zip(measured, widths, strict=True)) and not any("\n" in c for c in row):
            # every cell fits on the row's one line: as _row_lines would lay it, without measuring again
            lines.append("   ".join(c.strip() + " " * (w - n) if c == c.strip() else _pad(c.strip(), w)
                                    for c, n, w in zip(row, measured, widths, strict=True)).rstrip())
        else:
            lines += _row_lines(row, widths, measured=measured, wrapped=wrapped)
    return lines


def _padding(index: int, columns: int) -> int:
    """The padding of column ``index``: one space on each side, none at the table's edges."""
    return (0 if index == 0 else 1) + (0 if index == columns - 1 else 1)


def _text_range(text: str, limit: int) -> tuple[int, int]:
    """The narrowest ``text`` can be wrapped to (its longest word) and its widest line, at most ``limit``."""
    lines = text.splitlines()
    widest = max(width(line) for line in lines) if lines else 0
    words = text.split()
    narrowest = max(width(word) for word in words) if words else widest
    return _normalized(narrowest, widest, limit)


def _normalized(low: int, high: int, limit: int) -> tuple[int, int]:
    """A (narrowest, widest) range made sound (0 ≤ narrowest ≤ widest) and held within ``limit``."""
    low = min(max(0, low), high)
    low, high = min(max(0, low), limit), min(max(0, low, high), limit)
    if high < 1:
        return 0, 0
    low = min(max(0, low), high)
    return low, max(0, low, high)


def _column_range(texts: Sequence[str], minimum: int | None, padding: int, limit: int) -> tuple[int, int]:
    """The narrowest and widest a column of ``texts`` (its header first) can be, padding included."""
    if limit < 1:
        return 0, 0
    lows, highs = [], []
    for text in texts:
        if limit - padding < 1:
            low, high = limit, limit
        else:
            low, high = _text_range(text, limit)
            low, high = min(low + padding, limit), min(high + padding, limit)
        low, high = _normalized(low, high, limit)
        lows.append(low)
        highs.append(high)
    low, high = min(max(lows), limit), min(max(highs), limit)
    if minimum is not None:
        low, high = max(low, minimum + padding), max(high, minimum + padding)
    return low, high


def _column_widths(columns: Sequence[Sequence[str]], minimum: Sequence[int | None], fixed: Sequence[bool],
                   limit: int) -> list[int]:
    """Each column's width, padding included, for a table of at most ``limit`` cells between its rules:
    each as wide as its widest cell; when that is too wide, the widest columns that may wrap shrink
    first, towards the next widest, then every column evenly. rich's ``Table`` did exactly this."""
    n = len(columns)
    ranges = [_column_range(texts, minimum[i], _padding(i, n), limit) for i, texts in enumerate(columns)]
    widths = [high or 1 for _, high in ranges]
    if sum(widths) > limit:
        widths = _collapse(widths, [not f for f in fixed], limit)
        if sum(widths) > limit:
            widths = _reduce(sum(widths) - limit, [1] * n, widths, widths)
        widths = [_column_range(texts, minimum[i], _padding(i, n), w)[1] or 0
                  for i, (texts, w) in enumerate(zip(columns, widths, strict=True))]
    return widths


def _collapse(widths: list[int], wrappable: list[bool], limit: int) -> list[int]:
    """``widths`` with the widest wrappable columns narrowed, step by step, until they add up to ``limit``."""
    total = sum(widths)
    excess = total - limit
    if any(wrappable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrappable, strict=True) if ok)
            second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrappable, strict=True))
            ratios = [1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrappable, strict=True)]
            if not any(ratios) or not widest - second:
                break
            widths = _reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
            total = sum(widths)
            excess = total - limit
    return widths


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """``values`` less ``total`` shared by ``ratios``, each taking no more than its maximum."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining, out = total, []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            taken = min(most, round(ratio * remaining / total_ratio))
            out.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            out.append(value)
    return out


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
                w = max(map(_measure(text), text.split()), default=0)
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


def _row_lines(row: Sequence[str], widths: list[int], *, bottom: bool = False,
               measured: Sequence[int] | None = None,
               wrapped: dict[tuple[str, int], tuple[str, ...]] | None = None) -> list[str]:
    """One row's lines, each cell wrapped to its column; a header's cells at the bottom (as rich does).

    :param measured: each cell's width, when known: a cell of one line that fits is then not wrapped
        nor measured again (most cells of a row that wraps elsewhere; issue 19).
    :param wrapped: cells already wrapped (text, width) → their lines, padded, kept across the rows
        of a table: most wrapped cells are the same few words (a status, a conclusion).
    """
    cells: list[tuple[str, ...]] = []  # each cell's lines, each padded to its column's width
    for k, cell in enumerate(row):
        text, limit = str(cell), widths[k]
        if measured is not None and measured[k] <= limit and "\n" not in text:
            line = text.strip()
            cells.append((line + " " * (limit - (measured[k] if line == text else width(line))),))
            continue
        known = wrapped.get((text, limit)) if wrapped is not None else None
        if known is None:
            measure = _measure(text)
            known = tuple(part + " " * (limit - measure(part)) for part in _wrap(text, limit, measure))
            if wrapped is not None:
                wrapped[text, limit] = known
        cells.append(known)
    height = max(map(len, cells))
    if height == 1:
        return ["   ".join(c[0] for c in cells).rstrip()]
    blanks = [" " * w for w in widths]
    if bottom:
        cells = [(blank,) * (height - len(c)) + c for c, blank in zip(cells, blanks, strict=True)]
    return ["   ".join(c[k] if k < len(c) else blank for c, blank in zip(cells, blanks, strict=True)).rstrip()
            for k in range(height)]


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, wrap: Sequence[int] | None = None) -> None:
    """:func:`table_lines`, echoed."""
    click.echo("\n".join(table_lines(header, rows, wrap=wrap)))
