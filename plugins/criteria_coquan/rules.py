"""Checks of the agency, enterprise and school criteria: pure functions of a criterion's inputs,
named after its number. The one-line reason shows the figures; the team decides."""

from antq_tui import checks

MOVEMENT_RATINGS = ("Xuất sắc", "Khá", "Trung bình", "Yếu")
EMULATION_TITLES = ("Tập thể lao động xuất sắc", "Tập thể lao động tiên tiến", "Không đạt danh hiệu")

#: criterion 5: the movement's yearly events, in the order the criterion names them
EVENTS = (
    ("event_drug_month", "“Tháng hành động phòng, chống ma túy” (tháng 6)"),
    ("event_drug_day", "“Ngày toàn dân phòng, chống ma túy” (26/6)"),
    ("event_environment_day", "“Ngày môi trường thế giới” (5/6)"),
    ("event_trafficking_day", "“Ngày phòng, chống mua bán người” (30/7)"),
    ("event_traffic_month", "“Tháng an toàn giao thông” (tháng 9)"),
    ("event_security_day", "“Ngày hội toàn dân bảo vệ ANTQ” (19/8)"),
    ("event_fire_day", "“Ngày toàn dân phòng cháy, chữa cháy” (04/10)"),
)


def check_2(v):
    return checks.suggest(checks.in_quarter(v["plan_date"], 1, "chương trình, kế hoạch"))


def check_3(v):
    return checks.suggest(
        checks.is_true(v["conference_held"], "có hội nghị tổng kết, triển khai", "chưa tổ chức hội nghị tổng kết, triển khai"),
        checks.at_least(v["topics_or_models"], 1, "chuyên đề hoặc mô hình được sơ kết, tổng kết, triển khai"),
        checks.at_least(v["good_practices"], 1, "cách làm hay, đổi mới, sáng tạo"),
    )


def check_4(v):
    return checks.suggest(checks.at_least(v["law_sessions"], 1, "lần tuyên truyền, phổ biến pháp luật"))


def check_5(v):
    return checks.suggest(checks.all_true(((name, v[fid]) for fid, name in EVENTS), "hoạt động"))


def check_6(v):
    return checks.suggest(
        checks.zero(v["guard_violations"], "người vi phạm pháp luật hoặc bị kỷ luật"),
        checks.all_of(v["guards_trained"], v["guards_total"], "người của lực lượng bảo vệ được tập huấn, bồi dưỡng",
                      none="không có lực lượng bảo vệ để tập huấn"),
    )


def check_7(v):
    return checks.suggest(
        checks.at_least(v["awards"], 1, "lượt tập thể, cá nhân được khen thưởng"),
        checks.at_least(v["advanced_examples"], 1, "tập thể, cá nhân điển hình"),
    )


def check_movement_rating(v):
    """Criterion 8: only “Xuất sắc” is đạt."""
    return checks.suggest(checks.rank_at_least(v["movement_rating"], MOVEMENT_RATINGS, "Xuất sắc", "phân loại phong trào"))


def check_9(v):
    return checks.suggest(checks.zero(v["abuse_cases"], "vụ việc lợi dụng quyền công dân để vi phạm pháp luật"))


def check_10(v):
    return checks.suggest(
        checks.zero(v["backlog_complaints"], "đơn, thư tồn đọng"),
        checks.zero(v["protracted_cases"], "vụ việc phức tạp, kéo dài"),
    )


def check_11(v):
    return checks.suggest(
        checks.is_true(v["united"], "nội bộ đoàn kết, thống nhất", "nội bộ chưa đoàn kết, thống nhất"),
        checks.zero(v["members_violations"], "người vi phạm pháp luật hoặc bị kỷ luật"),
        checks.zero(v["state_secret_leaks"], "vụ lộ, mất bí mật nhà nước"),
        checks.zero(v["self_evolution_members"], "đảng viên vi phạm 27 biểu hiện “tự diễn biến”, “tự chuyển hóa”"),
    )


def check_12(v):
    parts = [
        checks.is_true(v["targets_exceeded"], "hoàn thành vượt mức chỉ tiêu, kế hoạch", "chưa hoàn thành vượt mức chỉ tiêu, kế hoạch"),
        checks.is_true(not v["wage_arrears"], "không nợ lương", "còn nợ lương"),
        checks.is_true(not v["insurance_arrears"], "không nợ bảo hiểm", "còn nợ bảo hiểm"),
        checks.is_true(v["policies_met"], "thực hiện đầy đủ chế độ, chính sách", "chưa thực hiện đầy đủ chế độ, chính sách"),
    ]
    if v["taxes_paid"] is not None:  # only enterprises pay; left empty for agencies and schools
        parts.insert(1, checks.is_true(v["taxes_paid"], "hoàn thành nghĩa vụ nộp thuế", "chưa hoàn thành nghĩa vụ nộp thuế"))
    return checks.suggest(*parts)


def check_13(v):
    return checks.suggest(checks.at_least(v["social_welfare_activities"], 2, "hoạt động an sinh xã hội"))


def check_14(v):
    return checks.suggest(
        checks.rank_at_least(v["emulation_title"], EMULATION_TITLES, "Tập thể lao động tiên tiến", "danh hiệu"),
        checks.at_least(v["antt_awards"], 1, "bằng khen, giấy khen về công tác bảo đảm ANTT và phong trào"),
    )
