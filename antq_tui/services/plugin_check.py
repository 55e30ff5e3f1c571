"""``antq plugins --check``: try every plugin the way a visit and an export would, before the visit.

What it does, per plugin (or only the one named):

- **loading**: every problem the loader and the registry found (a misspelt hook, a bad deadline …);
- **checks**: every check function of a criterion or an eligibility condition the plugin wrote, run on
  sample inputs made from the fields it declares (each type's edges: the minimum and the next figure
  and a large one for an integer, every choice, yes and no, the first and last day of the year and
  the days around it for a date, no value for an optional field), in every combination while they
  are few, one field at a time otherwise. An exception, a result that is not a ``Suggestion`` (or
  has no reason), or a read of a field the criterion does not declare is reported with the file and line;
- **templates**: every template in the plugin's ``antq_template_dirs``, compiled, and the minutes,
  the báo cáo, the tờ trình and the statistics rendered through them with the sample workspace of
  ``antq demo`` (the real context builders on real inspections); the plugin's Word templates are
  filled in too. A Jinja error names its file:line (a Word template: its file).

Nothing is written to the user's workspace: the sample workspace lives in a temporary folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..criteria import Field, Suggestion
from ..criteria.fields import accepts_year
from ..evaluation import GuardedCheck, code_place, error_place, exception_words
from ..registry import Registry
from ..workspace import Workspace
from .context import ServiceError

#: beyond this many combinations of sample values, fields are varied one at a time
MAX_COMBINATIONS = 256
#: the template files compiled (the others in a template folder are stylesheets, pictures, fonts)
TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".txt", ".j2", ".jinja")

_TRACEBACK_FILE = re.compile(r'File "([^"]+)", line (\d+)')


@dataclass
class Finding:
    """One problem found: which plugin, in what (a criterion, a template, loading), where, and why."""

    plugin: str
    what: str  # "tiêu chí 35 của bộ “xa”", "mẫu minutes_letterhead.html", "nạp plugin"
    file: str
    line: int
    message: str  # Vietnamese
    kind: str  # "load", "exception", "result", "undeclared", "template"
    inputs: str = ""  # the sample inputs that showed it ("truoc=0, nay=0")

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def to_json(self) -> dict[str, Any]:
        return {"plugin": self.plugin, "what": self.what, "file": self.file, "line": self.line,
                "kind": self.kind, "message": self.message, "inputs": self.inputs}


@dataclass
class PluginReport:
    name: str
    location: str
    hooks: list[str] = field(default_factory=list)
    checks: int = 0  # check functions run
    samples: int = 0  # calls made
    templates: int = 0  # template files compiled
    documents: int = 0  # documents rendered through them
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "location": self.location, "hooks": self.hooks, "checks": self.checks,
                "samples": self.samples, "templates": self.templates, "documents": self.documents,
                "problems": len(self.findings), "ok": not self.findings}


@dataclass
class CheckReport:
    plugins: list[PluginReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be tried, and why (Vietnamese)

    @property
    def findings(self) -> list[Finding]:
        return [f for p in self.plugins for f in p.findings]

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        """One line a CI log shows: "3 plugin, 34 hàm kiểm tra, 1.200 lần chạy, 2 mẫu: 0 lỗi"."""
        checks = sum(p.checks for p in self.plugins)
        samples = sum(p.samples for p in self.plugins)
        templates = sum(p.templates for p in self.plugins)
        bad = sum(1 for p in self.plugins if p.findings)
        verdict = "đạt" if self.ok else f"KHÔNG ĐẠT ({bad} plugin có lỗi)"
        return (f"Kiểm tra plugin: {len(self.plugins)} plugin, {checks} hàm kiểm tra, {samples} lần chạy thử, "
                f"{templates} mẫu in: {len(self.findings)} lỗi — {verdict}")

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "summary": self.summary(), "plugins": [p.to_json() for p in self.plugins],
                "problems": [f.to_json() for f in self.findings], "notes": self.notes}


# -- sample inputs ---------------------------------------------------------------------------------

def field_samples(f: Field, year: int) -> list[Any]:
    """The edge values of one field, as parsed values (what a check receives)."""
    values: list[Any]
    if f.type == "integer":
        low = f.minimum if f.minimum is not None else -1
        values = sorted({low, low + 1, 0 if low <= 0 else low, max(low, 0) + 100})
    elif f.type == "choice":
        values = list(f.choices) if len(f.choices) <= 6 else [f.choices[0], f.choices[1], f.choices[-1]]
    elif f.type == "yesno":
        values = [True, False]
    elif f.type == "date":
        values = [dt.date(year, 1, 1), dt.date(year, 12, 31), dt.date(year - 1, 12, 31), dt.date(year + 1, 1, 1)]
    else:
        values = ["Nội dung mẫu"]
    values = [v for v in values if _accepted(f, v)]
    if not f.required:
        values.append(None)
    return values


def _accepted(f: Field, value: Any) -> bool:
    """Whether the field itself lets ``value`` through (a figure under its minimum never reaches a check)."""
    try:
        return f.parse(value) == value
    except ValueError:
        return False


def sample_inputs(fields: Iterable[Field], year: int) -> Iterator[dict[str, Any]]:
    """Sample inputs for a check: every combination of the fields' edges while they are at most
    :data:`MAX_COMBINATIONS`; else each field through its edges with the others at their first,
    then at their last edge."""
    fields = tuple(fields)
    edges = [field_samples(f, year) for f in fields]
    if not fields:
        yield {}
        return
    total = 1
    for e in edges:
        total *= max(1, len(e))
    if total <= MAX_COMBINATIONS:
        for combo in itertools.product(*edges):
            yield {f.id: v for f, v in zip(fields, combo, strict=True)}
        return
    seen: set[tuple[Any, ...]] = set()
    for base in (0, -1):
        for i, values in enumerate(edges):
            for v in values:
                combo = tuple(v if j == i else e[base] for j, e in enumerate(edges))
                if combo not in seen:
                    seen.add(combo)
                    yield {f.id: c for f, c in zip(fields, combo, strict=True)}


def shown(fields: Iterable[Field], values: Mapping[str, Any]) -> str:
    """``"truoc=0, nay=0"``: the sample inputs as a finding names them."""
    parts = []
    for f in fields:
        value = values.get(f.id)
        parts.append(f"{f.id}={'(trống)' if value is None else f.display(value) or value}")
    return ", ".join(parts)


class SampleInputs(dict[str, Any]):
    """The inputs handed to a check under test: a plain dict of the declared fields that also
    records each read of a field the criterion does not declare (with the file and line of the read),
    and refuses it with ``KeyError`` as a visit would."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self.undeclared: list[tuple[str, str, int]] = []

    def _note(self, key: Any) -> None:
        frame = sys._getframe(2)
        self.undeclared.append((str(key), frame.f_code.co_filename, frame.f_lineno))

    def __getitem__(self, key: Any) -> Any:
        if not super().__contains__(key):
            self._note(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        if not super().__contains__(key):
            self._note(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if not super().__contains__(key):
            self._note(key)
            return False
        return True


@dataclass
class _Check:
    plugin: str
    owner: str
    func: Callable[..., Any]
    fields: tuple[Field, ...]


def _checks(registry: Registry) -> list[_Check]:
    """Every check of the registry's criteria and conditions, with the plugin whose code it is."""
    found: list[_Check] = []
    for set_id, cset in registry.sets.items():
        for c in cset.criteria:
            if c.check is None:
                continue
            plugin = c.check.plugin if isinstance(c.check, GuardedCheck) else (c.amended_by or (c.source,))[-1]
            func = c.check.__wrapped__ if isinstance(c.check, GuardedCheck) else c.check
            found.append(_Check(plugin, f"tiêu chí {c.number} của bộ “{set_id}”", func, c.fields))
    for e in registry.eligibility:
        if e.check is None:
            continue
        plugin = e.check.plugin if isinstance(e.check, GuardedCheck) else e.source
        func = e.check.__wrapped__ if isinstance(e.check, GuardedCheck) else e.check
        found.append(_Check(plugin, f"điều kiện “{e.id}”", func, e.fields))
    return found


def try_check(check: _Check, year: int, report: PluginReport) -> None:
    """Run one check on its sample inputs; add what went wrong to ``report`` (each place once)."""
    takes_year = accepts_year(check.func)
    declared = ", ".join(f.id for f in check.fields) or "không có"
    places: set[tuple[str, str, int]] = set()

    def add(kind: str, file: str, line: int, message: str, values: Mapping[str, Any]) -> None:
        if (kind, file, line) in places:
            return
        places.add((kind, file, line))
        report.findings.append(Finding(check.plugin, check.owner, file, line, message, kind,
                                       shown(check.fields, values)))

    report.checks += 1
    # a check that takes the year also gets None: ``antq check`` without --year does not know it
    runs = [(values, y) for values in sample_inputs(check.fields, year) for y in ((year, None) if takes_year else (year,))]
    for values, run_year in runs:
        if any(f.required and values.get(f.id) is None for f in check.fields):
            continue  # antq never calls a check with a required input missing
        inputs = SampleInputs(values)
        report.samples += 1
        try:
            result = check.func(inputs, year=run_year) if takes_year else check.func(inputs)
        except Exception as exc:
            result = exc
        for key, file, line in inputs.undeclared:
            add("undeclared", file, line, f"đọc trường “{key}” mà {check.owner} không khai báo "
                f"(các trường: {declared}); thêm trường vào “fields” hoặc sửa tên", values)
        if isinstance(result, Exception):
            if isinstance(result, KeyError) and inputs.undeclared:
                continue  # the read of an undeclared field, reported above
            file, line = error_place(result.__traceback__, check.func)
            add("exception", file, line, f"hàm kiểm tra lỗi: {exception_words(result)}", values)
        elif not isinstance(result, Suggestion):
            file, line = code_place(check.func)
            add("result", file, line, f"hàm kiểm tra trả về {type(result).__name__}, không phải Suggestion "
                "(dùng Suggestion.dat / khong_dat / chua_du)", values)
        elif not isinstance(result.reason, str) or not result.reason.strip():
            file, line = code_place(check.func)
            add("result", file, line, "gợi ý không có lý do: ghi một dòng nêu số liệu, "
                "ví dụ Suggestion.dat(\"giảm 7,1% (42 → 39 vụ)\")", values)


# -- templates -------------------------------------------------------------------------------------

def _template_error(exc: BaseException, dirs: list[Path]) -> tuple[str, int]:
    """The template file and line of a Jinja error: a syntax error's own, else the deepest template
    frame of the traceback (Jinja rewrites it to the template's lines), preferring the plugin's files."""
    filename = getattr(exc, "filename", None)
    lineno = getattr(exc, "lineno", None)
    if filename and lineno:
        return filename, lineno
    frames = traceback.extract_tb(exc.__traceback__)
    roots = [str(d.resolve()) for d in dirs]
    mine = [f for f in frames if any(str(Path(f.filename).resolve()).startswith(r) for r in roots)]
    templates = [f for f in frames if f.filename.endswith(TEMPLATE_SUFFIXES)]
    for frame in reversed(mine or templates):
        return frame.filename, frame.lineno or 0
    return (str(dirs[0]) if dirs else "?"), 0


def _describe(exc: BaseException) -> str:
    from ..minutes.render import TemplateError, describe_template_error

    if isinstance(exc, TemplateError):
        return describe_template_error(exc)
    return f"mẫu bị lỗi khi in: {exception_words(exc)}"


def _compile_templates(plugin: str, dirs: list[Path], report: PluginReport) -> None:
    """Compile every template file of the plugin's folders; a syntax error is a finding."""
    from ..minutes.render import BUILTIN_TEMPLATES, TemplateError, make_environment

    env = make_environment([*dirs, BUILTIN_TEMPLATES])
    for folder in dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() == ".docx":
                report.templates += 1  # filled in (and so checked) when the documents are rendered
                continue
            if not path.is_file() or path.suffix.lower() not in TEMPLATE_SUFFIXES:
                continue
            report.templates += 1
            name = path.relative_to(folder).as_posix()
            try:
                env.parse(path.read_text(encoding="utf-8"), name, str(path))
            except TemplateError as exc:
                file, line = _template_error(exc, dirs)
                report.findings.append(Finding(plugin, f"mẫu {name}", file, line, _describe(exc), "template"))
            except (OSError, UnicodeDecodeError) as exc:
                report.findings.append(Finding(plugin, f"mẫu {name}", str(path), 0,
                                               f"không đọc được mẫu (cần UTF-8): {exception_words(exc)}",
                                               "template"))


def _sample_workspace(tmp: Path) -> Workspace:
    """The demo workspace (``antq demo``) in ``tmp``: real inspections, reports and statistics."""
    from ..demo import build_demo

    return Workspace.open(build_demo(tmp / "mau"), entry_points=True)


def _render_documents(sample: Workspace, plugin: str, dirs: list[Path], report: PluginReport) -> None:
    """Render the minutes of every sample inspection and each office document through ``dirs``."""
    from ..minutes import docx as minutes_docx
    from ..minutes import render as minutes_render
    from ..office import docx_reports, reports
    from ..storage import Store

    workspace = Workspace(sample.config, entry_points=sample.entry_points,
                          _registry=dataclasses.replace(sample.registry, template_dirs=list(dirs)))
    seen = {(f.file, f.line) for f in report.findings if f.kind == "template"}  # a syntax error: named once

    def attempt(what: str, render: Callable[[], Any], template: Path | None = None) -> None:
        report.documents += 1
        try:
            render()
        except Exception as exc:
            file, line = (str(template), 0) if template is not None else _template_error(exc, dirs)
            if (file, line) not in seen:
                seen.add((file, line))
                report.findings.append(Finding(plugin, what, file, line, _describe(exc), "template"))

    words = {f.name: f for d in reversed(dirs) for f in d.rglob("*.docx")}  # the plugin's Word templates
    out = sample.root / "ban_word"  # inside the sample workspace's temporary folder
    out.mkdir(exist_ok=True)
    with Store.for_workspace(workspace) as store:
        records = store.list_inspections("")
        years = sorted({r.year for r in records}) or [dt.date.today().year]
        for record in records:
            inspection = store.get_inspection(record.id)
            attempt(f"biên bản ({inspection.unit.name})", functools.partial(minutes_render.render_html, workspace,
                                                                            inspection))
            if minutes_docx.TEMPLATE_NAME in words:
                attempt(f"biên bản Word ({inspection.unit.name})",
                        functools.partial(minutes_docx.export_minutes_docx, workspace, inspection, out),
                        words[minutes_docx.TEMPLATE_NAME])
        for kind, name in reports.DOCUMENT_NAMES.items():
            data = reports.OfficeData.load(workspace, store, years[-1], finalized_only=kind != "thong_ke")
            # the tờ trình is one paper per authority, each with what its authority adds to the context
            extras: list[dict[str, Any]] = [{}]
            if kind == "to_trinh":
                from .context import Context
                from .recognition import to_trinh_papers

                with Context.open(workspace) as ctx:
                    extras = [extra for _paper, extra in to_trinh_papers(ctx, data)] or [{}]
            for extra in extras:
                attempt(name, functools.partial(reports.render_html, workspace, data, kind, extra=extra))
                if docx_reports.template_name(kind) in words:
                    attempt(f"{name} (Word)", functools.partial(docx_reports.export_document_docx, workspace, data,
                                                                kind, out, extra=extra),
                            words[docx_reports.template_name(kind)])


# -- the whole check -------------------------------------------------------------------------------

def _problem_place(location: str, detail: str) -> tuple[str, int]:
    """A load problem's file and line: the last frame of its traceback outside antq, else its location."""
    package = str(Path(__file__).resolve().parent.parent)
    found = [(f, int(n)) for f, n in _TRACEBACK_FILE.findall(detail or "")
             if not str(Path(f).resolve()).startswith(package) and not f.startswith("<")]
    return found[-1] if found else (location, 0)


def check_plugins(workspace: Workspace, name: str | None = None, *, year: int | None = None,
                  templates: bool = True) -> CheckReport:
    """Check the workspace's plugins (or only ``name``): loading, checks, templates.

    :param year: the inspection year the checks are given (default: this year).
    :param templates: also render the plugins' templates with the sample workspace.
    :raises ServiceError: ``name`` is no plugin of this workspace (the known ones are listed).
    """
    registry = workspace.registry
    year = year or dt.date.today().year
    reports: dict[str, PluginReport] = {}
    for info in registry.plugins:
        reports[info.name] = PluginReport(info.name, info.location, list(info.hooks))
    for problem in registry.problems:
        if problem.name not in reports:
            reports[problem.name] = PluginReport(problem.name, problem.location)
    if name is not None and name not in reports and any(p.name == name for p in registry.load.not_allowed):
        raise ServiceError(f"Plugin “{name}” không có trong [plugins] allow của config.toml nên không được nạp; "
                           "thêm tên vào allow rồi kiểm tra lại.")
    if name is not None and name not in reports:
        known = ", ".join(sorted(reports)) or "không có plugin nào"
        raise ServiceError(f"Không có plugin “{name}”. Các plugin: {known}")
    wanted = [name] if name is not None else list(reports)
    out = CheckReport([reports[n] for n in wanted])
    skipped = [p.name for p in registry.load.not_allowed] if name is None else []
    if skipped:
        out.notes.append("Không kiểm tra vì không có trong [plugins] allow của config.toml: " + ", ".join(skipped))
    for problem in registry.problems:
        if problem.name in wanted:
            file, line = (problem.location, problem.line) if problem.line else _problem_place(
                problem.location, problem.detail)
            reports[problem.name].findings.append(Finding(problem.name, "nạp plugin", file, line, problem.reason, "load"))
    for check in _checks(registry):
        if check.plugin in wanted:
            try_check(check, year, reports[check.plugin])
    by_plugin: dict[str, list[Path]] = {}
    for path in registry.template_dirs:
        owner = registry.template_plugins.get(path, "")
        if owner in wanted:
            by_plugin.setdefault(owner, []).append(path)
    for plugin, dirs in by_plugin.items():
        _compile_templates(plugin, dirs, reports[plugin])
    if templates and by_plugin:
        with tempfile.TemporaryDirectory(prefix="antq-kiem-tra-") as tmp:
            try:
                sample = _sample_workspace(Path(tmp))
            except Exception as exc:  # no official set to build the sample from: say so, compile only
                out.notes.append(f"Không dựng được dữ liệu mẫu để in thử ({exc}); chỉ kiểm tra cú pháp các mẫu.")
            else:
                for plugin, dirs in by_plugin.items():
                    _render_documents(sample, plugin, dirs, reports[plugin])
    return out


__all__ = ["CheckReport", "Finding", "PluginReport", "SampleInputs", "check_plugins", "field_samples",
           "sample_inputs"]
