"""Tuyên Quang's targets for 2023, 2024 and 2025 (Kế hoạch giai đoạn 2023 - 2025, mục II "Mục tiêu").

"Phấn đấu đến năm 2025: … 100% số xã từng bị ảnh hưởng "tổ chức bất hợp pháp Dương Văn Mình"; 30% số
phường, 50% số thị trấn; 15% cơ quan, doanh nghiệp, cơ sở giáo dục đạt tiêu chí điển hình về phong trào
toàn dân bảo vệ an ninh Tổ quốc theo quy định của Bộ Công an."

The communes once affected by "Dương Văn Mình" are named in mục 2.1 of the same plan: xã Thượng Nông
(huyện Na Hang); Linh Phú, Tri Phú (huyện Chiêm Hóa); Trung Minh, Hùng Lợi (huyện Yên Sơn); Minh
Hương, Yên Lâm, Yên Phú, Tân Thành (huyện Hàm Yên) and Đông Thọ (huyện Sơn Dương). Each is written
with its district in brackets, because names such as "Tân Thành" recur in other districts; antq
matches them against the registry of units ignoring case and diacritics.

"Phấn đấu đến năm 2025: 40% số xã được công nhận đạt chuẩn nông thôn mới và công nhận đạt chuẩn nông
thôn mới nâng cao giai đoạn 2021-2025 …" reads as the rest of the sentence does: 40% of those communes
are to be model units of the movement. Which communes the nông thôn mới programme has recognised is
not this movement's to decide, so antq is told: the registry of units (``antq units import``) has a
column "Thuộc diện" where such a commune says "Nông thôn mới" (attribute ``nong_thon_moi``), and the
target counts over the communes that say so.

The plan's yearly targets are counts, not shares (mục 2.1, 2.2): "Mỗi khối cơ quan, doanh nghiệp, cơ sở
giáo dục thuộc cấp tỉnh quản lý có từ 01 đơn vị trở lên đạt" in 2023, "01 phường …; 01 thị trấn; mỗi
khối … có 02 đơn vị trở lên" in 2024 and "02 phường …; 02 thị trấn; mỗi khối … có từ 02 đơn vị trở
lên" in 2025: ``count=`` with ``per="kind"`` for "mỗi khối" (each of the three kinds counted on its
own). antq does not know yet which level manages an agency, so every agency of the kind counts.
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

CO_QUAN = ("co_quan", "doanh_nghiep", "co_so_giao_duc")

TARGETS = (
    Target(id="tq_2023_khoi", title="Mỗi khối cơ quan, doanh nghiệp, cơ sở giáo dục có từ 01 đơn vị trở lên đạt",
           year=2023, count=1, per="kind", unit_kinds=CO_QUAN),
    Target(id="tq_2024_phuong", title="01 phường đạt điển hình", year=2024, count=1, unit_kinds=("phuong",)),
    Target(id="tq_2024_thi_tran", title="01 thị trấn đạt điển hình", year=2024, count=1, unit_kinds=("thi_tran",)),
    Target(id="tq_2024_khoi", title="Mỗi khối cơ quan, doanh nghiệp, cơ sở giáo dục có 02 đơn vị trở lên đạt",
           year=2024, count=2, per="kind", unit_kinds=CO_QUAN),
    Target(id="tq_2025_khoi", title="Mỗi khối cơ quan, doanh nghiệp, cơ sở giáo dục có từ 02 đơn vị trở lên đạt",
           year=2025, count=2, per="kind", unit_kinds=CO_QUAN),
    Target(id="tq_2025_nong_thon_moi",
           title="40% số xã đạt chuẩn nông thôn mới (giai đoạn 2021 - 2025) đạt điển hình",
           year=2025, percent=40, unit_kinds=("xa",), unit_attribute="nong_thon_moi"),
    Target(id="tq_2025_dvm", title="100% số xã từng bị ảnh hưởng “tổ chức bất hợp pháp Dương Văn Mình” đạt điển hình",
           year=2025, percent=100, unit_kinds=("xa",), unit_names=DUONG_VAN_MINH_COMMUNES),
    Target(id="tq_2025_phuong", title="30% số phường đạt điển hình", year=2025, percent=30, unit_kinds=("phuong",)),
    Target(id="tq_2025_thi_tran", title="50% số thị trấn đạt điển hình", year=2025, percent=50,
           unit_kinds=("thi_tran",)),
    Target(id="tq_2025_co_quan", title="15% số cơ quan, doanh nghiệp, cơ sở giáo dục đạt điển hình", year=2025,
           percent=15, unit_kinds=("co_quan", "doanh_nghiep", "co_so_giao_duc")),
)
