"""What the loaded plugins add up to: criteria sets after amendments, eligibility checks, templates,
targets and deadlines. Built once per workspace from a :class:`~antq_tui.plugins.LoadResult`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import plugins
from .criteria import CriteriaSet, Deadline, EligibilityCheck, Target
from .criteria.authorities import Authority, authority_from_data
from .criteria.changes import ADDED, AMENDED, CriterionChange
from .criteria.validation import (
    PluginDataError,
    as_mapping,
    check_from_data,
    clean_text,
    clean_texts,
    criteria_set_from_data,
    criterion_from_data,
    deadline_from_data,
    eligibility_from_data,
    fields_from_data,
    fixes_from_data,
    group_from_data,
    numbers_text,
    target_from_data,
)
from .evaluation import CheckErrors, guard_checks
from .plugins import LoadResult, PluginInfo, call_each, load_plugins


@dataclass
class Registry:
    """Everything the plugins provide, validated. Problems are in ``load.problems``."""

    load: LoadResult
    sets: dict[str, CriteriaSet] = field(default_factory=dict)
    eligibility: list[EligibilityCheck] = field(default_factory=list)
    template_dirs: list[Path] = field(default_factory=list)
    #: which plugin gave each of ``template_dirs`` (``antq plugins --check`` renders each plugin's own)
    template_plugins: dict[Path, str] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    #: checks that raised while antq ran them (evaluation.GuardedCheck records them)
    check_errors: CheckErrors = field(default_factory=CheckErrors)
    authorities: list[Authority] = field(default_factory=list)  # antq_authorities, in calling order
    #: plugin id → its name on official papers (``antq_display_name``); a plugin without one is absent
    display_names: dict[str, str] = field(default_factory=dict)

    def display_name(self, plugin: str) -> str:
        """The plugin's name on official papers, "" when it gave none (papers then name no plugin)."""
        return self.display_names.get(plugin, "")

    @property
    def plugins(self) -> list[PluginInfo]:
        return self.load.plugins

    @property
    def problems(self):
        return self.load.problems

    def get_set(self, set_id: str) -> CriteriaSet:
        try:
            return self.sets[set_id]
        except KeyError:
            known = ", ".join(self.sets) or "(chưa có bộ nào được nạp)"
            raise KeyError(f"Không có bộ tiêu chí “{set_id}”. Các bộ đã nạp: {known}") from None

    def sets_for_kind(self, unit_kind: str) -> list[CriteriaSet]:
        return [s for s in self.sets.values() if unit_kind in s.unit_kinds]

    def eligibility_for(self, set_id: str) -> list[EligibilityCheck]:
        return [e for e in self.eligibility if e.applies_to(set_id)]


def build_registry(load: LoadResult) -> Registry:
    reg = Registry(load=load)
    for info, value in call_each(load, "antq_display_name"):
        try:
            name = clean_text(value, f"Tên hiển thị (antq_display_name) của plugin “{info.name}”")
        except PluginDataError as exc:
            load.problem(info.name, info.location, str(exc))
            continue
        if name:
            reg.display_names[info.name] = name
    for info, value in call_each(load, "antq_criteria_sets"):
        for item in _items(load, info, value, "antq_criteria_sets"):
            try:
                cset = criteria_set_from_data(item, plugin=info.name)
            except PluginDataError as exc:
                load.problem(info.name, info.location, str(exc))
                continue
            if cset.id in reg.sets:
                load.problem(info.name, info.location,
                             f"bộ tiêu chí “{cset.id}” đã có (plugin “{reg.sets[cset.id].plugin}”); bỏ qua")
                continue
            reg.sets[cset.id] = cset
    for info, value in call_each(load, "antq_amendments"):
        for item in _items(load, info, value, "antq_amendments"):
            try:
                _apply_amendment(reg, info.name, item)
            except PluginDataError as exc:
                load.problem(info.name, info.location, str(exc))
    for info, value in call_each(load, "antq_eligibility_checks"):
        for item in _items(load, info, value, "antq_eligibility_checks"):
            try:
                check = eligibility_from_data(item, plugin=info.name, known_sets=reg.sets)
                if any(e.id == check.id for e in reg.eligibility):
                    raise PluginDataError(f"điều kiện “{check.id}” đã có; bỏ qua")
                reg.eligibility.append(check)
            except PluginDataError as exc:
                load.problem(info.name, info.location, str(exc))
    for info, value in call_each(load, "antq_template_dirs"):
        base = Path(info.module.__file__).parent if info.module and info.module.__file__ else Path.cwd()
        for item in _items(load, info, value, "antq_template_dirs"):
            path = Path(item)
            path = path if path.is_absolute() else base / path
            if path.is_dir():
                reg.template_dirs.append(path)
                reg.template_plugins[path] = info.name
            else:
                load.problem(info.name, info.location, f"thư mục mẫu “{path}” không tồn tại")
    # the office's items: each validated on its own, a bad one reported against its plugin and skipped
    office_hooks: tuple[tuple[str, list[Any], Callable[[Any, str], Any]], ...] = (
        ("antq_targets", reg.targets, lambda item, name: target_from_data(item, plugin=name)),
        ("antq_calendar", reg.deadlines, lambda item, name: deadline_from_data(item, plugin=name)),
        ("antq_authorities", reg.authorities, lambda item, name: authority_from_data(item, source=name)))
    for hook, found, read in office_hooks:
        for info, value in call_each(load, hook):
            for item in _items(load, info, value, hook):
                try:
                    found.append(read(item, info.name))
                except PluginDataError as exc:
                    load.problem(info.name, info.location, str(exc))
    guard_checks(reg)  # a check that raises names its plugin, criterion and line
    return reg


def _items(load: LoadResult, info: PluginInfo, value: Any, hook: str) -> list[Any]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        if isinstance(value, Mapping) or dataclasses.is_dataclass(value):
            return [value]
        load.problem(info.name, info.location, f"{hook} phải trả về một danh sách, không phải {type(value).__name__}")
        return []
    return list(value)


def _apply_amendment(reg: Registry, plugin: str, item: Any) -> None:
    where = f"Sửa đổi của plugin “{plugin}”"
    data = as_mapping(item, where)
    set_id = data.get("set_id")
    if set_id not in reg.sets:
        raise PluginDataError(f"{where}: không có bộ tiêu chí “{set_id}” để sửa đổi "
                              f"(các bộ: {', '.join(sorted(reg.sets)) or 'chưa có bộ nào'})")
    cset = reg.sets[set_id]
    note = clean_text(data.get("note", "") or "", where)
    basis = clean_text(data.get("basis", "") or "", where).rstrip(";.")
    display = reg.display_name(plugin)
    if "criterion" in data:
        new = criterion_from_data(data["criterion"], f"{where} (bộ “{set_id}”)", source=plugin)
        if any(c.number == new.number for c in cset.criteria):
            raise PluginDataError(f"{where}: bộ “{set_id}” đã có tiêu chí {new.number}; dùng AmendCriterion để sửa")
        groups = cset.groups
        if new.group not in {g.id for g in groups}:
            new_group = data.get("new_group")
            if new_group is None:
                raise PluginDataError(f"{where}: nhóm “{new.group}” không có trong bộ “{set_id}” (các nhóm: "
                                      f"{', '.join(g.id for g in groups)}; hoặc thêm new_group)")
            group = group_from_data(new_group, where)
            if group.id != new.group:
                raise PluginDataError(
                    f"{where}: tiêu chí {new.number} thuộc nhóm “{new.group}” nhưng new_group có id “{group.id}”"
                )
            groups = groups + (group,)
        if data.get("fixes"):
            raise PluginDataError(f"{where}: “fixes” của tiêu chí thêm đặt trong Criterion(..., fixes=…)")
        new = dataclasses.replace(new, added_by=plugin, amendments=(
            CriterionChange(plugin, ADDED, "", note, basis, display),))
        criteria = tuple(sorted(cset.criteria + (new,), key=lambda c: c.number))
        reg.sets[set_id] = dataclasses.replace(cset, groups=groups, criteria=criteria)
        return
    number = data.get("number")
    try:
        if not isinstance(number, int):
            raise KeyError(number)
        old = cset.criterion(number)
    except KeyError:
        raise PluginDataError(f"{where}: bộ “{set_id}” không có tiêu chí {number} "
                              f"(các tiêu chí: {numbers_text(c.number for c in cset.criteria)})") from None
    where = f"{where}, tiêu chí {number} bộ “{set_id}”"
    changes: dict[str, Any] = {}
    if data.get("text"):
        changes["text"] = str(data["text"]).strip()
    evidence = old.evidence
    if data.get("evidence") is not None:
        evidence = clean_texts(data["evidence"], where)
    evidence = evidence + clean_texts(data.get("add_evidence") or (), where)
    if evidence != old.evidence:
        changes["evidence"] = evidence
    fields = old.fields
    if data.get("fields") is not None:
        fields = fields_from_data(data["fields"], where)
    fields = fields_from_data(fields + fields_from_data(data.get("add_fields") or (), where), where)
    if fields != old.fields:
        changes["fields"] = fields
    check = check_from_data(data.get("check"), where)
    if check is not None:
        changes["check"] = check
    fixes = fixes_from_data(data.get("fixes"), where)
    if not changes:
        raise PluginDataError(f"{where}: sửa đổi không thay đổi gì")
    if not evidence:
        raise PluginDataError(f"{where}: không thể bỏ hết hồ sơ cần kiểm chứng")
    what = ", ".join({"text": "nội dung", "evidence": "hồ sơ kiểm chứng", "fields": "số liệu", "check": "cách kiểm tra"}[k]
                     for k in changes)
    # only this amendment's fixes: the fingerprints the original plugin fixed were of the unamended criterion
    new = dataclasses.replace(old, **changes, amended_by=old.amended_by + (plugin,), fixes=fixes,
                              amendments=old.amendments + (CriterionChange(plugin, AMENDED, what, note, basis, display),))
    reg.sets[set_id] = dataclasses.replace(
        cset, criteria=tuple(new if c.number == number else c for c in cset.criteria)
    )


def load_registry(plugin_dirs: Iterable[Path], *, entry_points: bool = True, allow: Sequence[str] | None = None,
                  isolate: bool = True, on_slow: Callable[[str], None] | None = None,
                  remember_probe: bool = False) -> Registry:
    """Load the plugins and build what they provide.

    :param allow: the only plugins that may load (``[plugins] allow`` of config.toml), None for all.
    :param isolate: first load them once in a child process (:func:`antq_tui.plugins.probe`), so
        that a plugin that hangs or ends the process is named and left out instead of stopping antq.
    :param on_slow: told about a plugin still loading after a few seconds (a Vietnamese line).
    :param remember_probe: let the probe remember what it found across runs (:func:`antq_tui.plugins.probe`).
    """
    dirs = [Path(d) for d in plugin_dirs]
    skip = (plugins.probe(dirs, entry_points=entry_points, allow=allow, on_slow=on_slow,
                          remember=remember_probe)
            if isolate else {})
    return build_registry(load_plugins(dirs, entry_points=entry_points, allow=allow, skip=skip))


def probe_child() -> None:
    """What the probe's child process runs: ``load_registry`` on the arguments in ``sys.argv[1]``."""
    import json
    import sys

    args = json.loads(sys.argv[1])
    plugins.probe_child_main(lambda: build_registry(load_plugins(
        [Path(d) for d in args["dirs"]], entry_points=args["entry_points"], allow=args["allow"], skip=args["skip"])))
