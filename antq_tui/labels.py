"""The Vietnamese labels of antq's fixed vocabularies, one table each, for every front end and document.

Keys are the ids stored in the database, typed on the command line and used by plugins; values are
what the user reads. Nothing here imports an antq module but :mod:`antq_tui.folding`, so any layer
may use it.
"""

from __future__ import annotations

from .folding import fold

#: The six kinds of unit the movement recognises, as ids (used in plugins, storage and the CLI).
UNIT_KINDS: dict[str, str] = {
    "xa": "Xã",
    "phuong": "Phường",
    "thi_tran": "Thị trấn",
    "co_quan": "Cơ quan",
    "doanh_nghiep": "Doanh nghiệp",
    "co_so_giao_duc": "Cơ sở giáo dục",
}

#: Verdicts (the team's decision, a unit's self-assessment, a check's suggestion), by stored value.
#: ``Verdict`` is a ``str`` enum, so ``VERDICT_LABELS[Verdict.DAT]`` works as well.
VERDICT_LABELS: dict[str, str] = {
    "dat": "Đạt",
    "khong_dat": "Không đạt",
    "chua_du": "Chưa đủ dữ liệu",
}

#: A criterion the team has not decided yet.
UNASSESSED_LABEL = "Chưa đánh giá"

#: Whether something is met (a condition, a group of criteria): True, False, or None (not known yet).
MET_LABELS: dict[bool | None, str] = {True: "Đạt", False: "Không đạt", None: "Chưa xác định"}

#: Whether a unit meets the eligibility conditions: True, False, or None (some have no result yet).
ELIGIBLE_LABELS: dict[bool | None, str] = {
    True: "Đủ điều kiện",
    False: "Không đủ điều kiện",
    None: "Chưa xác định",
}

#: The suggested conclusion of an inspection: whether the unit is recommended for recognition.
CONCLUSION_LABELS: dict[bool, str] = {True: "Đề nghị công nhận", False: "Chưa đề nghị công nhận"}

#: The status of an inspection, by stored value.
STATUS_LABELS: dict[str, str] = {"draft": "Đang kiểm tra", "finalized": "Đã hoàn thành"}

#: The roles in an inspection team, in the order the minutes list them.
ROLES: dict[str, str] = {
    "truong_doan": "Trưởng đoàn",
    "pho_truong_doan": "Phó Trưởng đoàn",
    "thanh_vien": "Thành viên",
    "thu_ky": "Thư ký",
}


def unit_kind_label(kind: str) -> str:
    """The Vietnamese label of a unit kind id ("thi_tran" → "Thị trấn"); an unknown id as it is."""
    return UNIT_KINDS.get(kind, kind)


def parse_unit_kind(text: str) -> str:
    """Accept an id or a label, with or without diacritics ("thị trấn", "thi tran", "thi_tran")."""
    key = fold(text).replace("_", " ").strip()
    for kind, label in UNIT_KINDS.items():
        if key in (fold(label), kind.replace("_", " ")):
            return kind
    raise ValueError(
        f"Loại đơn vị không hợp lệ: “{text}”. Chọn một trong: " + ", ".join(UNIT_KINDS.values())
    )
