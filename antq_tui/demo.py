"""The sample workspace of ``antq demo DIR``: Huyện Bắc Yên, tỉnh Sơn La, with four inspections.

Everything is recorded through the services the TUI and the command line call
(:mod:`antq_tui.services.inspections`, under the same rules: finalizing needs every criterion
assessed), so building the demo also exercises that code path. What the demo contains (the team, the units, every figure, record and remark) lives in
``demo_data/bac_yen.toml``: this module knows no criterion; it walks the snapshot's criteria and
looks their numbers and field ids up in that file.

Used by the command line and by the tests::

    config_path = build_demo(tmp_path / "demo")    # DIR/config.toml
    workspace = Workspace.open(config_path)

The content is stable from one run to the next (fixed unit and inspection ids, dates, numbers and
texts); only the times of saving differ.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import shlex
import shutil
import tomllib
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w

from . import __version__
from .config import Member, parse_config
from .criteria import CriteriaSet, Criterion
from .folding import nfc
from .inspection import STATUS_FINALIZED, Unit
from .labels import ROLES
from .registry import Registry, load_registry
from .services import Context, inspections, registration
from .storage import Store
from .vnformat import format_date, parse_date
from .workspace import Workspace

DATA_FILE = Path(__file__).parent / "demo_data" / "bac_yen.toml"
#: the example plugin with Bắc Yên's dates of 2023 (``docs/examples``: only in a source checkout)
DISTRICT_PLUGIN = Path(__file__).resolve().parent.parent / "docs" / "examples" / "huyen_bac_yen"

#: the namespace of the demo's unit and inspection ids (uuid5 of a key: the same on every run)
NAMESPACE = uuid.UUID("6f0c5a52-5a0e-4d8e-9a57-3b1f0d1e0a10")

DATA_FOLDER = "inspections"
#: the workspace's own plugin folder, empty: where a province author drops a plugin to try it
LOCAL_PLUGINS = "plugins"

_LOCAL_PLUGINS_README = """\
Thư mục plugin riêng của không gian làm việc mẫu.

Đặt vào đây một plugin (thư mục có __init__.py, hoặc một tệp .py) rồi chạy
    antq --config {config} plugins
để xem antq nạp được không. Hướng dẫn viết plugin: README.md của antq, mục "Writing a criteria plugin".
"""


class DemoError(Exception):
    """The demo cannot be created. The message is Vietnamese, for the user."""


def demo_id(kind: str, key: str) -> str:
    """The fixed id of a demo unit or inspection ("unit", "phieng_ban")."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def load_data(path: Path = DATA_FILE) -> dict[str, Any]:
    """The demo's content (see the comments at the top of the data file)."""
    with open(path, "rb") as fh:
        return tomllib.load(fh)


# --------------------------------------------------------------------------------------------------
# where the official sets come from


def official_plugin_folders(set_ids: list[str]) -> list[Path]:
    """The plugin folders a workspace needs for ``set_ids``: none when installed packages' ``antq``
    entry points provide them (an installed antq, and a checkout installed with ``./scripts/setup``,
    whose editable install points the entry points at the checkout's ``plugins/``).

    So the demo's config.toml names no folder of the checkout: it keeps working when the checkout
    moves or antq is reinstalled elsewhere. Only a source tree that was never installed falls back
    to its ``plugins/`` folder, by absolute path (:func:`describe` says so).

    :raises DemoError: when neither provides every set.
    """
    wanted = set(set_ids)
    if wanted <= set(load_registry([], entry_points=True).sets):
        return []
    root = Path(__file__).resolve().parent.parent
    folder = root / "plugins"
    if ((root / "pyproject.toml").is_file() and folder.is_dir()
            and wanted <= set(load_registry([folder], entry_points=False).sets)):
        return [folder]
    raise DemoError(
        "Không tìm thấy bộ tiêu chí " + ", ".join(f"“{s}”" for s in sorted(wanted))
        + " (không có trong thư mục plugins/ của mã nguồn, cũng không có gói cài đặt nào cung cấp) "
        "nên không tạo được dữ liệu mẫu. Hãy cài lại antq (./scripts/setup)."
    )


# --------------------------------------------------------------------------------------------------
# the workspace folder and its config.toml


def check_target(target: Path) -> None:
    """Refuse a target that is a file or a folder with anything in it (nothing is ever overwritten)."""
    if target.exists() and not target.is_dir():
        raise DemoError(f"“{target}” là một tệp, không phải thư mục; hãy chọn một thư mục mới hoặc trống.")
    if target.is_dir() and any(target.iterdir()):
        raise DemoError(
            f"Thư mục “{target}” không trống. antq demo chỉ tạo không gian làm việc mẫu trong thư mục mới "
            "hoặc trống, không ghi đè dữ liệu có sẵn; hãy chọn thư mục khác (ví dụ: antq demo /tmp/antq-demo)."
        )


def _team(data: Mapping[str, Any]) -> list[Member]:
    team = []
    for m in data["workspace"]["team"]:
        if m["role"] not in ROLES:
            raise DemoError(f"Dữ liệu mẫu: vai trò “{m['role']}” không hợp lệ.")
        team.append(Member(m["name"], m.get("rank", ""), m.get("position", ""), m["role"]))
    return team


def config_text(data: Mapping[str, Any], plugin_folders: list[Path]) -> str:
    """The demo's config.toml: the district, the minutes' header, the team, the folders, the note."""
    ws = data["workspace"]
    raw = {
        "district": {"name": ws["district"], "province": ws["province"], "kind": ws["district_kind"]},
        "minutes": {
            "issuing_parent": ws["issuing_parent"],
            "issuing_body": list(ws["issuing_body"]),
            "number_suffix": ws["number_suffix"],
            "district_plan": ws["district_plan"],
            "copies": ws["copies"],
        },
        "workspace": {
            "data_folder": DATA_FOLDER,
            "plugin_folders": [str(p) for p in plugin_folders] + [LOCAL_PLUGINS],
            "templates_folder": "templates",
            "backups_keep": 10,
            "user": "",
        },
        "demo": {"note": data["note"], "created_by": f"antq demo (antq {__version__})"},
        "team": [m.to_toml() for m in _team(data)],
    }
    header = (
        "# Không gian làm việc MẪU do lệnh “antq demo” tạo: dữ liệu mẫu, không phải số liệu thật.\n"
        "# Mở bằng: antq --config <thư mục này>/config.toml\n"
        + ("# Bộ tiêu chí chính thức đi kèm antq đã cài (entry point “antq”), nên không ghi đường dẫn nào của\n"
           "# mã nguồn: dời thư mục mã nguồn hay thư mục này đều được. plugin_folders chỉ có thư mục plugins/\n"
           "# riêng để thử plugin của tỉnh.\n\n" if not plugin_folders else
           "# plugin_folders: thư mục plugins/ của mã nguồn antq (chưa cài đặt) và thư mục plugins/ riêng để\n"
           "# thử plugin của tỉnh.\n\n")
    )
    return header + tomli_w.dumps(raw)


# --------------------------------------------------------------------------------------------------
# filling the inspections


class _Values(dict):
    def __missing__(self, key: str) -> str:
        raise DemoError(f"Dữ liệu mẫu: không có giá trị cho “{{{key}}}”.")


def _fill(template: str, values: Mapping[str, str]) -> str:
    return template.format_map(values) if template else ""


def _shift_number(number: str, shift: int) -> str:
    match = re.match(r"^(\d+)", number)
    if not match or not shift:
        return number
    digits = match.group(1)
    return str(max(1, int(digits) + shift)).zfill(len(digits)) + number[len(digits):]


def _evidence_date(spec: str, year: int, inputs: Mapping[str, Any], shift: int,
                   visit: dt.date | None) -> dt.date | None:
    if not spec:
        return None
    if spec.startswith("@"):
        value = inputs.get(spec[1:])
        if not isinstance(value, dt.date):
            raise DemoError(f"Dữ liệu mẫu: ngày “{spec}” cần trường ngày “{spec[1:]}”.")
        return value
    parts = spec.split("/")
    day, month = int(parts[0]), int(parts[1])
    year += int(parts[2]) if len(parts) > 2 else 0
    if 1 <= day + shift <= calendar.monthrange(year, month)[1]:
        day += shift
    date = dt.date(year, month, day)
    if visit is not None and date >= visit:
        date = visit - dt.timedelta(days=1)
    return date


def _values(unit: Mapping[str, Any], year: int, criterion: Criterion | None = None,
            inputs: Mapping[str, Any] | None = None) -> _Values:
    values = _Values(year=str(year), prev=str(year - 1), next=str(year + 1), ca=unit.get("ca", ""),
                     ca_name=unit.get("ca_name", ""), hamlets=unit.get("hamlets", ""))
    if criterion is not None:
        for f in criterion.fields:
            if inputs and inputs.get(f.id) is not None:
                values[f.id] = f.display(inputs[f.id])
    return values


def _build_inspection(store: Store, registry: Registry, workspace: Workspace, data: Mapping[str, Any],
                      spec: Mapping[str, Any]) -> str:
    config = workspace.config
    unit_data = data["units"][spec["unit"]]
    unit = Unit(id=demo_id("unit", spec["unit"]), name=unit_data["name"], kind=unit_data["kind"],
                district=config.district, province=config.province)
    cset: CriteriaSet = registry.get_set(spec["set"])
    year = int(spec["year"])
    visit = parse_date(spec["visit_date"]) if spec.get("visit_date") else None
    representatives = [Member(r["name"], r.get("rank", ""), r.get("position", ""), "thanh_vien")
                       for r in spec.get("representatives", [])]
    ctx = Context(workspace, store)
    inspection = inspections.create(
        ctx, unit, year, cset, visit_date=visit, place=spec.get("place", ""),
        start_time=spec.get("start_time", ""), end_time=spec.get("end_time", ""), team=config.team,
        representatives=representatives, minutes_number=spec.get("minutes_number", ""),
        inspection_id=demo_id("inspection", spec["key"]),
    )
    iid = inspection.id

    checks = {c.id for c in inspection.eligibility_checks}
    for check_id, answer in spec.get("eligibility", {}).items():
        if check_id not in checks:
            continue  # a plugin no longer offers this condition
        kwargs: dict[str, Any] = {}
        if "decision" in answer:
            kwargs["decision"] = answer["decision"]
        inspections.set_eligibility(ctx, iid, check_id, inputs=answer.get("inputs", {}),
                                    remark=answer.get("remark", ""), **kwargs)

    evidence = data["evidence"].get(spec["set"], {})
    remarks = data["remarks"].get(spec["set"], {})
    first, last = spec.get("answered", [1, max(c.number for c in inspection.criteria.criteria)])
    doc_shift, day_shift = int(spec.get("doc_shift", 0)), int(spec.get("day_shift", 0))
    for criterion in inspection.criteria.criteria:
        number = criterion.number
        answer = spec.get("criteria", {}).get(str(number), {})
        pending = bool(answer.get("pending"))
        if not (first <= number <= last or pending) or str(number) not in remarks:
            continue  # not reached yet, or a criterion the sample data does not know (a province's)
        field_ids = {f.id for f in criterion.fields}
        raw = {k: v for k, v in answer.get("inputs", {}).items() if k in field_ids}
        if raw:
            inspections.set_inputs(ctx, iid, number, raw)
        parsed = criterion.parse_inputs(raw)
        values = _values(unit_data, year, criterion, parsed)
        for index, item in enumerate(evidence.get(str(number), [])[: len(criterion.evidence)]):
            inspections.set_evidence(
                ctx, iid, number, index, seen=item.get("seen", True),
                doc_number=_fill(_shift_number(item.get("number", ""), doc_shift), values),
                date=_evidence_date(item.get("date", ""), year, parsed, day_shift, visit),
                note=_fill(item.get("note", ""), values),
            )
        if pending:
            continue
        inspections.set_self_assessment(ctx, iid, number, answer.get("self", "đạt"))
        inspections.set_verdict(ctx, iid, number, answer.get("verdict", "đạt"))
        inspections.set_remark(ctx, iid, number, _fill(answer.get("remark") or remarks[str(number)], values))

    texts = {k: spec[k] for k in ("strengths", "shortcomings", "recommendations", "conclusion") if spec.get(k)}
    if texts:
        inspections.update_details(ctx, iid, **texts)
    if spec.get("status") == STATUS_FINALIZED:
        inspections.finalize(ctx, iid)
    return iid


# --------------------------------------------------------------------------------------------------
# the whole demo


def build_demo(target: Path | str, *, plugin_folders: list[Path] | None = None) -> Path:
    """Create the demo workspace in ``target`` (a new or empty folder) and return its config.toml.

    :param plugin_folders: where the official sets are; default: :func:`official_plugin_folders`.
    :raises DemoError: when ``target`` is not empty (nothing is touched) or the sets are missing.
    :raises StorageError: when the database cannot be written (what was created is removed).
    """
    target = Path(target).absolute()
    check_target(target)
    data = load_data()
    set_ids = sorted({spec["set"] for spec in data["inspections"]})
    folders = official_plugin_folders(set_ids) if plugin_folders is None else [Path(p) for p in plugin_folders]
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        config_path = target / "config.toml"
        text = config_text(data, folders)
        parse_config(text, config_path)  # never write what antq could not read back
        config_path.write_text(text, encoding="utf-8")
        local = target / LOCAL_PLUGINS
        local.mkdir()
        (local / "README.txt").write_text(_LOCAL_PLUGINS_README.format(config=config_path), encoding="utf-8")
        if DISTRICT_PLUGIN.is_dir():  # a source checkout: the district's dates, so the calendar has work to show
            shutil.copytree(DISTRICT_PLUGIN, local / DISTRICT_PLUGIN.name,
                            ignore=shutil.ignore_patterns("__pycache__"))

        workspace = Workspace.open(config_path)
        registry = workspace.registry
        missing = [s for s in set_ids if s not in registry.sets]
        if missing:
            raise DemoError("Không nạp được bộ tiêu chí " + ", ".join(f"“{s}”" for s in missing)
                            + " từ " + (", ".join(str(p) for p in folders) or "các gói đã cài") + ".")
        with Store.for_workspace(workspace) as store:
            for spec in data["inspections"]:
                _build_inspection(store, registry, workspace, data, spec)
            for entry in data.get("registrations", []):
                registration.register(Context(workspace, store), demo_id("unit", entry["unit"]), year=entry["year"],
                                      date=parse_date(entry["date"]), note=entry.get("note", ""))
    except BaseException:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        else:  # it was empty: empty it again
            for child in target.iterdir():
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)
        raise
    return config_path


def describe(config_path: Path, command: str = "antq") -> list[str]:
    """What ``antq demo`` prints after building: the inspections and how to open them (Vietnamese).

    :param command: how the user runs antq (the front end knows: ``antq`` on PATH, or the path of the
        running program), so the lines printed can be pasted as they are.
    """
    workspace = Workspace.open(config_path)
    lines = [f"Đã tạo không gian làm việc mẫu trong {config_path.parent}",
             f"  {nfc(workspace.config.raw.get('demo', {}).get('note', ''))}", ""]
    with Store.for_workspace(workspace) as store:
        rows = sorted(store.list_inspections(), key=lambda r: (r.unit_name, r.year))
    for r in rows:
        visit = f", kiểm tra ngày {format_date(r.visit_date)}" if r.visit_date else ""
        lines.append(f"  {r.unit_name} — năm {r.year}: {r.status_label.lower()}, "
                     f"đã đánh giá {r.progress_label} tiêu chí{visit}")
    folders = [p for p in workspace.config.plugin_folders if p.name != LOCAL_PLUGINS or p.parent != config_path.parent]
    source = (", ".join(str(p) for p in folders) + " (mã nguồn chưa cài: dời thư mục này thì sửa plugin_folders)"
              if folders else "gói antq đã cài")
    config_arg = shlex.quote(str(config_path))
    lines += ["", f"Bộ tiêu chí lấy từ: {source}",
              f"Mở giao diện:  {command} --config {config_arg}",
              f"Xem danh sách: {command} --config {config_arg} list"]
    return lines


__all__ = ["DemoError", "build_demo", "check_target", "demo_id", "describe", "official_plugin_folders"]
