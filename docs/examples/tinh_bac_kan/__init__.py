"""Example province plugin: Bắc Kạn's deadlines for recognising model units (the province's directive of
03/2023 implementing Kế hoạch 630/KH-BCA-V05).

"Ủy ban nhân dân cấp xã đánh giá … và báo cáo Ủy ban nhân dân cấp huyện xét, công nhận. Thời gian hoàn
thành xong trước ngày 01/10 hằng năm. Ủy ban nhân dân cấp huyện đánh giá … và báo cáo Ủy ban nhân dân
cấp tỉnh (qua Công an tỉnh) xét, công nhận. Thời gian hoàn thành xong trước ngày 15/10 hằng năm. Công an
tỉnh … tham mưu Ủy ban nhân dân tỉnh Quyết định công nhận. Thời gian hoàn thành xong trước 25/10 hằng năm."
Registration happens in "Quý I hằng năm", written here as the quarter's last day; it gates the
registration list (``gates="register"``: ``antq calendar`` says which selection is still missing).

Why a province plugin and not the official ones: these dates are set by each province's own plan, and
the provinces differ (Quảng Trị: registration before 30/3; Hậu Lộc's district plan: the yearly report
before 20/10; Tuyên Quang: reports before 10/6 and 10/11). The official plugins carry only what the
ministry's QĐ 9745 says. Copy this folder into a plugin folder of the workspace to use it; ``antq
calendar`` then lists the dates and the home screen shows the next one. The directive's minimum
selection of each district (one commune and one agency a year) is two count targets on the
registration list (``antq register``, ``antq registrations``).
"""

from antq_tui import Deadline, Target, hookimpl

__version__ = "0.2.0"

SOURCE = "Chỉ thị của UBND tỉnh Bắc Kạn (tháng 3/2023) thực hiện Kế hoạch 630/KH-BCA-V05"

CALENDAR = (
    Deadline(id="bk_dang_ky", title="Đăng ký xây dựng điển hình (quý I)", month=3, day=31, gates="register"),
    Deadline(id="bk_cap_xa", title="Cấp xã đánh giá, báo cáo UBND huyện xét, công nhận: xong trước 01/10",
             month=10, day=1),
    Deadline(id="bk_cap_huyen", title="Cấp huyện đánh giá, báo cáo UBND tỉnh xét, công nhận: xong trước 15/10",
             month=10, day=15),
    Deadline(id="bk_cap_tinh", title="Cấp tỉnh xét, công nhận: xong trước 25/10", month=10, day=25),
)


@hookimpl
def antq_calendar():
    return list(CALENDAR)


#: "Ủy ban nhân dân các huyện, thành phố … Hằng năm: Lựa chọn ít nhất 01 xã/phường/thị trấn và 01 cơ
#: quan/doanh nghiệp/cơ sở giáo dục để xây dựng điển hình" (mục 6): two counts on the year's
#: registration list, in each district
TARGETS = (
    Target(id="bk_chon_xa", title="Mỗi huyện lựa chọn ít nhất 01 xã/phường/thị trấn", count=1, per="district",
           counts="registered", unit_kinds=("xa", "phuong", "thi_tran")),
    Target(id="bk_chon_co_quan", title="Mỗi huyện lựa chọn ít nhất 01 cơ quan/doanh nghiệp/cơ sở giáo dục", count=1,
           per="district", counts="registered", unit_kinds=("co_quan", "doanh_nghiep", "co_so_giao_duc")),
)


@hookimpl
def antq_targets():
    return list(TARGETS)
