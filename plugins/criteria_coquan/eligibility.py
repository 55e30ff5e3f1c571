"""The conditions an agency, enterprise or school must meet before it can be recognised at all.

The same conditions as for communes (see ``criteria_xa.eligibility``), worded for this set and with
ids of its own: last year's recognition as “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA),
last year's classification “Khá” or better (Quyết định 510/QĐ-BCA-V05), and the cases of the year the
unit must list, which the team weighs. Field ids are shared with the commune set for statistics.
"""

from antq_tui import EligibilityCheck, Field, checks

from .rules import MOVEMENT_RATINGS

WEIGH = "đoàn xem xét trước khi đề nghị công nhận"

ELIGIBILITY = (
    EligibilityCheck(
        id="coquan_an_toan_antt",
        title="Đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm trước",
        text="Năm trước, cơ quan, doanh nghiệp, cơ sở giáo dục được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” theo "
             "Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an.",
        set_ids=("coquan",),
        fields=(
            Field("safe_last_year", "Năm trước được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”", "yesno"),
            Field("safe_decision", "Số, ngày quyết định công nhận", "text", required=False),
        ),
        check=lambda v: checks.suggest(checks.is_true(
            v["safe_last_year"], "năm trước đạt “An toàn về an ninh, trật tự”",
            "năm trước chưa được công nhận “An toàn về an ninh, trật tự”")),
    ),
    EligibilityCheck(
        id="coquan_phan_loai_phong_trao",
        title="Phân loại phong trào năm trước đạt “Khá” trở lên",
        text="Kết quả đánh giá, phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc năm trước của cơ quan, "
             "doanh nghiệp, cơ sở giáo dục đạt loại “Khá” trở lên theo Quyết định số 510/QĐ-BCA-V05 ngày 20/01/2022 của Bộ trưởng "
             "Bộ Công an.",
        set_ids=("coquan",),
        fields=(Field("previous_movement_rating", "Phân loại phong trào năm trước", "choice",
                      choices=MOVEMENT_RATINGS),),
        check=lambda v: checks.suggest(checks.rank_at_least(
            v["previous_movement_rating"], MOVEMENT_RATINGS, "Khá", "phân loại năm trước")),
    ),
    EligibilityCheck(
        id="coquan_ky_luat",
        title="Tập thể, cá nhân bị xử lý kỷ luật trong năm",
        text="Rà soát danh sách tập thể, cá nhân bị xử lý kỷ luật từ hình thức Cảnh cáo trở lên, đang đề nghị "
             "xử lý kỷ luật trong năm, tính đến thời điểm kiểm tra.",
        set_ids=("coquan",),
        fields=(
            Field("disciplined_count", "Số tập thể, cá nhân bị kỷ luật từ Cảnh cáo trở lên", unit="trường hợp"),
            Field("pending_discipline_count", "Số tập thể, cá nhân đang đề nghị xử lý kỷ luật", unit="trường hợp"),
        ),
        check=lambda v: checks.to_weigh(
            checks.zero(v["disciplined_count"], "trường hợp bị kỷ luật từ Cảnh cáo trở lên"),
            checks.zero(v["pending_discipline_count"], "trường hợp đang đề nghị kỷ luật"), note=WEIGH),
    ),
    EligibilityCheck(
        id="coquan_vi_pham_phap_luat",
        title="Vi phạm pháp luật trong năm",
        text="Rà soát danh sách tập thể, cá nhân vi phạm pháp luật bị xử lý hình sự, hành chính trong năm, tính "
             "đến thời điểm kiểm tra.",
        set_ids=("coquan",),
        fields=(Field("law_violation_count", "Số tập thể, cá nhân vi phạm pháp luật bị xử lý hình sự, hành chính",
                      unit="trường hợp"),),
        check=lambda v: checks.to_weigh(checks.zero(v["law_violation_count"], "trường hợp vi phạm pháp luật"), note=WEIGH),
    ),
    EligibilityCheck(
        id="coquan_don_thu",
        title="Đơn thư, khiếu kiện đang có",
        text="Rà soát các trường hợp đang có đơn thư, khiếu kiện, tính đến thời điểm kiểm tra.",
        set_ids=("coquan",),
        fields=(Field("pending_complaints_count", "Số trường hợp đang có đơn thư, khiếu kiện", unit="trường hợp"),),
        check=lambda v: checks.to_weigh(checks.zero(v["pending_complaints_count"], "trường hợp đang có đơn thư, khiếu kiện"),
                                        note=WEIGH),
    ),
    EligibilityCheck(
        id="coquan_doan_ket",
        title="Đoàn kết nội bộ",
        text="Nội bộ không mất đoàn kết trong năm, tính đến thời điểm kiểm tra.",
        set_ids=("coquan",),
        fields=(Field("internal_disunity", "Nội bộ mất đoàn kết", "yesno"),),
        check=lambda v: checks.to_weigh(checks.is_true(not v["internal_disunity"], "nội bộ đoàn kết", "nội bộ mất đoàn kết"),
                                        note=WEIGH),
    ),
)
