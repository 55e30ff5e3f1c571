"""Before the visit: the records-to-prepare list and the unit's self-assessment form, as the office uses them."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from demo_fixture import PHIENG_BAN_2023, demo_template, demo_workspace
from openpyxl import Workbook, load_workbook
from tui_helpers import make_workspace, run_async, settle

from antq_tui.criteria import Verdict
from antq_tui.services import Context, ServiceError, previsit
from antq_tui.tui.app import AntqApp
from antq_tui.workspace import Workspace


def _new(config: Path, unit: str = "Xã Hồng Ngài") -> str:
    return run_json(config, "new", "--unit", unit, "--kind", "xa", "--year", "2024")["id"]


def _form(config: Path, iid: str, tmp_path: Path, name: str = "mau.xlsx") -> Path:
    out = tmp_path / name
    result = run(config, "self-assessment", "form", iid[:8], "--out", str(out))
    assert "Đã lập mẫu tự đánh giá của Xã " in result.stdout and "(năm 2024)" in result.stdout
    return out


def _fill(form: Path, dest: Path, *, verdicts=None, figures=None, records=None) -> Path:
    """Fill the form as the unit does in Excel: by criterion number and, for figures, field id."""
    wb = load_workbook(form)
    for row in wb["Tự đánh giá"].iter_rows(min_row=2):
        if row[0].value in (verdicts or {}):
            row[3].value, row[4].value = verdicts[row[0].value]
    for row in wb["Số liệu"].iter_rows(min_row=2):
        if (row[0].value, row[1].value) in (figures or {}):
            row[4].value = figures[(row[0].value, row[1].value)]
    for row in wb["Hồ sơ"].iter_rows(min_row=2):
        if (row[0].value, row[1].value) in (records or {}):
            row[3].value, row[4].value = records[(row[0].value, row[1].value)]
    wb.save(dest)
    return dest


def _answer(config: Path, iid: str, number: int):
    with Context.open(Workspace.open(config, entry_points=False)) as ctx:
        return ctx.store.get_inspection(iid).answer(number)


FILLED = dict(
    verdicts={1: ("Đạt", None), 2: ("không đạt", "Chưa kịp họp Đảng ủy quý I")},
    figures={(18, "crimes_previous_year"): 42, (18, "crimes_this_year"): 39},
    records={(1, 1): ("15-NQ/ĐU", dt.datetime(2024, 1, 5)), (1, 2): ("20/KH-UBND", "12/01/2024")},
)


def test_the_form_round_trips_into_a_new_inspection_as_the_units_declaration(demo_workspace, tmp_path):
    iid = _new(demo_workspace)
    filled = _fill(_form(demo_workspace, iid, tmp_path), tmp_path / "da_dien.xlsx", **FILLED)

    result = run(demo_workspace, "self-assessment", "import", iid[:8], str(filled))
    assert "3 tiêu chí có nội dung đơn vị khai" in result.stdout
    assert "Tiêu chí 1, hồ sơ 1: số 15-NQ/ĐU, ngày 05/01/2024" in result.stdout

    first, second, crimes = (_answer(demo_workspace, iid, n) for n in (1, 2, 18))
    assert first.self_assessment == Verdict.DAT and second.self_assessment == Verdict.KHONG_DAT
    assert (first.evidence[0].number, first.evidence[0].date) == ("15-NQ/ĐU", dt.date(2024, 1, 5))
    assert (first.evidence[1].number, first.evidence[1].date) == ("20/KH-UBND", dt.date(2024, 1, 12))
    assert not first.evidence[0].seen  # pre-filled, not verified: the team still ticks it on site
    assert first.verdict is None and crimes.inputs == {}  # the team's verdict and figures are the team's

    shown = run(demo_workspace, "self-assessment", "show", iid[:8]).stdout
    assert "Đơn vị khai Số vụ phạm tội về trật tự xã hội năm nay: 39 vụ" in shown
    assert "Hồ sơ 1 (đơn vị khai, chưa đối chiếu): số 15-NQ/ĐU, ngày 05/01/2024" in shown
    assert "Giải trình của đơn vị: Chưa kịp họp Đảng ủy quý I" in shown

    # once the team ticks the record as seen, it is no longer "the unit's"
    run(demo_workspace, "answer", iid[:8], "1", "--evidence", "1")
    assert "Hồ sơ 1 (đơn vị khai" not in run(demo_workspace, "self-assessment", "show", iid[:8]).stdout
    assert run(demo_workspace, "verify").exit_code == 0  # the import's audit rows chain like any change


def test_what_the_team_recorded_is_never_overwritten(demo_workspace, tmp_path):
    iid = _new(demo_workspace)
    run(demo_workspace, "answer", iid[:8], "1", "--self", "khong_dat", "--evidence", "1:99-NQ/ĐU:02/02/2024")
    filled = _fill(_form(demo_workspace, iid, tmp_path), tmp_path / "da_dien.xlsx", **FILLED)

    outcome = run_json(demo_workspace, "self-assessment", "import", iid[:8], str(filled))
    first = _answer(demo_workspace, iid, 1)
    assert first.self_assessment == Verdict.KHONG_DAT  # recorded by the team before: kept
    assert (first.evidence[0].number, first.evidence[0].seen) == ("99-NQ/ĐU", True)
    assert first.evidence[1].number == "20/KH-UBND"  # the record the team had not touched is pre-filled
    assert any("Tiêu chí 1: giữ phần tự đánh giá đã ghi" in line for line in outcome["kept"])
    assert any("Tiêu chí 1, hồ sơ 1: giữ số, ngày đoàn đã ghi" in line for line in outcome["kept"])


def test_a_corrected_form_replaces_what_the_first_one_prefilled(demo_workspace, tmp_path):
    iid = _new(demo_workspace)
    form = _form(demo_workspace, iid, tmp_path)
    run(demo_workspace, "self-assessment", "import", iid[:8], str(_fill(form, tmp_path / "a.xlsx", **FILLED)))
    corrected = dict(FILLED, verdicts={1: ("Không đạt", None)}, records={(1, 1): ("16-NQ/ĐU", "06/01/2024")})
    run(demo_workspace, "self-assessment", "import", iid[:8], str(_fill(form, tmp_path / "b.xlsx", **corrected)))
    first, second = _answer(demo_workspace, iid, 1), _answer(demo_workspace, iid, 2)
    assert first.self_assessment == Verdict.KHONG_DAT
    assert first.evidence[0].number == "16-NQ/ĐU" and first.evidence[1].number == ""
    assert second.self_assessment is None  # withdrawn by the corrected form


@pytest.mark.parametrize(("cells", "expected"), [
    ({"figures": {(18, "crimes_this_year"): "ba mươi"}},
     "Trang “Số liệu”, dòng {figure_row}, cột E: “Số vụ phạm tội về trật tự xã hội năm nay” cần một số nguyên"),
    ({"verdicts": {3: ("Tốt", None)}}, "Trang “Tự đánh giá”, dòng 4, cột D: “Tốt”: chỉ ghi “Đạt” hoặc “Không đạt”"),
    ({"records": {(1, 2): ("x", "31/02/2024")}}, "Trang “Hồ sơ”, dòng 3, cột E: Ngày 31/02/2024 không có"),
    ({"figures": {(18, "crimes_this_year"): -3}}, "phải từ 0 trở lên"),
])
def test_a_cell_that_does_not_read_refuses_the_whole_file_naming_sheet_row_and_column(demo_workspace, tmp_path,
                                                                                     cells, expected):
    iid = _new(demo_workspace)
    form = _form(demo_workspace, iid, tmp_path)
    figure_row = next(r[0].row for r in load_workbook(form)["Số liệu"].iter_rows(min_row=2)
                      if (r[0].value, r[1].value) == (18, "crimes_this_year"))
    bad = _fill(form, tmp_path / "sai.xlsx", **{**FILLED, **cells})
    result = run(demo_workspace, "self-assessment", "import", iid[:8], str(bad), expect=2)
    assert expected.format(figure_row=figure_row) in result.stderr
    assert _answer(demo_workspace, iid, 1).self_assessment is None  # nothing from the file was written
    assert "Chưa nhập mẫu tự đánh giá" in run(demo_workspace, "self-assessment", "show", iid[:8]).stdout


def test_foreign_files_are_refused_with_the_reason(demo_workspace, tmp_path):
    iid = _new(demo_workspace)
    other = _new(demo_workspace, "Xã Tạ Khoa")
    stranger = Workbook()
    stranger.active["A1"] = "Bảng lương"
    stranger.save(tmp_path / "la.xlsx")
    (tmp_path / "khong_phai.xlsx").write_text("không phải Excel", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "zip.xlsx", "w") as z:
        z.writestr("x.txt", "x")
    cases = {
        tmp_path / "la.xlsx": "không phải mẫu tự đánh giá do antq lập",
        tmp_path / "khong_phai.xlsx": "không phải tệp Excel (.xlsx) đọc được",
        tmp_path / "zip.xlsx": "không phải tệp Excel (.xlsx) đọc được",
        tmp_path / "khong_co.xlsx": "Không tìm thấy tệp",
        _form(demo_workspace, other, tmp_path, "khac.xlsx"): "mẫu lập cho cuộc kiểm tra khác (Xã Tạ Khoa, năm 2024",
    }
    for path, message in cases.items():
        result = run(demo_workspace, "self-assessment", "import", iid[:8], str(path), expect=2)
        assert message in result.stderr, (path.name, result.stderr)
        assert "Traceback" not in result.output


def test_a_finalized_inspection_takes_no_form(demo_workspace, tmp_path):
    form = tmp_path / "m.xlsx"
    run(demo_workspace, "self-assessment", "form", PHIENG_BAN_2023[:8], "--out", str(form))
    result = run(demo_workspace, "self-assessment", "import", PHIENG_BAN_2023[:8], str(form), expect=2)
    assert "đã hoàn thành" in result.stderr


def test_the_records_list_names_each_criterions_records_and_figures(tmp_path):
    config = make_workspace(tmp_path)  # a province plugin adds criterion 900 with its own records
    iid = run_json(config, "new", "--unit", "Xã Hồng Ngài", "--kind", "xa", "--year", "2024")["id"]
    out = tmp_path / "ds.html"
    result = run(config, "prepare-list", iid[:8], "--html", "--out", str(out))
    assert "Đã xuất danh mục hồ sơ cần chuẩn bị" in result.stdout
    page = out.read_text(encoding="utf-8")
    assert "DANH MỤC HỒ SƠ, TÀI LIỆU ĐƠN VỊ CẦN CHUẨN BỊ" in page and "Xã Hồng Ngài" in page
    with Context.open(Workspace.open(config, entry_points=False)) as ctx:
        criteria = ctx.store.get_inspection(iid).criteria
    for c in criteria.criteria:
        for item in c.evidence:
            assert item.replace("“", "&#8220;").replace("”", "&#8221;") in page or item in page, (c.number, item)
    assert "Báo cáo thống kê tội phạm" in page and "Số vụ năm nay (vụ)" in page  # the province's criterion
    assert "(thêm)" in page
    whole_set = tmp_path / "chung.html"
    run(config, "prepare-list", "--set", "xa", "--year", "2025", "--html", "--out", str(whole_set))
    assert "năm 2025" in whole_set.read_text(encoding="utf-8")
    assert "Các bộ đang có" in run(config, "prepare-list", "--set", "khong_co", expect=2).stderr


@run_async
async def test_the_walk_shows_what_the_unit_declared_until_the_team_verifies_it(demo_workspace, tmp_path):
    iid = _new(demo_workspace)
    run(demo_workspace, "self-assessment", "import", iid[:8],
        str(_fill(_form(demo_workspace, iid, tmp_path), tmp_path / "d.xlsx", **FILLED)))
    app = AntqApp(demo_workspace, entry_points=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the newest inspection is first: Xã Hồng Ngài
        await settle(app, pilot)
        walk = app.screen
        assert walk.inspection.id == iid
        walk.select(18)
        await pilot.pause()
        shown = str(walk.box.declared_widget.render())
        assert "Đơn vị khai trước (chưa đối chiếu)" in shown and "năm nay: 39 vụ" in shown
        walk.select(3)
        await pilot.pause()
        assert not walk.box.declared_widget.display  # nothing declared for criterion 3


def test_the_service_refuses_without_an_inspection_or_a_set(demo_workspace):
    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx, pytest.raises(ServiceError) as exc:
        previsit.records_list(ctx)
    assert "--set" in str(exc.value)
