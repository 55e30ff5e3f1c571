"""Example district plugin: Hậu Lộc's (Thanh Hóa) yearly dates and minimum selection, from the district
plan for model units in 2024 (mục II.2 "Địa bàn" and mục 6 "Chế độ thông tin, báo cáo").

- "Quý I hằng năm, … lựa chọn ít nhất 01 đơn vị (xã, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục)
  để xây dựng điển hình": a count target on the year's registration list (``counts="registered"``,
  ``year=None``: every year), and the end of the quarter (31/3) as the registration deadline;
- "Định kỳ 6 tháng (trước ngày 10/6), 01 năm (trước ngày 20/10), các đơn vị gửi báo cáo kết quả về Ban
  Chỉ đạo 138 huyện": the six-month report (``report``) and the year's report, which carries each
  unit's result, so the minutes of the year must be finalized by then (``finalize``).

In 2024 the district selected Xã Phú Lộc (building since 2023), Xã Triệu Lộc and Công ty TNHH Ny Hoa
Việt; the office records them with ``antq register "Xã Triệu Lộc" --date 28/03/2024`` (names from the
registry of units, ``antq units import``). Try::

    antq registrations --year 2024     # the list, its deadline and the selection still missing
    antq calendar                      # before 20/10: the units whose minutes are not finalized
"""

from antq_tui import Deadline, Target, hookimpl

__version__ = "0.1.0"

KINDS = ("xa", "thi_tran", "co_quan", "doanh_nghiep", "co_so_giao_duc")

CALENDAR = (
    Deadline(id="hl_lua_chon", title="Lựa chọn, đăng ký đơn vị xây dựng điển hình (quý I)", date="31/3",
             gates="register"),
    Deadline(id="hl_bao_cao_6_thang", title="Báo cáo kết quả 6 tháng về BCĐ 138 huyện trước 10/6", date="10/6",
             gates="report"),
    Deadline(id="hl_bao_cao_nam", title="Báo cáo kết quả năm về BCĐ 138 huyện trước 20/10", date="20/10",
             gates="finalize", unit_kinds=KINDS),
)

TARGETS = (
    Target(id="hl_lua_chon_moi_nam",
           title="Mỗi năm lựa chọn ít nhất 01 đơn vị (xã, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục)",
           count=1, counts="registered", unit_kinds=KINDS),
)


@hookimpl
def antq_calendar():
    return list(CALENDAR)


@hookimpl
def antq_targets():
    return list(TARGETS)
