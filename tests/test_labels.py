"""One table per vocabulary: the model and the front ends read the same labels."""

from __future__ import annotations

import pytest

from antq_tui import labels
from antq_tui.criteria import (
    UNIT_KINDS,
    VERDICT_LABELS,
    Verdict,
    parse_unit_kind,
    unit_kind_label,
)


def test_the_criteria_package_gives_the_labels_module_tables():
    assert UNIT_KINDS is labels.UNIT_KINDS and VERDICT_LABELS is labels.VERDICT_LABELS


def test_verdict_labels_read_by_enum_or_by_stored_value():
    assert Verdict.DAT.label == VERDICT_LABELS[Verdict.DAT] == VERDICT_LABELS["dat"] == "Đạt"
    assert [v.label for v in Verdict] == ["Đạt", "Không đạt", "Chưa đủ dữ liệu"]
    assert Verdict.parse("không đạt") is Verdict.KHONG_DAT and Verdict.parse("chua du du lieu") is Verdict.CHUA_DU


def test_unit_kinds_parse_ids_and_labels_with_or_without_diacritics():
    assert unit_kind_label("thi_tran") == "Thị trấn" and unit_kind_label("khac") == "khac"
    assert parse_unit_kind("thị trấn") == parse_unit_kind("thi tran") == parse_unit_kind("thi_tran") == "thi_tran"
    with pytest.raises(ValueError, match="Loại đơn vị không hợp lệ"):
        parse_unit_kind("làng")


def test_every_label_is_nfc_vietnamese():
    import unicodedata

    tables = [labels.UNIT_KINDS, labels.VERDICT_LABELS, labels.MET_LABELS, labels.ELIGIBLE_LABELS,
              labels.CONCLUSION_LABELS, labels.STATUS_LABELS, labels.ROLES]
    for table in tables:
        for text in table.values():
            assert text == unicodedata.normalize("NFC", text) and text[0].isupper(), text
