"""Example province plugin: Quảng Trị's yearly dates for model units (the province's plan implementing
Kế hoạch 630/KH-BCA and QĐ 9745/QĐ-BCA-V05, mục III.2 "Thời gian thực hiện").

"Mốc thời gian đăng ký: Trước 30/3 hàng năm. Mốc thời gian hoàn thành xét, công nhận: 25/10 hàng năm."
The same plan asks each district for its list of registered units before 30/3 and its yearly report
before 25/10.

The dates are the province's, so they live in a province plugin, not in the official ones (see
``docs/examples/tinh_bac_kan``). Copy this folder into a plugin folder of the workspace to use it.
"""

from antq_tui import Deadline, hookimpl

__version__ = "0.1.0"

CALENDAR = (
    Deadline(id="qt_dang_ky", title="Đăng ký xây dựng điển hình, gửi danh sách đăng ký: trước 30/3", month=3, day=30),
    Deadline(id="qt_cong_nhan", title="Hoàn thành xét, công nhận và báo cáo kết quả năm: 25/10", month=10, day=25),
)


@hookimpl
def antq_calendar():
    return list(CALENDAR)
