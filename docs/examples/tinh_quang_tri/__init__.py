"""Example province plugin: Quảng Trị's yearly dates for model units (the province's plan implementing
Kế hoạch 630/KH-BCA and QĐ 9745/QĐ-BCA-V05, mục III.2 "Thời gian thực hiện").

"Mốc thời gian đăng ký: Trước 30/3 hàng năm. Mốc thời gian hoàn thành xét, công nhận: 25/10 hàng năm."
The same plan asks each district for its list of registered units before 30/3 and its yearly report
before 25/10.

The dates are the province's, so they live in a province plugin, not in the official ones (see
``docs/examples/tinh_bac_kan``). Copy this folder into a plugin folder of the workspace to use it.

Each deadline says the work it gates: before 30/3 ``antq calendar`` says which of the plan's minimum
selections ("Mỗi năm lựa chọn ít nhất 01 xã, 01 phường/thị trấn và 01 cơ quan (hoặc doanh nghiệp,
cơ sở giáo dục)" for the units a district manages, mục II.2.1) the year's registration list
(``antq register``) still lacks; before 25/10 it names the units proposed for recognition and not yet
recognised.
"""

from antq_tui import Deadline, Target, hookimpl

__version__ = "0.2.0"

CALENDAR = (
    Deadline(id="qt_dang_ky", title="Đăng ký xây dựng điển hình, gửi danh sách đăng ký: trước 30/3", month=3, day=30,
             gates="register"),
    Deadline(id="qt_cong_nhan", title="Hoàn thành xét, công nhận và báo cáo kết quả năm: 25/10", month=10, day=25,
             gates="recognise"),
)

#: the minimum selection of each district, every year (``year=None``), counted on the registration list
TARGETS = (
    Target(id="qt_chon_xa", title="Mỗi huyện lựa chọn ít nhất 01 xã", count=1, per="district", counts="registered",
           unit_kinds=("xa",)),
    Target(id="qt_chon_phuong_thi_tran", title="Mỗi huyện lựa chọn ít nhất 01 phường/thị trấn", count=1,
           per="district", counts="registered", unit_kinds=("phuong", "thi_tran")),
    Target(id="qt_chon_co_quan", title="Mỗi huyện lựa chọn ít nhất 01 cơ quan (hoặc doanh nghiệp, cơ sở giáo dục)",
           count=1, per="district", counts="registered", unit_kinds=("co_quan", "doanh_nghiep", "co_so_giao_duc")),
)


@hookimpl
def antq_calendar():
    return list(CALENDAR)


@hookimpl
def antq_targets():
    return list(TARGETS)
