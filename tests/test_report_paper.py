"""The district report (antq report): one line per criterion of each unit with what supports the verdict,
the Bắc Yên plan's narrative sections (prefilled from the minutes, edited, saved per year and period),
the sơ kết 6 tháng beside the year — on paper (HTML, PDF, Word) and in the TUI."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from demo_fixture import demo_template, demo_workspace
from tui_helpers import run_async, settle

from antq_tui.cli.main import main

SIZE = (80, 24)


def run(config: Path, *args: str, code: int = 0):
    result = CliRunner().invoke(main, ["--config", str(config), *args], catch_exceptions=False)
    assert result.exit_code == code, result.output + result.stderr
    return result


def paper_text(path: Path) -> str:
    """What a reader sees of an HTML paper: its text, tags and styles gone, spaces collapsed."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<style.*?</style>|<title>.*?</title>", " ", text, flags=re.S)
    text = re.sub(r"</?(b|i|em|strong|span)\b[^>]*>", "", text)  # inline: no space of their own
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def report_html(config: Path, *args: str) -> str:
    out = config.parent / "bc.html"
    run(config, "report", "--year", "2023", "--html", "--out", str(out), *args)
    return paper_text(out)


def test_the_report_names_every_criterion_of_each_unit_with_its_figures_records_and_remark(demo_workspace):
    text = report_html(demo_workspace)
    assert "Tiêu chí đạt" not in text  # never the group's numbers in a list
    school, commune = text.split("1.1. Trường PTDT nội trú", 1)[1].split("2.1. Xã Phiêng Ban", 1)
    for n in range(1, 15):
        assert f"- Tiêu chí {n} (" in school
    for n in range(1, 35):
        assert f"- Tiêu chí {n} (" in commune
    line18 = commune.split("- Tiêu chí 18 (", 1)[1].split("- Tiêu chí 19 (", 1)[0]
    assert "): Đạt. Giảm 7,1% (42 → 39 vụ)." in line18
    assert "Hồ sơ kiểm chứng: Báo cáo thống kê số vụ phạm tội" in line18 and "(số 109/BC-CAX ngày 30/09/2023)" in line18
    assert "Nhận xét: 9 tháng năm 2023 xảy ra 39 vụ" in line18
    line6 = school.split("- Tiêu chí 6 (", 1)[1].split("- Tiêu chí 7 (", 1)[0]
    assert "): Không đạt. 2/3 người" in line6 and "Nhận xét: Mới có 2/3 người" in line6


def test_the_report_has_the_plans_sections_drawn_from_the_minutes(demo_workspace):
    text = report_html(demo_workspace)
    order = ["I. KẾT QUẢ CHUNG", "Kết quả công tác tuyên truyền", "II. KẾT QUẢ TỪNG TIÊU CHÍ CỦA TỪNG ĐƠN VỊ",
             "III. TỔNG HỢP THEO TIÊU CHÍ", "NHẬN XÉT, ĐÁNH GIÁ", "1. Ưu điểm", "2. Tồn tại, hạn chế và nguyên nhân",
             "3. Bài học kinh nghiệm", "KIẾN NGHỊ, ĐỀ XUẤT", "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"]
    at = [text.index(h) for h in order]
    assert at == sorted(at)
    strengths = text[text.index("1. Ưu điểm"):text.index("2. Tồn tại")]
    assert "- Xã Phiêng Ban: Đảng ủy, UBND xã Phiêng Ban quan tâm lãnh đạo" in strengths
    assert "- Xã Phiêng Ban: Tội phạm về ma túy vẫn chiếm tỷ lệ cao" in text
    assert "công tác tuyên truyền còn hạn chế do địa hình chia cắt" in text[:text.index("II. KẾT QUẢ TỪNG")]
    assert "- Xã Phiêng Ban: Đề nghị Đảng ủy, UBND xã tiếp tục duy trì" in text
    lessons = text[text.index("3. Bài học kinh nghiệm"):text.index("KIẾN NGHỊ, ĐỀ XUẤT")]
    assert "……" in lessons  # the office's own: dotted lines to write in by hand
    assert "khắc phục 1 tiêu chí chưa đạt" in text.split("PHƯƠNG HƯỚNG", 1)[1]


def test_edited_sections_round_trip_through_a_toml_file_and_are_kept_as_the_draft(demo_workspace):
    sections = demo_workspace.parent / "noi_dung.toml"
    out = run(demo_workspace, "report", "--year", "2023", "--write-sections", str(sections)).output
    assert "Sửa tệp rồi in: antq report --year 2023 --period nam --sections" in out
    toml = sections.read_text(encoding="utf-8")
    assert "# Bài học kinh nghiệm" in toml and "Xã Phiêng Ban: Đảng ủy" in toml
    sections.write_text(toml.replace('bai_hoc = """\n', 'bai_hoc = """\nBám sát cơ sở, kiểm chứng hồ sơ tại chỗ.\n'),
                        encoding="utf-8")
    again = run(demo_workspace, "report", "--year", "2023", "--write-sections", str(sections), code=1)
    assert "antq không ghi đè" in again.stderr  # the file being edited is never overwritten
    text = report_html(demo_workspace, "--sections", str(sections))
    assert "3. Bài học kinh nghiệm Bám sát cơ sở, kiểm chứng hồ sơ tại chỗ." in text
    # kept as the draft: the next report without the file prints it too
    assert "Bám sát cơ sở, kiểm chứng hồ sơ tại chỗ." in report_html(demo_workspace)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace('ky = "nam"', 'ky = "6thang"'), "là của báo cáo sơ kết 6 tháng đầu năm 2023, không phải"),
    (lambda t: t + '\nghi_chu = "x"\n', "phần antq không biết: “ghi_chu”"),
    (lambda t: t.replace('bai_hoc = """\n"""', 'bai_hoc = """\n'), "không đúng cú pháp TOML"),
])
def test_a_sections_file_for_another_period_or_malformed_is_refused_in_vietnamese(demo_workspace, edit, message):
    sections = demo_workspace.parent / "nd.toml"
    run(demo_workspace, "report", "--year", "2023", "--write-sections", str(sections))
    sections.write_text(edit(sections.read_text(encoding="utf-8")), encoding="utf-8")
    result = run(demo_workspace, "report", "--year", "2023", "--sections", str(sections), code=1)
    assert message in result.stderr and "Traceback" not in result.output


def test_the_six_month_report_counts_visits_to_30_june_and_says_its_period(demo_workspace):
    text = report_html(demo_workspace, "--period", "6thang")
    assert "Sơ kết kết quả kiểm tra, thẩm định" in text and "6 tháng đầu năm 2023" in text
    assert "(Từ ngày 01/01/2023 đến ngày 30/06/2023)" in text
    assert "Xã Phiêng Ban" not in text  # its visit was in October
    assert "Không có cuộc kiểm tra nào đã hoàn thành trong 6 tháng đầu năm 2023." in text
    assert "Không có số liệu trong 6 tháng đầu năm 2023." in text
    year = report_html(demo_workspace)
    assert "Tổng kết kết quả kiểm tra" in year and "(Từ ngày 01/01/2023 đến ngày 31/12/2023)" in year
    bad = run(demo_workspace, "report", "--period", "quy3", code=1)
    assert "Không hiểu kỳ báo cáo “quy3”" in bad.stderr


def test_the_six_month_report_has_its_own_file_name_and_word_version(demo_workspace):
    from docx import Document

    out = run(demo_workspace, "report", "--year", "2023", "--period", "6thang", "--docx").output
    path = Path(out.strip().rsplit(": ", 1)[1])
    assert path.name == "BaoCao_2023_6thang.docx"
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Sơ kết kết quả kiểm tra" in text and "(Từ ngày 01/01/2023 đến ngày 30/06/2023)" in text
    assert "3. Bài học kinh nghiệm" in text and "Không có số liệu trong 6 tháng đầu năm 2023." in text


def test_in_the_tui_b_opens_the_sections_prefilled_and_ctrl_s_keeps_the_edit(demo_workspace):
    from textual.widgets import TextArea

    from antq_tui.tui.app import AntqApp

    @run_async
    async def scenario() -> None:
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("t")
            await pilot.pause()
            screen = app.screen
            screen.year = 2023
            await pilot.press("b")
            await settle(app, pilot)
            assert type(app.screen).__name__ == "ReportSectionsScreen"
            assert "Báo cáo tổng kết năm 2023" in app.screen.sub_title
            strengths = app.screen.query_one("#uu_diem", TextArea)
            assert "Xã Phiêng Ban: Đảng ủy" in strengths.text
            lessons = app.screen.query_one("#bai_hoc", TextArea)
            lessons.focus()
            await pilot.press(*"Sat co so")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("ctrl+t")  # to the sơ kết: its own draft, nothing from the year's
            await settle(app, pilot)
            assert "Báo cáo sơ kết 6 tháng đầu năm 2023" in app.screen.sub_title
            assert app.screen.query_one("#bai_hoc", TextArea).text == ""
            await pilot.press("ctrl+t")
            await settle(app, pilot)
            assert app.screen.query_one("#bai_hoc", TextArea).text == "Sat co so"
            app.screen.query_one("#kien_nghi", TextArea).load_text("Đề nghị huyện hỗ trợ kinh phí.")
            await pilot.press("escape")  # leaving saves what was typed
            await pilot.pause()
            assert type(app.screen).__name__ == "StatsScreen"

    scenario()
    text = report_html(demo_workspace)
    assert "3. Bài học kinh nghiệm Sat co so" in text
    assert "Đề nghị huyện hỗ trợ kinh phí." in text
    assert "- Xã Phiêng Ban: Đề nghị Đảng ủy" not in text  # the office's text replaced antq's


@pytest.mark.parametrize(("visit", "counted"), [((2023, 6, 30), True), ((2023, 7, 1), False), ((2023, 1, 1), True)])
def test_the_six_month_report_takes_the_visits_of_01_01_to_30_06(demo_workspace, visit, counted):
    import datetime as dt

    from antq_tui.office.report_paper import PERIODS, for_period, prefilled_sections
    from antq_tui.services import Context, office
    from antq_tui.workspace import Workspace

    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx:
        data = office.statistics(ctx, 2023, whole=True)
    (commune,) = [i for i in data.inspections if i.unit.name == "Xã Phiêng Ban"]
    commune.visit_date = dt.date(*visit)
    half = for_period(data, PERIODS["6thang"])
    assert ("Xã Phiêng Ban" in [u.unit for s in half.stats.sections for u in s.units]) is counted
    assert ("Xã Phiêng Ban: Đảng ủy" in prefilled_sections(half)["uu_diem"]) is counted


def test_the_pdf_report_prints_the_criteria_lines_and_the_sections(demo_workspace):
    from pypdf import PdfReader

    out = demo_workspace.parent / "bc.pdf"
    message = run(demo_workspace, "report", "--year", "2023", "--out", str(out)).output
    if "HTML" in message:
        pytest.skip("WeasyPrint cannot run here")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(out)).pages).split())
    assert "Tiêu chí 18 (" in text and "42 → 39 vụ" in text
    assert "Bài học kinh nghiệm" in text and "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in text
    assert "còn để trống “Bài học kinh nghiệm”" in message  # the office is told what is still to write


def test_a_verdict_against_the_check_says_the_figures_are_a_comparison(demo_workspace):
    from antq_tui.criteria import Verdict
    from antq_tui.office.report_paper import criterion_line
    from antq_tui.services import Context, office
    from antq_tui.workspace import Workspace

    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx:
        data = office.statistics(ctx, 2023, whole=True)
    (commune,) = [i for i in data.inspections if i.unit.name == "Xã Phiêng Ban"]
    assert criterion_line(commune, 18)["support"][0] == "Giảm 7,1% (42 → 39 vụ)."
    commune.answer(18).verdict = Verdict.KHONG_DAT
    line = criterion_line(commune, 18)
    assert line["verdict"] == "Không đạt"
    assert line["support"][0].startswith("Đối chiếu số liệu: Đạt — giảm 7,1% (42 → 39 vụ)")


def test_ctrl_n_puts_back_the_text_drawn_from_the_minutes_and_ctrl_z_the_offices(demo_workspace):
    from textual.widgets import TextArea

    from antq_tui.tui.app import AntqApp
    from antq_tui.tui.screens.report_sections import ReportSectionsScreen

    @run_async
    async def scenario() -> None:
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            app.push_screen(ReportSectionsScreen(2023))
            await settle(app, pilot)
            area = app.screen.query_one("#uu_diem", TextArea)
            antq_text = area.text
            area.load_text("Văn phòng viết lại.")
            area.focus()
            await pilot.press("ctrl+n")
            await pilot.pause()
            assert area.text == antq_text
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert area.text == "Văn phòng viết lại."

    scenario()


def test_while_the_sections_are_read_nothing_can_be_typed_or_saved_over_the_offices_draft(demo_workspace, monkeypatch):
    import threading

    from textual.widgets import TextArea

    from antq_tui.services import Context, office
    from antq_tui.tui.app import AntqApp
    from antq_tui.tui.screens.report_sections import ReportSectionsScreen
    from antq_tui.workspace import Workspace

    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx:  # the office's draft
        office.save_report_sections(ctx, 2023, None, {"bai_hoc": "Bản nháp của văn phòng."})
    release = threading.Event()
    read = office.report_data

    def slow(*args, **kwargs):  # a province's year: the read takes a while
        release.wait(10)
        return read(*args, **kwargs)

    monkeypatch.setattr(office, "report_data", slow)

    @run_async
    async def scenario() -> None:
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            app.push_screen(ReportSectionsScreen(2023))
            await pilot.pause()
            screen = app.screen
            assert "Đang soạn nội dung" in str(screen.query_one("#report-status").render())
            lessons = screen.query_one("#bai_hoc", TextArea)
            assert lessons.read_only
            lessons.focus()
            await pilot.press(*"xyz", "ctrl+s")  # typed while reading: refused, and nothing saved
            await pilot.pause()
            assert lessons.text == ""
            assert any("Đang soạn nội dung" in n.message for n in app._notifications)
            release.set()
            await settle(app, pilot)
            assert lessons.text == "Bản nháp của văn phòng." and not lessons.read_only
            await pilot.press("end", *" Thêm.")
            await pilot.press("escape")  # leaving saves what was typed once it was in
            await settle(app, pilot)

        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:  # leaving while it reads saves nothing
            await settle(app, pilot)
            release.clear()
            app.push_screen(ReportSectionsScreen(2023))
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            release.set()
            await settle(app, pilot)

    scenario()
    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx:
        saved, _ = ctx.store.report_sections(2023, "nam")
    assert saved["bai_hoc"] == "Bản nháp của văn phòng. Thêm."
