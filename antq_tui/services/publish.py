"""Publishing read-only with Datasette: a copy of the database, its Vietnamese metadata, the server.

``antq publish`` is for the office's colleagues who want to look, never to write. The rules:

- Datasette is given a **copy** (:func:`antq_tui.storage.publish.write_copy`), opened
  ``--immutable``; the live ``antq.db`` is never passed to it, so nothing it does can write there.
- It listens on 127.0.0.1 unless told otherwise; another host is said aloud on the command line.
- With a password, every page asks for it (HTTP Basic, ``datasette-auth-passwords``); the password's
  hash travels in the server's environment, never in a file.
- Datasette is an optional extra (``pip install 'antq[publish]'``): without it, a Vietnamese message
  says what to install, and nothing is copied.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import write_atomic
from ..storage import publish as published
from ..workspace import is_placeholder
from . import datasette_vi
from .context import Context, ServiceError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
DEFAULT_USER = "canbo"
#: the folder (in the data folder) that holds the published copy and its metadata
FOLDER = "cong_bo"
#: the environment variable that carries the password's hash to the server
HASH_ENV = "ANTQ_PUBLISH_PASSWORD_HASH"
DATABASE_TITLE = "Kết quả kiểm tra, thẩm định"

INSTALL_HINT = ("Chưa cài Datasette, phần mềm dùng để công bố. Cài bằng: pip install 'antq[publish]' "
                "(hoặc chạy lại ./scripts/setup).")

#: Vietnamese names of the tables and their columns, shown by Datasette (descriptions under headers)
TABLE_LABELS: dict[str, tuple[str, dict[str, str]]] = {
    "inspections": ("Cuộc kiểm tra, thẩm định", {
        "id": "Mã cuộc kiểm tra", "unit_id": "Mã đơn vị", "unit_name": "Tên đơn vị (lúc kiểm tra)",
        "unit_kind": "Loại đơn vị", "unit_district": "Huyện", "unit_province": "Tỉnh", "year": "Năm",
        "set_id": "Bộ tiêu chí", "set_version": "Phiên bản bộ tiêu chí", "status": "Tình trạng (draft: đang "
        "kiểm tra; finalized: đã hoàn thành)", "visit_date": "Ngày kiểm tra", "place": "Địa điểm",
        "start_time": "Bắt đầu", "end_time": "Kết thúc", "team": "Đoàn kiểm tra",
        "representatives": "Đại diện đơn vị", "strengths": "Ưu điểm", "shortcomings": "Tồn tại, hạn chế",
        "recommendations": "Kiến nghị", "conclusion": "Kết luận", "minutes_number": "Số biên bản",
        "criteria_total": "Tổng số tiêu chí", "assessed": "Số tiêu chí đã đánh giá",
        "created_at": "Tạo lúc", "updated_at": "Sửa lần cuối", "finalized_at": "Hoàn thành lúc",
    }),
    "answers": ("Kết quả từng tiêu chí", {
        "inspection_id": "Mã cuộc kiểm tra", "number": "Tiêu chí số", "self_assessment": "Đơn vị tự đánh giá",
        "verdict": "Đoàn đánh giá (dat: đạt; khong_dat: không đạt)", "inputs": "Số liệu",
        "suggestion": "Gợi ý của hàm kiểm tra", "evidence": "Hồ sơ, tài liệu đã xem", "remark": "Ghi chú",
        "updated_at": "Sửa lúc", "updated_by": "Người sửa",
    }),
    "units": ("Đơn vị", {
        "id": "Mã đơn vị", "name": "Tên đơn vị", "kind": "Loại đơn vị", "district": "Huyện", "province": "Tỉnh",
    }),
    "eligibility_answers": ("Điều kiện xét công nhận", {
        "inspection_id": "Mã cuộc kiểm tra", "check_id": "Điều kiện", "inputs": "Số liệu",
        "decision": "Kết luận của đoàn", "remark": "Ghi chú",
    }),
    "attachments": ("Tệp đính kèm", {
        "inspection_id": "Mã cuộc kiểm tra", "number": "Tiêu chí số", "name": "Tên tệp", "sha256": "Mã băm SHA-256",
        "size": "Kích thước (byte)", "note": "Ghi chú", "added_at": "Thêm lúc", "added_by": "Người thêm",
    }),
    "exports": ("Biên bản đã xuất", {
        "inspection_id": "Mã cuộc kiểm tra", "path": "Tệp", "sha256": "Mã băm SHA-256", "status": "Tình trạng",
        "created_at": "Xuất lúc", "created_by": "Người xuất",
    }),
    "audit": ("Nhật ký thay đổi", {
        "at": "Lúc", "who": "Người", "inspection_id": "Mã cuộc kiểm tra", "action": "Việc", "target": "Mục",
        "old": "Giá trị cũ", "new": "Giá trị mới", "hash": "Mã băm chuỗi nhật ký",
    }),
    "unit_registry": ("Danh sách đơn vị của huyện", {"unit_id": "Mã đơn vị", "source": "Nguồn"}),
    "report_sections": ("Nội dung báo cáo (bản nháp của văn phòng)", {
        "year": "Năm", "period": "Kỳ (nam: cả năm; 6thang: 6 tháng đầu năm)", "sections": "Các phần nhận xét",
        "updated_at": "Sửa lúc", "updated_by": "Người sửa"}),
    published.TARGETS_TABLE: ("Tiến độ chỉ tiêu (lúc công bố)", {}),
    published.ABOUT_TABLE: ("Thông tin bản công bố", {
        "cong_bo_luc": "Công bố lúc", "tu_co_so_du_lieu": "Sao từ cơ sở dữ liệu",
        "so_cuoc_kiem_tra": "Số cuộc kiểm tra"}),
}
#: tables of the machinery (migrations, key-value, aliases): in the copy, not on the index page
HIDDEN_TABLES = ("meta", "audit_origin", "inspection_copies", "unit_aliases", "snapshots", "_sqlite_migrations",
                 "sqlite_sequence")


@dataclass(frozen=True)
class Publication:
    """What :func:`prepare` made: the copy and its metadata, ready to serve."""

    database: Path
    metadata: Path
    inspections: int
    #: Datasette's own templates in Vietnamese (:mod:`.datasette_vi`)
    templates: Path

    @property
    def name(self) -> str:
        return self.database.stem


def datasette_installed() -> bool:
    return importlib.util.find_spec("datasette") is not None


def _target_rows(ctx: Context) -> list[dict[str, Any]]:
    """Target progress for every year with inspections, as ``antq targets`` computes it."""
    from . import office

    rows: list[dict[str, Any]] = []
    if not ctx.workspace.registry.targets:
        return rows
    years = sorted({r.year for r in ctx.store.list_inspections()})
    for year in years:
        for item in office.statistics(ctx, year).targets:
            data = item.to_json()
            rows.append({
                "nam": year, "chi_tieu": data.get("id"), "noi_dung": data.get("title"),
                "pham_vi": getattr(item, "scope_label", ""), "ty_le_yeu_cau": data.get("percent_required"),
                "so_luong_yeu_cau": data.get("required"), "tong_so_don_vi": data.get("denominator") or 0,
                "da_cong_nhan": data.get("recognised") or 0, "ty_le_hien_tai": data.get("percent"),
                "con_thieu": data.get("missing"), "tinh_trang": getattr(item, "status_label", ""),
            })
    return rows


def metadata(publication_name: str, *, title: str, password: bool, user: str = DEFAULT_USER) -> dict[str, Any]:
    """Datasette's metadata: Vietnamese titles and column descriptions, the canned queries, the password."""
    tables: dict[str, Any] = {}
    for table, (label, columns) in TABLE_LABELS.items():
        tables[table] = {"title": label, **({"columns": columns} if columns else {})}
    for table in HIDDEN_TABLES:
        tables[table] = {"hidden": True}
    data: dict[str, Any] = {
        "title": title,
        "description": "Bản sao chỉ đọc của cơ sở dữ liệu antq, để xem và tra cứu; không sửa được. "
                       "Các truy vấn có sẵn (tỷ lệ đạt, tiêu chí không đạt, đơn vị chưa hoàn thành, tiến độ chỉ tiêu) ở trang “Kết quả kiểm tra, thẩm định”.",
        "databases": {publication_name: {
            "title": DATABASE_TITLE,
            "tables": tables,
            "queries": {q.name: q.to_metadata() for q in published.CANNED_QUERIES},
        }},
    }
    if password:
        data["plugins"] = {"datasette-auth-passwords": {f"{user}_password_hash": {"$env": HASH_ENV},
                                                        "http_basic_auth": True}}
    return data


def prepare(ctx: Context, folder: Path | None = None, *, password: bool = False, user: str = DEFAULT_USER,
            now: dt.datetime | None = None) -> Publication:
    """Copy the database and write the metadata into ``folder`` (default: ``cong_bo/`` in the data folder).

    :raises ServiceError: Datasette is not installed; the folder cannot be written.
    """
    if not datasette_installed():
        raise ServiceError(INSTALL_HINT)
    folder = Path(folder) if folder else ctx.workspace.data_dir / FOLDER
    now = now or dt.datetime.now()
    database = folder / "antq_cong_bo.db"
    meta_path = folder / "metadata.json"
    templates = folder / "templates"
    ws = ctx.workspace
    title = "Phong trào toàn dân bảo vệ an ninh Tổ quốc"
    district = "" if is_placeholder(ws.config.district) else ws.config.district
    province = "" if is_placeholder(ws.config.province) else ws.config.province
    place = ", ".join(x for x in (f"{ws.config.district_kind} {district}" if district else "", province) if x)
    if place:
        title += f" – {place}"
    try:
        published.write_copy(ctx.store.conn, database, targets=_target_rows(ctx), source=ctx.store.path, when=now)
        write_atomic(meta_path, json.dumps(metadata(database.stem, title=title, password=password, user=user),
                                           ensure_ascii=False, indent=2).encode("utf-8"))
        datasette_vi.write_templates(templates, titles={t: label for t, (label, _) in TABLE_LABELS.items()},
                                     crumbs={"home": "Trang chủ", database.stem: DATABASE_TITLE})
    except OSError as exc:
        raise ServiceError(f"Không ghi được bản công bố vào {folder}: {exc.strerror or exc}.") from None
    return Publication(database, meta_path, len(ctx.store.list_inspections()), templates)


def check_password(password: str) -> None:
    """Refuse a password the login could never accept (before anything is copied or started).

    :raises ServiceError: empty, not ASCII, or datasette-auth-passwords not installed.
    """
    if importlib.util.find_spec("datasette_auth_passwords") is None:
        raise ServiceError("Chưa cài datasette-auth-passwords, cần để đặt mật khẩu: pip install 'antq[publish]'.")
    if not password:
        raise ServiceError("Mật khẩu không được để trống.")
    if not password.isascii() or not password.isprintable():
        # datasette-auth-passwords reads the browser's Basic credentials as ASCII: a letter with a
        # diacritic would end in a server error at every login, so it is refused here, said in Vietnamese
        raise ServiceError("Mật khẩu chỉ được dùng chữ không dấu, chữ số và ký hiệu trên bàn phím "
                           "(trình duyệt gửi chữ có dấu theo cách trang xem không đọc được).")


def hash_password(password: str) -> str:
    """The password's hash in the form datasette-auth-passwords checks (its own function)."""
    check_password(password)
    from datasette_auth_passwords.utils import hash_password as ds_hash

    return str(ds_hash(password))


def server_command(publication: Publication, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> list[str]:
    """The command that serves the copy: Datasette, immutable, on ``host``:``port``."""
    return [sys.executable, "-m", "datasette", "serve", "--immutable", str(publication.database),
            "--metadata", str(publication.metadata), "--template-dir", str(publication.templates), "--host", host, "--port", str(port),
            "--setting", "default_page_size", "50", "--setting", "sql_time_limit_ms", "3000"]


def start_server(publication: Publication, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 password: str | None = None, quiet: bool = False) -> subprocess.Popen[bytes]:
    """Start Datasette on the copy (a child process the caller waits for or stops)."""
    env = dict(os.environ)
    env.pop(HASH_ENV, None)
    if password is not None:
        env[HASH_ENV] = hash_password(password)
    out = subprocess.DEVNULL if quiet else None
    try:
        return subprocess.Popen(server_command(publication, host=host, port=port), env=env, stdout=out, stderr=out)
    except OSError as exc:
        raise ServiceError(f"Không chạy được Datasette: {exc.strerror or exc}.") from None


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "INSTALL_HINT",
    "Publication",
    "check_password",
    "datasette_installed",
    "hash_password",
    "metadata",
    "prepare",
    "server_command",
    "start_server",
]
