"""The walk's left column: the criteria grouped by group, each with its state mark (✓ Đạt, ✗ Không đạt)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ...criteria import Verdict
from ...folding import fold
from ...inspection import Inspection
from ...vnformat import roman

MARKS = {None: "·", Verdict.DAT: "✓", Verdict.KHONG_DAT: "✗"}

#: The list's filters, in the order ``f`` cycles them: id → what the list's title says.
FILTERS = {"": "Tất cả", "unassessed": "Chưa đánh giá", "failed": "Không đạt", "amended": "Plugin thêm, sửa đổi"}


def short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class CriteriaList(OptionList):
    """One option per criterion (id ``c-<number>``) under a disabled heading per group (``g-<id>``).

    It reads the inspection it was given; :meth:`refresh_criterion` redraws one line after a change.
    """

    def __init__(self, inspection: Inspection, **kwargs) -> None:
        self.inspection = inspection
        self.state_filter = ""  # a key of FILTERS
        self.search = ""  # folded search over the criterion's text and the remark
        self.changed: set[int] = set()  # criteria the loaded plugins changed since the inspection started
        super().__init__(*self._make_options(), **kwargs)

    def shows(self, number: int) -> bool:
        """Whether criterion ``number`` passes the filter and the search."""
        answer = self.inspection.answers.get(number)
        if self.state_filter == "unassessed" and answer is not None and answer.assessed:
            return False
        if self.state_filter == "failed" and not (answer is not None and answer.verdict == Verdict.KHONG_DAT):
            return False
        if self.state_filter == "amended" and not (self.inspection.criteria.criterion(number).change_kind
                                             or number in self.changed):
            return False
        if self.search:
            criterion = self.inspection.criteria.criterion(number)
            haystack = fold(" ".join([str(number), criterion.text, criterion.note or "", answer.remark if answer else ""]))
            return all(word in haystack for word in fold(self.search).split())
        return True

    @property
    def shown(self) -> list[int]:
        return [c.number for c in self.inspection.criteria.criteria if self.shows(c.number)]

    def narrow(self, filter: str | None = None, query: str | None = None) -> list[int]:
        """Show only the criteria that pass ``filter`` and ``query`` (None keeps each); the numbers shown."""
        if filter is not None:
            self.state_filter = filter
        if query is not None:
            self.search = query
        current = self.highlighted_number
        self.clear_options()
        self.add_options(self._make_options())
        shown = self.shown
        if current in shown:
            self.highlight_criterion(current)
        return shown

    @property
    def highlighted_number(self) -> int | None:
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        return int(option_id[2:]) if option_id.startswith("c-") else None

    @property
    def title(self) -> str:
        """What the list is narrowed to, for the border ("" when it shows everything)."""
        parts = [FILTERS[self.state_filter]] if self.state_filter else []
        if self.search:
            parts.append(f"tìm “{self.search}”")
        return " · ".join(parts)

    def _make_options(self) -> list[Option]:
        options = []
        cset = self.inspection.criteria
        for gi, group in enumerate(cset.groups, 1):
            numbers = [c.number for c in cset.criteria_in(group.id) if self.shows(c.number)]
            if not numbers:
                continue
            options.append(Option(Text(short(f"{roman(gi)}. {group.title}", 28), style="bold"), id=f"g-{group.id}",
                                  disabled=True))
            options += [Option(self.prompt(number), id=f"c-{number}") for number in numbers]
        return options

    def prompt(self, number: int) -> Text:
        criterion = self.inspection.criteria.criterion(number)
        answer = self.inspection.answers.get(number)
        verdict = answer.verdict if answer and answer.assessed else None
        mark = MARKS[verdict]
        style = {Verdict.DAT: "green", Verdict.KHONG_DAT: "bold red"}.get(verdict, "")
        amended = {"them": "+", "sua": "*"}.get(criterion.change_kind, " ")
        text = Text()
        text.append(mark, style=style)
        text.append(f"{amended}{number:>2}. ")
        text.append(short(criterion.text, 18))
        return text

    def refresh_criterion(self, number: int) -> None:
        try:
            self.replace_option_prompt(f"c-{number}", self.prompt(number))
        except OptionDoesNotExist:  # filtered out
            pass

    def highlight_criterion(self, number: int) -> bool:
        """Highlight ``number``; False when it was highlighted already or is filtered out (no event follows)."""
        try:
            index = self.get_option_index(f"c-{number}")
        except OptionDoesNotExist:
            return False
        if self.highlighted == index:
            return False
        self.highlighted = index
        return True
