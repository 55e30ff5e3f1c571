"""Tuyên Quang's targets for 2025 (Kế hoạch giai đoạn 2023 - 2025, mục II "Mục tiêu").

"Phấn đấu đến năm 2025: … 100% số xã từng bị ảnh hưởng "tổ chức bất hợp pháp Dương Văn Mình"; 30% số
phường, 50% số thị trấn; 15% cơ quan, doanh nghiệp, cơ sở giáo dục đạt tiêu chí điển hình về phong trào
toàn dân bảo vệ an ninh Tổ quốc theo quy định của Bộ Công an."

The communes once affected by "Dương Văn Mình" are named in mục 2.1 of the same plan: xã Thượng Nông
(huyện Na Hang); Linh Phú, Tri Phú (huyện Chiêm Hóa); Trung Minh, Hùng Lợi (huyện Yên Sơn); Minh
Hương, Yên Lâm, Yên Phú, Tân Thành (huyện Hàm Yên) and Đông Thọ (huyện Sơn Dương). Each is written
with its district in brackets, because names such as "Tân Thành" recur in other districts; antq
matches them against the registry of units ignoring case and diacritics.

The plan's 40% of communes reaching the "nông thôn mới" standard is another programme's target, not
this movement's, and is left out.
"""

from antq_tui import Target

PLAN = "Kế hoạch xây dựng, nhân rộng đơn vị điển hình về phong trào toàn dân bảo vệ ANTQ giai đoạn 2023 - 2025 của tỉnh Tuyên Quang"

DUONG_VAN_MINH_COMMUNES = (
    "Xã Thượng Nông (huyện Na Hang)",
    "Xã Linh Phú (huyện Chiêm Hóa)",
    "Xã Tri Phú (huyện Chiêm Hóa)",
    "Xã Trung Minh (huyện Yên Sơn)",
    "Xã Hùng Lợi (huyện Yên Sơn)",
    "Xã Minh Hương (huyện Hàm Yên)",
    "Xã Yên Lâm (huyện Hàm Yên)",
    "Xã Yên Phú (huyện Hàm Yên)",
    "Xã Tân Thành (huyện Hàm Yên)",
    "Xã Đông Thọ (huyện Sơn Dương)",
)

TARGETS = (
    Target(id="tq_2025_dvm", title="100% số xã từng bị ảnh hưởng “tổ chức bất hợp pháp Dương Văn Mình” đạt điển hình",
           year=2025, percent=100, unit_kinds=("xa",), unit_names=DUONG_VAN_MINH_COMMUNES),
    Target(id="tq_2025_phuong", title="30% số phường đạt điển hình", year=2025, percent=30, unit_kinds=("phuong",)),
    Target(id="tq_2025_thi_tran", title="50% số thị trấn đạt điển hình", year=2025, percent=50,
           unit_kinds=("thi_tran",)),
    Target(id="tq_2025_co_quan", title="15% số cơ quan, doanh nghiệp, cơ sở giáo dục đạt điển hình", year=2025,
           percent=15, unit_kinds=("co_quan", "doanh_nghiep", "co_so_giao_duc")),
)
