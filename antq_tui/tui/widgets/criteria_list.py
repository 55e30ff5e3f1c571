"""The walk's left column: the criteria grouped by group, each with its state mark (✓ Đạt, ✗ Không đạt)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...criteria import Verdict
from ...inspection import Inspection
from ...vnformat import roman

MARKS = {None: "·", Verdict.DAT: "✓", Verdict.KHONG_DAT: "✗"}


def short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class CriteriaList(OptionList):
    """One option per criterion (id ``c-<number>``) under a disabled heading per group (``g-<id>``).

    It reads the inspection it was given; :meth:`refresh_criterion` redraws one line after a change.
    """

    def __init__(self, inspection: Inspection, **kwargs) -> None:
        self.inspection = inspection
        super().__init__(*self._options(), **kwargs)

    def _options(self) -> list[Option]:
        options = []
        cset = self.inspection.criteria
        for gi, group in enumerate(cset.groups, 1):
            options.append(Option(Text(short(f"{roman(gi)}. {group.title}", 28), style="bold"), id=f"g-{group.id}",
                                  disabled=True))
            for c in cset.criteria_in(group.id):
                options.append(Option(self.prompt(c.number), id=f"c-{c.number}"))
        return options

    def prompt(self, number: int) -> Text:
        criterion = self.inspection.criteria.criterion(number)
        answer = self.inspection.answers.get(number)
        verdict = answer.verdict if answer and answer.assessed else None
        mark = MARKS[verdict]
        style = {Verdict.DAT: "green", Verdict.KHONG_DAT: "bold red"}.get(verdict, "")
        amended = "*" if criterion.amended_by else " "
        text = Text()
        text.append(mark, style=style)
        text.append(f"{amended}{number:>2}. ")
        text.append(short(criterion.text, 18))
        return text

    def refresh_criterion(self, number: int) -> None:
        self.replace_option_prompt(f"c-{number}", self.prompt(number))

    def highlight_criterion(self, number: int) -> bool:
        """Highlight ``number``; False when it was highlighted already (no Highlighted event follows)."""
        index = self.get_option_index(f"c-{number}")
        if self.highlighted == index:
            return False
        self.highlighted = index
        return True
