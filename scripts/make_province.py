#!/usr/bin/env python3
"""Build a synthetic province: the demo workspace plus N inspections, the same on every run.

    .venv/bin/python scripts/make_province.py --inspections 5000 DIR [--seed 19] [--years 2022-2024]

DIR must be new or empty. It starts as ``antq demo DIR`` (its config.toml, the official criteria sets,
the demo's 4 inspections of Bắc Yên) and gets N more inspections of units spread over the districts
of a province: communes, wards and towns (the "xa" set) and agencies, enterprises and schools (the
"coquan" set), each inspected in the latest year and many in the years before. Every answer has
figures typed into the set's own fields (made up from the field's type: counts, yes/no, dates in the
year, one of the choices), the suggestion the plugins compute from them, the team's verdict (the
suggestion, overruled now and then; 30 % of the units meet everything), a remark on some, the eligibility conditions, and 2 % of the
inspections an attached file; 80 % are finalized (and signed), the rest are drafts left part way.

Everything goes through the services the TUI and the command line call (the same rules, the same
audit log), 200 inspections per transaction (``Context.batch``: a transaction per answer would sync
the disk ~60 times per inspection, and finalize would copy the whole database each time; in a batch
both happen once).
The script knows no criterion: it reads the fields of each snapshot.

Prints the config path, the counts and the time taken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from antq_tui.inspection import Unit  # noqa: E402
from antq_tui.services import Context, attachments, inspections  # noqa: E402
from antq_tui.services.demo import create_demo  # noqa: E402
from antq_tui.workspace import Workspace  # noqa: E402

#: the namespace of the generated ids (uuid5 of "unit:N" / "inspection:N": the same on every run)
NAMESPACE = uuid.UUID("3a1e52a4-7c1b-4f3e-9a3c-19b0c0ffee19")

DISTRICTS = ("Bắc Yên", "Phù Yên", "Mường La", "Thuận Châu", "Quỳnh Nhai", "Mai Sơn", "Yên Châu", "Mộc Châu",
             "Vân Hồ", "Sông Mã", "Sốp Cộp", "Thành phố Sơn La")
SYLLABLES = ("Phiêng", "Ban", "Đông", "Thọ", "Mường", "Khoa", "Chiềng", "Sại", "Hồng", "Ngài", "Tà", "Xùa", "Song",
             "Pạc", "Làng", "Chếu", "Hang", "Chú", "Xím", "Vàng", "Quang", "Huy", "Nà", "Bó", "Lóng", "Sập", "Tạ",
             "Khọc", "Hua", "Nhụng", "Lềnh", "Cà", "Nặm", "Púng", "Tông")
KINDS = (("xa", "Xã"),) * 6 + (("phuong", "Phường"), ("thi_tran", "Thị trấn"), ("co_quan", "Cơ quan"),
                               ("doanh_nghiep", "Công ty"), ("co_so_giao_duc", "Trường"))
REMARKS = ("Hồ sơ đầy đủ, sắp xếp khoa học.", "Số liệu khớp với báo cáo của đơn vị.",
           "Cần bổ sung biên bản họp của các bản.", "Đã xem sổ theo dõi; ghi chép chưa thường xuyên.",
           "Đơn vị báo cáo có tiến bộ so với năm trước.")
FINALIZED_SHARE = 0.8
MODEL_SHARE = 0.3
#: inspections per transaction (and per finalize backup)
BATCH = 200
ATTACHED_SHARE = 0.02


def gen_id(kind: str, n: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{n}"))


def make_units(rng: random.Random, count: int, province: str) -> list[Unit]:
    units: list[Unit] = []
    seen: set[tuple[str, str]] = set()
    while len(units) < count:
        kind, label = rng.choice(KINDS)
        name = f"{label} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        district = DISTRICTS[len(units) % len(DISTRICTS)]
        if (name, district) in seen:
            name = f"{name} {len(units)}"
        seen.add((name, district))
        units.append(Unit(id=gen_id("unit", len(units)), name=name, kind=kind, district=district, province=province))
    return units


def schedule(n: int, years: list[int]) -> list[tuple[int, int]]:
    """(unit index, year) for n inspections: every unit in the latest year, fewer in each year before
    (60 % / 25 % / 15 % for three years), no unit twice in a year."""
    weights = [2 ** i for i in range(len(years))]  # 1, 2, 4 …: the latest year the heaviest
    per_year = [n * w // sum(weights) for w in weights]
    per_year[-1] += n - sum(per_year)
    units = per_year[-1]
    return [(i, year) for year, count in zip(years, per_year, strict=True) for i in range(min(count, units))]


def value_for(rng: random.Random, field, year: int) -> str:
    """A plausible typed value for one input field, from its type only."""
    if field.type == "integer":
        return str(rng.choice((0, 0, 0, 1, 2, 3, 5, 8, 12, 20, 42)))
    if field.type == "yesno":
        return rng.choice(("có", "có", "có", "không"))
    if field.type == "date":
        return dt.date(year, rng.randint(1, 9), rng.randint(1, 28)).strftime("%d/%m/%Y")
    if field.type == "choice" and field.choices:
        return rng.choice(field.choices[:2] + field.choices)  # the better choices more often
    return "Theo báo cáo của đơn vị"


def fill(ctx: Context, rng: random.Random, unit: Unit, year: int, n: int, sources: Path) -> tuple[bool, bool]:
    """One inspection, answered; returns (finalized, attached)."""
    day = dt.date(year, rng.randint(3, 10), rng.randint(1, 28))
    insp = inspections.create(ctx, unit, year, visit_date=day, place=f"Trụ sở {unit.name}",
                              start_time="08:00", end_time="11:30", minutes_number=f"{n % 900 + 1:02d}",
                              inspection_id=gen_id("inspection", n))
    iid = insp.id
    finalize = rng.random() < FINALIZED_SHARE
    criteria = insp.criteria.criteria
    reach = len(criteria) if finalize else rng.randint(0, len(criteria))  # a draft stops part way
    model = rng.random() < MODEL_SHARE  # a unit that meets everything: the team finds it so
    for check in insp.eligibility_checks:
        inputs = {f.id: value_for(rng, f, year) for f in check.fields}
        if model:
            inspections.set_eligibility(ctx, iid, check.id, inputs=inputs, decision="dat")
        else:
            inspections.set_eligibility(ctx, iid, check.id, inputs=inputs)
    for criterion in criteria[:reach]:
        if criterion.fields:
            inspections.set_inputs(ctx, iid, criterion.number,
                                   {f.id: value_for(rng, f, year) for f in criterion.fields})
    answered = inspections.get(ctx, iid)  # the suggestions the plugins made of those figures
    for criterion in criteria[:reach]:
        suggested = answered.answer(criterion.number).suggestion
        verdict = suggested.verdict.value if suggested is not None else None
        if model:
            verdict = "dat"
        elif verdict not in ("dat", "khong_dat") or rng.random() < 0.05:  # no check, or the team overrules it
            verdict = rng.choice(("dat", "dat", "dat", "dat", "khong_dat"))
        inspections.set_verdict(ctx, iid, criterion.number, verdict)
        if rng.random() < 0.15:
            inspections.set_remark(ctx, iid, criterion.number, rng.choice(REMARKS))
    attached = False
    if criteria and rng.random() < ATTACHED_SHARE:
        source = sources / f"bien-ban-{n:05d}.txt"
        source.write_text(f"Biên bản họp bản, {unit.name}, năm {year} (tệp mẫu số {n}).\n", encoding="utf-8")
        attachments.attach(ctx, iid, criteria[0].number, source, evidence_index=0 if criteria[0].evidence else None)
        attached = True
    if finalize:
        inspections.finalize(ctx, iid)
    return finalize, attached


def build(target: Path, count: int, *, seed: int = 19, years: list[int] | None = None,
          progress: bool = True) -> Path:
    """Make the province in ``target`` (new or empty); return its config.toml."""
    years = years or [2022, 2023, 2024]
    config_path, _ = create_demo(target)
    workspace = Workspace.open(config_path)
    rng = random.Random(seed)
    plan = schedule(count, years)
    units = make_units(rng, max(i for i, _ in plan) + 1 if plan else 0, workspace.config.province)
    sources = target / "nguon-tep-dinh-kem"
    sources.mkdir()
    finalized = attached = 0
    started = time.perf_counter()
    with Context.open(workspace) as ctx:
        for first in range(0, len(plan), BATCH):
            with ctx.batch():
                for n in range(first, min(first + BATCH, len(plan))):
                    unit_index, year = plan[n]
                    done, added = fill(ctx, rng, units[unit_index], year, n, sources)
                    finalized += done
                    attached += added
            if progress:
                done_count = min(first + BATCH, len(plan))
                rate = done_count / (time.perf_counter() - started)
                print(f"  {done_count}/{count} ({rate:.0f}/s)", file=sys.stderr, flush=True)
    if progress:
        print(f"{count} inspections ({finalized} finalized, {count - finalized} drafts, {attached} with a file) "
              f"of {len(units)} units in {len(DISTRICTS)} districts, years {years[0]}–{years[-1]}, "
              f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return config_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--inspections", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--years", default="2022-2024", help="first-last (default 2022-2024)")
    args = parser.parse_args()
    first, _, last = args.years.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    print(build(args.dir, args.inspections, seed=args.seed, years=years))


if __name__ == "__main__":
    main()
