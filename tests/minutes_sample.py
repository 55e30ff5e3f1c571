"""Inspections to render: a realistic commune visit built generically over any criteria set, and a
synthetic 34-criterion set (the size of the ministry's set for xã, phường, thị trấn).

Used by the minutes tests and by scripts/bench_minutes.py. Nothing here depends on storage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from antq_tui.config import Member
from antq_tui.criteria import CriteriaSet, Criterion, EligibilityCheck, Field, Group, Suggestion, Verdict
from antq_tui.inspection import (
    STATUS_DRAFT,
    STATUS_FINALIZED,
    Answer,
    EligibilityAnswer,
    EvidenceSeen,
    Inspection,
    Unit,
)
from antq_tui.registry import load_registry

REPO = Path(__file__).resolve().parent.parent

TEAM = [
    Member("Lò Văn Thành", "Thượng tá", "Phó Trưởng Công an huyện", "truong_doan"),
    Member("Hà Văn Dũng", "Trung tá", "Đội trưởng Đội Tổng hợp", "pho_truong_doan"),
    Member("Vì Văn Nam", "Đại úy", "Cán bộ Đội Tổng hợp", "thanh_vien"),
    Member("Cầm Thị Hoa", "Thượng úy", "Cán bộ Đội Tổng hợp", "thu_ky"),
]
REPRESENTATIVES = [
    Member("Lường Văn Khánh", "", "Chủ tịch Ủy ban nhân dân xã"),
    Member("Quàng Văn Tâm", "", "Trưởng Công an xã"),
]

GROUP_TITLES = [
    "Công tác lãnh đạo của cấp ủy Đảng, chính quyền xã, phường, thị trấn",
    "Công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc",
    "Công tác bảo đảm an ninh, trật tự",
    "Công an xã, thị trấn",
]
TEXTS = [
    "Tổ chức quán triệt, triển khai thực hiện đầy đủ, hiệu quả các chủ trương của Đảng, chính sách pháp "
    "luật của Nhà nước về công tác bảo đảm an ninh, trật tự và xây dựng phong trào toàn dân bảo vệ an ninh "
    "Tổ quốc đến các ban, ngành, đoàn thể, thôn, bản trên địa bàn.",
    "Hằng năm, cấp ủy ban hành nghị quyết, chính quyền ban hành kế hoạch về công tác bảo đảm an ninh, trật "
    "tự và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc; định kỳ sơ kết, tổng kết, rút kinh nghiệm.",
    "Số vụ phạm pháp hình sự trên địa bàn giảm so với năm trước; không để xảy ra trọng án, tội phạm có tổ "
    "chức, hoạt động theo kiểu “xã hội đen”.",
    "Duy trì hiệu quả hoạt động của các mô hình tự quản, tự phòng, tự bảo vệ, tự hòa giải ở cơ sở; có ít "
    "nhất một mô hình được cấp huyện trở lên đánh giá điển hình.",
]
EVIDENCE = [
    ("Nghị quyết của Đảng ủy xã", "Kế hoạch của Ủy ban nhân dân xã"),
    ("Báo cáo sơ kết, tổng kết", "Biên bản hội nghị"),
    ("Sổ theo dõi tình hình an ninh, trật tự", "Báo cáo thống kê của Công an xã"),
    ("Quyết định thành lập mô hình", "Báo cáo kết quả hoạt động của mô hình"),
]
CRIMES = (
    Field("nam_truoc", "Số vụ phạm pháp hình sự năm trước", unit="vụ"),
    Field("nam_nay", "Số vụ phạm pháp hình sự năm nay", unit="vụ"),
)


def _crime_check(inputs) -> Suggestion:
    before, after = inputs["nam_truoc"], inputs["nam_nay"]
    if after < before:
        return Suggestion.dat(f"giảm {before - after} vụ ({before} → {after} vụ)")
    return Suggestion.khong_dat(f"không giảm ({before} → {after} vụ)")


def synthetic_set(n: int = 34) -> CriteriaSet:
    """A set shaped like the ministry's: four groups, full-length texts, two or three records each,
    a check with figures on some criteria, and one criterion amended by a province plugin."""
    groups = tuple(Group(f"nhom_{i + 1}", GROUP_TITLES[i]) for i in range(4))
    criteria = []
    for number in range(1, n + 1):
        k = (number - 1) % 4
        with_check = k == 2
        criteria.append(
            Criterion(
                number=number,
                group=groups[min((number - 1) * 4 // n, 3)].id,
                text=TEXTS[k],
                evidence=EVIDENCE[k] + (("Hình ảnh, tài liệu tuyên truyền",) if number % 5 == 0 else ()),
                fields=CRIMES if with_check else (),
                check=_crime_check if with_check else None,
                source="bo_thu",
            )
        )
    amended = 7 if n >= 7 else 1
    criteria[amended - 1] = dataclasses.replace(
        criteria[amended - 1],
        text=criteria[amended - 1].text + " Riêng năm đầu xây dựng phải có ít nhất hai mô hình.",
        amended_by=("tinh_son_la",),
        amendments=("tinh_son_la: sửa nội dung. Quyết định số 123/QĐ-UBND của UBND tỉnh",),
    )
    return CriteriaSet(
        id="bo_thu",
        title="Bộ tiêu chí tạm thời xây dựng xã, phường, thị trấn điển hình về phong trào toàn dân bảo vệ "
        "an ninh Tổ quốc",
        version="1.0",
        legal_basis=("Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ trưởng Bộ Công an",),
        unit_kinds=("xa", "phuong", "thi_tran"),
        groups=groups,
        criteria=tuple(criteria),
        subject="xã, phường, thị trấn",
        plugin="bo_thu",
    )


def official_set(set_id: str = "xa") -> CriteriaSet:
    return load_registry([REPO / "plugins"], entry_points=False).get_set(set_id)


ELIGIBILITY = [
    EligibilityCheck("an_toan_antt", "An toàn về an ninh, trật tự năm trước",
                     "Năm trước liền kề được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”."),
    EligibilityCheck("phan_loai_kha", "Phân loại phong trào năm trước đạt Khá trở lên",
                     "Phong trào toàn dân bảo vệ an ninh Tổ quốc năm trước được phân loại Khá trở lên.",
                     fields=(Field("xep_loai", "Xếp loại năm trước", type="choice",
                                   choices=("Xuất sắc", "Khá", "Trung bình", "Yếu")),)),
    EligibilityCheck("khong_ky_luat", "Không có tập thể, cá nhân bị kỷ luật",
                     "Không có tập thể, cá nhân bị xử lý kỷ luật từ hình thức cảnh cáo trở lên."),
]


def sample_inspection(
    cset: CriteriaSet,
    *,
    finalized: bool = False,
    failed: tuple[int, ...] = (),
    eligible: bool = True,
    unit_name: str = "Xã Phiêng Ban",
) -> Inspection:
    """A whole visit: every criterion answered with records seen (numbers, dates), the unit's own
    assessment, the team's verdict (đạt except ``failed``), remarks, figures for criteria with fields."""
    answers = {}
    for i, c in enumerate(cset.criteria):
        evidence = []
        for j, item in enumerate(c.evidence):
            seen = not (c.number in failed and j == len(c.evidence) - 1)
            evidence.append(
                EvidenceSeen(
                    item=item,
                    seen=seen,
                    number=f"{10 + i}/KH-UBND" if seen and j == 0 else "",
                    date=dt.date(2023, 1 + (i % 9), 10 + j) if seen else None,
                )
            )
        inputs = {}
        if c.fields:
            inputs = {f.id: (42 if f.id.endswith("truoc") else 39) for f in c.fields if f.type == "integer"}
        verdict = Verdict.KHONG_DAT if c.number in failed else Verdict.DAT
        answers[c.number] = Answer(
            number=c.number,
            self_assessment=Verdict.DAT,
            verdict=verdict,
            inputs=inputs,
            suggestion=c.suggest(inputs) if c.check else None,
            evidence=evidence,
            remark="Chưa xuất trình đủ hồ sơ kiểm chứng." if verdict == Verdict.KHONG_DAT else
            ("Hồ sơ lưu đầy đủ, khoa học." if i % 3 == 0 else ""),
        )
    elig = {
        "an_toan_antt": EligibilityAnswer("an_toan_antt", decision=Verdict.DAT,
                                          remark="Quyết định số 45/QĐ-UBND ngày 20/12/2022 của UBND huyện."),
        "phan_loai_kha": EligibilityAnswer("phan_loai_kha", inputs={"xep_loai": "Khá"},
                                           suggestion=Suggestion.dat("xếp loại Khá: đạt mức Khá trở lên")),
        "khong_ky_luat": EligibilityAnswer("khong_ky_luat", decision=Verdict.DAT if eligible else Verdict.KHONG_DAT),
    }
    return Inspection(
        id="7f0c8a52-2c1e-4d7e-9a55-000000000001",
        unit=Unit("u-1", unit_name, "xa", "Bắc Yên", "Sơn La"),
        year=2023,
        criteria=cset,
        eligibility_checks=list(ELIGIBILITY),
        status=STATUS_FINALIZED if finalized else STATUS_DRAFT,
        visit_date=dt.date(2023, 10, 12),
        place="Hội trường Ủy ban nhân dân xã Phiêng Ban",
        start_time="08:00",
        end_time="11:30",
        team=list(TEAM),
        representatives=list(REPRESENTATIVES),
        answers=answers,
        eligibility=elig,
        strengths="Cấp ủy, chính quyền xã quan tâm lãnh đạo, chỉ đạo; hồ sơ lưu trữ khoa học.\n"
        "Các mô hình tự quản ở thôn, bản hoạt động thường xuyên, hiệu quả.",
        shortcomings="Một số báo cáo chưa ghi rõ số liệu so sánh với năm trước.",
        recommendations="Tiếp tục duy trì các mô hình; bổ sung số liệu so sánh trong báo cáo tổng kết.",
        conclusion="Qua kiểm tra, thẩm định, Đoàn kiểm tra thống nhất đánh giá kết quả như trên.",
        minutes_number="15" if finalized else "",
    )
