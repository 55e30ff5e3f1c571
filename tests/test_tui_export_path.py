"""Export messages put the written file's name on a line of its own, its folder on the next."""

from pathlib import Path

from antq_tui.tui.screens.export import path_on_its_own_lines


def test_the_file_name_gets_its_own_line():
    path = Path("/tmp/mot thu muc/bao_cao/BieuThongKe_2023.pdf")
    out = path_on_its_own_lines(f"Đã xuất biểu thống kê ra tệp PDF: {path}", path)
    assert out.splitlines() == ["Đã xuất biểu thống kê ra tệp PDF:", "BieuThongKe_2023.pdf",
                                "(thư mục /tmp/mot thu muc/bao_cao)"]


def test_a_path_inside_a_sentence_ends_its_line_and_the_sentence_goes_on():
    path = Path("/x/BB.html")
    out = path_on_its_own_lines(f"Đã xuất ra tệp HTML để in: {path}. Mở tệp bằng trình duyệt.", path)
    assert out.splitlines() == ["Đã xuất ra tệp HTML để in:", "BB.html", "(thư mục /x)", "Mở tệp bằng trình duyệt."]
