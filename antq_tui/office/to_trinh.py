"""The tờ trình, one per authority: the recommended units grouped by who recognises them, each paper
addressed ("Kính gửi"), dated, and signed as its authority says.

Who recognises a unit is decided by :mod:`antq_tui.services.recognition` (the routing rule); this
module lays the papers out: what each template sees on top of
:func:`antq_tui.office.reports.document_context`, and where each file goes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..criteria import unit_kind_label
from ..criteria.authorities import Authority
from ..files import output_path
from ..vnformat import format_long_date
from .reports import DocumentResult, OfficeData, default_path, export_document, recommended_lines

if TYPE_CHECKING:
    from ..workspace import Workspace

KIND = "to_trinh"
_COMMUNES = ("xa", "phuong", "thi_tran")


@dataclass
class Paper:
    """One tờ trình: the authority and the units it is asked to recognise."""

    authority: Authority
    units: list[Any]  # UnitLine

    def context(self, *, year: int, signer: Mapping[str, Any], place: str, today: dt.date) -> dict[str, Any]:
        a = self.authority
        kinds = list(dict.fromkeys(u.kind for u in self.units))
        communes = [unit_kind_label(k).lower() for k in kinds if k in _COMMUNES]
        agencies = [unit_kind_label(k).lower() for k in kinds if k not in _COMMUNES]
        subject = ", ".join(communes + agencies)
        return {
            "recipient": a.address,
            "authority": a.to_json(),
            "authority_name": a.name,
            "via": a.address != a.name,  # the paper goes through a body that advises the one that recognises
            "recommended": self.units,
            "subject": subject,
            "deadline_label": a.deadline_label(year),
            "signer": dict(signer),
            "place_date": f"{place}, {format_long_date(today)}",
        }


def papers(data: OfficeData, route: Callable[[Any], Authority]) -> list[Paper]:
    """The recommended units of ``data`` grouped by the authority ``route`` gives each, in the order
    the authorities are first met (a unit is proposed once, on its latest visit)."""
    out: dict[str, Paper] = {}
    for line in recommended_lines(data.stats):
        authority = route(line)
        out.setdefault(authority.id, Paper(authority, [])).units.append(line)
    return list(out.values())


def paper_path(workspace: Workspace, data: OfficeData, paper: Paper, out: Path | None, fmt: str, *,
               several: bool) -> Path:
    """Where one paper goes: the default name with the authority's id; ``out`` (a folder, or a file
    that takes the authority's id when there are several papers)."""
    base = default_path(workspace, data, KIND, fmt)
    named = base.with_name(f"{base.stem}_{paper.authority.id}{base.suffix}")
    if out is None:
        return named
    out = Path(out)
    if out.is_dir():
        return out / named.name
    target = output_path(workspace, out, f".{fmt}")
    return target.with_name(f"{target.stem}_{paper.authority.id}{target.suffix}") if several else target


def write_papers(workspace: Workspace, data: OfficeData, items: list[tuple[Paper, dict[str, Any]]], *,
                 out: Path | None = None, html: bool = False, docx: bool = False,
                 today: dt.date | None = None) -> DocumentResult:
    """Write each paper (PDF, HTML or Word); one result whose message names every file."""
    results = []
    several = len(items) > 1
    for paper, extra in items:
        fmt = "docx" if docx else ("html" if html else "pdf")
        target = paper_path(workspace, data, paper, out, fmt, several=several)
        if docx:
            from .docx_reports import export_document_docx

            result = export_document_docx(workspace, data, KIND, target, today=today, extra=extra)
        else:
            result = export_document(workspace, data, KIND, target, html=html, today=today, extra=extra)
        results.append((paper, result))
    lines = [f"{len(results)} tờ trình, mỗi cơ quan công nhận một tờ:"] if several else []
    for paper, result in results:
        units = len(paper.units)
        lines.append((f"- {paper.authority.name} ({units} đơn vị): " if several else "") + result.message)
    first = results[0][1]
    return DocumentResult(first.path, first.format, "\n".join(lines), first.fallback,
                          paths=tuple(r.path for _, r in results))


__all__ = ["Paper", "paper_path", "papers", "write_papers"]
