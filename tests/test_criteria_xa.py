"""The commune criteria set (plugins/criteria_xa): texts as the decision words them, evidence, fields,
and every check at and around its thresholds."""

from __future__ import annotations

import importlib
import sys
import types
import unicodedata

import pytest
from cli_helpers import run, run_json
from conftest import REPO
from test_criteria_support import (
    assert_transcribed,
    check_table_tests,
    registry,
    suggest,
)

from antq_tui import Verdict


@pytest.fixture(scope="module")
def xa(registry):
    return registry.get_set("xa")

def test_texts_are_the_decision_with_only_the_listed_typing_fixes(registry, xa):
    assert_transcribed(xa, 1, registry.load.info("criteria_xa").module.__doc__)


def test_a_sample_of_texts_reads_as_the_decision(xa):
    assert "theo quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị" in xa.criterion(5).text
    assert xa.criterion(5).text.endswith("không để tồn đọng, phát sinh phức tạp kéo dài.")
    assert xa.criterion(18).text == "Kiềm chế hoặc giảm ít nhất 5 % số vụ phạm tội về trật tự xã hội so với năm trước"
    assert "nếu có trên 10 người, mỗi năm kéo giảm ít nhất 20%; từ 10 người trở xuống" in xa.criterion(19).text
    assert "tỷ lệ tái phạm tội hằng năm dưới 1,5%" in xa.criterion(29).text
    assert "phòng cháy, chữa cháy. Không để xảy ra" in xa.criterion(20).text
    assert "tiếp nhận tin báo tố giác tội phạm" in xa.criterion(30).text
    assert xa.criterion(7).text.startswith("Tổng kết năm Nhân dân")
    assert xa.criterion(34).text.endswith("“Hoàn thành tốt nhiệm vụ” trở lên./.")


def test_groups_are_the_four_of_the_decision(xa):
    members = {g.id: [c.number for c in xa.criteria_in(g.id)] for g in xa.groups}
    assert [g.title for g in xa.groups] == [
        "Công tác lãnh đạo của cấp ủy Đảng, chính quyền xã, phường, thị trấn",
        "Công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "Công tác bảo đảm an ninh, trật tự",
        "Công an xã, thị trấn",
    ]
    assert list(members.values()) == [list(range(1, 8)), list(range(8, 15)), list(range(15, 25)), list(range(25, 35))]


def test_every_text_the_team_reads_is_nfc(xa, registry):
    strings = [xa.title, *xa.legal_basis, *(g.title for g in xa.groups)]
    for c in xa.criteria:
        strings += [c.text, c.note, *c.evidence, *(f.label for f in c.fields), *(ch for f in c.fields for ch in f.choices)]
    for e in registry.eligibility_for("xa"):
        strings += [e.title, e.text, *(f.label for f in e.fields)]
    assert all(unicodedata.is_normalized("NFC", s) for s in strings)


def test_cli_json_gives_34_criteria_with_group_text_evidence_and_fields(workspace_config):
    data = run_json(workspace_config, "criteria", "xa")
    assert data["unit_kinds"] == ["xa", "phuong", "thi_tran"]
    assert data["subject"] == "xã, phường, thị trấn"
    assert "9745/QĐ-BCA-V05 ngày 28/12/2022" in data["legal_basis"][0]
    criteria = data["criteria"]
    assert [c["number"] for c in criteria] == list(range(1, 35))
    for c in criteria:
        assert c["group_title"] and c["text"]
        assert 2 <= len(c["evidence"]) <= 6, c["number"]
        assert c["has_check"] == bool(c["fields"]), c["number"]
    assert sum(c["has_check"] for c in criteria) >= 15
    fields = {c["number"]: [f["id"] for f in c["fields"]] for c in criteria}
    assert fields[18] == ["crimes_previous_year", "crimes_this_year"]
    assert fields[19] == ["addicts_previous_year", "addicts_this_year", "new_or_relapsed_addicts", "drug_plant_cases"]
    assert {"released_count", "reoffended_count"} <= set(fields[29])
    rating = next(f for f in criteria[14]["fields"] if f["id"] == "movement_rating")
    assert rating["type"] == "choice" and rating["choices"] == ["Xuất sắc", "Khá", "Trung bình", "Yếu"]


# --------------------------------------------------------------------------------------------------
# Checks: inputs as the thư ký types them; GOOD meets every criterion, each case changes a few figures.

GOOD: dict[int, dict[str, str]] = {
    2: {"party_resolution_date": "15/02/2024", "ubnd_plan_date": "01/01/2024", "steering_programme_date": "31/03/2024",
        "topics_deployed": "có"},
    3: {"conference_held": "có", "good_practices": "1"},
    5: {"schedule_posted": "có", "months_without_reception": "0", "backlog_complaints": "0", "protracted_cases": "0"},
    6: {"party_rating": "Hoàn thành tốt nhiệm vụ", "ubnd_title": "Tập thể lao động tiên tiến",
        "mass_orgs_below_kha": "0", "officials_violations": "0"},
    7: {"awards": "1"},
    9: {"law_sessions": "1"},
    10: {f: "có" for f in ("event_security_day", "event_fire_day", "event_drug_month", "event_drug_day",
                           "event_trafficking_day", "event_environment_day", "event_traffic_month")},
    11: {"core_force_violations": "0"},
    12: {"coordination_plan": "có", "months_without_briefing": "0", "six_month_review": "có", "annual_review": "có"},
    13: {"dan_van_kheo_models": "1", "movement_models": "1"},
    14: {"merit_certificates": "1", "commendations": "2", "advanced_examples": "1"},
    15: {"movement_rating": "Xuất sắc"},
    16: {"hotspots": "0"},
    17: {"complex_incidents": "0", "black_society_cases": "0", "black_credit_cases": "0"},
    18: {"crimes_previous_year": "42", "crimes_this_year": "39"},
    19: {"addicts_previous_year": "11", "addicts_this_year": "8", "new_or_relapsed_addicts": "0", "drug_plant_cases": "0"},
    20: {"serious_fires": "0", "fire_premises_total": "10", "fire_premises_with_records": "10"},
    21: {"serious_traffic_accidents": "0", "illegal_racing_cases": "0"},
    22: {"complex_resource_cases": "0"},
    23: {"economic_crimes": "0"},
    24: {"mass_gatherings": "0", "over_level_petitions": "0"},
    26: {"hamlets_total": "12", "hamlets_inspected": "12"},
    27: {"trainings": "1"},
    29: {"managed_total": "50", "managed_with_records": "50", "released_count": "200", "reoffended_count": "2"},
    30: {"crime_reports_received": "5", "crime_reports_transferred": "5"},
    31: {"initiatives": "1"},
    32: {"complaints_about_officers": "0", "officers_disciplined": "0"},
    33: {"office_adequate": "có", "cultural_unit_recognised": "có"},
    34: {"unit_rating": "Hoàn thành tốt nhiệm vụ", "party_cell_rating": "Hoàn thành xuất sắc nhiệm vụ",
         "officers_total": "6", "officers_rated_good": "6"},
}

D, K, C = Verdict.DAT, Verdict.KHONG_DAT, Verdict.CHUA_DU

CASES = [
    # number, changed inputs, verdict, words in the reason, judgement
    (2, {"steering_programme_date": "01/04/2024"}, K, "chương trình công tác của Ban Chỉ đạo ngày 01/04/2024, ngoài quý I", False),
    (2, {"topics_deployed": "không"}, K, "chưa triển khai đủ các chuyên đề", False),
    (3, {"good_practices": "0"}, K, "0 cách làm hay, đổi mới, sáng tạo, chưa đạt ít nhất 01", False),
    (3, {"conference_held": "không"}, K, "chưa tổ chức hội nghị", False),
    (5, {"backlog_complaints": "1"}, K, "có 1 đơn, thư tồn đọng", False),
    (5, {"schedule_posted": "không"}, K, "chưa niêm yết lịch tiếp công dân", False),
    (5, {"months_without_reception": "2"}, K, "có 2 tháng không tiếp công dân định kỳ", False),
    (6, {"party_rating": "Hoàn thành xuất sắc nhiệm vụ", "ubnd_title": "Tập thể lao động xuất sắc"}, D, "trở lên", False),
    (6, {"party_rating": "Hoàn thành nhiệm vụ"}, K, "Đảng bộ “Hoàn thành nhiệm vụ”, dưới mức “Hoàn thành tốt nhiệm vụ”", False),
    (6, {"ubnd_title": "Không đạt danh hiệu"}, K, "UBND “Không đạt danh hiệu”", False),
    (6, {"mass_orgs_below_kha": "1"}, K, "có 1 tổ chức chính trị - xã hội dưới loại “Khá”", False),
    (6, {"officials_violations": "1"}, K, "có 1 cán bộ", False),
    (7, {"awards": "0"}, K, "0 bằng khen, giấy khen, chưa đạt ít nhất 01", False),
    (9, {"law_sessions": "0"}, K, "chưa đạt ít nhất 01", False),
    (9, {"law_sessions": "3"}, D, "3 lần tuyên truyền, phổ biến pháp luật (ít nhất 01)", False),
    (10, {}, D, "đủ 7/7 hoạt động", False),
    (10, {"event_environment_day": "không"}, K, "thiếu 1/7 hoạt động: “Ngày môi trường thế giới” (5/6)", False),
    (11, {"core_force_violations": "1"}, K, "có 1 người vi phạm pháp luật hoặc bị kỷ luật", False),
    (12, {"months_without_briefing": "1"}, K, "có 1 tháng không giao ban", False),
    (12, {"six_month_review": "không"}, K, "chưa sơ kết 6 tháng", False),
    (12, {"coordination_plan": "không", "annual_review": "không"}, K, "chưa có kế hoạch phối hợp; chưa tổng kết năm", False),
    (13, {"dan_van_kheo_models": "0"}, K, "0 mô hình “Dân vận khéo”, chưa đạt ít nhất 01", False),
    (13, {"movement_models": "0"}, K, "0 mô hình về phong trào", False),
    (14, {"commendations": "1"}, K, "1 lượt giấy khen, chưa đạt ít nhất 02", False),
    (14, {"merit_certificates": "0"}, K, "0 lượt bằng khen", False),
    (14, {"advanced_examples": "0"}, K, "0 điển hình tiên tiến", False),
    (15, {}, D, "phân loại phong trào “Xuất sắc”", False),
    (15, {"movement_rating": "Khá"}, K, "phân loại phong trào “Khá”, chưa đạt “Xuất sắc”", False),
    (15, {"movement_rating": "Trung bình"}, K, "chưa đạt “Xuất sắc”", False),
    (15, {"movement_rating": "xuat"}, D, "“Xuất sắc”", False),  # an unambiguous prefix without diacritics
    (16, {"hotspots": "1"}, K, "có 1 tụ điểm phức tạp", False),
    (17, {"black_credit_cases": "2"}, K, "có 2 vụ liên quan “tín dụng đen”", False),
    (17, {"complex_incidents": "1"}, K, "có 1 vụ việc phức tạp về ANTT", False),
    # criterion 18: ≥ 5% fall is đạt; a smaller fall or none may be “kiềm chế”; a rise is không đạt
    (18, {}, D, "giảm 7,1% (42 → 39 vụ): đạt mức giảm ≥ 5%", False),
    (18, {"crimes_previous_year": "40", "crimes_this_year": "38"}, D, "giảm 5% (40 → 38 vụ): đạt mức giảm ≥ 5%", False),
    (18, {"crimes_previous_year": "2000", "crimes_this_year": "1901"}, D, "giảm 4,95% (2.000 → 1.901 vụ): chưa giảm đủ 5%", True),
    (18, {"crimes_previous_year": "42", "crimes_this_year": "41"}, D, "giảm 2,4% (42 → 41 vụ): chưa giảm đủ 5%, có thể coi là “kiềm chế”", True),
    (18, {"crimes_previous_year": "42", "crimes_this_year": "42"}, D, "không đổi (42 → 42 vụ)", True),
    (18, {"crimes_previous_year": "40", "crimes_this_year": "41"}, K, "tăng 2,5% (40 → 41 vụ): không kiềm chế được", False),
    (18, {"crimes_previous_year": "0", "crimes_this_year": "0"}, D, "không có vụ nào cả hai năm", False),
    (18, {"crimes_previous_year": "0", "crimes_this_year": "2"}, K, "tăng (0 → 2 vụ)", False),
    # criterion 19: over 10 addicts last year needs 20%; 10 or fewer needs 02 people
    (19, {}, D, "giảm 27,3% (11 → 8 người): đạt mức giảm ≥ 20% (năm trước trên 10 người)", False),
    (19, {"addicts_this_year": "9"}, K, "giảm 18,2% (11 → 9 người): chưa đạt mức giảm ≥ 20%", False),
    (19, {"addicts_previous_year": "10", "addicts_this_year": "8"}, D, "giảm 2 người (10 → 8 người): đạt mức giảm ≥ 02 người", False),
    (19, {"addicts_previous_year": "10", "addicts_this_year": "9"}, K, "giảm 1 người (10 → 9 người): chưa đạt mức giảm ≥ 02 người", False),
    (19, {"addicts_previous_year": "15", "addicts_this_year": "12"}, D, "giảm 20% (15 → 12 người)", False),
    (19, {"addicts_previous_year": "16", "addicts_this_year": "13"}, K, "giảm 18,8% (16 → 13 người)", False),
    (19, {"addicts_previous_year": "1", "addicts_this_year": "0"}, D, "không còn người nghiện (1 → 0 người)", False),
    (19, {"addicts_previous_year": "1", "addicts_this_year": "1"}, K, "không giảm (1 → 1 người)", False),
    (19, {"addicts_previous_year": "3", "addicts_this_year": "4"}, K, "tăng (3 → 4 người)", False),
    (19, {"new_or_relapsed_addicts": "1"}, K, "có 1 người nghiện mới hoặc tái nghiện", False),
    (19, {"drug_plant_cases": "1"}, K, "có 1 vụ trồng, tái trồng cây có chứa chất ma túy", False),
    (20, {"fire_premises_with_records": "9"}, K, "9/10 cơ sở có hồ sơ quản lý về PCCC (90%), chưa đạt 100%", False),
    (20, {"fire_premises_with_records": "11"}, C, "11 lớn hơn tổng số 10, cần kiểm tra lại số liệu", False),
    (20, {"fire_premises_total": "0", "fire_premises_with_records": "0"}, D, "không có cơ sở thuộc diện", False),
    (20, {"serious_fires": "1"}, K, "có 1 vụ cháy, nổ gây hậu quả nghiêm trọng trở lên", False),
    (21, {"serious_traffic_accidents": "1"}, K, "có 1 vụ tai nạn giao thông", False),
    (21, {"illegal_racing_cases": "1"}, K, "có 1 vụ đua xe trái phép", False),
    (22, {"complex_resource_cases": "1"}, K, "có 1 vụ, việc phức tạp", False),
    (23, {"economic_crimes": "1"}, K, "có 1 vụ phạm tội về kinh tế", False),
    (24, {"mass_gatherings": "1"}, K, "có 1 vụ tập trung đông người", False),
    (24, {"over_level_petitions": "1"}, K, "có 1 vụ khiếu kiện vượt cấp", False),
    (26, {}, D, "12/12 thôn, tổ dân phố, khu dân cư được kiểm tra (100%)", False),
    (26, {"hamlets_inspected": "11"}, K, "11/12 thôn, tổ dân phố, khu dân cư được kiểm tra (91,7%), chưa đạt 100%", False),
    (27, {"trainings": "0"}, K, "0 hoạt động tập huấn, chưa đạt ít nhất 01", False),
    # criterion 29: re-offending must be under 1,5%; exactly 1,5% is not under it
    (29, {}, D, "tái phạm 1% (2/200 người): dưới 1,5%", False),
    (29, {"reoffended_count": "3"}, K, "tái phạm 1,5% (3/200 người): không dưới 1,5%", False),
    (29, {"released_count": "67", "reoffended_count": "1"}, D, "tái phạm 1,49% (1/67 người): dưới 1,5%", False),
    (29, {"released_count": "66", "reoffended_count": "1"}, K, "tái phạm 1,52% (1/66 người)", False),
    (29, {"released_count": "0", "reoffended_count": "0"}, D, "không có người được đặc xá, tha tù", False),
    (29, {"released_count": "2", "reoffended_count": "3"}, C, "cần kiểm tra lại số liệu", False),
    (29, {"managed_with_records": "49"}, K, "49/50 đối tượng có hồ sơ, danh sách (98%), chưa đạt 100%", False),
    (30, {"crime_reports_transferred": "4"}, K, "4/5 tin báo, tố giác được xử lý và chuyển ngay (80%), chưa đạt 100%", False),
    (30, {"crime_reports_received": "0", "crime_reports_transferred": "0"}, D, "không có tin báo, tố giác tội phạm", False),
    (31, {"initiatives": "0"}, K, "0 sáng kiến cải tiến, chưa đạt ít nhất 01", False),
    (32, {"complaints_about_officers": "1"}, K, "có 1 đơn, thư phản ánh về cán bộ, chiến sĩ", False),
    (32, {"officers_disciplined": "1"}, K, "có 1 cán bộ, chiến sĩ bị kỷ luật", False),
    (33, {"cultural_unit_recognised": "không"}, K, "chưa được công nhận “Đơn vị văn hóa", False),
    (33, {"office_adequate": "không"}, K, "trụ sở, nơi làm việc chưa đạt yêu cầu", False),
    (34, {"unit_rating": "Hoàn thành nhiệm vụ"}, K, "đơn vị “Hoàn thành nhiệm vụ”, dưới mức", False),
    (34, {"party_cell_rating": "Không hoàn thành nhiệm vụ"}, K, "chi bộ “Không hoàn thành nhiệm vụ”", False),
    (34, {"officers_rated_good": "5"}, K, "5/6 cán bộ, chiến sĩ “Hoàn thành tốt nhiệm vụ” trở lên (83,3%), chưa đạt 100%", False),
]


(
    test_every_checked_criterion_has_good_inputs_and_cases,
    test_good_figures_suggest_dat,
    test_checks_at_and_around_their_thresholds,
    test_missing_inputs_say_chua_du_and_name_what_is_missing,
) = check_table_tests("xa", GOOD, CASES)


# --------------------------------------------------------------------------------------------------
# The command line, as a plugin author tries a check


def test_cli_check_18_suggests_dat_with_the_fall_in_vietnamese_style(workspace_config):
    result = run(workspace_config, "check", "xa", "18", "--input", "crimes_previous_year=42",
                 "--input", "crimes_this_year=39")
    assert result.stdout.strip() == "Gợi ý: Đạt — giảm 7,1% (42 → 39 vụ): đạt mức giảm ≥ 5%"
    data = run_json(workspace_config, "check", "xa", "18", "-i", "crimes_previous_year=42", "-i", "crimes_this_year=41")
    assert data == {"verdict": "dat", "judgement": True,
                    "reason": "giảm 2,4% (42 → 41 vụ): chưa giảm đủ 5%, có thể coi là “kiềm chế” — đoàn cân nhắc"}


def test_cli_check_19_two_fewer_addicts_is_enough_from_10_but_not_from_11(workspace_config):
    def verdict(before: int, now: int) -> str:
        return run_json(workspace_config, "check", "xa", "19", "-i", f"addicts_previous_year={before}",
                        "-i", f"addicts_this_year={now}", "-i", "new_or_relapsed_addicts=0",
                        "-i", "drug_plant_cases=0")["verdict"]

    assert verdict(10, 8) == "dat"
    assert verdict(11, 9) == "khong_dat"  # over 10 people the fall must be 20%: 2 of 11 is 18,2%


def test_cli_check_with_missing_input_says_what_is_missing(workspace_config):
    result = run(workspace_config, "check", "xa", "29", "-i", "released_count=200")
    assert "Chưa đủ dữ liệu" in result.stdout and "Số người trong đó tái phạm tội trong năm" in result.stdout


def test_cli_check_wrong_type_exits_2_with_a_vietnamese_message(workspace_config):
    result = run(workspace_config, "check", "xa", "18", "-i", "crimes_previous_year=bốn mươi",
                 "-i", "crimes_this_year=39", expect=2)
    assert "cần một số nguyên, không phải “bốn mươi”" in result.output
    result = run(workspace_config, "check", "xa", "15", "-i", "movement_rating=Tốt", expect=2)
    assert "chỉ nhận: Xuất sắc, Khá, Trung bình, Yếu" in result.output
    result = run(workspace_config, "check", "xa", "2", "-i", "party_resolution_date=31/02/2024", expect=2)
    assert "Ngày 31/02/2024 không có: tháng 2 năm 2024 có 29 ngày." in result.output


def test_cli_check_on_a_criterion_without_check_exits_2(workspace_config):
    result = run(workspace_config, "check", "xa", "1", expect=2)
    assert "không có hàm kiểm tra" in result.output


# --------------------------------------------------------------------------------------------------
# Eligibility


def eligibility(registry, check_id):
    return next(e for e in registry.eligibility_for("xa") if e.id == check_id)


def test_eligibility_conditions_apply_to_the_commune_set_only(registry):
    ids = [e.id for e in registry.eligibility_for("xa")]
    assert ids == ["xa_an_toan_antt", "xa_phan_loai_phong_trao", "xa_ky_luat", "xa_vi_pham_phap_luat",
                   "xa_don_thu", "xa_doan_ket"]
    assert not set(ids) & {e.id for e in registry.eligibility_for("coquan")}
    assert "124/2021/TT-BCA" in eligibility(registry, "xa_an_toan_antt").text
    assert "510/QĐ-BCA-V05 ngày 20/01/2022" in eligibility(registry, "xa_phan_loai_phong_trao").text


@pytest.mark.parametrize(("check_id", "inputs", "verdict", "judgement"), [
    ("xa_an_toan_antt", {"safe_last_year": True}, D, False),
    ("xa_an_toan_antt", {"safe_last_year": False}, K, False),
    ("xa_phan_loai_phong_trao", {"previous_movement_rating": "Xuất sắc"}, D, False),
    ("xa_phan_loai_phong_trao", {"previous_movement_rating": "Khá"}, D, False),
    ("xa_phan_loai_phong_trao", {"previous_movement_rating": "Trung bình"}, K, False),
    ("xa_ky_luat", {"disciplined_count": 0, "pending_discipline_count": 0}, D, False),
    ("xa_ky_luat", {"disciplined_count": 1, "pending_discipline_count": 0}, K, True),
    ("xa_vi_pham_phap_luat", {"law_violation_count": 2}, K, True),
    ("xa_don_thu", {"pending_complaints_count": 0}, D, False),
    ("xa_doan_ket", {"internal_disunity": True}, K, True),
    ("xa_doan_ket", {"internal_disunity": False}, D, False),
])
def test_eligibility_checks(registry, check_id, inputs, verdict, judgement):
    result = eligibility(registry, check_id).suggest(inputs)
    assert (result.verdict, result.judgement) == (verdict, judgement), result.reason
    if judgement:
        assert "đoàn xem xét" in result.reason


def test_eligibility_missing_input_is_chua_du(registry):
    assert eligibility(registry, "xa_ky_luat").suggest({"disciplined_count": 0}).verdict == Verdict.CHUA_DU


# --------------------------------------------------------------------------------------------------
# Packaging


def test_the_plugin_also_imports_under_the_installed_package_name(monkeypatch):
    """A wheel installs plugins/ as antq_plugins: the submodules must be imported relatively."""
    probe = types.ModuleType("antq_plugins_probe")
    probe.__path__ = [str(REPO / "plugins")]
    monkeypatch.setitem(sys.modules, "antq_plugins_probe", probe)
    module = importlib.import_module("antq_plugins_probe.criteria_xa")
    try:
        assert len(module.antq_criteria_sets()[0].criteria) == 34
    finally:
        for name in [n for n in sys.modules if n.startswith("antq_plugins_probe.")]:
            monkeypatch.delitem(sys.modules, name)


# --------------------------------------------------------------------------------------------------
# The suggested conclusion with the official eligibility conditions


def test_conclusion_recommends_only_when_eligible_and_every_criterion_is_dat(registry, xa):
    from antq_tui.inspection import Answer, EligibilityAnswer, Inspection, Unit, summarize

    conditions = registry.eligibility_for("xa")
    clean = {"safe_last_year": True, "previous_movement_rating": "Khá", "disciplined_count": 0,
             "pending_discipline_count": 0, "law_violation_count": 0, "pending_complaints_count": 0,
             "internal_disunity": False}

    def answered(inputs):
        return {e.id: EligibilityAnswer(e.id, inputs, e.suggest(inputs)) for e in conditions}

    inspection = Inspection(id="1", unit=Unit("u", "Xã Phiêng Ban", "xa"), year=2024, criteria=xa,
                            eligibility_checks=conditions, eligibility=answered(clean),
                            answers={c.number: Answer(c.number, verdict=Verdict.DAT) for c in xa.criteria})
    assert summarize(inspection).conclusion_label == "Đề nghị công nhận"

    inspection.eligibility = answered(clean | {"disciplined_count": 1})
    summary = summarize(inspection)
    assert (summary.recommend, summary.not_met) == (False, ["Tập thể, cá nhân bị xử lý kỷ luật trong năm"])
    inspection.eligibility["xa_ky_luat"].decision = Verdict.DAT  # the team weighed the case and decided
    assert summarize(inspection).recommend

    inspection.eligibility = answered(clean | {"previous_movement_rating": "Trung bình"})
    assert not summarize(inspection).recommend
    inspection.eligibility = answered(clean)
    inspection.answers[18] = Answer(18, verdict=Verdict.KHONG_DAT)
    assert summarize(inspection).conclusion_label == "Chưa đề nghị công nhận"


def test_quy_i_dates_are_compared_with_the_inspected_year(xa):
    good = {"party_resolution_date": "15/02/2023", "ubnd_plan_date": "20/02/2023",
            "steering_programme_date": "06/03/2023", "topics_deployed": "có"}
    assert suggest(xa, 2, good, year=2023).verdict == Verdict.DAT
    last_year = suggest(xa, 2, good | {"party_resolution_date": "15/02/2019"}, year=2023)
    assert last_year.verdict == Verdict.KHONG_DAT
    assert "15/02/2019, không thuộc quý I năm 2023" in last_year.reason
    unknown_year = suggest(xa, 2, good, year=None)
    assert unknown_year.verdict == Verdict.DAT and "chưa đối chiếu năm" in unknown_year.reason
