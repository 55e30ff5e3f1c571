"""The dates Tuyên Quang's plan 2023 - 2025 sets in the movement's year (mục III and "Tổ chức thực hiện").

The plan asks for a report on its implementation every six months (before 10/6) and every year (before
10/11) to the People's Committee of the province through the provincial police, and holds the "Ngày hội
toàn dân bảo vệ an ninh Tổ quốc" on 19/8. It sets no registration or recognition deadline of its own;
a province that does (Bắc Kạn: communes before 01/10, districts before 15/10, the province before
25/10; Quảng Trị: registration before 30/3) declares them the same way; see ``docs/examples/tinh_bac_kan``
and ``docs/examples/tinh_quang_tri``.
"""

from antq_tui import Deadline

CALENDAR = (
    Deadline(id="tq_bao_cao_6_thang", title="Báo cáo kết quả 6 tháng về UBND tỉnh (qua Công an tỉnh) trước 10/6",
             month=6, day=10, gates="report"),
    Deadline(id="tq_ngay_hoi", title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8)", month=8, day=19),
    Deadline(id="tq_bao_cao_nam", title="Báo cáo kết quả năm về UBND tỉnh (qua Công an tỉnh) trước 10/11",
             month=11, day=10, gates="report"),
)
