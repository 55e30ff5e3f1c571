"""The contract additions a province needs on its papers and mid-season: a display name instead of the
Python id, "thêm" apart from "sửa đổi", an amendment's line in the Căn cứ, and ``fixes=`` so a corrected
check keeps live suggestions for inspections already started."""

from __future__ import annotations

import textwrap
from pathlib import Path

from antq_tui.testing import PluginWorkspace

PLUGIN = '''
from antq_tui import hookimpl, AddCriterion, AmendCriterion, Criterion, Field, Group, Suggestion

def check_35(v):
    return Suggestion.dat("không có vụ") if v["so_vu"] {op} 0 else Suggestion.khong_dat(f"có {{v['so_vu']}} vụ")

def check_18(v):
    return Suggestion.dat("tỉnh: giảm") if v["crimes_this_year"] < v["crimes_previous_year"] else Suggestion.khong_dat("tỉnh: không giảm")

@hookimpl
def antq_display_name():
    return {display!r}

@hookimpl
def antq_amendments():
    return [
        AmendCriterion(set_id="xa", number=18, check=check_18, note="Tỉnh yêu cầu giảm.",
                       basis="Kế hoạch số 45/KH-UBND ngày 10/02/2025 của UBND tỉnh Thử"),
        AddCriterion(set_id="xa", criterion=Criterion(
            number=35, group="rieng", text="Không để xảy ra vụ việc riêng của tỉnh.", evidence=("Báo cáo của xã",),
            fields=(Field("so_vu", "Số vụ", unit="vụ"),), check=check_35, fixes={fixes!r}),
            new_group=Group("rieng", "Tiêu chí riêng của tỉnh"), note="Tiêu chí riêng của tỉnh.",
            basis="Kế hoạch số 45/KH-UBND ngày 10/02/2025 của UBND tỉnh Thử"),
    ]
'''


def write_plugin(folder: Path, *, display: str = "Công an tỉnh Thử", op: str = "==", fixes: tuple = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tinh_thu.py"
    path.write_text(textwrap.dedent(PLUGIN.format(display=display, op=op, fixes=fixes)), encoding="utf-8")
    return path


def test_the_minutes_name_the_plugin_by_its_display_name_and_tell_added_from_amended(tmp_path: Path):
    ws = PluginWorkspace(tmp_path / "ws", [write_plugin(tmp_path / "src")])
    assert ws.problems == []
    cset = ws.registry.get_set("xa")
    assert cset.criterion(35).change_kind == "them" and cset.criterion(18).change_kind == "sua"
    iid = ws.create_inspection()
    ws.answer(iid, 35, inputs={"so_vu": "0"}, verdict="dat")
    ws.assert_in_minutes(iid, "(tiêu chí do Công an tỉnh Thử thêm. Tiêu chí riêng của tỉnh)",
                         "(Công an tỉnh Thử sửa đổi cách kiểm tra. Tỉnh yêu cầu giảm)")
    ws.assert_not_in_minutes(iid, "tinh_thu", "sửa đổi bởi")
    # the amendment's plan is cited once in the Căn cứ, before the district's plan
    text = ws.minutes_text(iid)
    basis = text[text.index("1. Căn cứ"):text.index("2. Phương pháp")]
    assert basis.count("Kế hoạch số 45/KH-UBND ngày 10/02/2025 của UBND tỉnh Thử") == 1
    assert basis.index("45/KH-UBND") < basis.index("12/KH-CAH")


def test_without_a_display_name_the_minutes_name_no_plugin(tmp_path: Path):
    ws = PluginWorkspace(tmp_path / "ws", [write_plugin(tmp_path / "src", display="")])
    iid = ws.create_inspection()
    ws.assert_in_minutes(iid, "(tiêu chí thêm. Tiêu chí riêng của tỉnh)", "(sửa đổi cách kiểm tra. Tỉnh yêu cầu giảm)")
    ws.assert_not_in_minutes(iid, "tinh_thu")


def test_the_app_shows_added_and_amended_apart(tmp_path: Path):
    ws = PluginWorkspace(tmp_path / "ws", [write_plugin(tmp_path / "src")])
    c35, c18 = ws.registry.get_set("xa").criterion(35), ws.registry.get_set("xa").criterion(18)
    assert [a.label for a in c35.amendments] == ["thêm"] and c35.amended_by == () and c35.added_by == "tinh_thu"
    assert [a.label for a in c18.amendments] == ["sửa đổi"] and c18.amended_by == ("tinh_thu",)
    # and an inspection's snapshot keeps them apart
    snap = ws.inspection(ws.create_inspection()).criteria
    assert snap.criterion(35).change_kind == "them" and snap.criterion(18).change_kind == "sua"
    assert snap.criterion(35).amendments[0].display_name == "Công an tỉnh Thử"


def test_a_snapshot_made_before_additions_were_told_apart_reads_as_added():
    from antq_tui.criteria.snapshot import criterion_from_snapshot

    old = {"number": 35, "group": "g", "text": "t", "evidence": ["e"], "fields": [], "has_check": True,
           "amended_by": ["tinh_x"], "amendments": ["tinh_x: thêm tiêu chí. Vì tỉnh cần"], "source": "tinh_x"}
    c = criterion_from_snapshot(old)
    assert c.change_kind == "them" and c.added_by == "tinh_x" and c.amended_by == ()
    assert c.amendments[0].paper_line() == "(tiêu chí thêm. Vì tỉnh cần)"


def test_a_fixed_check_keeps_live_suggestions_for_inspections_already_started(tmp_path: Path):
    from antq_tui.services import inspections

    src = tmp_path / "src"
    ws = PluginWorkspace(tmp_path / "ws", [write_plugin(src, op="!=")])  # the faulty check: 0 vụ → không đạt
    iid = ws.create_inspection()
    ws.answer(iid, 35, inputs={"so_vu": "0"})
    assert ws.inspection(iid).answer(35).suggestion.verdict.value == "khong_dat"
    old = ws.registry.get_set("xa").criterion(35).fingerprint()

    # the province corrects the check without declaring a fix: the started inspection stops getting suggestions
    write_plugin(ws.root / "plugins", op="==")
    ws.reload_plugins()
    ws.answer(iid, 35, inputs={"so_vu": "1"})
    assert ws.inspection(iid).answer(35).suggestion.verdict.value == "chua_du"
    with ws.context() as ctx:
        assert inspections.changed_criteria(ctx, iid) == [35]

    # ... and declares that the new version fixes the old one: live suggestions again, and the audit says so
    write_plugin(ws.root / "plugins", op="==", fixes=(old,))
    ws.reload_plugins()
    with ws.context() as ctx:
        assert inspections.changed_criteria(ctx, iid) == []  # no "Plugin đã đổi tiêu chí này" in the walk
    ws.answer(iid, 35, inputs={"so_vu": "0"})
    suggestion = ws.inspection(iid).answer(35).suggestion
    assert suggestion.verdict.value == "dat"
    new = ws.registry.get_set("xa").criterion(35).fingerprint()
    assert suggestion.fixed_by == new != old
    logged = [e for e in ws.audit(iid) if e.action == "answer.suggestion" and e.target == "35"]
    assert logged[-1].new["fixed_by"] == new


def test_a_fix_that_is_no_fingerprint_is_reported(tmp_path: Path):
    ws = PluginWorkspace(tmp_path / "ws", [write_plugin(tmp_path / "src", fixes=("tinh_thu v1",))])
    assert any("fixes" in p and "tinh_thu v1" in p for p in ws.problems), ws.problems


def test_the_word_minutes_tell_added_from_amended_and_cite_the_basis(tmp_path: Path):
    from docx import Document

    from antq_tui.minutes.docx import export_minutes_docx

    ws = PluginWorkspace(tmp_path / "ws", [write_plugin(tmp_path / "src")])
    iid = ws.create_inspection()
    result = export_minutes_docx(ws.workspace, ws.inspection(iid), tmp_path / "bb.docx")
    doc = Document(str(result.path))
    texts = [p.text for p in doc.paragraphs]
    texts += [p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    text = " ".join(" ".join(texts).split())
    assert "(tiêu chí do Công an tỉnh Thử thêm. Tiêu chí riêng của tỉnh)" in text
    assert "(Công an tỉnh Thử sửa đổi cách kiểm tra. Tỉnh yêu cầu giảm)" in text
    assert "Kế hoạch số 45/KH-UBND ngày 10/02/2025 của UBND tỉnh Thử" in text
    assert "tinh_thu" not in text


def test_the_walk_marks_added_and_amended_criteria_apart(tmp_path: Path):
    from antq_tui.tui.widgets.criteria_list import CriteriaList

    ws = PluginWorkspace(tmp_path / "ws", [write_plugin(tmp_path / "src")])
    listing = CriteriaList(ws.inspection(ws.create_inspection()))
    # the mark after the verdict's: "+" added by a plugin, "*" amended by one
    assert listing.prompt(35).plain.startswith("·+35.")
    assert listing.prompt(18).plain.startswith("·*18.")
    assert listing.prompt(1).plain.startswith("·  1.")


ELIGIBILITY = '''
from antq_tui import hookimpl, EligibilityCheck, Field, Suggestion

@hookimpl
def antq_eligibility_checks():
    return [EligibilityCheck(id="thu_dk", title="Điều kiện thử", text="…", fields=(Field("ok", "Đạt", "yesno"),),
                             check=lambda v: Suggestion.dat("đạt") if v["ok"] {op} True else Suggestion.khong_dat("chưa"),
                             fixes={fixes!r})]
'''


def test_an_eligibility_condition_may_declare_a_fix_too(tmp_path: Path):
    from antq_tui.criteria import eligibility_fingerprint
    from antq_tui.evaluation import Evaluator

    plugin = tmp_path / "src" / "dk_thu.py"
    plugin.parent.mkdir()
    plugin.write_text(ELIGIBILITY.format(op="is not", fixes=()), encoding="utf-8")
    ws = PluginWorkspace(tmp_path / "ws", [plugin])
    old = eligibility_fingerprint(ws.registry.eligibility[0])
    (ws.root / "plugins" / "dk_thu.py").write_text(ELIGIBILITY.format(op="is", fixes=()), encoding="utf-8")
    assert Evaluator(ws.reload_plugins()).live_check("thu_dk", old) is None
    (ws.root / "plugins" / "dk_thu.py").write_text(ELIGIBILITY.format(op="is", fixes=(old,)), encoding="utf-8")
    registry = ws.reload_plugins()
    assert Evaluator(registry).live_check("thu_dk", old) is not None
    assert ws.check_eligibility("thu_dk", ok="có").verdict.value == "dat"
    # a suggestion computed by the fixing version says so, as a criterion's does (the audit row keeps it)
    live = registry.eligibility[0]
    computed = Evaluator(registry).suggest_eligibility(live, old, {"ok": True}, year=2025, stored=None,
                                                       inputs_changed=True)
    assert computed is not None and computed.fixed_by == eligibility_fingerprint(live) != old
    same = Evaluator(registry).suggest_eligibility(live, eligibility_fingerprint(live), {"ok": True}, year=2025,
                                                   stored=None, inputs_changed=True)
    assert same is not None and same.fixed_by == ""  # started with this very version: nothing to say


AMEND_18 = '''
from antq_tui import hookimpl, AmendCriterion, Suggestion

def check_18(v):
    return Suggestion.dat("giảm") if v["crimes_this_year"] {op} v["crimes_previous_year"] else Suggestion.khong_dat("không")

@hookimpl
def antq_amendments():
    return [AmendCriterion(set_id="xa", number=18, check=check_18, fixes={fixes!r})]
'''


def test_an_amendment_declares_the_fix_of_its_own_earlier_version(tmp_path: Path):
    from antq_tui.evaluation import Evaluator

    plugin = tmp_path / "src" / "tinh_sua.py"
    plugin.parent.mkdir()
    plugin.write_text(AMEND_18.format(op=">", fixes=()), encoding="utf-8")
    ws = PluginWorkspace(tmp_path / "ws", [plugin])
    old = ws.registry.get_set("xa").criterion(18).fingerprint()
    (ws.root / "plugins" / "tinh_sua.py").write_text(AMEND_18.format(op="<", fixes=(old,)), encoding="utf-8")
    registry = ws.reload_plugins()
    assert ws.problems == []
    live = Evaluator(registry).live_criterion("xa", 18, old)
    assert live is not None and live.fingerprint() != old
    assert ws.check("xa", 18, crimes_previous_year="5", crimes_this_year="3").verdict.value == "dat"


def test_the_statistics_tell_added_from_amended_criteria(tmp_path: Path):
    from antq_tui.office.reports import OfficeData
    from antq_tui.office.stats import criteria_table

    ws = PluginWorkspace(tmp_path / "ws", [write_plugin(tmp_path / "src")])
    ws.answer(ws.create_inspection(), 35, inputs={"so_vu": "0"}, verdict="dat")
    with ws.context() as ctx:
        data = OfficeData.load(ws.workspace, ctx.store, 2025)
    section = data.stats.sections[0]
    changes = {c.number: c.change for c in section.criteria}
    assert changes[35] == "thêm" and changes[18] == "sửa đổi" and changes[1] == ""
    table = criteria_table(section, 2025)
    assert table.header[-1] == "Plugin thêm / sửa đổi"
    assert {row[0]: row[-1] for row in table.rows}[35] == "thêm"
    assert data.to_json()["sections"][0]["criteria"][34]["change"] == "thêm"


def test_antq_plugins_and_the_plugins_screen_show_the_name_printed_on_papers(tmp_path: Path):
    import json

    from click.testing import CliRunner
    from conftest import write_workspace
    from tui_helpers import settle

    from antq_tui.cli import main
    from antq_tui.tui.app import AntqApp

    config = write_workspace(tmp_path, plugin_folders=[str(write_plugin(tmp_path / "src").parent)])
    text = CliRunner().invoke(main, ["--config", str(config), "plugins"]).stdout
    assert "  tinh_thu — Công an tỉnh Thử  [thư mục:" in text
    listed = json.loads(CliRunner().invoke(main, ["--config", str(config), "plugins", "--json"]).stdout)
    names = {p["name"]: p["display_name"] for p in listed["plugins"]}
    assert names["tinh_thu"] == "Công an tỉnh Thử" and names["criteria_xa"] == ""  # the official sets have none

    async def screen() -> list[str]:
        app = AntqApp(config, entry_points=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("p")
            await settle(app, pilot)
            table = app.screen.query_one("#loaded")
            return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]

    import asyncio

    assert "Công an tỉnh Thử" in asyncio.run(screen())
