"""After the visit: the decision that recognises a unit, who recognises it (and so where the tờ trình
goes), award proposals, and how the decision shows in statistics, targets and bundles."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run, run_json
from demo_fixture import PHIENG_BAN_2022, PHIENG_BAN_2023, THI_TRAN_2023, TRUONG_DTNT_2023

from antq_tui.criteria.authorities import Authority, Routing, authority_from_data, default_signer, parse_level
from antq_tui.criteria.validation import PluginDataError
from antq_tui.services import Context, ServiceError, office, recognition
from antq_tui.workspace import Workspace

pytest_plugins = ("demo_fixture",)

ADD = ("recognition", "add", PHIENG_BAN_2023[:8], "--decision", "125/QĐ-UBND", "--date", "05/10/2023", "--by",
       "Ủy ban nhân dân huyện Bắc Yên")


def _recommend_the_school(config: Path) -> None:
    """The demo's school fails criterion 6; the team corrects it, so the school is recommended too."""
    run(config, "reopen", TRUONG_DTNT_2023[:8], "--reason", "Hồ sơ bổ sung tiêu chí 6")
    run(config, "answer", TRUONG_DTNT_2023[:8], "6", "--verdict", "dat")
    run(config, "finalize", TRUONG_DTNT_2023[:8])


# -- recording a decision ----------------------------------------------------------------------------

def test_a_recommended_unit_is_recorded_as_recognised_and_listed(demo_workspace: Path):
    out = run(demo_workspace, *ADD).output
    assert "Xã Phiêng Ban năm 2023 — Công nhận mới — Quyết định số 125/QĐ-UBND ngày 05/10/2023" in out
    (record,) = run_json(demo_workspace, "recognition", "list")
    assert (record["unit"], record["kind"], record["decision_date"], record["level"]) == (
        "Xã Phiêng Ban", "moi", "2023-10-05", "huyen")
    assert "125/QĐ-UBND" in run(demo_workspace, "recognition", "list").output


@pytest.mark.parametrize(("inspection", "said"), [
    (THI_TRAN_2023, "chưa hoàn thành"),  # a draft
    (TRUONG_DTNT_2023, "chưa đề nghị công nhận"),  # finalized, fails criterion 6
    (PHIENG_BAN_2022, "chưa đề nghị công nhận"),  # finalized, fails 15, 18, 19
])
def test_only_a_finalized_inspection_that_recommends_recognition_can_be_recognised(demo_workspace, inspection, said):
    result = run(demo_workspace, "recognition", "add", inspection[:8], "--decision", "1/QĐ", "--date", "05/10/2023",
                 "--by", "UBND", expect=2)
    assert said in result.stderr and "Traceback" not in result.output
    assert run_json(demo_workspace, "recognition", "list") == []


def test_a_unit_is_recognised_once_a_year_and_a_removal_is_kept_with_its_reason(demo_workspace: Path):
    run(demo_workspace, *ADD)
    again = run(demo_workspace, *ADD, expect=2)
    assert "đã được ghi công nhận năm 2023" in again.stderr and "125/QĐ-UBND" in again.stderr
    run(demo_workspace, "recognition", "remove", PHIENG_BAN_2023[:8], "--reason", "Ghi nhầm số quyết định")
    assert run_json(demo_workspace, "recognition", "list") == []
    (removed,) = run_json(demo_workspace, "recognition", "list", "--all")
    assert not removed["active"] and removed["removed_reason"] == "Ghi nhầm số quyết định"
    # then the right decision, "duy trì"
    run(demo_workspace, "recognition", "add", PHIENG_BAN_2023[:8], "--decision", "126/QĐ-UBND", "--date",
        "06/10/2023", "--by", "Ủy ban nhân dân huyện Bắc Yên", "--maintained")
    (kept,) = run_json(demo_workspace, "recognition", "list")
    assert kept["kind_label"] == "Duy trì"
    ws = Workspace.open(demo_workspace)
    with Context.open(ws) as ctx:
        actions = [e.action for e in ctx.store.audit_entries() if e.action.startswith("recognition.")]
    assert actions == ["recognition.add", "recognition.remove", "recognition.add"]
    assert run(demo_workspace, "verify").exit_code == 0


def test_a_wrong_date_or_an_empty_decision_is_said_in_vietnamese(demo_workspace: Path):
    bad = run(demo_workspace, "recognition", "add", PHIENG_BAN_2023[:8], "--decision", "1", "--date", "32/10/2023",
              "--by", "UBND", expect=2)
    assert "dd/mm/yyyy" in bad.stderr
    empty = run(demo_workspace, "recognition", "add", PHIENG_BAN_2023[:8], "--decision", " ", "--date", "05/10/2023",
                "--by", "UBND", expect=2)
    assert "Số quyết định" in empty.stderr


# -- statistics and targets --------------------------------------------------------------------------

def test_statistics_count_the_recognised_unit(demo_workspace: Path):
    before = run_json(demo_workspace, "stats", "--year", "2023")
    assert all(not u["recognition"] for s in before["sections"] for u in s["units"])
    run(demo_workspace, *ADD)
    text = run(demo_workspace, "stats", "--year", "2023").output
    assert "1 đã có quyết định công nhận" in text
    after = run_json(demo_workspace, "stats", "--year", "2023")
    (line,) = [u for s in after["sections"] for u in s["units"] if u["inspection_id"] == PHIENG_BAN_2023]
    assert line["recognition"].startswith("Công nhận mới — Quyết định số 125/QĐ-UBND")


def test_targets_count_decisions_and_say_which_units_are_only_eligible(demo_workspace: Path):
    from antq_tui.criteria import Target
    from antq_tui.office.targets import progress, recognitions

    ws = Workspace.open(demo_workspace)
    target = Target(id="xa", title="Xã điển hình", year=2025, percent=50, unit_kinds=("xa", "thi_tran"))
    with Context.open(ws) as ctx:
        units = [ctx.store.get_inspection(i).unit for i in (PHIENG_BAN_2023, THI_TRAN_2023)]
        (before,) = progress([target], units, recognitions(ctx.store, 2023))
        assert before.recognised == ["Xã Phiêng Ban"] and before.eligible_only == ["Xã Phiêng Ban"]
        assert "mới đủ điều kiện đề nghị" in before.status_label
        recognition.add(ctx, PHIENG_BAN_2023, decision="125/QĐ-UBND", date="05/10/2023", by="UBND huyện Bắc Yên")
        (after,) = progress([target], units, recognitions(ctx.store, 2023))
    assert after.recognised == ["Xã Phiêng Ban"] and after.eligible_only == []
    assert "mới đủ điều kiện" not in after.status_label and after.status_label.startswith("1/2 (50%)")


# -- award proposals ---------------------------------------------------------------------------------

def test_a_collective_already_proposed_for_a_bang_khen_that_year_is_not_proposed_again(demo_workspace: Path):
    unrecognised = run(demo_workspace, "recognition", "propose-award", PHIENG_BAN_2023[:8], expect=2)
    assert "chưa có quyết định công nhận" in unrecognised.stderr
    run(demo_workspace, *ADD)
    run(demo_workspace, "recognition", "propose-award", PHIENG_BAN_2023[:8], "--number", "45/TTr-CAH", "--date",
        "20/10/2023", "--by", "Công an huyện Bắc Yên")
    again = run(demo_workspace, "recognition", "propose-award", PHIENG_BAN_2023[:8], expect=2)
    assert "đã được đề nghị khen thưởng năm 2023" in again.stderr
    assert "số 45/TTr-CAH ngày 20/10/2023" in again.stderr  # names the earlier proposal
    (award,) = run_json(demo_workspace, "recognition", "awards")
    assert award["award"] == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


# -- who recognises: routing and the tờ trình ----------------------------------------------------------

def test_the_default_routing_follows_qd_9745():
    route = Routing.build([], [], values={"district": "Bắc Yên", "district_kind": "huyện", "province": "Sơn La"})
    assert route.for_unit("xa", "huyen").name == "Ủy ban nhân dân huyện Bắc Yên"
    assert route.for_unit("co_quan", "xa").name == "Ủy ban nhân dân huyện Bắc Yên"
    province = route.for_unit("co_so_giao_duc", "tinh")
    assert province.name == "Ủy ban nhân dân tỉnh Sơn La" and province.deadline_label(2023) == "trước ngày 25/10/2023"
    assert province.address == "Công an tỉnh Sơn La – Cơ quan Thường trực Ban Chỉ đạo 138 tỉnh"
    assert default_signer("Phó Trưởng Công an huyện", "huyện") == ("KT. TRƯỞNG CÔNG AN HUYỆN",
                                                                   "PHÓ TRƯỞNG CÔNG AN HUYỆN")
    assert default_signer("Trưởng Công an huyện", "huyện") == ("TRƯỞNG CÔNG AN HUYỆN",)
    assert parse_level("cấp-tỉnh") == "tinh" and parse_level("Cấp xã") == "xa"


def test_a_province_rule_goes_before_the_defaults_and_bad_data_is_refused():
    bac_kan = authority_from_data({"id": "ubnd_tinh_qua_ca", "name": "Ủy ban nhân dân tỉnh {province}",
                                   "recipient": "Ủy ban nhân dân tỉnh {province} (qua Công an tỉnh)",
                                   "levels": ["huyen"], "unit_kinds": ["co_quan"], "deadline": "15/10",
                                   "signer": "TRƯỞNG CÔNG AN HUYỆN"}, source="bac_kan")
    route = Routing.build([], [bac_kan], values={"district": "Ba Bể", "district_kind": "huyện", "province": "Bắc Kạn"})
    chosen = route.for_unit("co_quan", "huyen")
    assert (chosen.address, chosen.signer) == ("Ủy ban nhân dân tỉnh Bắc Kạn (qua Công an tỉnh)",
                                               ("TRƯỞNG CÔNG AN HUYỆN",))
    assert route.for_unit("xa", "huyen").name == "Ủy ban nhân dân huyện Ba Bể"
    for bad in ({"id": "x", "name": "A", "deadline": "31/13"}, {"id": "X y", "name": "A"},
                {"id": "x", "name": "A", "levels": ["quoc_gia"]}, {"id": "x"}):
        with pytest.raises(PluginDataError):
            authority_from_data(bad, source="p")
    assert isinstance(chosen, Authority)


def test_one_to_trinh_per_authority_addressed_and_signed(demo_workspace: Path):
    _recommend_the_school(demo_workspace)
    run(demo_workspace, "recognition", "level", TRUONG_DTNT_2023[:8], "cấp-tỉnh")
    out = run(demo_workspace, "totrinh", "--year", "2023", "--html").output
    assert out.startswith("2 tờ trình, mỗi cơ quan công nhận một tờ:")
    paths = sorted(Path(line.rsplit(": ", 1)[1].strip()) for line in out.splitlines()[1:]
                   if not line.startswith("Lưu ý"))  # the dossier's notes aside
    assert [p.name for p in paths] == ["ToTrinh_2023_ubnd_huyen.html", "ToTrinh_2023_ubnd_tinh.html"]
    huyen, tinh = (p.read_text(encoding="utf-8") for p in paths)
    assert "Kính gửi: Ủy ban nhân dân huyện Bắc Yên." in huyen and "Xã Phiêng Ban" in huyen
    assert "Trường PTDT" not in huyen and "trước ngày 01/10/2023" in huyen
    assert "Kính gửi: Công an tỉnh Sơn La – Cơ quan Thường trực Ban Chỉ đạo 138 tỉnh." in tinh
    assert "trình Ủy ban nhân dân tỉnh Sơn La công nhận" in tinh and "Xã Phiêng Ban" not in tinh
    for paper in (huyen, tinh):
        assert "KT. TRƯỞNG CÔNG AN HUYỆN<br>PHÓ TRƯỞNG CÔNG AN HUYỆN" in paper
        assert "……, ngày" not in paper and "Bắc Yên, ngày" in paper
        assert "Ủy ban nhân dân huyện." not in paper


def test_config_toml_routes_before_plugins_and_a_wrong_entry_is_named(demo_workspace: Path):
    text = demo_workspace.read_text(encoding="utf-8")
    demo_workspace.write_text(text + '\n[[authorities]]\nid = "bcd138_huyen"\nname = "Ban Chỉ đạo 138 huyện '
                              '{district}"\ndeadline = "20/10"\n', encoding="utf-8")
    out = run(demo_workspace, "totrinh", "--year", "2023", "--html").output
    paper = Path(out.splitlines()[0].rsplit(": ", 1)[1].strip())
    assert paper.name == "ToTrinh_2023_bcd138_huyen.html"
    assert "Kính gửi: Ban Chỉ đạo 138 huyện Bắc Yên." in paper.read_text(encoding="utf-8")
    demo_workspace.write_text(text + '\n[[authorities]]\nid = "x"\nname = "A"\ndeadline = "hôm nay"\n', encoding="utf-8")
    bad = run(demo_workspace, "totrinh", "--year", "2023", expect=1)
    assert "[[authorities]]" in bad.stderr and "dd/mm" in bad.stderr


def test_no_place_means_no_to_trinh(demo_workspace: Path):
    ws = Workspace.open(demo_workspace)
    ws.config.district = ws.config.province = ""
    with Context.open(ws) as ctx, pytest.raises(ServiceError, match="địa danh"):
        office.to_trinh(ctx, 2023, html=True)


# -- bundles -------------------------------------------------------------------------------------------

def test_a_decision_travels_in_a_bundle_and_its_removal_follows(demo_workspace: Path, tmp_path: Path):
    from antq_tui.exchange.bundle import read_bundle
    from antq_tui.exchange.export import export_bundle
    from antq_tui.exchange.merge import import_bundle
    from antq_tui.keys import TrustStore, load_or_create_key
    from antq_tui.storage import Store

    run(demo_workspace, *ADD)
    ws = Workspace.open(demo_workspace)
    office_store = Store.open(tmp_path / "office" / "inspections" / "antq.db", user="Văn phòng")
    with Store.for_workspace(ws) as laptop:
        out = tmp_path / "a.antq"
        export_bundle(laptop, out)
        mine = load_or_create_key(laptop.data_dir, laptop.database_id, laptop.user)
    theirs = load_or_create_key(office_store.data_dir, office_store.database_id, office_store.user)
    TrustStore(office_store.data_dir, theirs.public).trust(mine.public)
    assert len(read_bundle(out).tables["recognitions"]) == 1
    result = import_bundle(office_store, out)
    assert result.added["recognitions"] == 1
    (record,) = office_store.list_recognitions()
    assert (record.inspection_id, record.decision_number) == (PHIENG_BAN_2023, "125/QĐ-UBND")
    assert import_bundle(office_store, out).added.get("recognitions", 0) == 0  # twice: nothing new

    run(demo_workspace, "recognition", "remove", PHIENG_BAN_2023[:8], "--reason", "Quyết định bị thu hồi")
    with Store.for_workspace(ws) as laptop:
        export_bundle(laptop, tmp_path / "b.antq")
    import_bundle(office_store, tmp_path / "b.antq")
    assert office_store.list_recognitions() == []
    (removed,) = office_store.list_recognitions(include_removed=True)
    assert removed.removed_reason == "Quyết định bị thu hồi"
    assert office_store.verify() == []
    office_store.close()


def test_a_bundle_with_a_decision_on_no_inspection_of_it_is_refused(demo_workspace: Path, tmp_path: Path):
    from antq_tui.exchange.bundle import read_bundle
    from antq_tui.exchange.export import export_bundle
    from antq_tui.exchange.validate import RowError, check_values
    from antq_tui.storage import Store

    run(demo_workspace, *ADD)
    with Store.for_workspace(Workspace.open(demo_workspace)) as store:
        export_bundle(store, tmp_path / "a.antq", inspection_ids=[PHIENG_BAN_2023])
    tables = read_bundle(tmp_path / "a.antq").tables
    check_values(tables)
    tables["recognitions"][0]["inspection_id"] = THI_TRAN_2023  # not in this bundle
    with pytest.raises(RowError, match="không thuộc cuộc kiểm tra nào"):
        check_values(tables)
