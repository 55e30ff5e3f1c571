"""``antq demo DIR``: a complete sample workspace, built through the store, that every command can open."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from click.testing import CliRunner
from conftest import REPO
from demo_fixture import (
    PHIENG_BAN_2022,
    PHIENG_BAN_2023,
    THI_TRAN_2023,
    TRUONG_DTNT_2023,
    demo_template,
    demo_workspace,
)

from antq_tui.cli import main
from antq_tui.criteria import Verdict
from antq_tui.demo import DemoError, build_demo, demo_id, load_data
from antq_tui.evaluation import Evaluator
from antq_tui.inspection import summarize
from antq_tui.storage import Store
from antq_tui.workspace import Workspace


def _open(config: Path):
    workspace = Workspace.open(config)
    return workspace, Store.for_workspace(workspace)


def _inspections(config: Path):
    workspace, store = _open(config)
    with store:
        return workspace, {r.id: store.get_inspection(r.id) for r in store.list_inspections()}


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_antq_demo_then_list_shows_the_four_inspections(tmp_path: Path):
    target = tmp_path / "d"
    result = CliRunner().invoke(main, ["demo", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "dữ liệu mẫu" in result.output
    assert f"--config {target / 'config.toml'}" in result.output
    rows = run_json(target / "config.toml", "list")
    found = {(r["unit"], r["year"]): (r["status"], r["assessed"], r["total"], r["kind"], r["set"]) for r in rows}
    assert found == {
        ("Xã Phiêng Ban", 2022): ("finalized", 34, 34, "xa", "xa"),
        ("Xã Phiêng Ban", 2023): ("finalized", 34, 34, "xa", "xa"),
        ("Thị trấn Bắc Yên", 2023): ("draft", 17, 34, "thi_tran", "xa"),
        ("Trường PTDT nội trú THCS & THPT huyện Bắc Yên", 2023): ("finalized", 14, 14, "co_so_giao_duc", "coquan"),
    }
    assert all(r["district"] == "Bắc Yên" and r["province"] == "Sơn La" for r in rows)
    assert rows[0]["unit"] == "Thị trấn Bắc Yên"  # the draft, changed last, tops the list
    assert run(target / "config.toml", "list", "-s", "phieng ban 2023").output.count("Xã Phiêng Ban") == 1


def test_the_installed_command_builds_the_demo_that_then_lists(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTQ_")}
    env["PYTHONPATH"] = str(REPO)
    out = subprocess.run([sys.executable, "-m", "antq_tui.cli", "demo", str(tmp_path / "d")],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    listed = subprocess.run([sys.executable, "-m", "antq_tui.cli", "--config", str(tmp_path / "d" / "config.toml"),
                             "list", "--json"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 4


def test_the_workspace_has_the_team_the_district_and_says_it_is_sample_data(demo_workspace: Path):
    config = Workspace.open(demo_workspace).config
    assert (config.district, config.province) == ("Bắc Yên", "Sơn La")
    assert config.issuing_parent == "CÔNG AN HUYỆN BẮC YÊN"
    assert config.issuing_body == ["ĐOÀN KIỂM TRA"]
    roles = [(m.role, m.position) for m in config.team]
    assert roles == [("truong_doan", "Phó Trưởng Công an huyện"), ("pho_truong_doan", "Đội trưởng Đội Tổng hợp"),
                     ("thanh_vien", "Cán bộ Đội Tổng hợp"), ("thu_ky", "Cán bộ Đội Tổng hợp")]
    assert all(m.name and m.rank for m in config.team)
    assert config.current_user == config.team[3].name  # the thư ký types
    assert "dữ liệu mẫu" in config.raw["demo"]["note"]
    assert "(dữ liệu mẫu)" in config.district_plan  # printed in every minutes' legal basis
    assert demo_workspace.read_text(encoding="utf-8").startswith("# Không gian làm việc MẪU")
    assert config.data_folder == demo_workspace.parent / "inspections"


def test_the_official_sets_are_found_and_nothing_is_reported(demo_workspace: Path):
    config = Workspace.open(demo_workspace).config
    assert demo_workspace.parent / "plugins" in config.plugin_folders  # an empty one to try a province plugin
    data = run_json(demo_workspace, "plugins")
    assert data["problems"] == []
    assert {"xa", "coquan"} <= set(data["criteria_sets"])


def test_antq_verify_is_clean_on_the_demo(demo_workspace: Path):
    result = run(demo_workspace, "verify")
    assert "toàn vẹn" in result.output


def test_every_criterion_of_the_finalized_phieng_ban_2023_is_answered_in_full(demo_workspace: Path):
    _, found = _inspections(demo_workspace)
    inspection = found[PHIENG_BAN_2023]
    assert inspection.finalized
    assert (inspection.visit_date, inspection.start_time, inspection.end_time) == (dt.date(2023, 10, 12), "07:30", "11:00")
    assert inspection.place and inspection.minutes_number == "01"
    assert [m.role for m in inspection.team] == ["truong_doan", "pho_truong_doan", "thanh_vien", "thu_ky"]
    assert len(inspection.representatives) >= 2
    numbered = 0
    for criterion in inspection.criteria.criteria:
        answer = inspection.answers[criterion.number]
        assert answer.verdict == Verdict.DAT and answer.self_assessment == Verdict.DAT, criterion.number
        assert answer.remark.strip(), criterion.number
        assert "{" not in answer.remark
        assert set(answer.inputs) == {f.id for f in criterion.fields}, criterion.number
        assert any(e.seen for e in answer.evidence), criterion.number
        assert all(e.number or e.note for e in answer.evidence), criterion.number
        numbered += any(e.number and e.date for e in answer.evidence)  # registers (sổ) have neither
        if criterion.fields:
            assert answer.suggestion is not None and answer.suggestion.verdict == Verdict.DAT, criterion.number
    assert numbered >= 28  # e.g. "05-NQ/ĐU" of 10/02/2023
    assert all(len(text) > 80 for text in (inspection.strengths, inspection.shortcomings,
                                           inspection.recommendations, inspection.conclusion))
    summary = summarize(inspection)
    assert summary.eligible is True and summary.recommend and summary.dat == 34
    assert "đề nghị" in inspection.conclusion


def test_evidence_dates_fall_inside_the_right_periods(demo_workspace: Path):
    _, found = _inspections(demo_workspace)
    for inspection in found.values():
        first = dt.date(inspection.year - 1, 1, 1)
        for number, answer in inspection.answers.items():
            for e in answer.evidence:
                if e.date:
                    assert first <= e.date < inspection.visit_date, (inspection.unit.name, number, e)
        # records issued "in quý I" are dated in quý I of the year inspected
        quarter_one = [f.id for c in inspection.criteria.criteria for f in c.fields if f.type == "date"]
        for answer in inspection.answers.values():
            for fid in quarter_one:
                if fid in answer.inputs:
                    day = answer.inputs[fid]
                    assert day.year == inspection.year and day.month <= 3
                    assert day in [e.date for e in answer.evidence]  # the record ticked carries that date


def test_the_suggestions_agree_with_the_teams_verdicts(demo_workspace: Path):
    workspace, found = _inspections(demo_workspace)
    data = load_data()
    overruled = {(demo_id("inspection", s["key"]), int(n)) for s in data["inspections"]
                 for n, c in s.get("criteria", {}).items() if c.get("overrule")}
    compared = 0
    for inspection in found.values():
        _, store = _open(demo_workspace)
        with store:
            assert store.changed_criteria(inspection, Evaluator(workspace.registry)) == []  # suggestions are current
        for number, answer in inspection.answers.items():
            if answer.suggestion is None or answer.verdict is None or (inspection.id, number) in overruled:
                continue
            assert answer.suggestion.verdict == answer.verdict, (inspection.unit.name, number, answer.suggestion)
            compared += 1
        for check in inspection.eligibility_checks:
            ans = inspection.eligibility.get(check.id)
            if inspection.finalized:
                assert ans is not None and ans.met is True, (inspection.unit.name, check.id)
    assert compared > 80


def test_the_units_failing_criteria_and_the_suggested_conclusions(demo_workspace: Path):
    _, found = _inspections(demo_workspace)
    expected = {
        PHIENG_BAN_2022: ([15, 18, 19], True, False),
        PHIENG_BAN_2023: ([], True, True),
        TRUONG_DTNT_2023: ([6], True, False),
        THI_TRAN_2023: ([17], None, False),
    }
    for iid, (failed, eligible, recommend) in expected.items():
        summary = summarize(found[iid])
        assert (summary.failed, summary.eligible, summary.recommend) == (failed, eligible, recommend), iid
    school = found[TRUONG_DTNT_2023].answers[6]
    assert school.self_assessment == Verdict.DAT and school.verdict == Verdict.KHONG_DAT  # the team disagrees
    assert "2/3" in school.suggestion.reason and "2/3" in school.remark


def test_the_draft_is_half_done_and_waits_for_the_team_on_a_judgement_call(demo_workspace: Path):
    _, found = _inspections(demo_workspace)
    draft = found[THI_TRAN_2023]
    assert not draft.finalized
    summary = summarize(draft)
    assert summary.progress_label == "17/34 đã đánh giá"
    assert summary.unassessed == list(range(18, 35))
    pending = draft.answers[18]
    assert pending.verdict is None and pending.inputs
    assert pending.suggestion.judgement and "đoàn cân nhắc" in pending.suggestion.reason
    assert not draft.conclusion and not draft.end_time
    assert set(draft.eligibility) < {c.id for c in draft.eligibility_checks}  # eligibility half answered too


def test_phieng_ban_2022_and_2023_differ_and_chain(demo_workspace: Path):
    _workspace, store = _open(demo_workspace)
    with store:
        previous = store.previous_inspection(PHIENG_BAN_2023)
        old, new = store.get_inspection(PHIENG_BAN_2022), store.get_inspection(PHIENG_BAN_2023)
    assert previous is not None and previous.id == PHIENG_BAN_2022
    numbers_with_inputs = [n for n, a in new.answers.items() if a.inputs]
    differing = [n for n in numbers_with_inputs if old.answers[n].inputs != new.answers[n].inputs]
    assert len(differing) >= 10
    crimes = {n: (old.answers[n].inputs, new.answers[n].inputs) for n in numbers_with_inputs}
    this_year = [(o, n) for o, n in crimes.values() if "crimes_this_year" in n]
    (o, n), = this_year
    assert (o["crimes_this_year"], n["crimes_previous_year"], n["crimes_this_year"]) == (42, 42, 39)
    assert "42 → 39 vụ" in new.answers[18].suggestion.reason
    assert old.unit.id == new.unit.id
    assert [e.number for e in old.answers[2].evidence] != [e.number for e in new.answers[2].evidence]


def test_a_non_empty_folder_is_refused_and_left_untouched(tmp_path: Path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "config.toml").write_text("[district]\nname = \"Mường La\"\n", encoding="utf-8")
    (target / "inspections").mkdir()
    (target / "inspections" / "antq.db").write_bytes(b"not ours")
    before = _tree(target)
    result = CliRunner().invoke(main, ["demo", str(target)])
    assert result.exit_code == 2
    assert "không trống" in result.stderr and "không ghi đè" in result.stderr
    assert _tree(target) == before
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    result = CliRunner().invoke(main, ["demo", str(a_file)])
    assert result.exit_code == 2 and "là một tệp" in result.stderr
    assert a_file.read_text() == "x"


def test_an_empty_existing_folder_is_used(tmp_path: Path):
    target = tmp_path / "empty"
    target.mkdir()
    config = build_demo(target)
    assert config == target / "config.toml" and config.is_file()


def test_a_failure_half_way_leaves_nothing_behind(tmp_path: Path, monkeypatch):
    def broken(self, inspection_id, **kwargs):
        raise DemoError("hỏng giữa chừng")

    monkeypatch.setattr(Store, "finalize", broken)
    with pytest.raises(DemoError):
        build_demo(tmp_path / "new")
    assert not (tmp_path / "new").exists()
    (tmp_path / "kept").mkdir()
    with pytest.raises(DemoError):
        build_demo(tmp_path / "kept")
    assert (tmp_path / "kept").is_dir() and not any((tmp_path / "kept").iterdir())


def test_two_builds_hold_the_same_content(tmp_path: Path):
    def content(config: Path):
        _, found = _inspections(config)
        out = {}
        for iid, i in found.items():
            out[iid] = (i.unit, i.year, i.status, i.visit_date, i.team, i.representatives, i.strengths, i.conclusion,
                        {n: (a.verdict, a.self_assessment, a.inputs, a.suggestion, a.evidence, a.remark)
                         for n, a in i.answers.items()},
                        {k: (e.inputs, e.suggestion, e.remark) for k, e in i.eligibility.items()})
        return out

    first, second = build_demo(tmp_path / "a"), build_demo(tmp_path / "b")
    assert content(first) == content(second)
    assert set(content(first)) == {PHIENG_BAN_2022, PHIENG_BAN_2023, TRUONG_DTNT_2023, THI_TRAN_2023}


def test_the_printed_command_lines_work_and_the_demo_survives_moving(tmp_path: Path):
    """`antq demo` run as ./scripts/run does (the venv's antq, not on PATH) prints lines that work as
    pasted; the config names no folder of the checkout, so a moved demo still finds the official sets."""
    import shlex
    import shutil

    antq = Path(sys.executable).parent / "antq"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTQ_")}
    env["PATH"] = "/usr/bin:/bin"  # as after ./scripts/run: .venv/bin is not on PATH
    out = subprocess.run([str(antq), "demo", str(tmp_path / "d")], capture_output=True, text=True, env=env,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    listing = next(line for line in out.stdout.splitlines() if line.startswith("Xem danh sách:"))
    opening = next(line for line in out.stdout.splitlines() if line.startswith("Mở giao diện:"))
    assert opening.split(":", 1)[1].split()[0] != "antq"  # "antq" alone would not be found
    argv = shlex.split(listing.split(":", 1)[1])
    listed = subprocess.run(argv, capture_output=True, text=True, env=env, cwd="/")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("Xã Phiêng Ban") == 2

    text = (tmp_path / "d" / "config.toml").read_text(encoding="utf-8")
    assert str(REPO) not in text
    shutil.move(tmp_path / "d", tmp_path / "moved")
    config = tmp_path / "moved" / "config.toml"
    plugins = subprocess.run([str(antq), "--config", str(config), "plugins", "--json"], capture_output=True,
                             text=True, env=env)
    data = json.loads(plugins.stdout)
    assert {"xa", "coquan"} <= set(data["criteria_sets"]) and data["problems"] == []
    assert subprocess.run([str(antq), "--config", str(config), "verify"], capture_output=True, env=env).returncode == 0


def test_the_tui_opens_on_the_demo(demo_workspace: Path):
    from antq_tui.tui.app import AntqApp

    async def opened() -> bool:
        app = AntqApp(demo_workspace)
        async with app.run_test() as pilot:
            await pilot.pause()
            return app.startup_error is None and app.workspace is not None

    assert asyncio.run(opened())


@pytest.mark.slow
def test_a_wheel_installed_elsewhere_builds_the_demo_from_its_entry_points(tmp_path: Path):
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(REPO)],
                   check=True, capture_output=True)
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), *map(str, wheels.glob("antq-*.whl"))],
                   check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTQ_")}
    env["PYTHONPATH"] = str(site)  # the wheel's antq_tui, which has no plugins/ folder beside it
    script = "import sys; from antq_tui.cli import main; print(sys.modules['antq_tui'].__file__, file=sys.stderr); main()"
    out = subprocess.run([sys.executable, "-c", script, "demo", str(tmp_path / "d")],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert str(site) in out.stderr
    assert "gói antq đã cài" in out.stdout
    config = tmp_path / "d" / "config.toml"
    plugins = subprocess.run([sys.executable, "-c", script, "--config", str(config), "plugins", "--json"],
                             capture_output=True, text=True, env=env, cwd=tmp_path)
    data = json.loads(plugins.stdout)
    assert {"xa", "coquan"} <= set(data["criteria_sets"]) and data["problems"] == []
    assert all(p["origin"] == "gói cài đặt" for p in data["plugins"])
    verify = subprocess.run([sys.executable, "-c", script, "--config", str(config), "verify"],
                            capture_output=True, text=True, env=env, cwd=tmp_path)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_the_minutes_of_phieng_ban_2023_export_from_the_demo(demo_workspace: Path):
    import pypdf

    out = run_json(demo_workspace, "export", PHIENG_BAN_2023[:8])
    assert out["draft"] is False and out["recorded"] is True
    path = Path(out["path"])
    if out["format"] == "pdf":
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    else:  # no Pango on this machine: printable HTML
        text = path.read_text(encoding="utf-8")
    text = " ".join(text.split())
    for expected in ("CÔNG AN HUYỆN BẮC YÊN", "Số: 01/BB-ĐKT", "Xã Phiêng Ban", "Hà Văn Quyết", "Tòng Văn Khánh",
                     "Lò Văn Hải", "05-NQ/ĐU", "(dữ liệu mẫu)"):
        assert expected in text, expected
    assert "DỰ THẢO" not in text
    run(demo_workspace, "verify")  # the recorded export matches its sha256
    draft = run_json(demo_workspace, "export", THI_TRAN_2023[:8])
    assert draft["draft"] is True and draft["recorded"] is False
