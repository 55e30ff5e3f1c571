"""The office's draft of the district report's narrative sections (``report_sections``).

One draft per year and period: a mapping of section keys (``"uu_diem"``, …) to the text the office
typed. What the keys mean, and what antq prefills, is :mod:`antq_tui.office.report_paper`'s business;
the store only keeps the text, NFC, and logs each save.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from ..folding import nfc
from .codec import now, parse_ts, ts
from .core import StoreCore


class ReportingRepository(StoreCore):

    def report_sections(self, year: int, period: str) -> tuple[dict[str, str], dt.datetime | None]:
        """The saved sections of the report of ``year`` and ``period`` and when they were saved;
        ``({}, None)`` when the office has saved none."""
        row = self._one("SELECT sections, updated_at FROM report_sections WHERE year = ? AND period = ?",
                        [year, period])
        if row is None:
            return {}, None
        value = json.loads(row["sections"] or "{}")
        return {str(k): str(v) for k, v in value.items()}, parse_ts(row["updated_at"])

    def save_report_sections(self, year: int, period: str, sections: Mapping[str, str], *,
                             user: str | None = None) -> dt.datetime:
        """Keep ``sections`` as the draft of ``year`` and ``period`` (replacing the one saved before)."""
        clean = {str(k): nfc(str(v)) for k, v in sections.items()}
        old, _ = self.report_sections(year, period)
        at = now()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO report_sections (year, period, sections, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (year, period) DO UPDATE SET sections = excluded.sections,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [year, period, json.dumps(clean, ensure_ascii=False, sort_keys=True), ts(at), user or self.user])
            self._log(at, user, None, "report.sections", f"{year}/{period}", old or None, clean)
        return at


__all__ = ["ReportingRepository"]
