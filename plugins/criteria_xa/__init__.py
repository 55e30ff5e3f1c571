"""Bộ tiêu chí tạm thời xây dựng xã, phường, thị trấn điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc.

The 34 criteria of Phụ lục I of Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ trưởng Bộ Công an,
as quoted by Hậu Lộc district's 2024 plan (whose appendix heading misprints the number as 9475), in
four groups: 1–7, 8–14, 15–24, 25–34. Written only against antq's plugin contract (``antq_tui``), the
way a province's plugin is; ``criteria.py`` holds the texts, evidence and fields, ``rules.py`` the
checks, ``eligibility.py`` the conditions shown before the criteria.

Texts are transcribed exactly (NFC); the line breaks and doubled spaces of the source are joined into
single spaces. Typing errors fixed, source → here (tests/test_criteria_xa.py re-applies this list to
the source and compares every text):

- criterion 5: "Bộ Chính tri" → "Bộ Chính trị"
- criterion 5: "ko dài" → "kéo dài"
- criterion 7: "“Tổng kết năm" → "Tổng kết năm"
- criterion 10: "người”(ngày" → "người” (ngày"
- criterion 14: "ANTTvà" → "ANTT và"
- criterion 15: "đoạt loại" → "đạt loại"
- criterion 20: "phòng chá," → "phòng cháy,"
- criterion 27: "tôt chức" → "tổ chức"
- criterion 27: "hướng dân" → "hướng dẫn"
- criterion 29: "thộc" → "thuộc"
- criterion 29: "cập nhập" → "cập nhật"
- criterion 30: "tố giáo" → "tố giác"

Criterion 7's opening quotation mark has no closing one and is dropped. Left as the source has them:
"5 %" (criterion 18), "xẩy ra" (21, a variant spelling), "cơ sở Dữ liệu quốc gia" (28), the missing
final full stops of 7, 17, 18, 29 and the group title "Công an xã, thị trấn" (criteria 32–34 also
name phường).
"""

from antq_tui import CriteriaSet, hookimpl

from .criteria import CRITERIA, GROUPS
from .eligibility import ELIGIBILITY

__version__ = "1.0.0"


@hookimpl
def antq_criteria_sets():
    return [
        CriteriaSet(
            id="xa",
            title="Bộ tiêu chí tạm thời xây dựng xã, phường, thị trấn điển hình về phong trào toàn dân bảo vệ an "
                  "ninh Tổ quốc",
            version=__version__,
            legal_basis=(
                "Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ trưởng Bộ Công an ban hành Bộ tiêu chí tạm "
                "thời xây dựng xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục điển hình về phong trào "
                "toàn dân bảo vệ an ninh Tổ quốc (Phụ lục I)",
            ),
            unit_kinds=("xa", "phuong", "thi_tran"),
            subject="xã, phường, thị trấn",
            groups=GROUPS,
            criteria=CRITERIA,
        )
    ]


@hookimpl
def antq_eligibility_checks():
    return list(ELIGIBILITY)
