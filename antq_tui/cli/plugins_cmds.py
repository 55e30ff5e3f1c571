"""``antq plugins``, ``antq criteria`` and ``antq check``: what the plugins provide, and trying a check."""

from __future__ import annotations

import sys

import click

from ..criteria import FieldValueError, unit_kind_label
from .main import CliState, echo_json, fail, main, pass_state


@main.command("plugins")
@click.argument("name", required=False)
@click.option("--check", "check", is_flag=True,
              help="Thử mọi plugin (hoặc plugin TÊN): hàm kiểm tra trên số liệu mẫu, mẫu in; mã thoát 1 khi có lỗi.")
@click.option("--year", type=int, default=None, help="Năm kiểm tra đưa cho các hàm kiểm tra khi --check (mặc định: năm nay).")
@click.option("-v", "--verbose", is_flag=True, help="Kèm các hook mỗi plugin cài đặt.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def plugins_command(state: CliState, name: str | None, check: bool, year: int | None, verbose: bool,
                    as_json: bool) -> None:
    """Liệt kê plugin đã nạp và plugin lỗi (kèm lý do); mã thoát 1 khi có plugin lỗi.

    Với --check: chạy thử từng hàm kiểm tra trên số liệu mẫu và in thử từng mẫu của plugin, rồi in
    tổng kết (JSON với --json) để một bước CI đọc được.
    """
    workspace = state.workspace()
    if check:
        _check(workspace, name, year, as_json)
        return
    reg = workspace.registry
    loaded = [p for p in reg.plugins if name is None or p.name == name]
    problems = [p for p in reg.problems if name is None or p.name == name]
    if name is not None and not loaded and not problems:
        fail(f"Không có plugin “{name}”. Các plugin: "
             + (", ".join(sorted({p.name for p in reg.plugins} | {p.name for p in reg.problems})) or "không có"))
    errors = reg.check_errors.errors
    logged = [(when, message) for when, message in reg.check_errors.history()
              if name is None or f"plugin “{name}”" in message]
    if as_json:
        echo_json(
            {
                "plugins": [
                    {"name": p.name, "display_name": reg.display_name(p.name), "version": p.version,
                     "origin": p.origin, "location": p.location, "hooks": p.hooks}
                    for p in loaded
                ],
                "problems": [{"name": p.name, "location": p.location, "line": p.line, "reason": p.reason}
                             for p in problems],
                "not_allowed": [{"name": p.name, "location": p.location} for p in reg.load.not_allowed],
                "criteria_sets": sorted(reg.sets),
                "run_errors": [{"when": when, "message": message} for when, message in logged],
            }
        )
    else:
        click.echo(f"Plugin đã nạp ({len(loaded)}):")
        for p in loaded:
            version = f" {p.version}" if p.version else ""
            display = f" — {reg.display_name(p.name)}" if reg.display_name(p.name) else ""  # its name on papers
            click.echo(f"  {p.name}{version}{display}  [{p.origin}: {p.location}]")
            if verbose:
                click.echo("      hook: " + (", ".join(p.hooks) or "không có"))
        if problems:
            click.echo(f"Lỗi plugin ({len(problems)}):")
            for problem in problems:
                where = f"{problem.location}:{problem.line}" if problem.line else problem.location
                click.echo(f"  {problem.name}  [{where}]: {problem.reason}")
        if errors:
            click.echo(f"Lỗi khi chạy ({len(errors)}):")
            for e in errors:
                click.echo(f"  {e.plugin}  [{e.place}]: {e.message}")
        elif logged:
            click.echo(f"Lỗi khi chạy đã ghi trong {reg.check_errors.log_path} ({len(logged)}, mới nhất trước):")
            for when, message in logged:
                click.echo(f"  {when}  {message}")
        if reg.load.not_allowed:
            click.echo(f"Không nạp vì không có trong [plugins] allow của config.toml ({len(reg.load.not_allowed)}):")
            for skipped in reg.load.not_allowed:
                click.echo(f"  {skipped.name}  [{skipped.location}]")
        click.echo("Bộ tiêu chí: " + (", ".join(sorted(reg.sets)) or "không có"))
    sys.exit(0 if reg.sets and not problems else 1)


def _check(workspace, name: str | None, year: int | None, as_json: bool) -> None:
    from ..services import plugin_check
    from ..services.context import ServiceError

    try:
        report = plugin_check.check_plugins(workspace, name, year=year)
    except ServiceError as exc:
        fail(str(exc))
    if as_json:
        echo_json(report.to_json())
    else:
        for p in report.plugins:
            mark = "đạt" if not p.findings else f"{len(p.findings)} lỗi"
            click.echo(f"{p.name}: {p.checks} hàm kiểm tra, {p.samples} lần chạy thử, {p.templates} mẫu, "
                       f"{p.documents} văn bản in thử — {mark}")
            for f in p.findings:
                click.echo(f"  LỖI {f.plugin} · {f.what} · {f.place}: {f.message}")
                if f.inputs:
                    click.echo(f"      số liệu mẫu: {f.inputs}")
        for note in report.notes:
            click.echo(f"Lưu ý: {note}")
        click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


@main.command("criteria")
@click.argument("set_id", required=False)
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def criteria_command(state: CliState, set_id: str | None, as_json: bool) -> None:
    """Liệt kê các bộ tiêu chí, hoặc in một bộ (sau khi áp dụng sửa đổi của plugin)."""
    reg = state.workspace().registry
    if set_id is None:
        if as_json:
            echo_json([
                {"id": s.id, "title": s.title, "version": s.version, "plugin": s.plugin,
                 "unit_kinds": list(s.unit_kinds), "criteria_count": len(s.criteria)}
                for s in reg.sets.values()
            ])
        else:
            for s in reg.sets.values():
                kinds = ", ".join(unit_kind_label(k) for k in s.unit_kinds)
                click.echo(f"{s.id}\t{len(s.criteria)} tiêu chí\t{s.title} (phiên bản {s.version}; {kinds})")
        return
    try:
        cset = reg.get_set(set_id)
    except KeyError as exc:
        fail(exc.args[0])
    if as_json:
        data = cset.to_data()
        titles = {g.id: g.title for g in cset.groups}
        for c in data["criteria"]:
            c["group_title"] = titles[c["group"]]
        echo_json(data)
        return
    click.echo(f"{cset.title}\nPhiên bản {cset.version} — plugin “{cset.plugin}”")
    for line in cset.legal_basis:
        click.echo(f"  Căn cứ: {line}")
    for group in cset.groups:
        click.echo(f"\n{group.title.upper()}")
        for c in cset.criteria_in(group.id):
            mark = (f"  [thêm: {c.added_by}]" if c.added_by else "") + (f"  [sửa đổi: {', '.join(c.amended_by)}]" if c.amended_by else "")
            click.echo(f"  Tiêu chí {c.number}. {c.text}{mark}")
            for e in c.evidence:
                click.echo(f"      - {e}")
            for f in c.fields:
                click.echo(f"      [{f.id}] {f.label} ({f.type})")


@main.command("check")
@click.argument("set_id")
@click.argument("number", type=int)
@click.option("--input", "-i", "inputs", multiple=True, metavar="TRƯỜNG=GIÁ_TRỊ", help="Giá trị một trường (lặp lại được).")
@click.option("--year", type=int, default=None, help="Năm kiểm tra (để đối chiếu các mốc thời gian như “Quý I”).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def check_command(state: CliState, set_id: str, number: int, inputs: tuple[str, ...], year: int | None,
                  as_json: bool) -> None:
    """Chạy hàm kiểm tra của một tiêu chí với các số liệu cho trước (để thử plugin)."""
    reg = state.workspace().registry
    try:
        criterion = reg.get_set(set_id).criterion(number)
    except KeyError as exc:
        fail(exc.args[0])
    if not criterion.has_check:
        fail(f"Tiêu chí {number} của bộ “{set_id}” không có hàm kiểm tra; đoàn tự đánh giá.")
    raw: dict[str, str] = {}
    for item in inputs:
        key, sep, value = item.partition("=")
        if not sep:
            fail(f"“{item}” cần dạng TRƯỜNG=GIÁ_TRỊ.")
        raw[key.strip()] = value
    try:
        parsed = criterion.parse_inputs(raw)
    except (KeyError, FieldValueError) as exc:
        fail(exc.args[0])
    suggestion = criterion.suggest(parsed, year=year)
    assert suggestion is not None
    if as_json:
        echo_json({"verdict": suggestion.verdict.value, "reason": suggestion.reason, "judgement": suggestion.judgement})
    else:
        extra = " (cần đoàn cân nhắc)" if suggestion.judgement else ""
        click.echo(f"Gợi ý: {suggestion.verdict.label} — {suggestion.reason}{extra}")
