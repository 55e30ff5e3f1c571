"""The agency, enterprise and school criteria set (plugins/criteria_coquan): texts as the decision
words them, evidence, fields, and every check at and around its thresholds."""

from __future__ import annotations

import unicodedata

import pytest
from cli_helpers import run, run_json
from test_criteria_support import (
    assert_transcribed,
    check_table_tests,
    registry,
)

from antq_tui import Verdict


@pytest.fixture(scope="module")
def coquan(registry):
    return registry.get_set("coquan")


def test_texts_are_the_decision_with_only_the_listed_typing_fixes(registry, coquan):
    assert_transcribed(coquan, 2, registry.load.info("criteria_coquan").module.__doc__)


def test_a_sample_of_texts_reads_as_the_decision(coquan):
    assert coquan.criterion(13).text == (
        "Thực hiện tốt công tác an sinh xã hội. Trong năm có ít nhất từ 02 hoạt động an sinh xã hội trở lên.")
    assert "“Ngày phòng, chống mua bán người” (ngày 30/07)" in coquan.criterion(5).text
    assert "đạt loại “Xuất sắc” (theo Quyết định số 510/QĐ-BCA-V05 ngày 20/01/2022" in coquan.criterion(8).text
    assert "vi phạm 27 biểu hiện “tự diễn biến”, “tự chuyển hóa” (đối với nơi có tổ chức Đảng)." in coquan.criterion(11).text
    assert coquan.criterion(10).text.endswith("không để tồn đọng, phát sinh phức tạp kéo dài.")


def test_groups_are_the_three_of_the_decision(coquan):
    assert [(g.title, [c.number for c in coquan.criteria_in(g.id)]) for g in coquan.groups] == [
        ("Công tác lãnh đạo xây dựng phong trào toàn dân bảo vệ ANTQ", list(range(1, 9))),
        ("Công tác bảo đảm an ninh, trật tự", [9, 10]),
        ("Cơ quan, doanh nghiệp, cơ sở giáo dục", list(range(11, 15))),
    ]


def test_every_text_the_team_reads_is_nfc(coquan, registry):
    strings = [coquan.title, *coquan.legal_basis, *(g.title for g in coquan.groups)]
    for c in coquan.criteria:
        strings += [c.text, c.note, *c.evidence, *(f.label for f in c.fields), *(f.help for f in c.fields)]
    for e in registry.eligibility_for("coquan"):
        strings += [e.title, e.text, *(f.label for f in e.fields)]
    assert all(unicodedata.is_normalized("NFC", s) for s in strings)


def test_cli_json_gives_14_criteria_with_group_text_evidence_and_fields(workspace_config):
    data = run_json(workspace_config, "criteria", "coquan")
    assert data["unit_kinds"] == ["co_quan", "doanh_nghiep", "co_so_giao_duc"]
    assert "9745/QĐ-BCA-V05 ngày 28/12/2022" in data["legal_basis"][0]
    criteria = data["criteria"]
    assert [c["number"] for c in criteria] == list(range(1, 15))
    for c in criteria:
        assert c["group_title"] and c["text"]
        assert 2 <= len(c["evidence"]) <= 6, c["number"]
        assert c["has_check"] == bool(c["fields"]), c["number"]
    assert sum(c["has_check"] for c in criteria) >= 6
    fields = {c["number"]: c["fields"] for c in criteria}
    assert [f["id"] for f in fields[13]] == ["social_welfare_activities"]
    assert fields[8][0]["id"] == "movement_rating" and fields[8][0]["choices"] == ["Xuất sắc", "Khá", "Trung bình", "Yếu"]


GOOD: dict[int, dict[str, str]] = {
    2: {"plan_date": "20/03/2024"},
    3: {"conference_held": "có", "topics_or_models": "1", "good_practices": "1"},
    4: {"law_sessions": "1"},
    5: {f: "có" for f in ("event_drug_month", "event_drug_day", "event_environment_day", "event_trafficking_day",
                          "event_traffic_month", "event_security_day", "event_fire_day")},
    6: {"guard_violations": "0", "guards_total": "4", "guards_trained": "4"},
    7: {"awards": "1", "advanced_examples": "1"},
    8: {"movement_rating": "Xuất sắc"},
    9: {"abuse_cases": "0"},
    10: {"backlog_complaints": "0", "protracted_cases": "0"},
    11: {"united": "có", "members_violations": "0", "state_secret_leaks": "0", "self_evolution_members": "0"},
    12: {"targets_exceeded": "có", "taxes_paid": "có", "wage_arrears": "không", "insurance_arrears": "không",
         "policies_met": "có"},
    13: {"social_welfare_activities": "2"},
    14: {"emulation_title": "Tập thể lao động tiên tiến", "antt_awards": "1"},
}

D, K, C = Verdict.DAT, Verdict.KHONG_DAT, Verdict.CHUA_DU

CASES = [
    (2, {}, D, "chương trình, kế hoạch ngày 20/03/2024 (quý I)", False),
    (2, {"plan_date": "2024-04-02"}, K, "chương trình, kế hoạch ngày 02/04/2024, ngoài quý I", False),
    (3, {"topics_or_models": "0"}, K, "0 chuyên đề hoặc mô hình", False),
    (3, {"good_practices": "0"}, K, "0 cách làm hay, đổi mới, sáng tạo, chưa đạt ít nhất 01", False),
    (3, {"conference_held": "không"}, K, "chưa tổ chức hội nghị", False),
    (4, {"law_sessions": "0"}, K, "0 lần tuyên truyền, phổ biến pháp luật, chưa đạt ít nhất 01", False),
    (5, {}, D, "đủ 7/7 hoạt động", False),
    (5, {"event_fire_day": "không", "event_drug_day": "k"}, K,
     "thiếu 2/7 hoạt động: “Ngày toàn dân phòng, chống ma túy” (26/6); “Ngày toàn dân phòng cháy, chữa cháy” (04/10)", False),
    (6, {"guards_trained": "3"}, K, "3/4 người của lực lượng bảo vệ được tập huấn, bồi dưỡng (75%), chưa đạt 100%", False),
    (6, {"guard_violations": "1"}, K, "có 1 người vi phạm pháp luật hoặc bị kỷ luật", False),
    (6, {"guards_total": "0", "guards_trained": "0"}, D, "không có lực lượng bảo vệ", False),
    (7, {"awards": "0"}, K, "0 lượt tập thể, cá nhân được khen thưởng, chưa đạt ít nhất 01", False),
    (7, {"advanced_examples": "0"}, K, "0 tập thể, cá nhân điển hình", False),
    (8, {"movement_rating": "Khá"}, K, "phân loại phong trào “Khá”, chưa đạt “Xuất sắc”", False),
    (8, {"movement_rating": "Yếu"}, K, "chưa đạt “Xuất sắc”", False),
    (8, {}, D, "phân loại phong trào “Xuất sắc”", False),
    (9, {"abuse_cases": "1"}, K, "có 1 vụ việc lợi dụng quyền công dân", False),
    (10, {"backlog_complaints": "2"}, K, "có 2 đơn, thư tồn đọng", False),
    (10, {"protracted_cases": "1"}, K, "có 1 vụ việc phức tạp, kéo dài", False),
    (11, {"united": "không"}, K, "nội bộ chưa đoàn kết, thống nhất", False),
    (11, {"members_violations": "1"}, K, "có 1 người vi phạm pháp luật", False),
    (11, {"state_secret_leaks": "1"}, K, "có 1 vụ lộ, mất bí mật nhà nước", False),
    (11, {"self_evolution_members": "1"}, K, "có 1 đảng viên vi phạm 27 biểu hiện", False),
    (12, {}, D, "hoàn thành nghĩa vụ nộp thuế", False),
    (12, {"taxes_paid": ""}, D, "không nợ lương", False),  # not an enterprise: no tax to check
    (12, {"taxes_paid": "không"}, K, "chưa hoàn thành nghĩa vụ nộp thuế", False),
    (12, {"wage_arrears": "có"}, K, "còn nợ lương", False),
    (12, {"insurance_arrears": "có"}, K, "còn nợ bảo hiểm", False),
    (12, {"targets_exceeded": "không"}, K, "chưa hoàn thành vượt mức", False),
    (12, {"policies_met": "không"}, K, "chưa thực hiện đầy đủ chế độ, chính sách", False),
    # criterion 13: at least 02 activities
    (13, {}, D, "2 hoạt động an sinh xã hội (ít nhất 02)", False),
    (13, {"social_welfare_activities": "1"}, K, "1 hoạt động an sinh xã hội, chưa đạt ít nhất 02", False),
    (13, {"social_welfare_activities": "3"}, D, "3 hoạt động an sinh xã hội", False),
    (14, {"emulation_title": "Tập thể lao động xuất sắc"}, D, "danh hiệu “Tập thể lao động xuất sắc” (từ", False),
    (14, {"emulation_title": "Không đạt danh hiệu"}, K, "dưới mức “Tập thể lao động tiên tiến”", False),
    (14, {"antt_awards": "0"}, K, "0 bằng khen, giấy khen", False),
]


(
    test_every_checked_criterion_has_good_inputs_and_cases,
    test_good_figures_suggest_dat,
    test_checks_at_and_around_their_thresholds,
    test_missing_inputs_say_chua_du_and_name_what_is_missing,
) = check_table_tests("coquan", GOOD, CASES)


def test_cli_check_13_needs_two_social_welfare_activities(workspace_config):
    one = run(workspace_config, "check", "coquan", "13", "-i", "social_welfare_activities=1")
    assert one.stdout.strip() == "Gợi ý: Không đạt — 1 hoạt động an sinh xã hội, chưa đạt ít nhất 02"
    assert run_json(workspace_config, "check", "coquan", "13", "-i", "social_welfare_activities=02")["verdict"] == "dat"
    bad = run(workspace_config, "check", "coquan", "13", "-i", "social_welfare_activities=-1", expect=2)
    assert "phải từ 0 trở lên" in bad.output


def test_cli_check_movement_rating_accepts_the_rating_typed_without_diacritics(workspace_config):
    assert run_json(workspace_config, "check", "coquan", "8", "-i", "movement_rating=kha")["verdict"] == "khong_dat"
    assert run_json(workspace_config, "check", "coquan", "8", "-i", "movement_rating=Xuất sắc")["verdict"] == "dat"


def test_eligibility_conditions_of_the_agency_set(registry):
    checks = {e.id: e for e in registry.eligibility_for("coquan")}
    assert list(checks) == ["coquan_an_toan_antt", "coquan_phan_loai_phong_trao", "coquan_ky_luat",
                            "coquan_vi_pham_phap_luat", "coquan_don_thu", "coquan_doan_ket"]
    assert "cơ quan, doanh nghiệp, cơ sở giáo dục" in checks["coquan_an_toan_antt"].text
    rating = checks["coquan_phan_loai_phong_trao"]
    assert rating.suggest({"previous_movement_rating": "Khá"}).verdict == Verdict.DAT
    assert rating.suggest({"previous_movement_rating": "Trung bình"}).verdict == Verdict.KHONG_DAT
    complaints = checks["coquan_don_thu"].suggest({"pending_complaints_count": 1})
    assert (complaints.verdict, complaints.judgement) == (Verdict.KHONG_DAT, True)
