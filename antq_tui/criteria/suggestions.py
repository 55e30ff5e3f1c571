"""Verdicts and suggestions: what a check answers, and the words a verdict reads as."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..folding import fold
from ..labels import VERDICT_LABELS


class Verdict(str, enum.Enum):
    """A verdict: the team's decision, a unit's self-assessment, or a check's suggestion."""

    DAT = "dat"
    KHONG_DAT = "khong_dat"
    #: only for suggestions: the inputs the check needs are not all there yet
    CHUA_DU = "chua_du"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.value]

    @classmethod
    def parse(cls, value: str | Verdict | None) -> Verdict | None:
        if value is None or value == "":
            return None
        if isinstance(value, Verdict):
            return value
        canonical = cls._value2member_map_.get(value)  # as stored: no folding (statistics parse thousands)
        if canonical is not None:
            return canonical  # type: ignore[return-value]
        key = fold(str(value)).replace(" ", "_")
        for verdict in cls:
            if key in (verdict.value, fold(verdict.label).replace(" ", "_")):
                return verdict
        raise ValueError(f"Kết quả không hợp lệ: “{value}” (đạt, không đạt hoặc chưa đủ dữ liệu)")


@dataclass(frozen=True)
class Suggestion:
    """What a check suggests. The team decides; this only helps.

    :param verdict: ``Verdict.DAT``, ``Verdict.KHONG_DAT`` or ``Verdict.CHUA_DU``.
    :param reason: one line of Vietnamese that shows the figures, e.g.
        "giảm 7,1% (42 → 39 vụ): đạt mức giảm ≥ 5%".
    :param judgement: True where the criterion leaves room for the team's judgement; the app then
        says "cần đoàn đánh giá" beside the suggestion.
    """

    verdict: Verdict
    reason: str
    judgement: bool = False

    @classmethod
    def dat(cls, reason: str, *, judgement: bool = False) -> Suggestion:
        return cls(Verdict.DAT, reason, judgement)

    @classmethod
    def khong_dat(cls, reason: str, *, judgement: bool = False) -> Suggestion:
        return cls(Verdict.KHONG_DAT, reason, judgement)

    @classmethod
    def chua_du(cls, reason: str = "chưa đủ dữ liệu để gợi ý") -> Suggestion:
        return cls(Verdict.CHUA_DU, reason, False)

    def to_json(self) -> dict[str, Any]:
        return {"verdict": self.verdict.value, "reason": self.reason, "judgement": self.judgement}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Suggestion | None:
        if not data:
            return None
        return cls(Verdict(data["verdict"]), str(data.get("reason", "")), bool(data.get("judgement")))


#: The signature of a check: the criterion's inputs (field id → parsed value, or None when empty).
#: A check may also take a keyword argument ``year`` (the inspection's year).
Check = Callable[..., Suggestion]
