"""Registration and minimum selection, count targets, and deadlines with the work they gate: what the
office sees in ``antq register``, ``antq registrations``, ``antq calendar``, ``antq targets`` and the TUI."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import textwrap
from pathlib import Path

from cli_helpers import run, run_json
from conftest import REPO, write_workspace
from demo_fixture import demo_template, demo_workspace
from tui_helpers import settle

from antq_tui.criteria import Deadline, Target
from antq_tui.inspection import Unit
from antq_tui.office.calendar import UnitYear, pending_units, upcoming
from antq_tui.office.targets import Recognition, progress
from antq_tui.registry import load_registry


def _copy_example(config: Path, name: str) -> None:
    shutil.copytree(REPO / "docs" / "examples" / name, config.parent / "plugins" / name)


# --------------------------------------------------------------------------------------------------
# the registration list


def test_register_then_list_with_the_deadline_and_a_late_registration(demo_workspace):
    _copy_example(demo_workspace, "huyen_hau_loc")  # registration deadline: end of the first quarter
    out = run(demo_workspace, "register", "phieng ban", "--date", "28/03/2024", "--note", "Văn bản số 12/UBND").output
    assert out.strip() == "Đã đăng ký Xã Phiêng Ban năm 2024, ngày 28/03/2024."
    late = run_json(demo_workspace, "register", "thi tran bac yen", "--date", "02/04/2024")
    assert late["late"] is True and "sau hạn đăng ký 31/03/2024" in late["message"]
    data = run_json(demo_workspace, "registrations", "--year", "2024")
    assert data["deadline"] == {"id": "hl_lua_chon", "title": "Lựa chọn, đăng ký đơn vị xây dựng điển hình (quý I)",
                                "date": "2024-03-31"}
    assert [(r["name"], r["registered_on"], r["late"]) for r in data["registrations"]] == [
        ("Xã Phiêng Ban", "2024-03-28", False), ("Thị trấn Bắc Yên", "2024-04-02", True)]
    assert data["unmet_selection"] == []  # Hậu Lộc asks for at least one unit a year
    text = run(demo_workspace, "registrations", "--year", "2024").output
    assert "Hạn đăng ký: 31/03/2024" in text and "02/04/2024 (sau hạn)" in text and "12/UBND" in text


def test_a_unit_already_registered_keeps_its_date_unless_updated_and_can_be_removed(demo_workspace):
    failed = run(demo_workspace, "register", "Xã Phiêng Ban", "--year", "2023", expect=2)
    assert "đã đăng ký năm 2023 ngày 20/03/2023" in failed.stderr and "Traceback" not in failed.output
    run(demo_workspace, "register", "Xã Phiêng Ban", "--date", "21/03/2023", "--update")
    listed = run_json(demo_workspace, "registrations", "--year", "2023")["registrations"]
    assert [r["registered_on"] for r in listed if r["name"] == "Xã Phiêng Ban"] == ["2023-03-21"]
    assert "Đã bỏ Xã Phiêng Ban" in run(demo_workspace, "register", "Xã Phiêng Ban", "--year", "2023", "--remove").output
    assert len(run_json(demo_workspace, "registrations", "--year", "2023")["registrations"]) == 2
    assert "Toàn vẹn" in run(demo_workspace, "verify").output or "toàn vẹn" in run(demo_workspace, "verify").output


def test_unknown_ambiguous_and_future_registrations_are_refused_in_vietnamese(demo_workspace):
    unknown = run(demo_workspace, "register", "Xã Không Có", expect=2)
    assert "Không tìm thấy đơn vị “Xã Không Có”" in unknown.stderr and "--kind" in unknown.stderr
    several = run(demo_workspace, "register", "bac yen", expect=2)
    assert "đơn vị khớp “bac yen”" in several.stderr and "Thị trấn Bắc Yên" in several.stderr
    future = run(demo_workspace, "register", "Xã Phiêng Ban", "--date", "01/01/2099", expect=2)
    assert "chưa tới" in future.stderr
    bad = run(demo_workspace, "register", "Xã Phiêng Ban", "--date", "31/02/2024", expect=2)
    assert "không có" in bad.stderr
    new = run_json(demo_workspace, "register", "Xã Hồng Ngài", "--kind", "xã", "--date", "10/03/2024")
    assert new["name"] == "Xã Hồng Ngài" and new["new"] is True


# --------------------------------------------------------------------------------------------------
# deadlines: one-off dates, what they gate, who is still pending


def test_one_off_deadlines_are_upcoming_until_their_day_only():
    once = Deadline("by", "Hoàn thành kiểm tra trước ngày 17/10/2023", date="17/10/2023", gates="finalize")
    yearly = Deadline("hl", "Báo cáo năm", date="20/10")
    old = Deadline("bk", "Cấp huyện", 10, 15)  # a plugin written before dates could be one-off
    assert (once.year, once.month, once.day, once.one_off) == (2023, 10, 17, True)
    assert (yearly.month, yearly.day, yearly.one_off) == (10, 20, False)
    items = upcoming([once, yearly, old], dt.date(2023, 10, 16))
    assert [(u.deadline.id, u.date) for u in items] == [("by", dt.date(2023, 10, 17)), ("hl", dt.date(2023, 10, 20)),
                                                        ("bk", dt.date(2024, 10, 15))]
    assert [u.deadline.id for u in upcoming([once, yearly], dt.date(2023, 10, 18))] == ["hl"]


def test_invalid_deadlines_and_targets_are_reported_in_vietnamese_naming_their_id(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "tinh_loi.py").write_text(textwrap.dedent('''
        from antq_tui import hookimpl, Deadline, Target

        @hookimpl
        def antq_calendar():
            return [Deadline(id="khong_co", title="Ngày không có", date="29/02/2023"),
                    {"id": "sai_viec", "title": "Việc lạ", "month": 3, "day": 30, "gates": "nap_tien"},
                    {"id": "sai_dang", "title": "Ngày lạ", "date": "30 tháng 3"},
                    Deadline(id="dung", title="Đúng", date="30/3", gates="register")]

        @hookimpl
        def antq_targets():
            return [Target(id="ca_hai", title="Cả hai", year=2025, percent=30, count=1),
                    {"id": "khong_gi", "title": "Không gì", "year": 2025},
                    Target(id="cu", title="Kiểu cũ", year=2025, percent=15, unit_kinds=("co_quan",))]
        '''), encoding="utf-8")
    reg = load_registry([folder], entry_points=False, isolate=False)
    reasons = " | ".join(p.reason for p in reg.problems)
    assert "mốc “khong_co”: ngày 29/02/2023 không có trong năm 2023" in reasons
    assert "mốc “sai_viec”: “gates” phải là một trong: register (đăng ký)" in reasons
    assert "mốc “sai_dang”: ngày “30 tháng 3” cần dạng dd/mm" in reasons
    assert "chỉ tiêu “ca_hai”: cần đúng một trong hai" in reasons and "chỉ tiêu “khong_gi”" in reasons
    assert [d.id for d in reg.deadlines] == ["dung"] and [t.id for t in reg.targets] == ["cu"]


def _unit(uid: str, name: str, kind: str, district: str = "Bắc Yên") -> Unit:
    return Unit(id=uid, name=name, kind=kind, district=district, province="Sơn La")


def test_each_gate_lists_the_units_that_have_not_done_its_work():
    a, b, c, d = (_unit("a", "Xã A", "xa"), _unit("b", "Xã B", "xa"), _unit("c", "Trường C", "co_so_giao_duc"),
                  _unit("d", "Xã D", "xa"))
    facts = [UnitYear(a, registered=True), UnitYear(b, registered=True, inspected=True),
             UnitYear(c, registered=True, inspected=True, finalized=True, proposed=True),
             UnitYear(d, inspected=True, finalized=True, proposed=True, recognised=True)]

    def names(gates: str, kinds: tuple[str, ...] = ()) -> list[str]:
        return [p.label for p in pending_units(Deadline("x", "x", 10, 1, gates=gates, unit_kinds=kinds), facts)]

    assert names("inspect") == ["Xã A (chưa kiểm tra)"]
    assert names("finalize") == ["Xã A (chưa kiểm tra)", "Xã B (đang kiểm tra)"]
    assert names("recognise") == ["Trường C (đã đề nghị công nhận, chưa có quyết định)"]
    assert names("finalize", ("co_so_giao_duc",)) == [] and names("report") == []


def test_antq_calendar_on_the_demo_names_the_units_pending_before_each_deadline(demo_workspace):
    data = run_json(demo_workspace, "calendar", "--today", "01/10/2023")
    by_id = {d["id"]: d for d in data["deadlines"]}
    assert list(by_id) == ["by_2023_tu_kiem_tra", "by_2023_kiem_tra", "by_2023_cong_nhan"]
    assert by_id["by_2023_kiem_tra"]["one_off"] is True and by_id["by_2023_kiem_tra"]["gates"] == "finalize"
    assert [(p["name"], p["state"]) for p in by_id["by_2023_kiem_tra"]["pending"]] == [("Thị trấn Bắc Yên", "draft")]
    assert [p["name"] for p in by_id["by_2023_cong_nhan"]["pending"]] == ["Xã Phiêng Ban"]
    text = run(demo_workspace, "calendar", "--today", "01/10/2023").output
    assert "- Trước 17/10/2023 (Đoàn kiểm tra Công an huyện hoàn thành kiểm tra trước 17/10/2023): còn 1 đơn vị chưa hoàn thành biên bản: Thị trấn Bắc Yên (đang kiểm tra)" in text
    assert run_json(demo_workspace, "calendar", "--today", "21/10/2023")["deadlines"] == []  # all one-off, passed
    run(demo_workspace, "finalize", "--help")  # the demo's draft stays a draft: nothing else changed


# --------------------------------------------------------------------------------------------------
# count targets beside percentages


def test_count_targets_per_district_and_per_kind():
    registry = [_unit("x1", "Xã A", "xa"), _unit("x2", "Xã B", "xa", "Mai Sơn"), _unit("c1", "Sở X", "co_quan"),
                _unit("s1", "Trường Y", "co_so_giao_duc")]
    per_district = Target("chon_xa", "Mỗi huyện ít nhất 01 xã", count=1, per="district", counts="registered",
                          unit_kinds=("xa",))
    per_kind = Target("khoi", "Mỗi khối 02 đơn vị", year=2024, count=2, per="kind",
                      unit_kinds=("co_quan", "co_so_giao_duc"))
    rec = [Recognition(registry[2], 2024, "i1", True), Recognition(registry[3], 2024, "i2", True),
           Recognition(_unit("c2", "Sở Z", "co_quan"), 2024, "i3", True)]  # not on the registry: a count counts it
    d, k = progress([per_district, per_kind], registry, rec, year=2024, registered=lambda year: [registry[0]])
    assert [(g.label, g.count, g.met) for g in d.groups] == [("Huyện Bắc Yên", 1, True), ("Huyện Mai Sơn", 0, False)]
    assert d.met is False and d.missing == 1
    assert d.status_label == ("1/2 huyện đủ — chỉ tiêu ít nhất 01 mỗi huyện (năm 2024): còn thiếu ở "
                              "Huyện Mai Sơn (0/1)")
    assert [(g.label, g.count) for g in k.groups] == [("Cơ quan", 2), ("Cơ sở giáo dục", 1)]
    assert k.status_label.endswith("còn thiếu ở Cơ sở giáo dục (1/2)") and k.requirement_label == "ít nhất 02 mỗi khối"
    (mine,) = progress([per_district], registry, [], district="Bắc Yên", year=2024,
                       registered=lambda year: [registry[0]])
    assert mine.met is True  # one district's office sees its own district


def test_a_percent_target_over_an_attribute_counts_only_units_that_have_it(tmp_path):
    config = write_workspace(tmp_path, plugin_folders=[tmp_path / "extra"])
    shutil.copytree(REPO / "docs" / "examples" / "tinh_tuyen_quang", tmp_path / "extra" / "tinh_tuyen_quang")
    units = tmp_path / "don_vi.csv"
    units.write_text("Tên,Loại,Huyện,Thuộc diện\nXã Một,xã,Hàm Yên,Nông thôn mới\n"
                     "Xã Hai,xã,Hàm Yên,nong thon moi; Nông thôn mới nâng cao\nXã Ba,xã,Hàm Yên,\n", encoding="utf-8")
    run(config, "units", "import", str(units))
    data = run_json(config, "targets", "--year", "2025")
    ntm = next(t for t in data["targets"] if t["id"] == "tq_2025_nong_thon_moi")
    assert (ntm["denominator"], ntm["required"], ntm["unit_attribute"]) == (2, 1, "nong_thon_moi")
    assert "thuộc diện “nông thôn mới”" in run(config, "stats", "--year", "2025", "--csv").stdout
    after = [t["id"] for t in run_json(config, "targets", "--year", "2027")["targets"]]
    assert "tq_2025_nong_thon_moi" in after and "tq_2024_khoi" not in after  # the plan's final targets stay
    khoi = run_json(config, "targets", "--year", "2024")["targets"]
    assert [t["id"] for t in khoi][:3] == ["tq_2024_phuong", "tq_2024_thi_tran", "tq_2024_khoi"]
    assert next(t for t in khoi if t["id"] == "tq_2024_khoi")["groups"][0] == {
        "label": "Cơ quan", "count": 0, "required": 2, "met": False, "units": []}


def test_the_example_plugins_load_without_problems(tmp_path):
    folder = tmp_path / "extra"
    for name in ("huyen_bac_yen", "huyen_hau_loc", "tinh_quang_tri", "tinh_bac_kan", "tinh_tuyen_quang"):
        shutil.copytree(REPO / "docs" / "examples" / name, folder / name)
    reg = load_registry([REPO / "plugins", folder], entry_points=False, isolate=False)
    assert reg.problems == []
    dates = {d.id: (d.day, d.month, d.year, d.gates) for d in reg.deadlines}
    assert dates["by_2023_tu_kiem_tra"] == (15, 10, 2023, "report")
    assert dates["by_2023_kiem_tra"] == (17, 10, 2023, "finalize")
    assert dates["by_2023_cong_nhan"] == (20, 10, 2023, "recognise")
    assert dates["hl_bao_cao_6_thang"] == (10, 6, None, "report") and dates["hl_bao_cao_nam"][:3] == (20, 10, None)
    assert dates["qt_dang_ky"] == (30, 3, None, "register")


# --------------------------------------------------------------------------------------------------
# the TUI


def test_home_says_what_is_due_next_and_g_opens_the_registration_list(demo_workspace):
    from antq_tui.tui.app import AntqApp

    class FixedDay(AntqApp):
        def today(self) -> dt.date:
            return dt.date(2023, 10, 1)

    async def drive() -> None:
        app = FixedDay(demo_workspace, entry_points=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            filters = str(app.screen.query_one("#filters").render())
            assert "Sắp đến hạn 17/10/2023 (còn 16 ngày): 1 đơn vị chưa hoàn thành biên bản (Thị trấn Bắc Yên)" in filters
            await pilot.press("g")
            await settle(app, pilot)
            assert "3 đơn vị đăng ký" in str(app.screen.query_one("#reg-deadline").render())
            await pilot.press("n", *"hong ngai", "ctrl+s")
            await settle(app, pilot)
            assert len(app.screen.entries) == 3  # no such unit: refused, the list unchanged
            await pilot.press("escape")
            await settle(app, pilot)

    asyncio.run(drive())
    data = run_json(demo_workspace, "registrations", "--year", "2023")
    assert len(data["registrations"]) == 3


def test_the_registration_screen_adds_a_unit_with_its_date_and_note(demo_workspace):
    from antq_tui.tui.app import AntqApp

    _copy_example(demo_workspace, "huyen_hau_loc")  # a registration deadline and a minimum selection

    class FixedDay(AntqApp):
        def today(self) -> dt.date:
            return dt.date(2024, 3, 20)

    async def drive() -> None:
        app = FixedDay(demo_workspace, entry_points=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            home = app.screen
            assert "Sắp đến hạn 31/03/2024 (còn 11 ngày): 1 chỉ tiêu lựa chọn chưa đạt" in str(
                home.query_one("#filters").render())
            await pilot.press("y")  # home's year filter: 2023 → the list of 2023 opens; ] moves to 2024
            await pilot.press("g", "right_square_bracket")
            await settle(app, pilot)
            assert app.screen.year == 2024
            await pilot.press("n", *"phieng ban", "tab")
            app.screen.query_one("#reg-date").value = "15/03/2024"
            app.screen.query_one("#reg-note").value = "Văn bản 07/UBND"
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert [e.registration.unit.name for e in app.screen.entries] == ["Xã Phiêng Ban"]
            await pilot.press("escape")
            await settle(app, pilot)
            # the selection is met; what is due next is the year's report, which needs its minutes
            assert "Sắp đến hạn 20/10/2024 (còn 214 ngày): 1 đơn vị chưa hoàn thành biên bản (Xã Phiêng Ban)" in str(
                home.query_one("#filters").render())

    asyncio.run(drive())
    (entry,) = run_json(demo_workspace, "registrations", "--year", "2024")["registrations"]
    assert (entry["registered_on"], entry["note"]) == ("2024-03-15", "Văn bản 07/UBND")


def test_a_database_of_the_previous_version_upgrades_and_keeps_its_registry(tmp_path):
    from antq_tui.storage import Store, migrations
    from antq_tui.storage.db import connect, database

    path = tmp_path / "antq.db"
    db = database(connect(path))
    migrations.sqlite_migrations().apply(db, stop_before="0011_registrations")
    db.execute("INSERT INTO units (id, name, kind, district, province, name_folded, search_folded, created_at,"
               " updated_at) VALUES ('u1', 'Xã Phiêng Ban', 'xa', 'Bắc Yên', 'Sơn La', 'xa phieng ban', 'xa phieng ban',"
               " '2024-01-02T08:00:00.000+07:00', '2024-01-02T08:00:00.000+07:00')")
    db.execute("INSERT INTO unit_registry (unit_id, source, added_at) VALUES ('u1', 'don_vi.csv',"
               " '2024-01-02T08:00:00.000+07:00')")
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        assert [u.name for u in store.registered_units()] == ["Xã Phiêng Ban"]
        assert store.unit_attributes() == {}
        store.register("u1", 2024, dt.date(2024, 3, 20))
        assert [r.unit.name for r in store.registrations(2024)] == ["Xã Phiêng Ban"]


def test_a_recorded_recognition_takes_the_unit_off_the_recognition_deadline(demo_workspace, monkeypatch):
    from antq_tui.demo import demo_id
    from antq_tui.services import Context, calendar
    from antq_tui.storage import Store
    from antq_tui.workspace import Workspace

    def pending(ctx) -> list[str]:
        work = {w.deadline.id: w for w in calendar.agenda(ctx, dt.date(2023, 10, 1))}
        return [p.unit.name for p in work["by_2023_cong_nhan"].pending]

    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx:
        assert pending(ctx) == ["Xã Phiêng Ban"]
        decided = {demo_id("unit", "phieng_ban"): "Quyết định số 1024/QĐ-UBND"}
        monkeypatch.setattr(Store, "recognised_units", lambda self, year=None, **kw: decided if year == 2023 else {},
                            raising=False)
        assert pending(ctx) == []
