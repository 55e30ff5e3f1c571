"""``antq publish``: a read-only copy served by a real Datasette, whose canned queries agree with ``antq stats``."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import stat
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run, run_json
from demo_fixture import THI_TRAN_2023, demo_template, demo_workspace

from antq_tui.services import Context, ServiceError, datasette_vi
from antq_tui.services import publish as publishing
from antq_tui.workspace import Workspace

pytestmark = pytest.mark.skipif(not publishing.datasette_installed(), reason="Datasette (antq[publish]) not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, *, auth: tuple[str, str] | None = None, data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@contextmanager
def serving(config: Path, *, password: str | None = None) -> Iterator[tuple[str, publishing.Publication]]:
    with Context.open(Workspace.open(config, entry_points=False)) as ctx:
        publication = publishing.prepare(ctx, password=password is not None)
    port = _free_port()
    process = publishing.start_server(publication, port=port, password=password, quiet=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(base + "/-/versions.json")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("Datasette did not start") from None
                time.sleep(0.2)
        yield base, publication
    finally:
        process.terminate()
        process.wait(timeout=10)


def _rows(base: str, query: str, **params: Any) -> list[dict[str, Any]]:
    qs = "&".join(f"{k}={v}" for k, v in {"_shape": "array", **params}.items())
    status, body = _get(f"{base}/antq_cong_bo/{query}.json?{qs}")
    assert status == 200, body[:300]
    return list(json.loads(body))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_canned_queries_give_the_counts_of_antq_stats(demo_workspace):
    stats = run_json(demo_workspace, "stats", "--year", "2023", "--finalized")
    live = demo_workspace.parent / "inspections" / "antq.db"
    before = _sha(live)
    with serving(demo_workspace) as (base, publication):
        by_unit = {r["Mã cuộc kiểm tra"]: r for r in _rows(base, "ty_le_dat_theo_don_vi", nam=2023)}
        failing = _rows(base, "tieu_chi_khong_dat_nhieu_nhat", nam=2023)
        pending = _rows(base, "don_vi_chua_hoan_thanh")  # no year: the latest
        databases = json.loads(_get(base + "/-/databases.json")[1])

    units = [u for section in stats["sections"] for u in section["units"]]
    assert units and set(by_unit) == {u["inspection_id"] for u in units}
    for unit in units:
        row = by_unit[unit["inspection_id"]]
        assert (row["Đạt"], row["Không đạt"], row["Chưa đánh giá"], row["Tổng số tiêu chí"]) == (
            unit["dat"], unit["khong_dat"], unit["unassessed"], unit["total"]), unit["unit"]
        assert row["Đơn vị"] == unit["unit"]
        assert row["Ngày kiểm tra"] == "/".join(reversed(unit["visit_date"].split("-")))  # dd/mm/yyyy
    expected_failing = sorted((s["set"], c["number"], c["khong_dat"]) for s in stats["sections"]
                              for c in s["criteria"] if c["khong_dat"])
    assert sorted((r["Bộ tiêu chí"], r["Tiêu chí số"], r["Số đơn vị không đạt"]) for r in failing) == expected_failing
    assert [r["Mã cuộc kiểm tra"] for r in pending] == [THI_TRAN_2023]  # the demo's one draft, 17/34 judged
    assert pending[0]["Đã đánh giá"] == 17

    # Datasette saw only the copy, immutable; the live database was not written
    assert [d["path"] for d in databases] == [str(publication.database)]
    assert databases[0]["is_mutable"] is False
    assert _sha(live) == before
    assert not stat.S_IMODE(os.stat(publication.database).st_mode) & 0o222  # the copy is read-only on disk


def test_the_published_copy_refuses_writes_and_names_things_in_vietnamese(demo_workspace):
    with serving(demo_workspace) as (base, publication):
        status, _ = _get(base + "/antq_cong_bo/-/query", data=b"sql=delete+from+answers")
        page = _get(base + "/antq_cong_bo")[1].decode()
        answers = json.loads(_get(base + "/antq_cong_bo/answers.json?_size=1")[1])
    assert status in (400, 403, 405)
    assert "Kết quả từng tiêu chí" in page and "Tỷ lệ tiêu chí đạt theo đơn vị" in page
    assert "Tiêu chí không đạt nhiều nhất" in page and "Tiến độ thực hiện chỉ tiêu" in page
    assert "_sqlite_migrations" not in page  # the machinery is hidden
    for english in ("Tables", "Queries", " rows", "Custom SQL query", "Powered by", "Run SQL", "hidden table"):
        assert english not in page, english
    assert answers["rows"]  # the copy still has every answer
    metadata = json.loads(publication.metadata.read_text(encoding="utf-8"))
    assert "hash" not in json.dumps(metadata.get("plugins", {}))  # no password: no login


def test_a_password_is_asked_on_every_page(demo_workspace):
    with serving(demo_workspace, password="Bac-Yen 2023!") as (base, publication):
        assert _get(base + "/antq_cong_bo.json")[0] == 401
        assert _get(base + "/antq_cong_bo/ty_le_dat_theo_don_vi.json")[0] == 401
        assert _get(base + "/antq_cong_bo.json", auth=(publishing.DEFAULT_USER, "sai"))[0] == 401
        status, _ = _get(base + "/antq_cong_bo.json", auth=(publishing.DEFAULT_USER, "Bac-Yen 2023!"))
        assert status == 200
    # the hash reached the server through its environment, never the metadata file
    assert "pbkdf2" not in publication.metadata.read_text(encoding="utf-8")


def test_a_password_with_diacritics_is_refused_before_the_server_starts(demo_workspace, monkeypatch):
    monkeypatch.setenv("ANTQ_PUBLISH_PASSWORD", "mật khẩu")
    result = run(demo_workspace, "publish", "--port", str(_free_port()), expect=2)
    assert "chữ không dấu" in result.stderr
    assert not (demo_workspace.parent / "inspections" / publishing.FOLDER).exists()  # refused before any copy


def test_republishing_replaces_the_copy_with_the_current_data(demo_workspace):
    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx:
        first = publishing.prepare(ctx)
        run(demo_workspace, "visit", THI_TRAN_2023[:8], "--place", "Hội trường UBND thị trấn")
        second = publishing.prepare(ctx)
    assert second.database == first.database
    import sqlite3

    conn = sqlite3.connect(second.database.as_uri() + "?mode=ro", uri=True)
    try:
        place = conn.execute("SELECT place FROM inspections WHERE id = ?", (THI_TRAN_2023,)).fetchone()[0]
    finally:
        conn.close()
    assert place == "Hội trường UBND thị trấn"


def test_without_datasette_the_message_says_what_to_install(demo_workspace, monkeypatch):
    monkeypatch.setattr(publishing, "datasette_installed", lambda: False)
    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx, pytest.raises(ServiceError) as exc:
        publishing.prepare(ctx)
    assert "pip install 'antq[publish]'" in str(exc.value)
    result = run(demo_workspace, "publish", "--no-serve", expect=2)
    assert "Chưa cài Datasette" in result.stderr
    assert not (demo_workspace.parent / "inspections" / publishing.FOLDER / "antq_cong_bo.db").exists()


def test_every_vietnamese_replacement_still_matches_the_installed_datasette(tmp_path):
    """A Datasette upgrade that changes a template's words leaves that page in English: caught here."""
    misses = datasette_vi.write_templates(tmp_path, titles={"answers": "Kết quả"}, crumbs={"home": "Trang chủ"})
    assert misses == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(datasette_vi.REPLACEMENTS)


def test_table_and_query_pages_read_in_vietnamese(demo_workspace):
    with serving(demo_workspace) as (base, _):
        table = _get(base + "/antq_cong_bo/answers")[1].decode()
        query = _get(base + "/antq_cong_bo/ty_le_dat_theo_don_vi?nam=2023")[1].decode()
        home = _get(base + "/")[1].decode()
    assert "Kết quả từng tiêu chí" in table and "Áp dụng" in table and "có chứa" in table and "100 dòng" in table
    assert "Xã Phiêng Ban" in query and "Chạy truy vấn" in query and "12/10/2023" in query
    assert "Trang chủ" in home and "Cuộc kiểm tra, thẩm định" in home
    for english in ("Apply", "Next page", "Advanced export", "rows in", " hidden table", "Custom SQL query returning"):
        assert english not in table + query + home, english
