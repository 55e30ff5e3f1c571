"""``antq recognition add|list|remove|propose-award|awards|level|authorities``: after the visit, the
decision that recognises a unit, the Bằng khen proposals, who manages each unit and who recognises it.
Every rule is in :mod:`antq_tui.services.recognition`."""

from __future__ import annotations

import click

from .main import CliState, echo_json, main, pass_state, service_context
from .tables import print_table


@main.group("recognition")
def recognition_group() -> None:
    """Quyết định công nhận đơn vị điển hình, đề nghị khen thưởng, cấp quản lý và cơ quan công nhận.

    Chỉ ghi quyết định cho cuộc kiểm tra đã hoàn thành có kết luận gợi ý “đề nghị công nhận”.
    """


@recognition_group.command("add")
@click.argument("inspection")
@click.option("--decision", required=True, metavar="SỐ", help="Số, ký hiệu quyết định (125/QĐ-UBND).")
@click.option("--date", "date_text", required=True, metavar="dd/mm/yyyy", help="Ngày quyết định.")
@click.option("--by", "by", required=True, metavar="CƠ QUAN", help="Cơ quan ban hành (Ủy ban nhân dân huyện Bắc Yên).")
@click.option("--maintained", is_flag=True, help="Công nhận duy trì (mặc định: công nhận mới).")
@click.option("--level", default="", metavar="CẤP", help="Cấp công nhận (mặc định: theo cơ quan công nhận đơn vị).")
@click.option("--note", default="", help="Ghi chú.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def add_command(state: CliState, inspection: str, decision: str, date_text: str, by: str, maintained: bool,
                level: str, note: str, as_json: bool) -> None:
    """Ghi quyết định công nhận đơn vị của cuộc kiểm tra MÃ_KIỂM_TRA (mã, hoặc vài ký tự đầu của mã)."""
    from ..services import recognition

    with service_context(state) as ctx:
        record = recognition.add(ctx, inspection, decision=decision, date=date_text, by=by, maintained=maintained,
                                 level=level, note=note)
    if as_json:
        echo_json(record.to_json())
        return
    click.echo(f"Đã ghi: {record.unit_name} năm {record.year} — {record.label} (mã {record.id[:8]}).")


@recognition_group.command("list")
@click.option("--year", "-y", type=int, default=None, help="Chỉ năm này.")
@click.option("--all", "include_removed", is_flag=True, help="Kể cả quyết định đã gỡ.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def list_command(state: CliState, year: int | None, include_removed: bool, as_json: bool) -> None:
    """Các quyết định công nhận đã ghi, mới nhất trước."""
    from ..services import recognition

    with service_context(state, write=False) as ctx:
        records = recognition.listing(ctx, year, include_removed=include_removed)
    if as_json:
        echo_json([r.to_json() for r in records])
        return
    if not records:
        click.echo("Chưa ghi quyết định công nhận nào" + (f" năm {year}." if year else "."))
        return
    rows = [[str(r.year), r.unit_name, r.kind_label,
             r.decision_label + (f" — đã gỡ: {r.removed_reason}" if not r.active else ""), r.id[:8]] for r in records]
    print_table(["Năm", "Đơn vị", "Hình thức", "Quyết định", "Mã"], rows, wrap=(1, 3))
    click.echo(f"({len(records)} quyết định)")


@recognition_group.command("remove")
@click.argument("recognition_id", metavar="MÃ")
@click.option("--reason", required=True, help="Lý do gỡ (ghi vào nhật ký).")
@pass_state
def remove_command(state: CliState, recognition_id: str, reason: str) -> None:
    """Gỡ một quyết định ghi nhầm: quyết định được giữ lại, đánh dấu đã gỡ, kèm lý do và người gỡ.

    MÃ là mã quyết định (antq recognition list) hoặc mã cuộc kiểm tra.
    """
    from ..services import recognition

    with service_context(state) as ctx:
        record = recognition.remove(ctx, recognition_id, reason)
    click.echo(f"Đã gỡ quyết định công nhận {record.unit_name} năm {record.year} ({record.decision_label}). "
               "Quyết định vẫn được lưu, đánh dấu đã gỡ.")


@recognition_group.command("propose-award")
@click.argument("inspection")
@click.option("--number", default="", metavar="SỐ", help="Số văn bản đề nghị.")
@click.option("--date", "date_text", default=None, metavar="dd/mm/yyyy", help="Ngày văn bản đề nghị.")
@click.option("--by", "by", default="", metavar="CƠ QUAN", help="Cơ quan đề nghị.")
@click.option("--award", default=None, help="Hình thức khen thưởng (mặc định: Bằng khen của Chủ tịch UBND tỉnh).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def propose_award_command(state: CliState, inspection: str, number: str, date_text: str | None, by: str,
                          award: str | None, as_json: bool) -> None:
    """Ghi đề nghị tặng Bằng khen cho đơn vị đã được công nhận của cuộc kiểm tra MÃ_KIỂM_TRA.

    Tập thể đã được đề nghị tặng Bằng khen trong năm thì không đề nghị lại.
    """
    from ..services import recognition

    with service_context(state) as ctx:
        proposal = recognition.propose_award(ctx, inspection, number=number, date=date_text, by=by,
                                             award=award or recognition.DEFAULT_AWARD)
    if as_json:
        echo_json(proposal.to_json())
        return
    click.echo(f"Đã ghi đề nghị khen thưởng: {proposal.unit_name} năm {proposal.year} — {proposal.label}.")


@recognition_group.command("awards")
@click.option("--year", "-y", type=int, default=None, help="Chỉ năm này.")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def awards_command(state: CliState, year: int | None, as_json: bool) -> None:
    """Các đề nghị khen thưởng đã ghi."""
    from ..services import recognition

    with service_context(state, write=False) as ctx:
        items = recognition.awards(ctx, year)
    if as_json:
        echo_json([a.to_json() for a in items])
        return
    if not items:
        click.echo("Chưa ghi đề nghị khen thưởng nào.")
        return
    print_table(["Năm", "Đơn vị", "Đề nghị"], [[str(a.year), a.unit_name, a.label] for a in items], wrap=(1, 2))


@recognition_group.command("level")
@click.argument("target", metavar="MÃ")
@click.argument("level", metavar="CẤP")
@pass_state
def level_command(state: CliState, target: str, level: str) -> None:
    """Ghi cấp quản lý của đơn vị: cấp-xã, cấp-huyện, cấp-tỉnh (hoặc mặc-định).

    MÃ là mã cuộc kiểm tra (hoặc vài ký tự đầu) hoặc mã đơn vị. Cấp quản lý quyết định cơ quan nào
    xét, công nhận đơn vị và tờ trình gửi đi đâu.
    """
    from ..services import recognition

    with service_context(state) as ctx:
        unit, label, authority = recognition.set_level(ctx, target, level)
    click.echo(f"Đã ghi: {unit.name} — {label}. Cơ quan xét, công nhận: {authority.name}.")


@recognition_group.command("authorities")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_state
def authorities_command(state: CliState, as_json: bool) -> None:
    """Các cơ quan xét, công nhận theo thứ tự áp dụng (config.toml, plugin, mặc định theo QĐ 9745)."""
    from ..criteria import unit_kind_label
    from ..criteria.authorities import level_label
    from ..services import recognition

    with service_context(state, write=False) as ctx:
        authorities = recognition.routing(ctx).authorities
    if as_json:
        echo_json([a.to_json() for a in authorities])
        return
    rows = [[a.name, a.address, ", ".join(level_label(x) for x in a.levels) or "mọi cấp",
             ", ".join(unit_kind_label(k).lower() for k in a.unit_kinds) or "mọi loại", a.deadline or "—",
             a.source] for a in authorities]
    print_table(["Cơ quan công nhận", "Kính gửi", "Đơn vị do", "Loại đơn vị", "Trước ngày", "Nguồn"], rows,
                wrap=(0, 1, 2, 3))
