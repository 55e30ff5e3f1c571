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


def test_wrapped_rows_of_wide_and_plain_text_keep_their_columns_aligned():
    long_wide = "漢字 " * 30  # wraps, two cells a character
    long_plain = "Xã Phiêng Ban huyện Bắc Yên " * 6  # wraps, one cell a character
    lines = table_lines(["Tên", "Ghi chú", "Số"], [[long_wide, long_plain, "1"], [long_plain, long_wide, "22"]],
                        wrap=[0, 1])
    body = [line for line in lines[2:] if line.strip()]
    assert len(body) > 4  # both rows wrapped over several lines
    assert all(width(line) <= 80 for line in lines)
    numbers = [line for line in body if line.split()[-1] in ("1", "22")]
    starts = {width(line[:line.rindex(line.split()[-1])]) for line in numbers}
    assert len(starts) == 1, body  # the last column starts at the same cell on both rows
    start = width(lines[0][:lines[0].index("Ghi chú")])

    def at_cell(line: str, cell: int) -> tuple[str, str]:
        n = 0
        for k, ch in enumerate(line):
            if n >= cell:
                return line[:k], line[k:]
            n += width(ch)
        return line, ""

    for line in body:  # every line's second cell starts exactly under its header, after the first's padding
        before, after = at_cell(line, start)
        assert width(before) == start and before.endswith(" ") and after[:1] not in ("", " "), line
