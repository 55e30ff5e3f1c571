"""Bộ tiêu chí tạm thời xây dựng xã, phường, thị trấn điển hình về phong trào toàn dân bảo vệ ANTQ.

(Skeleton: the criteria are transcribed in the criteria issue.)
"""

from antq_tui import CriteriaSet, Criterion, Group, hookimpl

__version__ = "0.1.0"

GROUPS = (
    Group("lanh_dao", "Công tác lãnh đạo của cấp ủy Đảng, chính quyền xã, phường, thị trấn"),
    Group("phong_trao", "Công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc"),
    Group("antt", "Công tác bảo đảm an ninh, trật tự"),
    Group("cong_an", "Công an xã, thị trấn"),
)


@hookimpl
def antq_criteria_sets():
    return [
        CriteriaSet(
            id="xa",
            title="Bộ tiêu chí tạm thời xây dựng xã, phường, thị trấn điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc",
            version=__version__,
            legal_basis=("Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ trưởng Bộ Công an",),
            unit_kinds=("xa", "phuong", "thi_tran"),
            subject="xã, phường, thị trấn",
            groups=GROUPS,
            criteria=(
                Criterion(
                    number=1,
                    group="lanh_dao",
                    text="Tổ chức quán triệt, triển khai thực hiện đầy đủ, hiệu quả các chủ trương của Đảng, chính sách pháp luật của Nhà nước, các văn bản chỉ đạo của cấp trên về công tác bảo đảm an ninh, trật tự (ANTT) và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc (ANTQ) đến các ban, ngành, đoàn thể, thôn, tổ dân phố, khu dân cư trên địa bàn.",
                    evidence=("Kế hoạch, văn bản triển khai quán triệt",),
                ),
            ),
        )
    ]
