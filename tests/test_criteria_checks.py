"""The building blocks of checks (antq_tui.checks): the phrases users read and the edge cases."""

from __future__ import annotations

import datetime as dt

import pytest

from antq_tui import Verdict, checks


@pytest.mark.parametrize(
    ("numerator", "denominator", "threshold", "text"),
    [
        (3, 42, 5, "7,1%"),
        (2, 40, 5, "5%"),  # exactly the threshold reads as the threshold
        (99, 2000, 5, "4,95%"),  # one decimal would print "5%" for a fall that misses 5%
        (1, 67, 1.5, "1,49%"),
        (3, 200, 1.5, "1,5%"),
        (9999, 10000, 100, "99,99%"),
    ],
)
def test_percent_text_never_rounds_onto_the_threshold(numerator, denominator, threshold, text):
    assert checks.percent_text(numerator, denominator, threshold=threshold) == text


def test_suggest_lists_only_the_parts_not_met():
    result = checks.suggest(checks.zero(0, "tụ điểm"), checks.at_least(1, 2, "lượt giấy khen"))
    assert result.verdict == Verdict.KHONG_DAT
    assert result.reason == "1 lượt giấy khen, chưa đạt ít nhất 02"


def test_contradictory_figures_ask_for_a_second_look_rather_than_a_verdict():
    result = checks.suggest(checks.zero(0, "tụ điểm"), checks.all_of(11, 10, "thôn được kiểm tra"))
    assert result.verdict == Verdict.CHUA_DU
    assert "11 lớn hơn tổng số 10" in result.reason


def test_all_of_nothing_to_cover_is_met_with_the_given_phrase():
    part = checks.all_of(0, 0, "cơ sở có hồ sơ", none="không có cơ sở thuộc diện quản lý")
    assert part == checks.Part(True, "không có cơ sở thuộc diện quản lý")


@pytest.mark.parametrize(("day", "ok"), [(dt.date(2024, 1, 1), True), (dt.date(2024, 3, 31), True),
                                         (dt.date(2024, 4, 1), False), (dt.date(2023, 12, 31), False)])
def test_in_quarter_edges(day, ok):
    assert checks.in_quarter(day, 1, "nghị quyết").ok is ok


def test_rank_at_least_wording_for_top_and_middle_minimums():
    scale = ("Xuất sắc", "Khá", "Trung bình", "Yếu")
    assert checks.rank_at_least("Khá", scale, "Xuất sắc", "phân loại").text == "phân loại “Khá”, chưa đạt “Xuất sắc”"
    assert checks.rank_at_least("Khá", scale, "Khá", "phân loại").text == "phân loại “Khá” (từ “Khá” trở lên)"
    assert checks.rank_at_least("Trung bình", scale, "Khá", "phân loại").ok is False


def test_to_weigh_leaves_a_case_to_the_team_and_a_clean_record_plain():
    flagged = checks.to_weigh(checks.zero(1, "người bị kỷ luật"), note="đoàn xem xét")
    assert (flagged.verdict, flagged.judgement) == (Verdict.KHONG_DAT, True)
    assert flagged.reason == "có 1 người bị kỷ luật — đoàn xem xét"
    clean = checks.to_weigh(checks.zero(0, "người bị kỷ luật"))
    assert (clean.verdict, clean.judgement, clean.reason) == (Verdict.DAT, False, "không có người bị kỷ luật")
