"""Checks of the commune criteria: pure functions of a criterion's inputs, named after its number.

Each receives the parsed inputs (field id → int, bool, date or str) and returns a Suggestion whose
one-line reason shows the figures. Where the decision leaves room for judgement the reason says so
and the suggestion carries ``judgement=True``: the team decides.
"""

from antq_tui import Suggestion, checks, format_number

MOVEMENT_RATINGS = ("Xuất sắc", "Khá", "Trung bình", "Yếu")
TASK_RATINGS = ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
                "Không hoàn thành nhiệm vụ")
EMULATION_TITLES = ("Tập thể lao động xuất sắc", "Tập thể lao động tiên tiến", "Không đạt danh hiệu")
GOOD = "Hoàn thành tốt nhiệm vụ"

#: criterion 10: the movement's yearly events, in the order the criterion names them
EVENTS = (
    ("event_security_day", "“Ngày hội toàn dân bảo vệ an ninh Tổ quốc” (19/8)"),
    ("event_fire_day", "“Ngày toàn dân phòng cháy, chữa cháy” (04/10)"),
    ("event_drug_month", "“Tháng hành động phòng, chống ma túy” (tháng 6)"),
    ("event_drug_day", "“Ngày toàn dân phòng, chống ma túy” (26/6)"),
    ("event_trafficking_day", "“Ngày phòng, chống mua bán người” (30/7)"),
    ("event_environment_day", "“Ngày môi trường thế giới” (5/6)"),
    ("event_traffic_month", "“Tháng an toàn giao thông” (tháng 9)"),
)


def check_2(v):
    return checks.suggest(
        checks.in_quarter(v["party_resolution_date"], 1, "nghị quyết của Đảng ủy"),
        checks.in_quarter(v["ubnd_plan_date"], 1, "chương trình/kế hoạch của UBND"),
        checks.in_quarter(v["steering_programme_date"], 1, "chương trình công tác của Ban Chỉ đạo"),
        checks.is_true(v["topics_deployed"], "triển khai đủ các chuyên đề", "chưa triển khai đủ các chuyên đề"),
    )


def check_3(v):
    return checks.suggest(
        checks.is_true(v["conference_held"], "có hội nghị tổng kết, triển khai", "chưa tổ chức hội nghị tổng kết, triển khai"),
        checks.at_least(v["good_practices"], 1, "cách làm hay, đổi mới, sáng tạo"),
    )


def check_5(v):
    return checks.suggest(
        checks.is_true(v["schedule_posted"], "đã niêm yết lịch tiếp công dân", "chưa niêm yết lịch tiếp công dân"),
        checks.zero(v["months_without_reception"], "tháng không tiếp công dân định kỳ"),
        checks.zero(v["backlog_complaints"], "đơn, thư tồn đọng"),
        checks.zero(v["protracted_cases"], "vụ việc phức tạp, kéo dài"),
    )


def check_6(v):
    return checks.suggest(
        checks.rank_at_least(v["party_rating"], TASK_RATINGS, GOOD, "Đảng bộ"),
        checks.rank_at_least(v["ubnd_title"], EMULATION_TITLES, "Tập thể lao động tiên tiến", "UBND"),
        checks.zero(v["mass_orgs_below_kha"], "tổ chức chính trị - xã hội dưới loại “Khá”"),
        checks.zero(v["officials_violations"], "cán bộ, công chức, viên chức vi phạm pháp luật hoặc bị kỷ luật"),
    )


def check_7(v):
    return checks.suggest(checks.at_least(v["awards"], 1, "bằng khen, giấy khen"))


def check_9(v):
    return checks.suggest(checks.at_least(v["law_sessions"], 1, "lần tuyên truyền, phổ biến pháp luật"))


def check_10(v):
    return checks.suggest(checks.all_true(((name, v[fid]) for fid, name in EVENTS), "hoạt động"))


def check_11(v):
    return checks.suggest(checks.zero(v["core_force_violations"], "người vi phạm pháp luật hoặc bị kỷ luật"))


def check_12(v):
    return checks.suggest(
        checks.is_true(v["coordination_plan"], "có kế hoạch phối hợp", "chưa có kế hoạch phối hợp"),
        checks.zero(v["months_without_briefing"], "tháng không giao ban"),
        checks.is_true(v["six_month_review"], "đã sơ kết 6 tháng", "chưa sơ kết 6 tháng"),
        checks.is_true(v["annual_review"], "đã tổng kết năm", "chưa tổng kết năm"),
    )


def check_13(v):
    return checks.suggest(
        checks.at_least(v["dan_van_kheo_models"], 1, "mô hình “Dân vận khéo”"),
        checks.at_least(v["movement_models"], 1, "mô hình về phong trào toàn dân bảo vệ ANTQ"),
    )


def check_14(v):
    return checks.suggest(
        checks.at_least(v["merit_certificates"], 1, "lượt bằng khen"),
        checks.at_least(v["commendations"], 2, "lượt giấy khen"),
        checks.at_least(v["advanced_examples"], 1, "điển hình tiên tiến"),
    )


def check_movement_rating(v):
    """Criterion 15: only “Xuất sắc” is đạt."""
    return checks.suggest(checks.rank_at_least(v["movement_rating"], MOVEMENT_RATINGS, "Xuất sắc", "phân loại phong trào"))


def check_16(v):
    return checks.suggest(checks.zero(v["hotspots"], "tụ điểm phức tạp về hình sự, ma túy, tệ nạn xã hội"))


def check_17(v):
    return checks.suggest(
        checks.zero(v["complex_incidents"], "vụ việc phức tạp về ANTT"),
        checks.zero(v["black_society_cases"], "vụ hoạt động kiểu “xã hội đen”"),
        checks.zero(v["black_credit_cases"], "vụ liên quan “tín dụng đen”"),
    )


def check_18(v):
    """Kiềm chế hoặc giảm ít nhất 5%: a fall of 5% or more is đạt; a smaller fall or no change may be
    read as “kiềm chế” (đạt, for the team to weigh); any rise is không đạt."""
    before, now = v["crimes_previous_year"], v["crimes_this_year"]
    figures = f"({format_number(before)} → {format_number(now)} vụ)"
    if now > before:
        rise = f"tăng {checks.percent_text(now - before, before)}" if before else "tăng"
        return Suggestion.khong_dat(f"{rise} {figures}: không kiềm chế được")
    if before == 0:
        return Suggestion.dat(f"không có vụ nào cả hai năm {figures}")
    fall = before - now
    change = f"giảm {checks.percent_text(fall, before, threshold=5)} {figures}" if fall else f"không đổi {figures}"
    if fall * 100 >= 5 * before:
        return Suggestion.dat(f"{change}: đạt mức giảm ≥ 5%")
    return Suggestion.dat(f"{change}: chưa giảm đủ 5%, có thể coi là “kiềm chế” — đoàn cân nhắc", judgement=True)


def check_19(v):
    """No addicts; else a fall of ≥ 20% when last year had more than 10, of ≥ 02 people when 10 or
    fewer; no new or relapsed addicts; no drug plants grown."""
    before, now = v["addicts_previous_year"], v["addicts_this_year"]
    figures = f"({format_number(before)} → {format_number(now)} người)"
    fall = before - now
    if now == 0:
        addicts = checks.Part(True, f"không còn người nghiện {figures}")
    elif fall <= 0:
        addicts = checks.Part(False, f"{'tăng' if fall else 'không giảm'} {figures}")
    elif before > 10:
        text = f"giảm {checks.percent_text(fall, before, threshold=20)} {figures}"
        addicts = (checks.Part(True, f"{text}: đạt mức giảm ≥ 20% (năm trước trên 10 người)") if fall * 100 >= 20 * before
                   else checks.Part(False, f"{text}: chưa đạt mức giảm ≥ 20% (năm trước trên 10 người)"))
    else:
        text = f"giảm {fall} người {figures}"
        addicts = (checks.Part(True, f"{text}: đạt mức giảm ≥ 02 người (năm trước từ 10 người trở xuống)") if fall >= 2
                   else checks.Part(False, f"{text}: chưa đạt mức giảm ≥ 02 người (năm trước từ 10 người trở xuống)"))
    return checks.suggest(
        addicts,
        checks.zero(v["new_or_relapsed_addicts"], "người nghiện mới hoặc tái nghiện"),
        checks.zero(v["drug_plant_cases"], "vụ trồng, tái trồng cây có chứa chất ma túy"),
    )


def check_20(v):
    return checks.suggest(
        checks.zero(v["serious_fires"], "vụ cháy, nổ gây hậu quả nghiêm trọng trở lên"),
        checks.all_of(v["fire_premises_with_records"], v["fire_premises_total"], "cơ sở có hồ sơ quản lý về PCCC",
                      none="không có cơ sở thuộc diện UBND cấp xã quản lý về PCCC"),
    )


def check_21(v):
    return checks.suggest(
        checks.zero(v["serious_traffic_accidents"], "vụ tai nạn giao thông nghiêm trọng trở lên do công dân địa bàn gây ra"),
        checks.zero(v["illegal_racing_cases"], "vụ đua xe trái phép"),
    )


def check_22(v):
    return checks.suggest(checks.zero(v["complex_resource_cases"], "vụ, việc phức tạp gây bức xúc hoặc báo chí phản ánh"))


def check_23(v):
    return checks.suggest(checks.zero(v["economic_crimes"], "vụ phạm tội về kinh tế, tham nhũng, buôn lậu, hàng giả, hàng cấm"))


def check_24(v):
    return checks.suggest(
        checks.zero(v["mass_gatherings"], "vụ tập trung đông người gây rối, biểu tình, tuần hành"),
        checks.zero(v["over_level_petitions"], "vụ khiếu kiện vượt cấp"),
    )


def check_26(v):
    return checks.suggest(checks.all_of(v["hamlets_inspected"], v["hamlets_total"], "thôn, tổ dân phố, khu dân cư được kiểm tra"))


def check_27(v):
    return checks.suggest(checks.at_least(v["trainings"], 1, "hoạt động tập huấn"))


def check_29(v):
    """100% of managed subjects with records; re-offending of people pardoned or released under 1,5%."""
    released, again = v["released_count"], v["reoffended_count"]
    if again > released:
        rate = checks.Part(None, f"{again} người tái phạm nhiều hơn {released} người được đặc xá, tha tù: "
                                 "cần kiểm tra lại số liệu")
    elif released == 0:
        rate = checks.Part(True, "không có người được đặc xá, tha tù trên địa bàn")
    else:
        text = f"tái phạm {checks.percent_text(again, released, threshold=1.5)} ({again}/{format_number(released)} người)"
        rate = (checks.Part(True, f"{text}: dưới 1,5%") if again * 1000 < 15 * released
                else checks.Part(False, f"{text}: không dưới 1,5%"))
    return checks.suggest(
        checks.all_of(v["managed_with_records"], v["managed_total"], "đối tượng có hồ sơ, danh sách"),
        rate,
    )


def check_30(v):
    return checks.suggest(checks.all_of(
        v["crime_reports_transferred"], v["crime_reports_received"], "tin báo, tố giác được xử lý và chuyển ngay",
        none="không có tin báo, tố giác tội phạm"))


def check_31(v):
    return checks.suggest(checks.at_least(v["initiatives"], 1, "sáng kiến cải tiến"))


def check_32(v):
    return checks.suggest(
        checks.zero(v["complaints_about_officers"], "đơn, thư phản ánh về cán bộ, chiến sĩ"),
        checks.zero(v["officers_disciplined"], "cán bộ, chiến sĩ bị kỷ luật liên quan công tác bảo đảm ANTT"),
    )


def check_33(v):
    return checks.suggest(
        checks.is_true(v["office_adequate"], "trụ sở, nơi làm việc đạt yêu cầu", "trụ sở, nơi làm việc chưa đạt yêu cầu"),
        checks.is_true(v["cultural_unit_recognised"], "đã được công nhận “Đơn vị văn hóa, gương mẫu chấp hành điều lệnh CAND”",
                       "chưa được công nhận “Đơn vị văn hóa, gương mẫu chấp hành điều lệnh CAND”"),
    )


def check_34(v):
    return checks.suggest(
        checks.rank_at_least(v["unit_rating"], TASK_RATINGS, GOOD, "đơn vị"),
        checks.rank_at_least(v["party_cell_rating"], TASK_RATINGS, GOOD, "chi bộ"),
        checks.all_of(v["officers_rated_good"], v["officers_total"], "cán bộ, chiến sĩ “Hoàn thành tốt nhiệm vụ” trở lên"),
    )

