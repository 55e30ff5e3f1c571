"""The terminal tables: cells measured as a terminal shows them, long cells wrapped, nothing lost."""

from __future__ import annotations

from rich.cells import cell_len

from antq_tui.cli.tables import _wrap, table_lines, width


def test_width_counts_cells_as_the_terminal_does():
    samples = ["Đồng Văn", "Xã Phiêng Ban — “đạt”…", "Cơ quan Ư Ơ ă", "漢字 rộng", "e\u0301 (dấu rời)", "", "a\tb"]
    for text in samples:
        assert width(text) == cell_len(text), text
    assert width("漢字") == 4  # wide characters take two cells
    assert width("e\u0301") == 1  # a combining mark takes none


def test_wrap_keeps_every_word_in_order_and_within_the_width():
    text = "Tiêu chí về xây dựng, củng cố lực lượng nòng cốt ở cơ sở đạt yêu cầu " * 3
    lines = _wrap(text, 20)
    assert all(width(line) <= 20 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_a_word_longer_than_the_column_is_folded_not_cut():
    lines = _wrap("Phiêngbanphiêngbanphiêngban x", 10)
    assert lines == ["Phiêngbanp", "hiêngbanph", "iêngban x"]


def test_a_short_cell_is_one_line_and_newlines_start_lines():
    assert _wrap("  Đạt  ", 20) == ["Đạt"]
    assert _wrap("dòng một\ndòng hai", 20) == ["dòng một", "dòng hai"]


def test_table_lines_align_columns_by_cells_with_wide_and_marked_text():
    lines = table_lines(["Tên", "Số"], [["漢字", "1"], ["Đồng", "22"], ["e\u0301e\u0301", "3"]], wrap=[0])
    body = lines[2:]
    assert [line.split()[-1] for line in body] == ["1", "22", "3"]
    columns = {width(line[:line.rindex(line.split()[-1])]) for line in body}
    assert len(columns) == 1, body  # the second column starts at the same cell on every row
