"""The demo's minutes as the team prints them: within a page budget, no half-empty page, nothing lost.

Xã Phiêng Ban 2023 (34 criteria, finalized) used to take 24 pages because every row was kept whole and
the remarks column repeated itself; a district officer would have retyped it before signing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from demo_fixture import (
    PHIENG_BAN_2023,
    THI_TRAN_2023,
    TRUONG_DTNT_2023,
    demo_template,
    demo_workspace,
)

from antq_tui.services import Context, minutes
from antq_tui.storage import Store
from antq_tui.workspace import Workspace

#: pages at most, for each demo inspection (34 criteria final, 34 criteria half-done draft, 14 criteria)
PAGE_BUDGET = {PHIENG_BAN_2023: 12, THI_TRAN_2023: 12, TRUONG_DTNT_2023: 8}
MM = 72 / 25.4
BOTTOM_MARGIN_MM = 20


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"([-/])\n", r"\1", text))


def _lowest_text_mm(page) -> float:
    """How high above the page's bottom edge its lowest line of text sits, in mm."""
    ys: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            ys.append(tm[5] * cm[3] + cm[5] if cm else tm[5])

    page.extract_text(visitor_text=visit)
    return min(ys) / MM


@pytest.mark.parametrize("inspection_id", list(PAGE_BUDGET), ids=["phieng_ban_2023", "thi_tran_2023", "truong_dtnt_2023"])
def test_the_demo_minutes_fit_their_page_budget_and_keep_every_criterion_and_name(demo_workspace: Path, tmp_path, inspection_id):
    ws = Workspace.open(demo_workspace)
    store = Store.for_workspace(ws)
    try:
        inspection = store.get_inspection(inspection_id)
        result = minutes.export(Context(ws, store), inspection_id, tmp_path)
    finally:
        store.close()
    if result.format != "pdf":
        pytest.skip("WeasyPrint cannot run here (no Pango): the page count needs the PDF")
    pages = pypdf.PdfReader(result.path).pages
    assert len(pages) <= PAGE_BUDGET[inspection_id], len(pages)

    text = "\n".join(page.extract_text() for page in pages)
    for c in inspection.criteria.criteria:
        # a row starts with the criterion's number then its text, whatever page it falls on
        first_words = r"\s+".join(re.escape(w) for w in c.text.split()[:3])
        assert re.search(rf"(^|\n){c.number}\s+{first_words}", text), c.number
    flat = _squash(text)
    for member in list(inspection.team) + list(inspection.representatives):
        assert member.name in flat, member.name

    # a tall row continues on the next page instead of leaving the foot of this one empty: no page
    # but the last ends more than a quarter of the writing area (257 mm) above the bottom margin
    for number, page in enumerate(pages[:-1], start=1):
        gap = _lowest_text_mm(page) - BOTTOM_MARGIN_MM
        assert gap < 257 / 4, (number, round(gap))
