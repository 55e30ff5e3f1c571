"""The one evaluator of suggestions: which check runs for a recorded criterion or condition, and when.

An inspection keeps a snapshot of its criteria set (texts, fields, evidence, and a fingerprint of
each check), never the functions. A suggestion is computed with the *live* plugin's check only while
that check's fingerprint still equals the snapshot's: a plugin that changed a threshold since the visit
began must not silently re-judge figures recorded under the old rule. Otherwise the stored suggestion
stays while the figures are unchanged, and becomes "chưa đủ dữ liệu" with the reason once they change.

Storage, the services and the TUI all ask this module; none of them decides staleness itself, and the
plugin registry stops here instead of travelling down into storage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sys
import threading
import traceback
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .criteria import CriteriaSet, Criterion, EligibilityCheck, Suggestion, eligibility_fingerprint
from .criteria.fields import accepts_year

if TYPE_CHECKING:
    from .registry import Registry

STALE_REASON = "tiêu chí trong plugin đã thay đổi từ khi bắt đầu kiểm tra nên không tính lại gợi ý; đoàn tự đánh giá"
NO_PLUGIN_REASON = "không có plugin để tính gợi ý; đoàn tự đánh giá"


class Evaluator:
    """Suggestions for one workspace's loaded plugins (``registry``; None when no plugin is loaded)."""

    def __init__(self, registry: Registry | None) -> None:
        self.registry = registry

    # -- which live item is still the one the inspection started with ------------------------------
    def live_criterion(self, set_id: str, number: int, fingerprint: str | None) -> Criterion | None:
        """The plugin's criterion ``number`` of ``set_id`` when its fingerprint equals ``fingerprint``."""
        if self.registry is None or fingerprint is None:
            return None
        live_set = self.registry.sets.get(set_id)
        if live_set is None:
            return None
        try:
            live = live_set.criterion(number)
        except KeyError:
            return None
        return live if live.is_current(fingerprint) else None

    def live_check(self, check_id: str, fingerprint: str | None) -> EligibilityCheck | None:
        """The plugin's eligibility condition ``check_id`` when its fingerprint equals ``fingerprint``."""
        if self.registry is None or fingerprint is None:
            return None
        for check in self.registry.eligibility:
            if check.id == check_id:
                return check if check.is_current(fingerprint) else None
        return None

    # -- suggestions -----------------------------------------------------------------------------
    def suggest_criterion(self, set_id: str, criterion: Criterion, fingerprint: str | None,
                          values: Mapping[str, Any], *, year: int, stored: Suggestion | None,
                          inputs_changed: bool) -> Suggestion | None:
        """The suggestion to keep for the snapshot's ``criterion`` given the figures ``values``.

        :param fingerprint: the snapshot's fingerprint of the criterion.
        :param stored: the suggestion saved with the previous figures.
        :param inputs_changed: whether ``values`` differ from the figures ``stored`` was made from.
        """
        live = self.live_criterion(set_id, criterion.number, fingerprint)
        if live is not None:
            suggestion = live.suggest(values, year=year)
            if suggestion is not None and fingerprint != live.fingerprint():
                # computed by a version that fixes the one the inspection started with: the audit row
                # of this suggestion says so
                suggestion = dataclasses.replace(suggestion, fixed_by=live.fingerprint())
            return suggestion
        return self._stale(criterion.has_check, stored, inputs_changed)

    def suggest_eligibility(self, check: EligibilityCheck, fingerprint: str | None, values: Mapping[str, Any],
                            *, year: int, stored: Suggestion | None, inputs_changed: bool) -> Suggestion | None:
        """Like :meth:`suggest_criterion` for an eligibility condition of the snapshot."""
        live = self.live_check(check.id, fingerprint)
        if live is not None:
            suggestion = live.suggest(values, year=year)
            if suggestion is not None and fingerprint != eligibility_fingerprint(live):
                suggestion = dataclasses.replace(suggestion, fixed_by=eligibility_fingerprint(live))
            return suggestion
        return self._stale(True, stored, inputs_changed)

    def _stale(self, has_check: bool, stored: Suggestion | None, inputs_changed: bool) -> Suggestion | None:
        if not inputs_changed:
            return stored
        if not has_check:
            return None
        return Suggestion.chua_du(STALE_REASON if self.registry is not None else NO_PLUGIN_REASON)

    # -- for screens that compute as the user types ----------------------------------------------
    def changed_criteria(self, snapshot: CriteriaSet, fingerprints: Mapping[int, str]) -> list[int]:
        """Criterion numbers whose plugin version differs from the snapshot (added, removed or changed).

        Every number of the snapshot when its set is not loaded at all; empty when nothing changed.
        """
        live_set = self.registry.sets.get(snapshot.id) if self.registry is not None else None
        if live_set is None:
            return sorted(fingerprints)
        now = {c.number: c for c in live_set.criteria}
        numbers = set(fingerprints) | set(now)
        return sorted(n for n in numbers if n not in now or not now[n].is_current(fingerprints.get(n)))

    def live_criteria(self, snapshot: CriteriaSet, fingerprints: Mapping[int, str]) -> dict[int, Criterion]:
        """The snapshot's criteria, each carrying the live check while its fingerprint is unchanged.

        A screen calls ``criterion.suggest`` on these as the user types and gets exactly what the
        store will save; a criterion whose plugin changed keeps no check and shows the stored suggestion.
        """
        found = {c.number: c for c in snapshot.criteria}
        for number, snap in list(found.items()):
            live = self.live_criterion(snapshot.id, number, fingerprints.get(number))
            if live is not None and live.check is not None:
                found[number] = dataclasses.replace(snap, check=live.check, had_check=None)
        return found


# -- a check that raises during the visit: named, logged, listed --------------------------------------

log = logging.getLogger(__name__)

#: the file, in the workspace's data folder (beside antq.db), where a failing check's traceback goes
ERROR_LOG_NAME = "plugin-errors.log"

#: what a few common exceptions mean, in words the team reads on the visit screen
_EXCEPTION_WORDS = {
    "ZeroDivisionError": "chia cho 0",
    "KeyError": "đọc một trường không có",
    "TypeError": "sai kiểu dữ liệu",
    "ValueError": "giá trị không hợp lệ",
    "AttributeError": "dùng một thuộc tính không có",
    "IndexError": "vượt quá danh sách",
    "NameError": "dùng một tên chưa định nghĩa",
    "ModuleNotFoundError": "thiếu mô-đun",
    "ImportError": "không nhập được",
    "SyntaxError": "sai cú pháp Python",
    "IndentationError": "thụt lề sai",
    "FileNotFoundError": "không tìm thấy tệp",
    "RecursionError": "đệ quy quá sâu",
}

_PACKAGE_DIR = str(Path(__file__).resolve().parent)


def exception_words(exc: BaseException) -> str:
    """``"chia cho 0 (ZeroDivisionError: division by zero)"``: Vietnamese first, Python's words after."""
    name = type(exc).__name__
    words = _EXCEPTION_WORDS.get(name, "lỗi")
    detail = str(exc)
    return f"{words} ({name}: {detail})" if detail else f"{words} ({name})"


def exception_place(exc: BaseException, fallback: Callable[..., Any] | None = None) -> tuple[str, int]:
    """Like :func:`error_place` for ``exc``; a syntax error's own file and line come first."""
    if isinstance(exc, SyntaxError) and exc.filename:
        return exc.filename, exc.lineno or 0
    return error_place(exc.__traceback__, fallback)


def error_place(tb: types.TracebackType | None, fallback: Callable[..., Any] | None = None) -> tuple[str, int]:
    """The file and line an exception comes from in the plugin's code: the deepest frame outside
    antq's own package (a helper of :mod:`antq_tui.checks` raising is the plugin's call of it), else
    the deepest frame, else where ``fallback`` is defined."""
    frames = traceback.extract_tb(tb) if tb is not None else []
    frames = [f for f in frames if not f.filename.startswith("<")]  # <frozen importlib._bootstrap> …
    outside = [f for f in frames if not str(Path(f.filename).resolve()).startswith(_PACKAGE_DIR)]
    for frame in reversed(outside or frames):
        return frame.filename, frame.lineno or 0
    return code_place(fallback)


def code_place(func: Callable[..., Any] | None) -> tuple[str, int]:
    """Where a function is defined (file, first line), ("?", 0) when unknown."""
    func = getattr(func, "__func__", func)
    code = getattr(func, "__code__", None)
    if code is None:
        return "?", 0
    return code.co_filename, code.co_firstlineno


@dataclass
class CheckError:
    """A plugin's check that raised while antq ran it (during a visit, or ``antq check``)."""

    plugin: str
    owner: str  # "tiêu chí 35 của bộ “xa”", "điều kiện “ba_nam”"
    file: str
    line: int
    error: str  # exception_words(...)
    traceback: str
    count: int = 1
    when: str = ""

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def short_place(self) -> str:
        """``tinh_thu/checks.py:12``: the file's folder and name, enough on the visit screen."""
        return f"{'/'.join(Path(self.file).parts[-2:])}:{self.line}"

    @property
    def message(self) -> str:
        """One Vietnamese line: what the visit screen shows as the suggestion's reason (the full path
        is in the log and on the Plugins screen)."""
        return (f"hàm kiểm tra của plugin “{self.plugin}” lỗi ở {self.owner} ({self.short_place}): {self.error}; "
                "đoàn tự đánh giá")


@dataclass
class CheckErrors:
    """The check errors of one workspace's plugins, each kept once (with a count) and its traceback
    appended to ``log_path`` the first time it happens."""

    log_path: Path | None = None
    errors: list[CheckError] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def record(self, plugin: str, owner: str, check: Callable[..., Any], exc: BaseException,
               values: Mapping[str, Any] | None = None) -> CheckError:
        """Keep (or count again) the error ``exc`` of ``check``; ``values``: the inputs it was given."""
        file, line = error_place(exc.__traceback__, check)
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        words = exception_words(exc)
        if isinstance(exc, KeyError) and values is not None and exc.args and exc.args[0] not in values:
            words = (f"đọc trường “{exc.args[0]}” mà {owner} không khai báo "
                     f"(các trường: {', '.join(values) or 'không có'})")
        with self._lock:
            for known in self.errors:
                if (known.plugin, known.owner, known.file, known.line, known.error) == (plugin, owner, file, line, words):
                    known.count += 1
                    return known
            error = CheckError(plugin, owner, file, line, words, text,
                               when=dt.datetime.now().strftime("%d/%m/%Y %H:%M:%S"))
            self.errors.append(error)
        log.warning("%s\n%s", error.message, text)
        self._append(error)
        return error

    def history(self, limit: int = 10) -> list[tuple[str, str]]:
        """What the log holds, newest first: (when, message), each message once (its latest time)."""
        if self.log_path is None:
            return []
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []
        latest: dict[str, str] = {}
        for line in lines:
            if line.startswith("=== "):
                parts = line[4:].split(" ", 2)
                if len(parts) == 3:
                    latest.pop(parts[2], None)
                    latest[parts[2]] = f"{parts[0]} {parts[1]}"
        return [(when, message) for message, when in reversed(latest.items())][:limit]

    def _append(self, error: CheckError) -> None:
        if self.log_path is None:
            return
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with self.log_path.open("a", encoding="utf-8") as out:
                out.write(f"=== {error.when} {error.message} [{error.place}]\n{error.traceback}\n")
        except OSError as exc:  # a read-only folder must not stop the visit
            print(f"antq: không ghi được {self.log_path}: {exc}", file=sys.stderr)


class GuardedCheck:
    """A plugin's check as antq runs it: an exception becomes a "chưa đủ dữ liệu" suggestion naming
    the plugin, the criterion and the file:line, recorded in :class:`CheckErrors`.

    It reads as the original to everything else: the same signature (``__wrapped__``), the same
    name, module, code, defaults and closure, so :func:`~antq_tui.criteria.check_identity` and the
    fingerprints of inspections already started are unchanged.
    """

    def __init__(self, check: Callable[..., Any], *, plugin: str, owner: str, errors: CheckErrors) -> None:
        self.__wrapped__ = check
        self.__module__ = getattr(check, "__module__", "")
        self.__qualname__ = getattr(check, "__qualname__", type(check).__name__)
        self.__name__ = getattr(check, "__name__", self.__qualname__)
        self.plugin, self.owner, self.errors = plugin, owner, errors
        self._takes_year = accepts_year(check)

    def __getattr__(self, name: str) -> Any:  # __code__, __defaults__, __closure__, __func__ …
        wrapped = self.__dict__.get("__wrapped__")
        if wrapped is None:  # while copy or pickle builds one
            raise AttributeError(name)
        return getattr(wrapped, name)

    def __copy__(self) -> GuardedCheck:
        return self  # a check is a function: copies share it, like copies of a function do

    def __deepcopy__(self, memo: dict[int, Any]) -> GuardedCheck:
        return self

    def __call__(self, values: Mapping[str, Any], year: int | None = None) -> Any:
        try:
            return self.__wrapped__(values, year=year) if self._takes_year else self.__wrapped__(values)
        except Exception as exc:
            error = self.errors.record(self.plugin, self.owner, self.__wrapped__, exc, values)
            return Suggestion.chua_du(error.message)


def check_plugin(check: Callable[..., Any], modules: Mapping[str, str], default: str) -> str:
    """The plugin whose code ``check`` is: by its module (``modules``: module name → plugin), else ``default``."""
    module = getattr(check, "__module__", "") or ""
    for name, plugin in modules.items():
        if module == name or module.startswith(name + "."):
            return plugin
    return default


def guard_checks(registry: Registry) -> None:
    """Replace every check of the registry's criteria and conditions by its :class:`GuardedCheck`."""
    modules = plugin_modules(registry.plugins)
    errors = registry.check_errors
    for set_id, cset in list(registry.sets.items()):
        criteria = []
        for c in cset.criteria:
            if c.check is not None and not isinstance(c.check, GuardedCheck):
                plugin = check_plugin(c.check, modules, c.amended_by[-1] if c.amended_by else c.source)
                c = dataclasses.replace(c, check=GuardedCheck(
                    c.check, plugin=plugin, owner=f"tiêu chí {c.number} của bộ “{set_id}”", errors=errors))
            criteria.append(c)
        registry.sets[set_id] = dataclasses.replace(cset, criteria=tuple(criteria))
    checks: list[EligibilityCheck] = []
    for e in registry.eligibility:
        if e.check is not None and not isinstance(e.check, GuardedCheck):
            plugin = check_plugin(e.check, modules, e.source)
            e = dataclasses.replace(e, check=GuardedCheck(e.check, plugin=plugin, owner=f"điều kiện “{e.id}”",
                                                          errors=errors))
        checks.append(e)
    registry.eligibility[:] = checks


def unguarded(check: Callable[..., Any] | None) -> Callable[..., Any] | None:
    """The plugin's own function behind a :class:`GuardedCheck` (``antq plugins --check`` calls it)."""
    return check.__wrapped__ if isinstance(check, GuardedCheck) else check


def plugin_modules(plugins: Iterable[Any]) -> dict[str, str]:
    """Module name → plugin name of the loaded plugins."""
    return {p.module.__name__: p.name for p in plugins if getattr(p, "module", None) is not None}


__all__ = ["ERROR_LOG_NAME", "NO_PLUGIN_REASON", "STALE_REASON", "CheckError", "CheckErrors", "Evaluator",
           "GuardedCheck", "guard_checks", "unguarded"]
