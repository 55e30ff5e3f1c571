"""Bộ tiêu chí tạm thời xây dựng cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào toàn dân bảo vệ ANTQ.

(Skeleton: the criteria are transcribed in the criteria issue.)
"""

from antq_tui import CriteriaSet, Criterion, Group, hookimpl

__version__ = "0.1.0"


@hookimpl
def antq_criteria_sets():
    return [
        CriteriaSet(
            id="coquan",
            title="Bộ tiêu chí tạm thời xây dựng cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc",
            version=__version__,
            legal_basis=("Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ trưởng Bộ Công an",),
            unit_kinds=("co_quan", "doanh_nghiep", "co_so_giao_duc"),
            subject="cơ quan, doanh nghiệp, cơ sở giáo dục",
            groups=(Group("lanh_dao", "Công tác lãnh đạo xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc"),),
            criteria=(
                Criterion(number=1, group="lanh_dao", text="(đang nhập)", evidence=("(đang nhập)",)),
            ),
        )
    ]
