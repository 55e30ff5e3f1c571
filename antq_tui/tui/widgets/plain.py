"""Widgets that show text as text: never markup, control characters escaped.

Every screen imports ``Static``, ``Label`` and ``DataTable`` from here instead of ``textual.widgets``:
a unit called "Công ty [/] TNHH" or "Trường THCS [cơ sở 2]" (typed, or arrived in a bundle) is shown
as it is, and an ESC or OSC sequence in a name is shown as ``\\u001b`` instead of reaching the terminal.
antq's own texts use no markup, so nothing is lost; a screen that wants styling passes a rich ``Text``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from rich.text import Text
from textual import widgets
from textual.content import Content

from ...text import control_characters, escape_controls

CellType = TypeVar("CellType")


def plain(value: Any) -> Any:
    """``value`` made safe to show: a ``str`` becomes a ``Text`` (never parsed as markup) with its
    control characters escaped; a ``Text`` or ``Content`` gets its control characters escaped (a rare
    case: the styling is then kept for the whole text); anything else is returned as it is."""
    if isinstance(value, str):
        return Text(escape_controls(value, multiline=True), end="")
    if isinstance(value, Text):
        if control_characters(value.plain, multiline=True):
            return Text(escape_controls(value.plain, multiline=True), style=value.style, end="")
        return value
    if isinstance(value, Content):
        if control_characters(value.plain, multiline=True):
            return Content(escape_controls(value.plain, multiline=True))
        return value
    return value


def plain_str(value: str) -> str:
    """A ``str`` with its control characters escaped (for places that take text, not markup: titles)."""
    return escape_controls(value, multiline=True)


def _visual(value: Any) -> Any:
    """For a ``Static`` with markup off: a ``str`` stays a ``str`` (escaped), the rest as :func:`plain`."""
    return plain_str(value) if isinstance(value, str) else plain(value)


class Static(widgets.Static):
    """``textual.widgets.Static`` that shows text, not markup."""

    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(_visual(content), markup=False, **kwargs)

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        super().update(_visual(content), layout=layout)


class Label(widgets.Label):
    """``textual.widgets.Label`` that shows text, not markup."""

    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(_visual(content), markup=False, **kwargs)

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        super().update(_visual(content), layout=layout)


class DataTable(widgets.DataTable[CellType]):
    """``textual.widgets.DataTable`` whose ``str`` cells and labels are text, not markup."""

    def add_row(self, *cells: Any, height: int | None = 1, key: str | None = None, label: Any = None) -> Any:
        return super().add_row(*map(plain, cells), height=height, key=key,
                               label=None if label is None else plain(label))

    def add_column(self, label: Any, *, width: int | None = None, key: str | None = None,
                   default: Any = None) -> Any:
        return super().add_column(plain(label), width=width, key=key, default=default)

    def update_cell(self, row_key: Any, column_key: Any, value: Any, *, update_width: bool = False) -> None:
        super().update_cell(row_key, column_key, plain(value), update_width=update_width)

    def update_cell_at(self, coordinate: Any, value: Any, *, update_width: bool = False) -> None:
        super().update_cell_at(coordinate, plain(value), update_width=update_width)


__all__ = ["DataTable", "Label", "Static", "plain", "plain_str"]
