"""The published copy: a consistent, read-only copy of the database for Datasette, and its SQL.

``antq publish`` never hands the live ``antq.db`` to another program. It copies it with SQLite's
online backup API (:func:`.db.copy_database`, as backups do), adds one table that only antq can
compute (target progress, which comes from the province's plugins, not from the database), turns
the copy's journal off and makes the file read-only. Datasette then opens that copy ``--immutable``.

The canned queries below are the office's questions in SQL over the copy; their column names are
Vietnamese because Datasette shows them as they are. They count **finalized** inspections only, as
the statistics do by default, so a published figure is never a draft's (the list of unfinished
units excepted). Dates are shown dd/mm/yyyy.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .db import copy_database

#: the table the copy gains: one row per province target and year, as ``antq targets`` computed it
TARGETS_TABLE = "tien_do_chi_tieu"
#: one row: when and from which database the copy was made
ABOUT_TABLE = "ban_cong_bo"

_TARGETS_DDL = f"""CREATE TABLE {TARGETS_TABLE} (
    nam INTEGER NOT NULL,
    chi_tieu TEXT NOT NULL,
    noi_dung TEXT NOT NULL,
    pham_vi TEXT NOT NULL,
    ty_le_yeu_cau REAL,
    so_luong_yeu_cau INTEGER,
    tong_so_don_vi INTEGER NOT NULL,
    da_cong_nhan INTEGER NOT NULL,
    ty_le_hien_tai REAL,
    con_thieu INTEGER,
    tinh_trang TEXT NOT NULL
)"""

_ABOUT_DDL = f"""CREATE TABLE {ABOUT_TABLE} (
    cong_bo_luc TEXT NOT NULL,
    tu_co_so_du_lieu TEXT NOT NULL,
    so_cuoc_kiem_tra INTEGER NOT NULL
)"""


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    sql: str

    def to_metadata(self) -> dict[str, Any]:
        return {"title": self.title, "description": self.description, "sql": self.sql}


# ``:nam`` is the year; left empty it is the latest year with an inspection.
_YEAR = "coalesce(nullif(:nam, ''), (SELECT max(year) FROM inspections))"

CANNED_QUERIES: tuple[CannedQuery, ...] = (
    CannedQuery(
        "ty_le_dat_theo_don_vi",
        "Tỷ lệ tiêu chí đạt theo đơn vị",
        "Mỗi đơn vị (xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục) đã kiểm tra xong trong năm: "
        "số tiêu chí đạt, không đạt, chưa đánh giá trên tổng số và tỷ lệ đạt. Để trống năm: năm gần nhất.",
        f"""SELECT i.unit_name AS "Đơn vị", i.unit_district AS "Huyện", i.year AS "Năm",
       strftime('%d/%m/%Y', i.visit_date) AS "Ngày kiểm tra",
       sum(a.verdict = 'dat') AS "Đạt",
       sum(a.verdict = 'khong_dat') AS "Không đạt",
       i.criteria_total - sum(a.verdict IN ('dat', 'khong_dat')) AS "Chưa đánh giá",
       i.criteria_total AS "Tổng số tiêu chí",
       round(100.0 * sum(a.verdict = 'dat') / i.criteria_total, 1) AS "Tỷ lệ đạt (%)",
       i.id AS "Mã cuộc kiểm tra"
FROM inspections i LEFT JOIN answers a ON a.inspection_id = i.id
WHERE i.status = 'finalized' AND i.year = {_YEAR}
GROUP BY i.id
ORDER BY "Tỷ lệ đạt (%)" DESC, i.unit_name""",
    ),
    CannedQuery(
        "tieu_chi_khong_dat_nhieu_nhat",
        "Tiêu chí không đạt nhiều nhất",
        "Mỗi tiêu chí của từng bộ: số đơn vị không đạt trong năm (chỉ các cuộc kiểm tra đã hoàn thành), "
        "nhiều nhất trước.",
        f"""SELECT i.set_id AS "Bộ tiêu chí", a.number AS "Tiêu chí số",
       sum(a.verdict = 'khong_dat') AS "Số đơn vị không đạt",
       sum(a.verdict = 'dat') AS "Số đơn vị đạt",
       count(DISTINCT i.id) AS "Số đơn vị được kiểm tra"
FROM answers a JOIN inspections i ON i.id = a.inspection_id
WHERE i.status = 'finalized' AND i.year = {_YEAR}
GROUP BY i.set_id, a.number
HAVING sum(a.verdict = 'khong_dat') > 0
ORDER BY "Số đơn vị không đạt" DESC, i.set_id, a.number""",
    ),
    CannedQuery(
        "don_vi_chua_hoan_thanh",
        "Đơn vị chưa hoàn thành kiểm tra",
        "Các cuộc kiểm tra còn là bản nháp (chưa hoàn thành, chưa ký biên bản): số tiêu chí đã đánh giá.",
        f"""SELECT i.unit_name AS "Đơn vị", i.unit_district AS "Huyện", i.year AS "Năm",
       strftime('%d/%m/%Y', i.visit_date) AS "Ngày kiểm tra",
       i.assessed AS "Đã đánh giá", i.criteria_total AS "Tổng số tiêu chí",
       strftime('%d/%m/%Y %H:%M', i.updated_at, 'localtime') AS "Sửa lần cuối", i.id AS "Mã cuộc kiểm tra"
FROM inspections i
WHERE i.status != 'finalized' AND i.year = {_YEAR}
ORDER BY i.unit_district, i.unit_name""",
    ),
    CannedQuery(
        "tien_do_chi_tieu",
        "Tiến độ thực hiện chỉ tiêu",
        "Chỉ tiêu của tỉnh (từ plugin của tỉnh) và số đơn vị đã đạt, như antq targets tính lúc công bố.",
        f"""SELECT nam AS "Năm", chi_tieu AS "Chỉ tiêu", noi_dung AS "Nội dung", pham_vi AS "Phạm vi",
       ty_le_yeu_cau AS "Tỷ lệ yêu cầu (%)", so_luong_yeu_cau AS "Số lượng yêu cầu",
       tong_so_don_vi AS "Tổng số đơn vị", da_cong_nhan AS "Đã đạt",
       ty_le_hien_tai AS "Tỷ lệ hiện tại (%)", con_thieu AS "Còn thiếu", tinh_trang AS "Tình trạng"
FROM {TARGETS_TABLE}
WHERE nam = {_YEAR}
ORDER BY chi_tieu""",
    ),
)


def write_copy(conn: sqlite3.Connection, dest: Path, *, targets: Iterable[Mapping[str, Any]],
               source: Path, when: dt.datetime) -> Path:
    """Copy the open database to ``dest`` (replacing an earlier copy), add the target table, make it read-only.

    ``targets``: rows with the columns of :data:`TARGETS_TABLE`. The copy is written under a
    temporary name and renamed, so a Datasette serving the previous copy never sees a half-written
    file.
    """
    dest = Path(dest)
    if dest.exists():  # an earlier copy is read-only: let the rename replace it
        os.chmod(dest, stat.S_IRUSR | stat.S_IWUSR)

    def finish(tmp: Path) -> None:
        copy = sqlite3.connect(str(tmp))
        try:
            with copy:
                copy.execute(_TARGETS_DDL)
                copy.execute(_ABOUT_DDL)
                columns = ("nam", "chi_tieu", "noi_dung", "pham_vi", "ty_le_yeu_cau", "so_luong_yeu_cau",
                           "tong_so_don_vi", "da_cong_nhan", "ty_le_hien_tai", "con_thieu", "tinh_trang")
                copy.executemany(
                    f"INSERT INTO {TARGETS_TABLE} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [tuple(row.get(c) for c in columns) for row in targets])
                count = copy.execute("SELECT count(*) FROM inspections").fetchone()[0]
                copy.execute(f"INSERT INTO {ABOUT_TABLE} VALUES (?, ?, ?)",
                             (when.isoformat(timespec="seconds"), str(source), count))
            copy.execute("PRAGMA journal_mode = DELETE")  # one file: nothing beside it for Datasette to need
        finally:
            copy.close()

    copy_database(conn, dest, check=finish)
    os.chmod(dest, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # a copy to read: nobody writes to it
    return dest


__all__ = ["ABOUT_TABLE", "CANNED_QUERIES", "TARGETS_TABLE", "CannedQuery", "write_copy"]
