"""``antq new``, ``answer``, ``eligibility``, ``visit``, ``finalize``, ``reopen`` on the demo workspace."""

from __future__ import annotations

import datetime as dt

from cli_helpers import run, run_json
from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023

pytest_plugins = ("demo_fixture",)  # the demo_template and demo_workspace fixtures


def _err(result) -> str:
    return result.stderr if result.stderr_bytes is not None else result.output


def test_new_creates_an_inspection_of_the_set_for_the_kind_with_the_configured_team(demo_workspace):
    out = run_json(demo_workspace, "new", "--unit", "Xã  Mường Khoa", "--kind", "xa", "--year", "2024",
                   "--date", "12/10/2024", "--place", "Hội trường UBND xã", "--start", "8h")
    assert out["unit"]["name"] == "Xã Mường Khoa" and out["set"] == "xa" and out["year"] == 2024
    assert out["visit_date"] == "2024-10-12" and out["start_time"] == "08:00" and out["status"] == "draft"
    assert out["team"] and out["criteria_total"] == 34 and out["assessed"] == 0
    listed = run_json(demo_workspace, "list")
    assert out["id"] in {r["id"] for r in listed}
    # the same unit again: reused, not a second unit
    again = run_json(demo_workspace, "new", "--unit", "xã mường khoa", "--kind", "xa", "--year", "2025")
    assert again["unit"]["id"] == out["unit"]["id"]


def test_new_takes_the_team_and_the_representatives_given(demo_workspace):
    out = run_json(demo_workspace, "new", "--unit", "Phường Test", "--kind", "phuong", "--set", "xa",
                   "--team", "Lò Văn A;Thượng tá;Phó Trưởng Công an huyện;trưởng đoàn",
                   "--rep", "Cầm Văn B;Chủ tịch UBND")
    assert out["team"] == [{"name": "Lò Văn A", "rank": "Thượng tá", "position": "Phó Trưởng Công an huyện",
                            "role": "truong_doan"}]
    assert out["representatives"] == [{"name": "Cầm Văn B", "position": "Chủ tịch UBND"}]
    assert out["year"] == dt.date.today().year


def test_new_explains_a_wrong_set_a_wrong_date_and_a_wrong_role(demo_workspace):
    for args, words in (
        (["--set", "khong_co"], "Không có bộ tiêu chí “khong_co”"),
        (["--set", "coquan"], "không dùng cho loại đơn vị"),
        (["--date", "32/13/2024"], "Ngày 32/13/2024 không có: tháng chỉ từ 1 đến 12."),
        (["--date", "hôm qua"], "Ngày cần dạng dd/mm/yyyy"),
        (["--team", "Lò Văn A;;;sếp"], "Vai trò “sếp” không hợp lệ"),
        (["--year", "1990"], "Năm xét"),
    ):
        result = run(demo_workspace, "new", "--unit", "Xã X", "--kind", "xa", *args, expect=2)
        assert words in _err(result) and "Traceback" not in result.output, (args, result.output)


def test_answer_records_inputs_evidence_verdicts_and_remark_and_shows_them(demo_workspace):
    iid = THI_TRAN_2023[:8]
    out = run_json(demo_workspace, "answer", iid, "18", "--input", "crimes_this_year=25", "--self", "dat",
                   "--verdict", "dat", "--evidence", "1:15-KH/UBND:02/01/2023", "--evidence", "2",
                   "--remark", "Tội phạm giảm rõ rệt")
    assert out["inputs"] == {"crimes_previous_year": 31, "crimes_this_year": 25}
    assert out["suggestion"]["verdict"] == "dat" and "19,4%" in out["suggestion"]["reason"]
    assert (out["self_assessment"], out["verdict"], out["remark"]) == ("dat", "dat", "Tội phạm giảm rõ rệt")
    first, second = out["evidence"][:2]
    assert (first["seen"], first["number"], first["date"]) == (True, "15-KH/UBND", "2023-01-02")
    assert second["seen"] is True and second["number"] == "04/BC-CATT"  # only ticked: its number stays
    text = run(demo_workspace, "answer", iid, "18", "--verdict", "xoa", "--unseen", "2").stdout
    assert "kết luận của đoàn: chưa có" in text and "[x] 1." in text and "[ ] 2." in text


def test_answer_errors_are_messages_not_tracebacks(demo_workspace):
    cases = (
        ([THI_TRAN_2023[:8], "99", "--verdict", "dat"], "không có tiêu chí 99"),
        ([THI_TRAN_2023[:8], "18", "--input", "crimes_this_year=nhiều"], "cần một số nguyên"),
        ([THI_TRAN_2023[:8], "18", "--input", "khong_bang"], "TRƯỜNG=GIÁ_TRỊ"),
        ([THI_TRAN_2023[:8], "18", "--evidence", "9"], "không có mục thứ 9"),
        (["khongco", "1", "--verdict", "dat"], "Không có cuộc kiểm tra mã “khongco”"),
        ([PHIENG_BAN_2023[:8], "1", "--verdict", "khong_dat"], "hoàn thành"),
    )
    for args, words in cases:
        result = run(demo_workspace, "answer", *args, expect=2)
        assert words in _err(result) and "Traceback" not in result.output, (args, result.output)


def test_eligibility_records_inputs_decision_and_remark(demo_workspace):
    iid = THI_TRAN_2023[:8]
    out = run_json(demo_workspace, "eligibility", iid, "xa_ky_luat", "--decision", "khong_dat",
                   "--remark", "Có cán bộ bị kỷ luật")
    assert (out["decision"], out["met"], out["remark"]) == ("khong_dat", False, "Có cán bộ bị kỷ luật")
    back = run_json(demo_workspace, "eligibility", iid, "xa_ky_luat", "--decision", "theo_goi_y")
    assert back["decision"] is None
    result = run(demo_workspace, "eligibility", iid, "khong_co", expect=2)
    assert "không có điều kiện “khong_co”" in _err(result)


def test_visit_changes_the_details_and_the_texts(demo_workspace):
    out = run_json(demo_workspace, "visit", THI_TRAN_2023[:8], "--place", "Nhà văn hóa", "--end", "11h30",
                   "--number", "21", "--strengths", "Chủ động")
    assert (out["place"], out["end_time"], out["minutes_number"]) == ("Nhà văn hóa", "11:30", "21")
    result = run(demo_workspace, "visit", THI_TRAN_2023[:8], "--start", "25h", expect=2)
    assert "Giờ không hợp lệ" in _err(result)


def test_finalize_needs_every_criterion_then_reopen_needs_a_reason(demo_workspace):
    iid = THI_TRAN_2023[:8]
    refused = run(demo_workspace, "finalize", iid, expect=2)
    assert "Còn 17 tiêu chí chưa đánh giá: 18, 19" in _err(refused)
    for number in range(18, 35):
        run(demo_workspace, "answer", iid, str(number), "--verdict", "dat")
    done = run_json(demo_workspace, "finalize", iid)
    assert done["status"] == "finalized" and done["unassessed"] == []
    assert "đã hoàn thành rồi" in _err(run(demo_workspace, "finalize", iid, expect=2))
    assert "--reason" in _err(run(demo_workspace, "reopen", iid, expect=2))
    assert "lý do" in _err(run(demo_workspace, "reopen", iid, "--reason", "  ", expect=2))
    assert run_json(demo_workspace, "reopen", iid, "--reason", "Sửa số liệu tiêu chí 18")["status"] == "draft"
    run(demo_workspace, "verify")
