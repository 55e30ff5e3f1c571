"""Hostile text: control characters are refused where text is typed (services, store, command line),
and text that got in before (an older database, a bundle, a hand edit) reaches the papers escaped:
XLSX, CSV, HTML and PDF, never a crash and never an escape sequence."""

from __future__ import annotations

import csv
import io
import sqlite3

import openpyxl
import pytest
from cli_helpers import run
from demo_fixture import THI_TRAN_2023

from antq_tui.services import Context, inspections
from antq_tui.storage import StorageError
from antq_tui.text import REMARK_MAX_CHARS
from antq_tui.workspace import Workspace

pytest_plugins = ("demo_fixture",)

OSC = "Xã Mường\x1b]0;pwned\x07 Khoa"
BIDI = "Xã Tà Xùa\u202e nauB"
MARKUP = ("Công ty [/] TNHH", "Trường THCS [cơ sở 2] Bắc Yên")
REFUSED = "ký tự điều khiển"


@pytest.fixture
def ctx(demo_workspace):
    with Context.open(Workspace.open(demo_workspace)) as context:
        yield context


@pytest.mark.parametrize("name", [OSC, BIDI])
def test_a_unit_name_with_control_characters_is_refused_naming_the_character(ctx, name):
    with pytest.raises(StorageError) as caught:
        inspections.unit_for(ctx, name, "xa")
    assert REFUSED in str(caught.value) and "Tên đơn vị" in str(caught.value)
    assert ("U+001B" if "\x1b" in name else "U+202E") in str(caught.value)


@pytest.mark.parametrize("name", MARKUP)
def test_names_with_brackets_are_ordinary_names_and_kept_as_typed(ctx, name):
    unit = inspections.unit_for(ctx, name, "co_quan" if "Công ty" in name else "co_so_giao_duc")
    assert unit.name == name


def test_every_typed_text_of_a_draft_refuses_control_characters_and_keeps_what_was_stored(ctx):
    iid = THI_TRAN_2023
    before = inspections.get(ctx, iid)
    attempts = [
        lambda: inspections.set_remark(ctx, iid, 18, "Hồ sơ đủ\x1b[2J"),
        lambda: inspections.set_evidence(ctx, iid, 18, 0, doc_number="15\u202e-KH"),
        lambda: inspections.set_evidence(ctx, iid, 18, 0, note="ghi chú\x9b"),
        lambda: inspections.set_eligibility(ctx, iid, "xa_ky_luat", remark="\x1b]8;;http://x\x07bấm"),
        lambda: inspections.update_details(ctx, iid, place="Nhà văn hoá\x07"),
        lambda: inspections.update_details(ctx, iid, conclusion="Đề nghị\u2066 công nhận"),
        lambda: inspections.update_details(ctx, iid, minutes_number="15\r"),
    ]
    for attempt in attempts:
        with pytest.raises(StorageError, match=REFUSED):
            attempt()
    after = inspections.get(ctx, iid)
    assert after.place == before.place and after.conclusion == before.conclusion
    assert after.answers[18].remark == before.answers[18].remark


def test_a_team_member_with_an_escape_sequence_is_refused(ctx):
    from antq_tui.config import Member

    with pytest.raises(StorageError, match="Họ tên: Có ký tự điều khiển"):
        inspections.update_details(ctx, THI_TRAN_2023, representatives=[Member("Lò Văn A\x1b[31m")])


def test_a_remark_is_capped_and_several_lines_are_fine(ctx):
    iid = THI_TRAN_2023
    inspections.set_remark(ctx, iid, 18, "Dòng 1\nDòng 2\tcó tab")
    inspections.set_remark(ctx, iid, 18, "a" * REMARK_MAX_CHARS)
    with pytest.raises(StorageError, match=r"quá giới hạn 1\.000 ký tự"):
        inspections.set_remark(ctx, iid, 18, "a" * (REMARK_MAX_CHARS + 1))
    assert inspections.get(ctx, iid).answers[18].remark == "a" * REMARK_MAX_CHARS


def test_a_saved_remark_is_logged_once_not_as_old_and_new(ctx, demo_workspace):
    iid = THI_TRAN_2023
    inspections.set_remark(ctx, iid, 18, "x" * 900)
    inspections.set_remark(ctx, iid, 18, "y" * 900)
    ws = Workspace.open(demo_workspace)
    with sqlite3.connect(ws.db_path) as conn:
        old, new = conn.execute("SELECT old, new FROM audit WHERE action = 'answer.remark' ORDER BY id DESC").fetchone()
    assert old is None and "y" * 900 in new


def test_the_command_line_refuses_with_the_message_and_exit_code_2(demo_workspace):
    result = run(demo_workspace, "new", "--unit", OSC, "--kind", "xa", expect=2)
    assert "Lỗi: Tên đơn vị: Có ký tự điều khiển không được phép (U+001B, U+0007)" in result.stderr
    assert "\x1b" not in result.output
    result = run(demo_workspace, "answer", THI_TRAN_2023[:8], "18", "--remark", "x" * 1001, expect=2)
    assert "Nhận xét: Dài 1.001 ký tự, quá giới hạn 1.000 ký tự" in result.stderr
    result = run(demo_workspace, "visit", THI_TRAN_2023[:8], "--place", BIDI, expect=2)
    assert "Địa điểm: Có ký tự điều khiển" in result.stderr


def _smuggle(config) -> None:
    """What an older antq, a bundle or a hand edit could have left: control characters in the draft's
    unit name and in a remark, written past the store's rules."""
    ws = Workspace.open(config)
    with sqlite3.connect(ws.db_path) as conn:
        conn.execute("UPDATE inspections SET unit_name = ?, place = ? WHERE id = ?", [OSC, BIDI, THI_TRAN_2023])
        conn.execute("UPDATE answers SET remark = ? WHERE inspection_id = ? AND number = 17",
                     ["Thiếu\x1b[2J hồ sơ\x0b", THI_TRAN_2023])


def test_stored_control_characters_reach_xlsx_and_csv_escaped(demo_workspace, tmp_path):
    _smuggle(demo_workspace)
    out = tmp_path / "bieu.xlsx"
    result = run(demo_workspace, "stats", "--year", "2023", "--include-drafts", "--xlsx", str(out))  # (a draft's)
    assert "Đã xuất biểu thống kê ra tệp Excel" in result.output
    cells = [c.value for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
    texts = [v for v in cells if isinstance(v, str)]
    assert "Xã Mường\\u001b]0;pwned\\u0007 Khoa" in texts
    assert not any("\x1b" in t or "\x07" in t for t in texts)
    raw = run(demo_workspace, "stats", "--year", "2023", "--include-drafts", "--csv").stdout_bytes.decode("utf-8-sig")
    names = [row[1] for row in csv.reader(io.StringIO(raw, newline="")) if len(row) > 1]
    assert "Xã Mường\\u001b]0;pwned\\u0007 Khoa" in names and "\x1b" not in raw


def test_stored_control_characters_reach_the_minutes_escaped(demo_workspace, tmp_path):
    _smuggle(demo_workspace)
    html = tmp_path / "bb.html"
    run(demo_workspace, "export", THI_TRAN_2023[:8], "--html", "--out", str(html))
    text = html.read_text(encoding="utf-8")
    assert "Xã Mường\\u001b]0;pwned\\u0007 Khoa" in text and "Tà Xùa\\u202e nauB" in text
    assert "Thiếu\\u001b[2J hồ sơ" in text  # (the vertical tab ends a paragraph, as a line break does)
    assert not any(ch in text for ch in "\x1b\x07\x0b\u202e")


def test_stored_control_characters_reach_the_pdf_escaped(demo_workspace, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    _smuggle(demo_workspace)
    pdf = tmp_path / "bb.pdf"
    result = run(demo_workspace, "export", THI_TRAN_2023[:8], "--out", str(pdf))
    if "HTML" in result.output:
        pytest.skip("WeasyPrint cannot run here")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "\x1b" not in text and "u001b" in text


@pytest.mark.parametrize("table, column, value", [
    ("units", "name", OSC),
    ("inspections", "unit_name", BIDI),
    ("inspections", "team", '[{"name": "Lò Văn A\\u001b[31m", "rank": "", "position": "", "role": "thanh_vien"}]'),
    ("answers", "remark", "Thiếu\x9b hồ sơ"),
])
def test_a_bundle_row_with_control_characters_is_refused_by_the_same_rule(tmp_path, table, column, value):
    from bundle_fixtures import populated

    from antq_tui.exchange.bundle import read_bundle
    from antq_tui.exchange.export import export_bundle
    from antq_tui.exchange.validate import RowError, check_shape, check_values

    store, _ = populated(tmp_path, "a")
    out = tmp_path / "a.antq"
    export_bundle(store, out)
    store.close()
    tables = read_bundle(out).tables
    check_values(tables)  # as exported: fine
    tables[table][0][column] = value
    check_shape(tables)
    with pytest.raises(RowError, match=f"cột “{column}”: Có ký tự điều khiển không được phép"):
        check_values(tables)


@pytest.fixture
def no_regular_font(tmp_path, monkeypatch):
    """The shipped fonts with the regular face missing (a broken install, a template's own font folder)."""
    import shutil

    from antq_tui.minutes import render

    fonts = tmp_path / "fonts"
    shutil.copytree(render.FONTS_DIR, fonts)
    (fonts / "LiberationSerif-Regular.ttf").unlink()
    monkeypatch.setattr(render, "FONTS_DIR", fonts)
    return fonts / "LiberationSerif-Regular.ttf"


def test_a_missing_font_stops_the_pdf_and_names_the_file(demo_workspace, tmp_path, no_regular_font):
    pdf = tmp_path / "bb.pdf"
    result = run(demo_workspace, "export", THI_TRAN_2023[:8], "--out", str(pdf), expect=2)
    assert f"Không tìm thấy tệp phông chữ {no_regular_font}" in result.stderr
    assert not pdf.exists()
    result = run(demo_workspace, "stats", "--year", "2023", "--pdf", str(tmp_path / "bieu.pdf"), expect=2)
    assert str(no_regular_font) in result.stderr and "Traceback" not in result.output


def test_stored_control_characters_reach_the_terminal_escaped_in_antq_list(demo_workspace):
    _smuggle(demo_workspace)
    out = run(demo_workspace, "list").stdout
    assert "Xã Mường\\u001b]0;pwned\\u0007" in out and "\x1b" not in out


def test_an_attachment_note_with_a_control_character_is_refused_and_an_odd_file_name_is_kept_escaped(ctx, tmp_path):
    plain = tmp_path / "anh.jpg"
    plain.write_bytes(b"\xff\xd8")
    with pytest.raises(StorageError, match="Ghi chú: Có ký tự điều khiển"):
        ctx.store.add_attachment(THI_TRAN_2023, plain, note="xem\u202e")
    assert ctx.store.attachments(THI_TRAN_2023) == []
    # a file's own name is what the disk gave it, not typed: it is kept, written out, never acting
    odd = tmp_path / "anh\x1b[2J.jpg"
    odd.write_bytes(b"\xff\xd8")
    added = ctx.store.add_attachment(THI_TRAN_2023, odd)
    assert added.name == "anh\\u001b[2J.jpg" and "\x1b" not in added.path.name


def test_the_summary_texts_run_the_full_width_and_hold_more_than_a_remark(ctx):
    from antq_tui.text import SUMMARY_MAX_CHARS

    inspections.update_details(ctx, THI_TRAN_2023, strengths="Chủ động.\n" * (SUMMARY_MAX_CHARS // 10))
    with pytest.raises(StorageError, match="Ưu điểm: Dài"):
        inspections.update_details(ctx, THI_TRAN_2023, strengths="a" * (SUMMARY_MAX_CHARS + 1))
