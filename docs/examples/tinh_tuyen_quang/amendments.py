"""Tuyên Quang's amendments to the commune set ``xa``: one tightened criterion, one added criterion.

A check is a pure function of the criterion's inputs (field id → parsed value) that returns a
``Suggestion`` with a one-line Vietnamese reason showing the figures. ``antq_tui.checks`` has building
blocks for the usual questions; ``format_number`` writes numbers the Vietnamese way.
"""

from antq_tui import AddCriterion, AmendCriterion, Criterion, Field, Group, Suggestion, checks, format_number

PROVINCE = "Ví dụ minh họa của tỉnh Tuyên Quang"


def check_18_strict(v):
    """Criterion 18 without the room for judgement: only a fall of at least 5% (or no crime in
    either year) is đạt. Uses the official field ids, so statistics across years still add up."""
    before, now = v["crimes_previous_year"], v["crimes_this_year"]
    figures = f"({format_number(before)} → {format_number(now)} vụ)"
    if before == 0:
        if now == 0:
            return Suggestion.dat(f"không có vụ nào cả hai năm {figures}")
        return Suggestion.khong_dat(f"tăng {figures}: không kiềm chế được")
    change = checks.percent_text(abs(before - now), before, threshold=5)
    if (before - now) * 100 >= 5 * before:
        return Suggestion.dat(f"giảm {change} {figures}: đạt mức giảm ≥ 5%")
    moved = f"giảm {change}" if now < before else ("không đổi" if now == before else f"tăng {change}")
    return Suggestion.khong_dat(f"{moved} {figures}: chưa đạt mức giảm ≥ 5% (tỉnh không tính “kiềm chế”)")


def check_35(v):
    return checks.suggest(
        checks.zero(v["dvm_new_followers"], "người mới theo hoặc tái theo “Dương Văn Mình”"),
        checks.zero(v["dvm_activities"], "vụ tụ tập, tuyên truyền, lôi kéo trái phép"),
    )


AMENDMENTS = (
    AmendCriterion(
        set_id="xa",
        number=18,
        add_evidence=("Số liệu thống kê tội phạm của Công an huyện, đối chiếu với số liệu của xã",),
        check=check_18_strict,
        note=f"{PROVINCE}: phải giảm ít nhất 5%, không tính “kiềm chế”.",
    ),
    AddCriterion(
        set_id="xa",
        criterion=Criterion(
            number=35,
            group="tuyen_quang",
            text="Đối với xã từng bị ảnh hưởng của “tổ chức bất hợp pháp Dương Văn Mình”: không để phát sinh người "
                 "mới theo hoặc tái theo; không để xảy ra hoạt động tụ tập, tuyên truyền, lôi kéo trái phép của tổ "
                 "chức này trên địa bàn.",
            evidence=(
                "Danh sách người từng theo “Dương Văn Mình” trên địa bàn và kết quả vận động, quản lý",
                "Báo cáo tình hình hoạt động của “tổ chức bất hợp pháp Dương Văn Mình” trong năm",
                "Kế hoạch, kết quả tuyên truyền, vận động Nhân dân không tham gia",
            ),
            fields=(
                Field("dvm_new_followers", "Số người mới theo hoặc tái theo “Dương Văn Mình”", unit="người",
                      help="Xã không thuộc diện: nhập 0"),
                Field("dvm_activities", "Số vụ tụ tập, tuyên truyền, lôi kéo trái phép", unit="vụ"),
            ),
            check=check_35,
        ),
        new_group=Group("tuyen_quang", "Tiêu chí riêng của tỉnh Tuyên Quang"),
        note=f"{PROVINCE}: Kế hoạch giai đoạn 2023 - 2025 đặt mục tiêu 100% số xã từng bị ảnh hưởng của "
             "“tổ chức bất hợp pháp Dương Văn Mình” đạt điển hình.",
    ),
)
