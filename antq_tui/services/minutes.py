"""Exporting the minutes (biên bản) of one inspection, with the recorded-file rule.

A finalized inspection's export is recorded (path and SHA-256, in the exports table): it is the signed
record, and ``antq verify`` checks it later. So an export never overwrites a recorded file: with the
default name a later export takes the next free name (``…_2.pdf``), an explicit file naming a recorded
one is refused. A draft is not recorded and may be exported any number of times. Both the TUI (in a
worker thread, with a context of that thread) and ``antq export`` call :func:`export`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ..files import OutputPathError
from .context import Context

if TYPE_CHECKING:
    from ..inspection import Inspection
    from ..minutes.render import ExportResult


def export(ctx: Context, inspection_id: str, out: Path | None = None, *, html: bool = False,
           docx: bool = False) -> ExportResult:
    """Render and write the minutes; a finalized inspection's file is recorded, never overwritten.

    :param out: a file or a folder; default ``<data folder>/bien_ban/BB_<unit>_<date>.pdf``.
    :param html: the printable HTML instead of a PDF.
    :param docx: a Word file (.docx) the office can edit, recorded like the PDF.
    :raises OutputPathError: ``out`` names a recorded file (or a path outside the workspace).
    """
    from ..minutes.render import (
        export_minutes,  # Jinja2 (and WeasyPrint) only when exporting
    )

    inspection = ctx.store.get_inspection(inspection_id)
    if inspection.finalized:
        out = free_target(ctx, inspection, out, html=html, docx=docx)
    if docx:
        from ..minutes.docx import export_minutes_docx

        result = export_minutes_docx(ctx.workspace, inspection, out)
    else:
        result = export_minutes(ctx.workspace, inspection, out, html=html)
    if not inspection.finalized:
        return result
    record = ctx.store.record_export(inspection.id, result.path, user=ctx.acting_user)
    from .keys import sign_export  # every recorded export carries a signature over the file

    sign_export(ctx, record)
    return dataclasses.replace(
        result, recorded=True, sha256=record.sha256,
        message=f"{result.message}\nĐã ghi nhận lần xuất vào cơ sở dữ liệu (SHA-256 {record.sha256}).")


def free_target(ctx: Context, inspection: Inspection, out: Path | None, *, html: bool = False,
                docx: bool = False) -> Path | None:
    """``out``, or the next free name when it would overwrite a recorded export of ``inspection``."""
    from ..minutes.docx import FORMAT_DOCX
    from ..minutes.render import FORMAT_HTML, FORMAT_PDF, target_path

    recorded = {Path(r.path).absolute() for r in ctx.store.exports(inspection.id)}
    fmt = FORMAT_DOCX if docx else FORMAT_HTML if html else FORMAT_PDF
    target = target_path(ctx.workspace, inspection, out, fmt).absolute()
    if target not in recorded and not _same_file_recorded(target, recorded):
        return out
    if out is not None and not Path(out).is_dir():
        raise OutputPathError(
            f"{target} là biên bản đã xuất và đã ghi nhận trong cơ sở dữ liệu; không ghi đè. Chọn tên tệp khác.")
    stem, n = target.stem, 2
    while (candidate := target.with_name(f"{stem}_{n}{target.suffix}")).exists() or candidate in recorded:
        n += 1
    return candidate


def _same_file_recorded(target: Path, recorded: set[Path]) -> bool:
    """Whether ``target`` is a recorded file reached by another spelling (a symlinked folder, say)."""
    if not target.exists():
        return False
    return any(r.exists() and r.samefile(target) for r in recorded)
