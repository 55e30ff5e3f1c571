"""Finding, loading and registering plugins, each on its own so that one bad plugin never stops antq.

Plugins come from the plugin folders of the workspace (loaded by path) and from installed packages
that declare an ``antq`` entry point. The official criteria sets are plugin folders too: nothing here
knows any criterion.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import logging
import os
import queue
import re
import reprlib
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from . import hookspecs
from .evaluation import exception_place, exception_words

if TYPE_CHECKING:
    import importlib.metadata

log = logging.getLogger(__name__)

_MISSING_ARG = re.compile(r"(\w+)\.__init__\(\) missing \d+ required \w+ arguments?: '(\w+)'")

#: module-name prefix for plugins loaded by path, so that they never clash with installed modules
LOCAL_PREFIX = "antq_local_plugins"

#: a plugin still importing (or in a hook) after this many seconds is named while antq waits
SLOW_NOTICE_SECONDS = 3.0
#: ... and left out after this many: the official sets load in a tenth of a second, a plugin that
#: needs a big library on an old laptop may take a few seconds; twenty is well past any honest one
#: and short enough that a person still waits rather than killing antq
TIMEOUT_SECONDS = 20.0

#: the line prefix of the probe child's reports on its standard output (a plugin's own prints differ)
_PROBE_TAG = "antq-probe"


@dataclass
class PluginInfo:
    """A plugin that loaded."""

    name: str
    origin: str  # "thư mục" (a plugin folder) or "gói cài đặt" (entry point)
    location: str
    version: str = ""
    hooks: list[str] = field(default_factory=list)
    module: ModuleType | None = field(default=None, repr=False, compare=False)


@dataclass
class PluginProblem:
    """A plugin, or a piece of what it returned, that antq had to leave out, and why (Vietnamese)."""

    name: str
    location: str
    reason: str
    detail: str = ""  # the traceback, for the log
    line: int = 0  # where in ``location`` (a file), when known


@dataclass
class LoadResult:
    manager: pluggy.PluginManager
    plugins: list[PluginInfo] = field(default_factory=list)
    problems: list[PluginProblem] = field(default_factory=list)
    #: plugins found but not loaded because ``[plugins] allow`` of config.toml does not name them
    not_allowed: list[PluginProblem] = field(default_factory=list)

    def info(self, name: str) -> PluginInfo | None:
        return next((p for p in self.plugins if p.name == name), None)

    def problem(self, name: str, location: str, reason: str, detail: str = "", *, line: int = 0) -> None:
        log.warning("plugin %s (%s): %s%s", name, location, reason, ("\n" + detail) if detail else "")
        self.problems.append(PluginProblem(name, location, reason, detail, line))


def _summary(value: Any) -> str:
    """A short description of what a hook returned, for the trace."""
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__} of {len(value)}"
    return reprlib.repr(value)


#: when each traced hook call began (a stack per thread: hooks run in their own daemon thread)
_trace_started = threading.local()


def _trace_before(hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
    args = ", ".join(f"{k}={reprlib.repr(v)}" for k, v in kwargs.items())
    plugins = ", ".join(i.plugin_name for i in impls)
    stack = getattr(_trace_started, "stack", None)
    if stack is None:
        stack = _trace_started.stack = []
    stack.append(time.perf_counter())
    print(f"antq: {time.strftime('%H:%M:%S')} {hook_name}({args}) → {plugins}", file=sys.stderr)


def _trace_after(outcome: Any, hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
    stack = getattr(_trace_started, "stack", None) or [time.perf_counter()]
    took = f"{(time.perf_counter() - stack.pop()) * 1000:.1f} ms".replace(".", ",")
    plugins = ", ".join(i.plugin_name for i in impls)
    if outcome.exception is not None:
        exc = outcome.exception
        print(f"antq:   {hook_name} raised {type(exc).__name__}: {exc} [{plugins}, {took}]", file=sys.stderr)
        return
    result = outcome.get_result()
    answers = result if isinstance(result, list) else [result]
    print(f"antq:   {hook_name} returned " + ("; ".join(_summary(a) for a in answers) or "nothing")
          + f" [{plugins}, {took}]", file=sys.stderr)


class _Manager(pluggy.PluginManager):
    """pluggy's manager, told which functions of a plugin to leave out (a misspelt hook, a hook
    without the ``antq_`` prefix) so that only those are refused and the plugin's other hooks load."""

    def __init__(self, project_name: str) -> None:
        super().__init__(project_name)
        self.refused: dict[int, set[str]] = {}

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if name in self.refused.get(id(plugin), ()):
            return None
        return super().parse_hookimpl_opts(plugin, name)


def new_manager(specs: ModuleType | type = hookspecs) -> pluggy.PluginManager:
    """A plugin manager with antq's hook specs (or ``specs``, for tests of a later contract).

    With ``ANTQ_TRACE_PLUGINS`` set, every hook call is printed on standard error: the clock time,
    the hook, its arguments, the plugin called, what came back (a count, not the data) and how long
    the call took.
    """
    pm = _Manager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(specs)
    if os.environ.get("ANTQ_TRACE_PLUGINS"):
        pm.add_hookcall_monitoring(_trace_before, _trace_after)
    return pm


def _candidates_in(folder: Path) -> list[tuple[str, Path]]:
    """Plugin candidates in one folder: sub-folders with ``__init__.py`` and ``.py`` files, sorted."""
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir() and (entry / "__init__.py").is_file():
            found.append((entry.name, entry))
        elif entry.is_file() and entry.suffix == ".py":
            found.append((entry.stem, entry))
    return found


def _import_by_path(name: str, path: Path) -> ModuleType:
    module_name = f"{LOCAL_PREFIX}.{name}"
    if LOCAL_PREFIX not in sys.modules:
        parent = ModuleType(LOCAL_PREFIX)
        parent.__path__ = []  # a namespace for path-loaded plugins
        sys.modules[LOCAL_PREFIX] = parent
    if path.is_dir():
        spec = importlib.util.spec_from_file_location(
            module_name, path / "__init__.py", submodule_search_locations=[str(path)]
        )
    else:
        spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


def _wanted(name: str) -> bool:
    only = os.environ.get("ANTQ_LOAD_PLUGINS")
    if only is None:
        return True
    return name in {n.strip() for n in only.split(",") if n.strip()}


#: the probe child sets this to report each plugin's import and hook calls as they begin and end
_watch: Callable[[str, str, str], None] | None = None


def _report(event: str, name: str, what: str = "") -> None:
    if _watch is not None:
        _watch(event, name, what)


def _admitted(result: LoadResult, name: str, location: str, allow: Sequence[str] | None,
              skip: Mapping[str, str]) -> bool:
    """Whether plugin ``name`` is to be imported: the environment switch, config's allowlist, and
    the probe's verdict (a plugin that hung or ended antq is reported and never imported here)."""
    if not _wanted(name):
        return False
    if allow is not None and name not in allow:
        if all(p.name != name for p in result.not_allowed):  # a folder's and a package's: named once
            result.not_allowed.append(PluginProblem(name, location, "không có trong [plugins] allow của config.toml"))
        return False
    if name in skip:
        result.problem(name, location, skip[name])
        return False
    return True


def hook_names(pm: pluggy.PluginManager) -> list[str]:
    """The hooks the manager has a spec for, sorted."""
    return sorted(name for name, caller in vars(pm.hook).items()
                  if name.startswith(f"{hookspecs.PROJECT_NAME}_") and getattr(caller, "spec", None) is not None)


def _unknown_hooks(known: Iterable[str], module: ModuleType,
                   pm: pluggy.PluginManager) -> dict[str, tuple[str, str, int]]:
    """Functions that look like hooks but match none: name → (why, in Vietnamese with the nearest real
    name; the file; the line it is defined on).

    Three kinds: a function named ``antq_…`` that is no hook (usually a typo: ``antq_amendmets``),
    marked ``@hookimpl`` or not; a function marked ``@hookimpl`` whose name lacks the ``antq_``
    prefix (``criteria_sets``); and a hook asking for an argument its spec does not pass (pluggy
    would refuse the whole plugin, in English). pluggy's own ``check_pending`` only sees marked
    functions and raises for all of them at once; here each is named, and only it is left out.
    """
    known = sorted(known)
    prefix = f"{hookspecs.PROJECT_NAME}_"
    found: dict[str, tuple[str, str, int]] = {}
    for name in dir(module):
        if name in known or name.startswith("__"):
            continue
        value = getattr(module, name, None)
        if not callable(value) or isinstance(value, type):
            continue
        if name.startswith(prefix):
            guess = _close_matches(name, known)
        elif pm.parse_hookimpl_opts(module, name) is not None:
            guess = [prefix + name] if prefix + name in known else _close_matches(prefix + name, known)
        else:
            continue
        hint = f"ý bạn là “{guess[0]}”?" if guess else "các hook: " + ", ".join(known)
        found[name] = (f"hàm “{name}” không khớp hook nào của antq (gõ sai tên?); {hint} Hàm này bị bỏ qua.",
                       *_defined_at(value))
    for name in known:  # a real hook asking for an argument its spec does not pass
        value = getattr(module, name, None)
        spec = getattr(getattr(pm.hook, name, None), "spec", None)
        if not callable(value) or spec is None or pm.parse_hookimpl_opts(module, name) is None:
            continue
        extra = [a for a in _required_args(value) if a not in spec.argnames]
        if extra:
            passed = ", ".join(spec.argnames) or "không có tham số nào"
            found[name] = (f"không đăng ký được hàm “{name}”: nó cần tham số {', '.join(f'“{a}”' for a in extra)} "
                           f"mà hook không truyền (hook truyền: {passed}). Hàm này bị bỏ qua.", *_defined_at(value))
    return found


def _close_matches(name: str, known: list[str]) -> list[str]:
    """The hook name ``name`` was probably meant to be (difflib: imported only for a misspelt hook)."""
    import difflib

    return difflib.get_close_matches(name, known, n=1, cutoff=0.6)


def _defined_at(func: Any) -> tuple[str, int]:
    code = getattr(func, "__code__", None)
    return (code.co_filename, code.co_firstlineno) if code else ("", 0)


def _required_args(func: Any) -> list[str]:
    """The arguments pluggy would pass a hook implementation: positional ones without a default."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [p.name for p in params if p.kind in kinds and p.default is inspect.Parameter.empty and p.name != "self"]


def _register(result: LoadResult, module: ModuleType, info: PluginInfo) -> None:
    known = hook_names(result.manager)
    unknown = _unknown_hooks(known, module, result.manager)
    for reason, file, line in unknown.values():
        result.problem(info.name, file or info.location, reason, line=line)
    if isinstance(result.manager, _Manager):
        result.manager.refused[id(module)] = set(unknown)
    try:
        result.manager.register(module, name=info.name)
    except Exception as exc:
        result.problem(info.name, info.location, f"không đăng ký được: {exc}")
        return
    info.hooks = [n for n in known if result.manager.parse_hookimpl_opts(module, n) is not None]
    unmarked = [n for n in known if n not in info.hooks and callable(getattr(module, n, None))]
    if unmarked:
        result.problem(info.name, info.location, "hàm thiếu @hookimpl nên bị bỏ qua: " + ", ".join(unmarked))
    if not info.hooks:
        if not unknown:
            result.problem(info.name, info.location, "không cài đặt hook nào của antq (thiếu @hookimpl?)")
        result.manager.unregister(module)
        return
    info.version = info.version or str(getattr(module, "__version__", ""))
    info.module = module
    result.plugins.append(info)


def _load_failed(result: LoadResult, name: str, location: str, exc: BaseException) -> None:
    """Report a plugin that raised while it was imported, with the file and line that raised."""
    file, line = exception_place(exc)
    where = f" ({file}:{line})" if line else ""
    result.problem(name, location, f"lỗi khi nạp{where}: {exception_words(exc)}", traceback.format_exc())


def load_plugins(plugin_dirs: Iterable[Path], *, entry_points: bool = True,
                 specs: ModuleType | type = hookspecs, allow: Sequence[str] | None = None,
                 skip: Mapping[str, str] | None = None) -> LoadResult:
    """Load every plugin from the folders (in order), then from installed entry points.

    ``specs`` is the module (or class) of hook specs; tests pass a later version of the contract.
    ``allow``: the only plugin names that may load (``[plugins] allow`` of config.toml), None for all.
    ``skip``: plugin name → why it is left out unimported (what :func:`probe` found).
    """
    result = LoadResult(manager=new_manager(specs))
    skip = skip or {}
    seen: set[str] = set()
    for folder in plugin_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            result.problem(folder.name, str(folder), "thư mục plugin không tồn tại")
            continue
        for name, path in _candidates_in(folder):
            if not _admitted(result, name, str(path), allow, skip):
                continue
            if name in seen:
                result.problem(name, str(path), f"trùng tên với plugin “{name}” đã nạp trước; bỏ qua")
                continue
            seen.add(name)
            try:
                _report("begin", name, "import")
                module = _import_by_path(name, path)
                _report("end", name)
            except BaseException as exc:  # SyntaxError, ImportError, SystemExit in a plugin …
                if isinstance(exc, KeyboardInterrupt):
                    raise
                _load_failed(result, name, str(path), exc)
                continue
            _register(result, module, PluginInfo(name=name, origin="thư mục", location=str(path)))
    if entry_points:
        for ep in installed_entry_points():
            location = f"{ep.dist_name or '?'} {ep.dist_version}".strip()
            if ep.name in seen:
                log.info("entry point %s (%s) shadowed by a plugin folder of the same name", ep.name, location)
                continue
            if not _admitted(result, ep.name, location, allow, skip):
                continue
            seen.add(ep.name)
            try:
                _report("begin", ep.name, "import")
                module = ep.load()
                _report("end", ep.name)
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                _load_failed(result, ep.name, location, exc)
                continue
            version = str(getattr(module, "__version__", "") or ep.dist_version)
            _register(result, module, PluginInfo(ep.name, "gói cài đặt", location, version=version))
    for name in allow or ():
        if name not in seen and _wanted(name) and name not in skip:
            result.problem(name, "config.toml", "có trong [plugins] allow nhưng không tìm thấy plugin này")
    return result


def _call_order(hook: pluggy.HookCaller) -> list[pluggy.HookImpl]:
    """The plugins' implementations of a hook in pluggy's calling order: ``tryfirst`` ones first,
    ``trylast`` ones last, and otherwise the plugin loaded last first. Wrappers are left out: they
    wrap each plugin's call."""
    return [i for i in reversed(hook.get_hookimpls()) if not (i.hookwrapper or i.wrapper)]


class HookTimeout(Exception):
    """A plugin's hook did not return within :data:`TIMEOUT_SECONDS`."""


class _HookThread:
    """A daemon thread that runs one hook call at a time for the thread that made it (:func:`_bounded`).

    Starting a thread per call cost ~0.5 ms a call, about ten per command (issue 19); one thread, kept
    while its calls return in time, costs that once. A call that does not return in time keeps the
    thread: it is never given another call, and the next one gets a new thread.
    """

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue[tuple[Callable[..., Any], Mapping[str, Any], dict[str, Any], threading.Event]]
        self._calls = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="antq-hook", daemon=True).start()

    def _serve(self) -> None:
        while True:
            call, kwargs, box, done = self._calls.get()
            try:
                box["value"] = call(**kwargs)
            except BaseException as exc:  # handed to the caller's thread
                box["error"] = exc
            finally:
                done.set()

    def run(self, call: Callable[..., Any], kwargs: Mapping[str, Any], timeout: float) -> tuple[bool, dict[str, Any]]:
        """``call(**kwargs)`` here; whether it returned within ``timeout`` seconds, and what it left."""
        box: dict[str, Any] = {}
        done = threading.Event()
        self._calls.put((call, kwargs, box, done))
        return done.wait(timeout), box


#: each calling thread's :class:`_HookThread` (the TUI's and its save queue's calls never wait on each other)
_hook_threads = threading.local()


def _bounded(call: Callable[..., Any], kwargs: Mapping[str, Any]) -> Any:
    """``call(**kwargs)`` in a daemon thread, waited for at most :data:`TIMEOUT_SECONDS`.

    A hook that never returns is left running in its thread (Python cannot stop a thread; a daemon
    one does not keep antq from exiting) and :class:`HookTimeout` is raised, so ``antq plugins``,
    ``criteria``, ``export``, ``stats`` and the TUI go on without that plugin's answer. An
    exception in the hook is raised here as if the call had been direct. The thread is this calling
    thread's :class:`_HookThread`, made on its first call and again after a call that timed out.
    """
    worker = getattr(_hook_threads, "worker", None)
    if worker is None:
        worker = _hook_threads.worker = _HookThread()
    returned, box = worker.run(call, kwargs, TIMEOUT_SECONDS)
    if not returned:
        _hook_threads.worker = None  # still busy with the hung call: the next call gets a new thread
        raise HookTimeout
    if "error" in box:
        raise box["error"]
    return box["value"]


def call_each(result: LoadResult, hook_name: str, **kwargs: Any) -> Iterator[tuple[PluginInfo, Any]]:
    """Call one hook on every plugin separately; yield (plugin, returned value) and report those that raise.

    Each call goes through pluggy (a hook caller limited to that one plugin), so tracing
    (``ANTQ_TRACE_PLUGINS=1``), wrappers, ``tryfirst``/``trylast`` and hook arguments work, and an
    implementation receives only the arguments it names: a spec may gain an argument without
    breaking plugins written before. Calling plugins one by one (rather than ``pm.hook.x()`` once)
    is what lets one plugin's exception be reported against its name while the other plugins'
    answers are still used. ``None`` answers are skipped.
    """
    pm = result.manager
    hook: pluggy.HookCaller = getattr(pm.hook, hook_name)
    firstresult = bool(hook.spec and hook.spec.opts.get("firstresult"))
    order = [impl for impl in _call_order(hook) if result.info(impl.plugin_name) is not None]
    callers = {impl.plugin_name for impl in order}
    for impl in order:
        info = result.info(impl.plugin_name)
        assert info is not None
        others = [pm.get_plugin(name) for name in callers - {impl.plugin_name}]
        try:
            _report("begin", info.name, hook_name)
            answer = _bounded(pm.subset_hook_caller(hook_name, remove_plugins=others), kwargs)
            _report("end", info.name)
        except HookTimeout:
            result.problem(info.name, info.location, f"{hook_name} không trả lời sau {TIMEOUT_SECONDS:g} giây; "
                           "bỏ qua phần này của plugin")
            continue
        except Exception as exc:
            missing = _MISSING_ARG.search(str(exc)) if isinstance(exc, TypeError) else None
            reason = (f"thiếu “{missing.group(2)}” khi tạo {missing.group(1)}" if missing
                      else exception_words(exc))
            file, line = exception_place(exc)
            where = f" ({file}:{line})" if line else ""
            result.problem(info.name, info.location, f"lỗi trong {hook_name}{where}: {reason}", traceback.format_exc())
            continue
        value = answer if firstresult else next(iter(answer), None)
        if value is None:
            continue
        yield info, value


# -- the probe: every plugin loaded once in a child process -------------------------------------------

#: what the probes of this process found, per plugin as it is now (its files or its package version):
#: None for a plugin that loaded, else the reason to leave it out
_verdicts: dict[tuple[str, str], str | None] = {}


def _identities(plugin_dirs: Sequence[Path], entry_points: bool, allow: Sequence[str] | None) -> list[tuple[str, str]]:
    """(name, identity) of each plugin :func:`load_plugins` would import: a folder plugin by its files'
    paths, sizes and times, a package by its entry point and version."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()

    def admitted(name: str) -> bool:
        if name in seen or not _wanted(name) or (allow is not None and name not in allow):
            return False
        seen.add(name)
        return True

    for folder in plugin_dirs:
        if not folder.is_dir():
            continue
        for name, path in _candidates_in(folder):
            if not admitted(name):
                continue
            files = [path] if path.is_file() else sorted(path.rglob("*.py"))
            stats = []
            for f in files:
                try:
                    st = f.stat()
                except OSError:
                    continue
                stats.append([str(f), st.st_size, st.st_mtime_ns])
            found.append((name, json.dumps(stats)))
    if entry_points:
        for ep in installed_entry_points():
            if admitted(ep.name):
                found.append((ep.name, f"{ep.value} {ep.dist_version} {_installed_at(ep.dist_path)}"))
    return found


def _name_and_version(dist: importlib.metadata.Distribution | None) -> tuple[str, str]:
    """A package's name and version from one read of its metadata."""
    if dist is None:
        return "", ""
    meta = dist.metadata
    return str(meta["Name"] or ""), str(meta["Version"] or "")


def _installed_at(path: str | None) -> str:
    """When a package's metadata folder last changed (a reinstall, an upgrade): part of its identity,
    so that a probe remembered on disk is not trusted for a package put in again under the same version."""
    try:
        return str(Path(path).stat().st_mtime_ns) if path is not None else ""
    except OSError:
        return ""


# -- installed plugins: the ``antq`` entry points -------------------------------------------------------

#: the entry point's value: ``module`` or ``module:attr.attr``, optionally ``[extras]`` (as importlib.metadata reads it)
_ENTRY_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@dataclass(frozen=True)
class EntryPoint:
    """An ``antq`` entry point of an installed package, with what antq shows of its package."""

    name: str
    value: str
    dist_name: str = ""
    dist_version: str = ""
    #: the package's metadata folder (``….dist-info``), when it has one on disk
    dist_path: str | None = None

    def load(self) -> Any:
        """Import the module (and the attribute) the entry point names, as ``importlib.metadata`` does."""
        match = _ENTRY_VALUE.match(self.value)
        if match is None:
            raise ValueError(f"entry point {self.name} = {self.value!r} is not module[:attr]")
        found: Any = importlib.import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            found = getattr(found, attr)
        return found


#: the cache notes (:mod:`antq_tui.cache`) where the entry points found are remembered across runs:
#: one per Python and ``sys.path`` (two installations of antq never take turns rewriting one note)
ENTRY_POINTS_NOTE = "entry-points-{}.json"
#: this process's last answer of :func:`installed_entry_points`, with the key it holds for
_entry_points_seen: tuple[str, list[EntryPoint]] | None = None


def _search_path_key() -> tuple[str, str]:
    """What the installed packages are found from: the note's name, for this Python and ``sys.path``,
    and its key, with the time each entry's folder (or zip) last changed, which installing, upgrading
    or removing a package changes."""
    import hashlib

    entries = []
    for entry in sys.path:
        where = entry or os.getcwd()
        try:
            changed = os.stat(where).st_mtime_ns
        except OSError:
            changed = None
        entries.append([where, changed])
    search = json.dumps([sys.executable, [w for w, _ in entries]]).encode("utf-8", "surrogatepass")
    name = ENTRY_POINTS_NOTE.format(hashlib.sha256(search).hexdigest()[:32])
    return name, json.dumps([sys.version, sys.executable, entries])


def _metadata_changed(ep: EntryPoint) -> str:
    """When the entry points file of ``ep``'s package last changed ("" without one on disk)."""
    return _installed_at(str(Path(ep.dist_path) / "entry_points.txt")) if ep.dist_path is not None else ""


def installed_entry_points() -> list[EntryPoint]:
    """The ``antq`` entry points of the installed packages, in the order ``importlib.metadata`` finds them.

    Finding them reads every installed package's metadata (and importing ``importlib.metadata`` costs
    ~8 ms; issue 19), so the answer is kept: for this process, and in antq's cache folder
    (:mod:`antq_tui.cache`), both for as long as ``sys.path`` and the times of its folders are the
    same and each package found still has its entry points file as it was. A package installed,
    upgraded or removed changes a folder's time; what would go unseen is an ``entry_points.txt``
    edited in place in another package already installed (one that had no ``antq`` entry point),
    a metadata folder changed by hand without its folder's time changing (a file system that keeps
    times to the second or coarser, a copy that sets times back), or packages found by an import
    hook of its own rather than on ``sys.path``. ``pip install`` and ``pip uninstall`` do none of these.
    """
    global _entry_points_seen
    from . import cache

    name, key = _search_path_key()
    if _entry_points_seen is not None and _entry_points_seen[0] == key:
        return _entry_points_seen[1]
    found: list[EntryPoint] | None = None
    note = cache.read(name)
    try:
        if note is not None and note.get("key") == key:
            remembered = [(EntryPoint(str(e["name"]), str(e["value"]), str(e["dist_name"]), str(e["dist_version"]),
                                      None if e["dist_path"] is None else str(e["dist_path"])), str(e["changed"]))
                          for e in note["entry_points"]]
            if all(_metadata_changed(ep) == changed for ep, changed in remembered):
                found = [ep for ep, _ in remembered]
    except (AttributeError, KeyError, TypeError):
        found = None  # damaged or from elsewhere: look again, as without a note
    if found is None:
        found = _read_entry_points()
        cache.write(name, {"key": key, "entry_points": [
            {"name": ep.name, "value": ep.value, "dist_name": ep.dist_name, "dist_version": ep.dist_version,
             "dist_path": ep.dist_path, "changed": _metadata_changed(ep)} for ep in found]})
    _entry_points_seen = (key, found)
    return found


def _read_entry_points() -> list[EntryPoint]:
    """The ``antq`` entry points as ``importlib.metadata`` finds them now."""
    import importlib.metadata

    found = []
    for ep in importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME):
        dist = ep.dist
        path = getattr(dist, "_path", None)  # a PathDistribution's .dist-info folder; others: none
        found.append(EntryPoint(ep.name, ep.value, *_name_and_version(dist), None if path is None else str(path)))
    return found


#: what a remembered probe is valid for: the same Python, the same antq (its loader decides what loads)
def _memo_key() -> str:
    from . import __version__

    return f"{sys.version} {sys.executable} antq {__version__}"


#: the cache note (:mod:`antq_tui.cache`) where probes are remembered across runs: one per Python and
#: antq (:func:`_memo_key`), so that two installations (two virtual environments, a wheel beside a
#: checkout) never take turns forgetting each other's and probing again
MEMO_NOTE = "plugin-probe-{}.json"


def memo_note() -> str:
    """The name of this Python's and this antq's note of remembered probes."""
    import hashlib

    return MEMO_NOTE.format(hashlib.sha256(_memo_key().encode("utf-8", "surrogatepass")).hexdigest()[:32])
#: how many plugin versions the note keeps (the newest): plenty for a laptop's few workspaces
MEMO_KEEP = 500


def _read_memo() -> dict[tuple[str, str], str | None]:
    """The verdicts remembered (see :func:`probe`); {} when there are none or they are not ours."""
    from . import cache

    data = cache.read(memo_note())
    try:
        if data.get("key") != _memo_key():
            return {}
        return {(str(name), str(ident)): (None if reason is None else str(reason))
                for name, ident, reason in data["verdicts"]}
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}  # damaged or from elsewhere: probe again, as without a memo


def _write_memo(verdicts: Mapping[tuple[str, str], str | None]) -> None:
    """Add ``verdicts`` to those remembered (the newest :data:`MEMO_KEEP` kept); never an error."""
    from . import cache

    merged = {**_read_memo(), **verdicts}
    for plugin in verdicts:  # newest last, so that trimming drops the oldest
        merged[plugin] = merged.pop(plugin)
    kept = list(merged.items())[-MEMO_KEEP:]
    cache.write(memo_note(), {"key": _memo_key(), "verdicts": [[n, i, r] for (n, i), r in kept]})


def probe(plugin_dirs: Iterable[Path], *, entry_points: bool = True, allow: Sequence[str] | None = None,
          on_slow: Callable[[str], None] | None = None, remember: bool = False) -> dict[str, str]:
    """Load the plugins once in a child process and name those that would stop antq.

    A plugin that ends the process while it loads (``os._exit(3)`` at import, a crash in a C
    extension) or does not finish an import or a hook within :data:`TIMEOUT_SECONDS` is found here,
    where it costs a child, not antq; the child is run again without it until every other plugin
    has loaded. ``on_slow`` is told (a Vietnamese line) about a plugin still loading after
    :data:`SLOW_NOTICE_SECONDS`. What was found is kept for this process, per plugin file or
    package version: the same plugins are probed once however many workspaces load them.

    :param remember: also keep what was found across runs, in antq's cache folder (:mod:`antq_tui.cache`,
        never a workspace's data folder): a child costs ~0.2 s, so each ``antq`` command and each start of the TUI probes only when a
        plugin's files, a package's version or installation, Python or antq changed since. A plugin
        whose files are edited back to the same size and time to the nanosecond would be trusted on the
        memo's word; that is not a risk antq can see, and the loader's own guards still apply.
    :returns: plugin name → the reason to leave it out, for :func:`load_plugins`'s ``skip``.
    """
    dirs = [Path(d) for d in plugin_dirs]
    plugins_now = _identities(dirs, entry_points, allow)
    if remember and not all(p in _verdicts for p in plugins_now):
        _verdicts.update(_read_memo())
    if all(p in _verdicts for p in plugins_now):
        return {name: reason for (name, ident) in plugins_now if (reason := _verdicts[(name, ident)])}
    bad: dict[str, str] = {name: reason for (name, ident) in plugins_now if (reason := _verdicts.get((name, ident)))}
    told: set[str] = set()  # each slow plugin is named once, however many children load it
    finished = False
    while True:
        found = _probe_once(dirs, entry_points, allow, bad, on_slow, told)
        if found is None:
            finished = True
            break
        name, reason = found
        if not name or name in bad:  # not a plugin's fault, or one that keeps failing: the loader reports it
            break
        bad[name] = reason
    for name, ident in plugins_now:
        if name in bad:
            _verdicts[(name, ident)] = bad[name]
        elif finished:
            _verdicts[(name, ident)] = None
    if remember and all(p in _verdicts for p in plugins_now):
        _write_memo({p: _verdicts[p] for p in plugins_now})
    return bad


def _probe_once(dirs: list[Path], entry_points: bool, allow: Sequence[str] | None, skip: Mapping[str, str],
                on_slow: Callable[[str], None] | None, told: set[str]) -> tuple[str, str] | None:
    """One child; (plugin, reason) for the first plugin that stopped it, or None when it finished."""
    args = json.dumps({"dirs": [str(d) for d in dirs], "entry_points": entry_points,
                       "allow": list(allow) if allow is not None else None, "skip": dict(skip)})
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    import subprocess  # only when a probe runs: a remembered one needs no child (~2 ms of every command)

    try:
        child = subprocess.Popen(
            [sys.executable, "-c", "from antq_tui.registry import probe_child; probe_child()", args],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
            text=True, encoding="utf-8", errors="replace")
    except OSError as exc:  # no child process here (a locked-down laptop): load as before
        log.warning("plugin probe not run: %s", exc)
        return None
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith(_PROBE_TAG + "\t"):
                lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=read, name="antq-probe", daemon=True).start()
    current: tuple[str, str] | None = None
    started = time.monotonic()
    noticed = False
    try:
        while True:
            waited = time.monotonic() - started
            limit = SLOW_NOTICE_SECONDS if current and not noticed else TIMEOUT_SECONDS
            try:
                line = lines.get(timeout=max(0.0, limit - waited) if current else TIMEOUT_SECONDS * 3)
            except queue.Empty:
                if current is None:  # the child is stuck before any plugin: not a plugin's fault
                    return "", ""
                name, what = current
                if not noticed:
                    noticed = True
                    if on_slow is not None and name not in told:
                        told.add(name)
                        on_slow(f"Plugin “{name}” chưa nạp xong sau {SLOW_NOTICE_SECONDS:g} giây ({_doing(what)})…")
                    continue
                return name, (f"không nạp xong sau {TIMEOUT_SECONDS:g} giây ({_doing(what)}, treo?); đã bỏ qua. "
                              "Sửa hoặc gỡ plugin, hoặc bỏ tên nó khỏi [plugins] allow của config.toml")
            if line is None:
                code = child.wait()
                if current is None:  # ended outside any plugin (antq itself could not start there)
                    return "", ""
                name, what = current
                return name, (f"làm antq dừng hẳn (mã thoát {code}) {_doing(what)}; đã bỏ qua. "
                              "Sửa hoặc gỡ plugin, hoặc bỏ tên nó khỏi [plugins] allow của config.toml")
            _, event, name, what = (line.split("\t") + ["", "", ""])[:4]
            if event == "begin":
                current, started, noticed = (name, what), time.monotonic(), False
            elif event == "end":
                current = None
            elif event == "done":
                return None
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()


def _doing(what: str) -> str:
    return "lúc nạp" if what == "import" else f"trong hook {what}"


def probe_child_main(load: Callable[[], Any]) -> None:
    """The child's side: report each begin and end on standard output, run ``load``, say done."""
    global _watch, TIMEOUT_SECONDS
    out = sys.stdout
    TIMEOUT_SECONDS = 1e6  # the parent decides when a plugin is stuck, not the child

    def watch(event: str, name: str, what: str) -> None:
        out.write(f"{_PROBE_TAG}\t{event}\t{name}\t{what}\n")
        out.flush()

    _watch = watch
    try:
        load()
    finally:
        _watch = None
        watch("done", "", "")
