"""Bộ tiêu chí tạm thời xây dựng cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào toàn dân bảo vệ ANTQ.

The 14 criteria of Phụ lục II of Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ trưởng Bộ Công
an, as quoted by Hậu Lộc district's 2024 plan (whose appendix heading misprints the number as 9475),
in three groups: 1–8, 9–10, 11–14. Written only against antq's plugin contract (``antq_tui``), the
way a province's plugin is; ``criteria.py`` holds the texts, evidence and fields, ``rules.py`` the
checks, ``eligibility.py`` the conditions shown before the criteria.

Texts are transcribed exactly (NFC); the line breaks and doubled spaces of the source are joined into
single spaces. Typing errors fixed, source → here (tests/test_criteria_coquan.py re-applies this list
to the source and compares every text):

- criterion 5: "người”(ngày" → "người” (ngày"
- criterion 8: "đoạt loại" → "đạt loại"

Left as the source has them: "ANTQ; Trong năm" (criterion 4, a capital after a semicolon) and
"(04/10)" without "ngày" (criterion 5).
"""

from antq_tui import CriteriaSet, hookimpl

from .criteria import CRITERIA, GROUPS
from .eligibility import ELIGIBILITY

__version__ = "1.0.0"


@hookimpl
def antq_criteria_sets():
    return [
        CriteriaSet(
            id="coquan",
            title="Bộ tiêu chí tạm thời xây dựng cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào toàn "
                  "dân bảo vệ an ninh Tổ quốc",
            version=__version__,
            legal_basis=(
                "Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ trưởng Bộ Công an ban hành Bộ tiêu chí tạm "
                "thời xây dựng xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào "
                "toàn dân bảo vệ an ninh Tổ quốc (Phụ lục II)",
            ),
            unit_kinds=("co_quan", "doanh_nghiep", "co_so_giao_duc"),
            subject="cơ quan, doanh nghiệp, cơ sở giáo dục",
            groups=GROUPS,
            criteria=CRITERIA,
        )
    ]


@hookimpl
def antq_eligibility_checks():
    return list(ELIGIBILITY)
