"""``antq plugins``, ``antq criteria`` and ``antq check``: what the plugins provide, and trying a check."""

from __future__ import annotations

import sys

import click

from ..criteria import FieldValueError, unit_kind_label
from .main import CliState, echo_json, fail, main, pass_state


@main.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def plugins_command(state: CliState, as_json: bool) -> None:
    """Liệt kê plugin đã nạp và plugin lỗi (kèm lý do)."""
    reg = state.workspace().registry
    if as_json:
        echo_json(
            {
                "plugins": [
                    {"name": p.name, "version": p.version, "origin": p.origin, "location": p.location, "hooks": p.hooks}
                    for p in reg.plugins
                ],
                "problems": [{"name": p.name, "location": p.location, "reason": p.reason} for p in reg.problems],
                "not_allowed": [{"name": p.name, "location": p.location} for p in reg.load.not_allowed],
                "criteria_sets": sorted(reg.sets),
            }
        )
    else:
        click.echo(f"Plugin đã nạp ({len(reg.plugins)}):")
        for p in reg.plugins:
            version = f" {p.version}" if p.version else ""
            click.echo(f"  {p.name}{version}  [{p.origin}: {p.location}]")
        if reg.problems:
            click.echo(f"Lỗi plugin ({len(reg.problems)}):")
            for p in reg.problems:
                click.echo(f"  {p.name}  [{p.location}]: {p.reason}")
        if reg.load.not_allowed:
            click.echo(f"Không nạp vì không có trong [plugins] allow của config.toml ({len(reg.load.not_allowed)}):")
            for skipped in reg.load.not_allowed:
                click.echo(f"  {skipped.name}  [{skipped.location}]")
        click.echo("Bộ tiêu chí: " + (", ".join(sorted(reg.sets)) or "không có"))
    sys.exit(0 if reg.sets else 1)


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
            mark = f"  [sửa đổi: {', '.join(c.amended_by)}]" if c.amended_by else ""
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
