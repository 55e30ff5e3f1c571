"""``antq plugins --check``: a province's mistakes are found before the visit, named with plugin,
criterion and line; the official sets and the documented examples pass."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from cli_helpers import run, run_json
from conftest import REPO, write_workspace

from antq_tui.criteria import Field
from antq_tui.services.plugin_check import SampleInputs, field_samples, sample_inputs

BROKEN_CHECKS = '''
from antq_tui import hookimpl, AddCriterion, Criterion, Field, Suggestion

def ti_le(values):
    truoc, nay = values["truoc"], values["nay"]
    giam = (truoc - nay) * 100 / truoc
    return Suggestion.dat(f"giảm {giam:.1f}%")

def doc_sai(values):
    if values.get("so_mo_hinh", 0) > 2:
        return Suggestion.dat("đủ")
    return Suggestion.khong_dat("thiếu")

def tra_chuoi(values):
    return "đạt"

def _c(number, fields, check):
    return AddCriterion(set_id="xa", criterion=Criterion(number=number, group="antt", text="Tiêu chí thử",
                                                         evidence=["Sổ theo dõi"], fields=fields, check=check))

@hookimpl
def antq_amendments():
    return [_c(35, [Field("truoc", "Số vụ năm trước", unit="vụ"), Field("nay", "Số vụ năm nay", unit="vụ")], ti_le),
            _c(36, [Field("co_mo_hinh", "Có mô hình", type="yesno")], doc_sai),
            _c(37, [Field("xep_loai", "Xếp loại", type="choice", choices=["Tốt", "Khá"])], tra_chuoi)]
'''

LETTERHEAD_PLUGIN = '''
from antq_tui import hookimpl

@hookimpl
def antq_template_dirs():
    return ["templates"]

@hookimpl
def antq_calendar():
    return [{"id": "so_ket", "title": "Sơ kết", "month": 13, "day": 1}]
'''


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def _workspace(tmp_path: Path) -> tuple[Path, Path]:
    extra = tmp_path / "tinh"
    extra.mkdir()
    (extra / "tinh_loi.py").write_text(textwrap.dedent(BROKEN_CHECKS), encoding="utf-8")
    letterhead = extra / "tinh_mau"
    (letterhead / "templates").mkdir(parents=True)
    (letterhead / "__init__.py").write_text(textwrap.dedent(LETTERHEAD_PLUGIN), encoding="utf-8")
    builtin = (REPO / "antq_tui" / "minutes" / "templates" / "minutes_letterhead.html").read_text(encoding="utf-8")
    assert "{{ number_line }}" in builtin
    (letterhead / "templates" / "minutes_letterhead.html").write_text(
        builtin.replace("{{ number_line }}", "{{ number_line }"), encoding="utf-8")  # the typo
    return write_workspace(tmp_path, plugin_folders=[extra]), extra


def test_each_mistake_is_named_with_plugin_criterion_file_and_line_and_the_exit_code_says_so(tmp_path: Path):
    config, extra = _workspace(tmp_path)
    checks = extra / "tinh_loi.py"
    data = run_json(config, "plugins", "--check", expect=1)
    assert data["ok"] is False
    by_what = {(p["plugin"], p["what"], p["kind"]): p for p in data["problems"]}

    zero = by_what[("tinh_loi", "tiêu chí 35 của bộ “xa”", "exception")]
    assert (zero["file"], zero["line"]) == (str(checks), _line_of(checks, "* 100 / truoc"))
    assert "chia cho 0" in zero["message"] and zero["inputs"].startswith("truoc=0")

    undeclared = by_what[("tinh_loi", "tiêu chí 36 của bộ “xa”", "undeclared")]
    assert (undeclared["file"], undeclared["line"]) == (str(checks), _line_of(checks, 'values.get("so_mo_hinh"'))
    assert "“so_mo_hinh”" in undeclared["message"] and "co_mo_hinh" in undeclared["message"]

    not_a_suggestion = by_what[("tinh_loi", "tiêu chí 37 của bộ “xa”", "result")]
    assert "trả về str, không phải Suggestion" in not_a_suggestion["message"]
    assert not_a_suggestion["line"] == _line_of(checks, "def tra_chuoi")

    template = next(p for p in data["problems"] if p["plugin"] == "tinh_mau" and p["kind"] == "template")
    letterhead = extra / "tinh_mau" / "templates" / "minutes_letterhead.html"
    assert (template["file"], template["line"]) == (str(letterhead), _line_of(letterhead, "{{ number_line }"))
    deadline = next(p for p in data["problems"] if p["plugin"] == "tinh_mau" and p["kind"] == "load")
    assert "“so_ket”" in deadline["message"] and "từ 1 đến 12" in deadline["message"]

    official = {p["name"]: p for p in data["plugins"]}
    assert official["criteria_xa"]["ok"] and official["criteria_xa"]["checks"] >= 30
    assert "KHÔNG ĐẠT" in data["summary"]

    text = run(config, "plugins", "--check", expect=1).stdout
    assert f"LỖI tinh_loi · tiêu chí 35 của bộ “xa” · {checks}:{zero['line']}" in text
    assert text.rstrip().splitlines()[-1].startswith("Kiểm tra plugin: 4 plugin")


def test_check_of_one_plugin_and_of_an_unknown_name(tmp_path: Path):
    config, _ = _workspace(tmp_path)
    data = run_json(config, "plugins", "--check", "criteria_coquan")
    assert [p["name"] for p in data["plugins"]] == ["criteria_coquan"] and data["ok"]
    result = run(config, "plugins", "--check", "tinh_khong_co", expect=2)
    assert "Không có plugin “tinh_khong_co”" in result.stderr and "tinh_loi" in result.stderr


def test_a_correct_letterhead_is_rendered_in_every_document_and_passes(tmp_path: Path):
    config, extra = _workspace(tmp_path)
    (extra / "tinh_loi.py").unlink()
    (extra / "tinh_mau" / "__init__.py").write_text("from antq_tui import hookimpl\n\n@hookimpl\n"
                                                   "def antq_template_dirs():\n    return ['templates']\n")
    shutil.copy(REPO / "antq_tui" / "minutes" / "templates" / "minutes_letterhead.html",
                extra / "tinh_mau" / "templates" / "minutes_letterhead.html")
    data = run_json(config, "plugins", "--check", "tinh_mau")
    (report,) = data["plugins"]
    assert data["ok"] and report["templates"] == 1 and report["documents"] >= 4  # minutes + 3 office papers


def test_a_template_reading_a_variable_that_does_not_exist_is_named_at_its_line(tmp_path: Path):
    config, extra = _workspace(tmp_path)
    path = extra / "tinh_mau" / "templates" / "minutes_letterhead.html"
    builtin = (REPO / "antq_tui" / "minutes" / "templates" / "minutes_letterhead.html").read_text(encoding="utf-8")
    path.write_text(builtin.replace("{{ place_date }}", "{{ noi_ngay }}"), encoding="utf-8")
    data = run_json(config, "plugins", "--check", "tinh_mau", expect=1)
    (problem,) = [p for p in data["problems"] if p["kind"] == "template"]
    assert (problem["file"], problem["line"]) == (str(path), _line_of(path, "noi_ngay"))
    assert "noi_ngay" in problem["message"]


def test_the_official_sets_and_the_documented_examples_pass(tmp_path: Path):
    examples = tmp_path / "examples"
    shutil.copytree(REPO / "docs" / "examples", examples)
    config = write_workspace(tmp_path, plugin_folders=[examples])
    data = run_json(config, "plugins", "--check")
    assert data["ok"], data["problems"]
    names = {p["name"] for p in data["plugins"]}
    assert {"criteria_xa", "criteria_coquan", "tinh_tuyen_quang"} <= names
    assert "0 lỗi — đạt" in data["summary"]


def test_sample_inputs_cover_each_type_s_edges_and_never_what_the_field_refuses():
    count = Field("so_vu", "Số vụ", unit="vụ")
    assert field_samples(count, 2025)[0] == 0 and -1 not in field_samples(count, 2025)
    assert -1 in field_samples(Field("chenh", "Chênh lệch", minimum=None), 2025)
    choice = Field("loai", "Loại", type="choice", choices=("Tốt", "Khá", "Trung bình"))
    assert field_samples(choice, 2025) == ["Tốt", "Khá", "Trung bình"]
    optional = Field("ngay", "Ngày", type="date", required=False)
    dates = field_samples(optional, 2025)
    assert None in dates and min(d for d in dates if d) .year == 2024 and max(d for d in dates if d).year == 2026
    samples = list(sample_inputs([count, choice], 2025))
    assert {"so_vu": 0, "loai": "Trung bình"} in samples and len(samples) == len(set(map(str, samples)))


def test_sample_inputs_record_a_read_of_an_undeclared_field():
    inputs = SampleInputs({"a": 1})
    assert inputs["a"] == 1 and inputs.get("b") is None and "c" not in inputs
    assert [key for key, _, _ in inputs.undeclared] == ["b", "c"]


def test_a_word_template_with_an_unknown_name_is_found_before_an_export(tmp_path: Path):
    import zipfile

    config, extra = _workspace(tmp_path)
    folder = extra / "tinh_mau" / "templates"
    (folder / "minutes_letterhead.html").unlink()
    (extra / "tinh_mau" / "__init__.py").write_text("from antq_tui import hookimpl\n\n@hookimpl\n"
                                                   "def antq_template_dirs():\n    return ['templates']\n")
    builtin = REPO / "antq_tui" / "minutes" / "templates" / "minutes.docx"
    with zipfile.ZipFile(builtin) as src, zipfile.ZipFile(folder / "minutes.docx", "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                assert b"{{ number_line }}" in data
                data = data.replace(b"{{ number_line }}", b"{{ so_hieu_sai }}")
            dst.writestr(item, data)
    data = run_json(config, "plugins", "--check", "tinh_mau", expect=1)
    (problem,) = data["problems"]
    assert problem["file"] == str(folder / "minutes.docx") and "so_hieu_sai" in problem["message"]
    assert problem["what"].startswith("biên bản Word")
