"""Records the store returns besides those of :mod:`antq_tui.inspection`: list rows, files, problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..criteria import unit_kind_label
from ..inspection import STATUS_FINALIZED
from ..labels import STATUS_LABELS
from ..vnformat import format_date

#: the columns of an answer that the store changes and logs (``answer.<column>`` in the audit log)
ANSWER_COLUMNS = ("self_assessment", "verdict", "inputs", "suggestion", "evidence", "remark")
#: the same for an eligibility answer (``eligibility.<column>``)
ELIGIBILITY_COLUMNS = ("inputs", "suggestion", "decision", "remark")


@dataclass(frozen=True)
class InspectionRow:
    """One line of the home screen's list: enough to show and open an inspection, nothing more."""

    id: str
    unit_id: str
    unit_name: str
    unit_kind: str
    district: str
    province: str
    year: int
    set_id: str
    status: str
    visit_date: dt.date | None
    assessed: int  # criteria with a team verdict
    total: int  # criteria in the snapshot
    minutes_number: str
    origin: str
    created_at: dt.datetime
    updated_at: dt.datetime
    finalized_at: dt.datetime | None

    @property
    def kind_label(self) -> str:
        return unit_kind_label(self.unit_kind)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def finalized(self) -> bool:
        return self.status == STATUS_FINALIZED

    @property
    def progress_label(self) -> str:
        """ "12/34" """
        return f"{self.assessed}/{self.total}"

    @property
    def visit_date_label(self) -> str:
        return format_date(self.visit_date)

    def to_json(self) -> dict[str, Any]:
        """The form ``antq list --json`` prints."""
        return {
            "id": self.id,
            "unit_id": self.unit_id,
            "unit": self.unit_name,
            "kind": self.unit_kind,
            "kind_label": self.kind_label,
            "district": self.district,
            "province": self.province,
            "year": self.year,
            "set": self.set_id,
            "status": self.status,
            "status_label": self.status_label,
            "visit_date": self.visit_date.isoformat() if self.visit_date else None,
            "assessed": self.assessed,
            "total": self.total,
            "minutes_number": self.minutes_number,
            "origin": self.origin,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "finalized_at": self.finalized_at.isoformat() if self.finalized_at else None,
        }


@dataclass(frozen=True)
class Attachment:
    """A file the team attached to an inspection (a photo of a record, a scanned report)."""

    id: str
    inspection_id: str
    number: int | None  # the criterion it documents, if any
    name: str  # the original file name
    path: Path  # the copy inside the data folder (absolute)
    sha256: str
    size: int
    note: str
    added_at: dt.datetime
    added_by: str
    evidence_index: int | None = None  # the evidence record of criterion ``number`` it shows (0-based)


@dataclass(frozen=True)
class ExportRecord:
    """A file exported from an inspection (the minutes), with its hash at the time of export."""

    id: str
    inspection_id: str
    path: Path  # absolute
    sha256: str
    size: int
    status: str  # the inspection's status when exported
    created_at: dt.datetime
    created_by: str


@dataclass(frozen=True)
class Problem:
    """Something ``verify`` found wrong. ``message`` is Vietnamese and says what and where."""

    kind: str  # "integrity", "audit", "state", "snapshot", "attachment", "export"
    message: str
    inspection_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "inspection_id": self.inspection_id}
