"""A table that shows a long list a page at a time.

Textual lays out every row a table holds before it paints it, and measures each cell of a row added
with ``height=None``: the Biểu thống kê of a province's year (2,273 units) took 2.5 s to appear. A
:class:`PagedTable` keeps the rows it is given (:meth:`PagedTable.show_rows`) and adds them a page
(:data:`PAGE` rows) at a time: the first at once, the next when the cursor, or the bottom of the view,
comes within :data:`AHEAD` rows of the last row shown (arrows, PgDn, the mouse wheel); Ctrl+End adds
them all. A table that holds no more rows of its own posts :class:`PagedTable.NearEnd` instead, for a
screen that reads its next page from the database (home).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from textual.message import Message

from . import plain

#: rows added at a time: more than a screen shows, few enough to lay out at once
PAGE = 100
#: the next page comes when the cursor, or the bottom of the view, is this close to the last row shown
AHEAD = 15


class Row(NamedTuple):
    """One row to show: its cells, its key and its height (None: as tall as its tallest cell)."""

    cells: Sequence[Any]
    key: str | None = None
    height: int | None = 1


class PagedTable(plain.DataTable[Any]):
    """A :class:`~antq_tui.tui.widgets.plain.DataTable` that adds its rows a page at a time."""

    class NearEnd(Message):
        """The cursor or the view came near the last row shown, and the table holds no more rows."""

        def __init__(self, table: PagedTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> PagedTable:
            return self.table

    def __init__(self, *args: Any, page: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = page or PAGE
        self._held: list[Row] = []

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._scrolled, init=False)

    @property
    def held(self) -> int:
        """How many rows wait to be shown."""
        return len(self._held)

    def show_rows(self, rows: Iterable[Row]) -> None:
        """Show ``rows`` after those shown already: the first page now, the rest as the user goes down."""
        self._held += rows
        self._add_page()

    def clear(self, columns: bool = False) -> Any:
        self._held = []
        return super().clear(columns)

    def _add_page(self, count: int | None = None) -> None:
        count = self.page if count is None else count
        page, self._held = self._held[:count], self._held[count:]
        for row in page:
            self.add_row(*row.cells, key=row.key, height=row.height)

    def _near_end(self) -> None:
        if self._held:
            self._add_page()
        else:
            self.post_message(self.NearEnd(self))

    def on_data_table_row_highlighted(self, event: plain.DataTable.RowHighlighted) -> None:
        if event.data_table is self and event.cursor_row >= self.row_count - AHEAD:
            self._near_end()

    def _scrolled(self, scroll_y: float) -> None:
        """The mouse wheel or the scroll bar moved the view (not the cursor) near the last row shown."""
        if scroll_y + self.scrollable_content_region.height >= self.row_count - AHEAD:
            self._near_end()

    def action_scroll_bottom(self) -> None:
        """Ctrl+End: every row, then the last one."""
        self._add_page(len(self._held))
        super().action_scroll_bottom()


__all__ = ["AHEAD", "PAGE", "PagedTable", "Row"]
