"""The minutes (biên bản): what a district officer reads in the PDF before signing it."""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
import io
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pypdf
import pytest
from conftest import REPO, write_workspace
from fontTools.ttLib import TTFont
from minutes_sample import REPRESENTATIVES, TEAM, official_set, sample_inspection, synthetic_set

from antq_tui.criteria import Criterion, Field, Suggestion, Verdict
from antq_tui.inspection import Answer, EvidenceSeen
from antq_tui.minutes.context import criterion_row, figures
from antq_tui.minutes.render import default_filename, export_minutes, render_html
from antq_tui.workspace import Workspace

A4 = (595.28, 841.89)


def _workspace(root: Path, **kwargs) -> Workspace:
    root.mkdir(parents=True, exist_ok=True)
    return Workspace.open(write_workspace(root, **kwargs), entry_points=False)


def _text(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _top_margin_texts(path: Path) -> list[list[str]]:
    """Per page, the words printed in the top margin (above 20 mm from the top edge)."""
    pages = []
    for page in pypdf.PdfReader(path).pages:
        found: list[str] = []
        top = float(page.mediabox.height) - 20 * 72 / 25.4

        def visit(text, cm, tm, font, size, found=found, top=top):
            y = tm[5] * cm[3] + cm[5] if cm else tm[5]
            if text.strip() and y > top:
                found.append(text.strip())

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def _squash(text: str) -> str:
    """Text as read, not as wrapped: line breaks after "-" or "/" (inside "15/KH-UBND") join up."""
    return re.sub(r"\s+", " ", re.sub(r"([-/])\n", r"\1", text))


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One draft (two criteria failed) and one final of a 34-criterion commune inspection."""
    root = tmp_path_factory.mktemp("ws")
    ws = _workspace(root)
    cset = synthetic_set(34)
    draft = export_minutes(ws, sample_inspection(cset, failed=(3, 18)))
    final = export_minutes(ws, sample_inspection(cset, finalized=True))
    return ws, cset, draft, final


def test_a_final_is_a_pdf_named_after_the_unit_and_date_in_the_data_folder(exported):
    ws, _, draft, final = exported
    assert final.format == "pdf" and not final.fallback
    assert final.path == ws.data_dir / "bien_ban" / "BB_xa-phieng-ban_2023-10-12.pdf"
    assert final.path.read_bytes().startswith(b"%PDF")
    # a draft never takes the final's name
    assert draft.path.name == "BB_xa-phieng-ban_2023-10-12_du-thao.pdf"
    assert "PDF" in final.message and str(final.path) in final.message
    import hashlib

    assert final.sha256 == hashlib.sha256(final.path.read_bytes()).hexdigest()


def test_pdf_text_has_every_criterion_the_team_and_intact_diacritics(exported):
    _, cset, _, final = exported
    pages = _text(final.path)
    text = "\n".join(pages)
    # each criterion's row starts with its number followed by its text
    for c in cset.criteria:
        first_words = r"\s+".join(re.escape(w) for w in c.text.split()[:3])  # justified: spaces vary
        assert re.search(rf"(^|\n){c.number}\s+{first_words}", text), c.number
    for m in TEAM + REPRESENTATIVES:
        assert m.name in _squash(text)
    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Phiêng Ban, ngày 12 tháng 10 năm 2023",
        "Số: 15/BB-ĐKT",
        "CÔNG AN HUYỆN BẮC YÊN",
        "BIÊN BẢN",
        "Quyết định số 9745/QĐ-BCA-V05",
        "Kiểm chứng các hồ sơ, tài liệu",
        "Hôm nay, vào hồi 08 giờ 00 phút, ngày 12/10/2023",
        "Biên bản kết thúc vào hồi 11 giờ 30 phút cùng ngày, đã đọc lại cho các thành viên cùng nghe, "
        "thống nhất ký tên; được lập thành 02 bản",
        "Đề nghị cấp có thẩm quyền xét, công nhận xã Phiêng Ban là xã điển hình về phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc năm 2023",
        "ĐẠI DIỆN XÃ PHIÊNG BAN",
        "THƯ KÝ",
        "TRƯỞNG ĐOÀN",
    ):
        assert words in _squash(text), words
    # page numbers from page 2, in the top margin
    tops = _top_margin_texts(final.path)
    assert tops[0] == []
    for i, top in enumerate(tops[1:], start=2):
        assert top == [str(i)], (i, top)


def test_records_seen_and_figures_and_amendments_are_in_the_table(exported):
    _, cset, draft, _ = exported
    text = _squash("\n".join(_text(draft.path)))
    # a record is cited as administrative texts cite one: số …, ngày … in brackets after it
    assert "Nghị quyết của Đảng ủy xã (số 10/KH-UBND ngày 10/01/2023)" in text
    # a record the unit did not show is listed as such under the failed criterion
    assert "Chưa xuất trình: Báo cáo thống kê của Công an xã" in text
    # criterion 3 was failed by the team although its figures pass: the check's verdict and the
    # figures it read are printed once, beside the team's remark
    assert "Chưa xuất trình đủ hồ sơ kiểm chứng. Đối chiếu số liệu: Đạt — giảm 3 vụ (từ 42 vụ xuống 39 vụ)" in text
    # the amended criterion says what was amended and why, never the plugin's Python id (this one has
    # no display name)
    assert "(sửa đổi nội dung. Quyết định số 123/QĐ-UBND của UBND tỉnh)" in text
    assert "tinh_son_la" not in text
    # group headings and counts
    for g in cset.groups:
        assert g.title in text
    assert "Tổng cộng 34 32 2" in text
    assert "Chưa đề nghị công nhận xã Phiêng Ban" in text
    assert "tiêu chí không đạt: 3, 18" in text


def test_the_page_is_a4_portrait(exported):
    _, _, draft, final = exported
    for path in (draft.path, final.path):
        for page in pypdf.PdfReader(path).pages:
            box = page.mediabox
            assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1


def _embedded_fonts(path: Path) -> dict[str, str]:
    """BaseFont → the PostScript name inside the embedded font program."""
    found = {}
    for page in pypdf.PdfReader(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = desc["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            found[str(font["/BaseFont"])] = program["name"].getDebugName(6)
    return found


def test_the_shipped_serif_is_embedded_and_no_other_font(exported):
    _, _, _, final = exported
    fonts = _embedded_fonts(final.path)
    assert fonts
    for base, postscript in fonts.items():
        assert "Liberation" in base
        assert postscript.startswith("LiberationSerif"), (base, postscript)
    assert {p for p in fonts.values()} >= {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}


def test_the_pdf_does_not_depend_on_the_laptops_fonts(tmp_path):
    """With fontconfig configured to see no font at all, the text is still there in Liberation Serif."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>',
        encoding="utf-8",
    )
    ws_root = tmp_path / "ws"
    ws_root.mkdir()
    write_workspace(ws_root)
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(REPO / "tests")!r})
        from minutes_sample import sample_inspection, synthetic_set
        from antq_tui.workspace import Workspace
        from antq_tui.minutes.render import export_minutes
        ws = Workspace.open({str(ws_root / "config.toml")!r}, entry_points=False)
        print(export_minutes(ws, sample_inspection(synthetic_set(4), finalized=True)).path)
        """
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    pdf = Path(done.stdout.strip().splitlines()[-1])
    assert all(p.startswith("LiberationSerif") for p in _embedded_fonts(pdf).values())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in _text(pdf)[0]


def test_a_draft_carries_the_mark_on_every_page_and_a_final_none(exported):
    _, _, draft, final = exported
    draft_pages = _text(draft.path)
    assert len(draft_pages) > 1
    for page in draft_pages:
        assert "DỰ THẢO" in page
    assert draft.draft and "dự thảo" in draft.message
    for page in _text(final.path):
        assert "DỰ THẢO" not in page
    assert not final.draft


def test_an_ineligible_unit_gets_a_clear_warning_and_no_proposal(tmp_path):
    ws = _workspace(tmp_path)
    inspection = sample_inspection(synthetic_set(4), eligible=False)
    html, _ = render_html(ws, inspection)
    text = _squash(re.sub(r"<[^>]+>", " ", html))
    assert "Không có tập thể, cá nhân bị kỷ luật: Không đạt" in text
    assert "chưa đáp ứng điều kiện xét công nhận (Không có tập thể, cá nhân bị kỷ luật)" in text
    assert "Chưa đề nghị công nhận xã Phiêng Ban" in text


def test_unanswered_parts_print_as_blanks_to_fill_by_hand(tmp_path):
    ws = _workspace(tmp_path)
    inspection = dataclasses.replace(
        sample_inspection(synthetic_set(4)), visit_date=None, start_time="", end_time="", answers={},
        strengths="", minutes_number="",
    )
    text = _squash(re.sub(r"<[^>]+>", " ", render_html(ws, inspection)[0]))
    assert "Phiêng Ban, ngày …… tháng …… năm ……" in text
    assert "Số: ……/BB-ĐKT" in text
    assert "vào hồi …… giờ …… phút" in text
    assert "còn 4 tiêu chí chưa đánh giá" in text


def test_the_official_set_renders_whatever_it_holds(tmp_path):
    ws = _workspace(tmp_path)
    cset = official_set("xa")
    result = export_minutes(ws, sample_inspection(cset, finalized=True), html=True)
    text = result.path.read_text(encoding="utf-8")
    for c in cset.criteria:
        assert re.search(rf'<td class="num">(<div[^>]*>)?{c.number}(</div>)?</td>', text), c.number
        assert c.text.split()[0] in text


def test_a_template_in_the_workspace_wins_over_a_plugins_which_wins_over_antqs(tmp_path):
    plugin_dir = tmp_path / "plugins_extra"
    (plugin_dir / "tinh_son_la" / "mau").mkdir(parents=True)
    (plugin_dir / "tinh_son_la" / "__init__.py").write_text(
        "from antq_tui import hookimpl\n\n@hookimpl\ndef antq_template_dirs():\n    return ['mau']\n",
        encoding="utf-8",
    )
    (plugin_dir / "tinh_son_la" / "mau" / "minutes_letterhead.html").write_text(
        "<div>UBND TỈNH SƠN LA (mẫu của plugin)</div>", encoding="utf-8"
    )
    (plugin_dir / "tinh_son_la" / "mau" / "minutes_signatures.html").write_text(
        "<div>CHỮ KÝ (mẫu của plugin)</div>", encoding="utf-8"
    )
    ws = _workspace(tmp_path / "ws", plugin_folders=[plugin_dir])
    inspection = sample_inspection(synthetic_set(4), finalized=True)
    html, _ = render_html(ws, inspection)
    assert "UBND TỈNH SƠN LA (mẫu của plugin)" in html and "CHỮ KÝ (mẫu của plugin)" in html
    assert "Độc lập - Tự do - Hạnh phúc" not in html

    ws.templates_dir.mkdir()
    (ws.templates_dir / "minutes_letterhead.html").write_text(
        "<div class='tinh'>CÔNG AN TỈNH SƠN LA — {{ issuing_parent }}</div>", encoding="utf-8"
    )
    result = export_minutes(ws, inspection)
    text = _squash("\n".join(_text(result.path)))
    assert "CÔNG AN TỈNH SƠN LA — CÔNG AN HUYỆN BẮC YÊN" in text  # the workspace's letterhead
    assert "(mẫu của plugin)" not in text.split("CHỮ KÝ")[0]  # not the plugin's letterhead
    assert "CHỮ KÝ (mẫu của plugin)" in text  # the plugin's signatures still apply
    assert "Kiểm tra, thẩm định kết quả xây dựng xã điển hình" in text  # the rest is antq's


def test_an_override_can_extend_antqs_template_and_replace_one_block(tmp_path):
    ws = _workspace(tmp_path)
    ws.templates_dir.mkdir()
    (ws.templates_dir / "minutes.html").write_text(
        '{% extends "antq/minutes.html" %}{% block opening %}<p>Mở đầu riêng của tỉnh.</p>{% endblock %}',
        encoding="utf-8",
    )
    html, _ = render_html(ws, sample_inspection(synthetic_set(4)))
    assert "Mở đầu riêng của tỉnh." in html
    assert "Hôm nay, vào hồi" not in html
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html


def test_text_typed_by_the_team_is_escaped(tmp_path):
    ws = _workspace(tmp_path)
    inspection = dataclasses.replace(sample_inspection(synthetic_set(4)), strengths="<b>Tốt</b> & đều")
    html, _ = render_html(ws, inspection)
    assert "&lt;b&gt;Tốt&lt;/b&gt; &amp; đều" in html


def test_without_weasyprints_libraries_the_html_is_written_and_the_message_says_so(tmp_path, monkeypatch):
    ws = _workspace(tmp_path)
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    for mod in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    result = export_minutes(ws, sample_inspection(synthetic_set(4), finalized=True))
    assert result.format == "html" and result.fallback
    assert result.path.name == "BB_xa-phieng-ban_2023-10-12.html"
    assert "thiếu thư viện hệ thống" in result.message and "HTML" in result.message
    assert "libpango" in result.message and str(result.path) in result.message
    html = result.path.read_text(encoding="utf-8")
    assert "BIÊN BẢN" in html and "size: A4 portrait" in html


def test_out_may_be_a_folder_or_a_file(tmp_path):
    ws = _workspace(tmp_path / "ws")
    inspection = sample_inspection(synthetic_set(4), finalized=True)
    folder = tmp_path / "usb"
    folder.mkdir()
    assert export_minutes(ws, inspection, folder, html=True).path == folder / default_filename(inspection, "html")
    assert export_minutes(ws, inspection, tmp_path / "bb.html", html=True).path == tmp_path / "bb.html"
    # asking for HTML into a .pdf name writes a .html beside it rather than HTML inside a .pdf
    assert export_minutes(ws, inspection, tmp_path / "x.pdf", html=True).path == tmp_path / "x.html"


def test_antq_starts_without_importing_weasyprint():
    code = (
        "import sys, antq_tui.cli.main, antq_tui.minutes.render, antq_tui.minutes.context; "
        "print('weasyprint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=120)
    assert done.stdout.strip() == "False", done.stderr



def test_a_group_heading_is_never_left_alone_at_the_foot_of_a_page(tmp_path):
    ws = _workspace(tmp_path)
    ws.config.district_plan = (
        "Kế hoạch số 38/KH-BCĐ ngày 06/3/2023 của Ban Chỉ đạo huyện về xây dựng địa bàn điển hình về phong "
        "trào toàn dân bảo vệ an ninh Tổ quốc năm 2023"
    )
    cset = synthetic_set(8)  # with this length the third group's heading falls at the foot of page 2
    result = export_minutes(ws, sample_inspection(cset, eligible=False))
    for page in _text(result.path):
        page = _squash(page).split("Tổng hợp kết quả")[0]  # the counts table repeats the titles
        for g in cset.groups:
            if g.title in page:
                first = cset.criteria_in(g.id)[0]
                assert f"{first.number} {' '.join(first.text.split()[:3])}" in page, g.title


# -- The "Ghi chú" column: the team's remark, then only what the row does not already say ----------

_FIGURES = (
    Field("nam_truoc", "Số vụ năm trước", unit="vụ"),
    Field("nam_nay", "Số vụ năm nay", unit="vụ"),
    Field("co_ke_hoach", "Có kế hoạch", type="yesno"),
)


def _percent_check(inputs) -> Suggestion:
    before, after = inputs["nam_truoc"], inputs["nam_nay"]
    drop = round(100 * (before - after) / before, 1)
    text = f"giảm {str(drop).replace('.', ',')}% ({before} → {after} vụ)"
    plan = "có kế hoạch" if inputs["co_ke_hoach"] else "chưa có kế hoạch"
    ok = drop >= 5 and inputs["co_ke_hoach"]
    return Suggestion(Verdict.DAT if ok else Verdict.KHONG_DAT, f"{text}: mức giảm ≥ 5%; {plan}")


def _criterion(check=_percent_check) -> Criterion:
    return Criterion(number=18, group="g", text="Kiềm chế hoặc giảm ít nhất 5% số vụ so với năm trước.",
                     fields=_FIGURES, check=check)


def _note(remark: str, verdict: Verdict | None, inputs: dict, evidence=(), criterion=None) -> dict:
    c = criterion or _criterion()
    answer = Answer(number=18, verdict=verdict, inputs=inputs, suggestion=c.suggest(inputs),
                    evidence=list(evidence), remark=remark)
    return criterion_row(c, answer)


FIGS = {"nam_truoc": 42, "nam_nay": 39, "co_ke_hoach": True}


def test_a_reason_the_remark_already_says_is_not_repeated():
    row = _note("Giảm 03 vụ so với năm 2022 (42 vụ xuống 39 vụ); tỉ lệ giảm 7,1%; có kế hoạch.", Verdict.DAT, FIGS)
    assert row["remark"] == ["Giảm 03 vụ so với năm 2022 (42 vụ xuống 39 vụ); tỉ lệ giảm 7,1%; có kế hoạch."]
    assert row["reason"] == "" and row["inputs"] == ""


def test_only_the_conditions_with_a_figure_said_nowhere_else_are_added():
    # the remark gives the counts but not the percentage: the condition with 7,1% is added, the
    # yes/no condition is not (the team agreed with it)
    row = _note("Năm 2023: 39 vụ, năm 2022: 42 vụ.", Verdict.DAT, FIGS)
    assert row["reason"] == "giảm 7,1% (từ 42 vụ xuống 39 vụ): mức giảm từ 5% trở lên"
    assert row["inputs"] == ""


def test_a_figure_on_a_record_seen_counts_as_said():
    seen = [EvidenceSeen("Báo cáo thống kê", seen=True, number="12/BC-CAX", date=dt.date(2023, 9, 30),
                         note="Năm 2023: 39 vụ; năm 2022: 42 vụ; giảm 7,1%")]
    row = _note("Số vụ giảm so với năm trước.", Verdict.DAT, FIGS, evidence=seen)
    assert row["reason"] == "" and row["inputs"] == ""


def test_when_the_team_differs_or_wrote_nothing_the_whole_reason_is_printed_once():
    differs = _note("Chưa xuất trình báo cáo thống kê.", Verdict.KHONG_DAT, FIGS)
    assert differs["reason"] == "Đạt — giảm 7,1% (từ 42 vụ xuống 39 vụ): mức giảm từ 5% trở lên; có kế hoạch"
    assert differs["inputs"] == ""  # the reason shows every figure
    # a template written before the de-duplication still finds the whole suggestion
    assert differs["suggestion"] == differs["reason"]
    silent = _note("", Verdict.DAT, FIGS)
    assert silent["reason"] == "giảm 7,1% (từ 42 vụ xuống 39 vụ): mức giảm từ 5% trở lên; có kế hoạch"
    undecided = _note("", None, FIGS)
    assert undecided["reason"].startswith("Đạt — giảm 7,1%")


def test_inputs_no_reason_states_are_listed_on_one_line():
    # too little data for the check: its "chưa đủ dữ liệu" is left out, the figures typed are listed
    row = _note("Đơn vị chưa tổng hợp số liệu năm nay.", None, {"nam_truoc": 42})
    assert row["reason"] == "" and row["inputs"] == "Số vụ năm trước: 42 vụ"
    # a criterion without a check: every input typed, yes/no answers included
    plain = dataclasses.replace(_criterion(), check=None)
    row = _note("", Verdict.DAT, FIGS, criterion=plain)
    assert row["inputs"] == "Số vụ năm trước: 42 vụ; Số vụ năm nay: 39 vụ; Có kế hoạch: Có"


def test_a_record_is_cited_compactly_and_a_note_that_repeats_it_is_dropped():
    c = _criterion()
    evidence = [
        EvidenceSeen("Báo cáo thống kê", seen=True, number="12/BC-CAX", date=dt.date(2023, 9, 30), note="Năm 2023: 39 vụ"),
        EvidenceSeen("Hồ sơ quản lý", seen=True, note="Hồ sơ quản lý"),
        EvidenceSeen("Sổ theo dõi", seen=False),
    ]
    row = criterion_row(c, Answer(number=18, evidence=evidence))
    assert row["evidence_seen"] == ["Báo cáo thống kê (số 12/BC-CAX ngày 30/09/2023) – Năm 2023: 39 vụ", "Hồ sơ quản lý"]
    assert row["evidence_missing"] == ["Sổ theo dõi"]


def test_figures_match_however_they_are_written():
    assert figures("giảm 03 vụ, ngày 6/3/2023, 7,1%, 1.250 người") == {"3", "6/3/2023", "7,1", "1250"}
    assert figures("ngày 06/03/2023") == {"6/3/2023"}
