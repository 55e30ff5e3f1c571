"""The text rules shared by the TUI, the store and the papers."""

from antq_tui.text import REMARK_MAX_CHARS, control_characters, escape_controls, text_problem


def test_escape_and_osc_sequences_are_refused_with_their_code_point():
    osc = "Xã A\x1b]0;pwned\x07"
    assert control_characters(osc) == ["\x1b", "\x07"]
    problem = text_problem(osc)
    assert problem is not None and "U+001B" in problem and "U+0007" in problem


def test_newlines_only_in_multiline_text():
    assert text_problem("dòng 1\ndòng 2", multiline=True) is None
    assert text_problem("dòng 1\ndòng 2") is not None


def test_bidi_override_is_refused_but_vietnamese_is_not():
    assert control_characters("Phiêng Ban\u202e") == ["\u202e"]
    assert text_problem("Trường THCS [cơ sở 2] Bắc Yên — Đạt 7,1 %") is None


def test_length_limit_names_both_lengths():
    problem = text_problem("a" * 2001, multiline=True, limit=2000)
    assert problem is not None and "2.001" in problem and "2.000" in problem
    assert text_problem("a" * REMARK_MAX_CHARS, multiline=True, limit=REMARK_MAX_CHARS) is None


def test_stored_controls_are_shown_escaped():
    assert escape_controls("A\x1bB") == "A\\u001bB"
    assert escape_controls("A\nB", multiline=True) == "A\nB"
