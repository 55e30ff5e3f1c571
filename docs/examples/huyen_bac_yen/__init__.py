"""Example district plugin: Bắc Yên's (Sơn La) one-off dates of 2023, from the district plan for the
inspection, appraisal and assessment of the model communes and schools that year (mục II.3 and IV).

One-off deadlines have a full date (``date="17/10/2023"``); once passed they are no longer upcoming,
and next year's plan brings its own. Each says the work it gates, so that ``antq calendar`` and the
home screen name the units still to do it:

- "Gửi báo cáo kết quả tự kiểm tra, thẩm định, đánh giá về Ban Chỉ đạo huyện (qua đơn vị thường
  trực: Đội Tổng hợp, Công an huyện) trước ngày 15/10/2023": the units' own report (``report``);
- "Thời gian kiểm tra: Hoàn thành trước ngày 17/10/2023": the team's visits, minutes signed
  (``finalize``: units still without finalized minutes of 2023);
- "đề nghị UBND huyện, Ban chỉ đạo huyện ban hành các quyết định công nhận: (1) Xã, thị trấn, cơ sở
  giáo dục điển hình … (hoàn thành trước 20/10/2023)": the decisions (``recognise``: units whose
  minutes propose recognition and that are not recognised yet).

The plan inspects Xã Phiêng Ban, Thị trấn Bắc Yên and the Trường PTDT nội trú THCS & THPT huyện
(the units of ``antq demo``, which copies this folder into its own plugin folder when antq runs from
a source checkout). Try::

    antq demo /tmp/antq-demo
    antq --config /tmp/antq-demo/config.toml calendar --today 01/10/2023
"""

from antq_tui import Deadline, hookimpl

__version__ = "0.1.0"

KINDS = ("xa", "thi_tran", "co_so_giao_duc")

CALENDAR = (
    Deadline(id="by_2023_tu_kiem_tra",
             title="Đơn vị gửi báo cáo tự kiểm tra, thẩm định, đánh giá về BCĐ huyện trước 15/10/2023",
             date="15/10/2023", gates="report", unit_kinds=KINDS),
    Deadline(id="by_2023_kiem_tra", title="Đoàn kiểm tra Công an huyện hoàn thành kiểm tra trước 17/10/2023",
             date="17/10/2023", gates="finalize", unit_kinds=KINDS),
    Deadline(id="by_2023_cong_nhan",
             title="UBND huyện, BCĐ huyện ban hành quyết định công nhận trước 20/10/2023",
             date="20/10/2023", gates="recognise", unit_kinds=KINDS),
)


@hookimpl
def antq_calendar():
    return list(CALENDAR)
