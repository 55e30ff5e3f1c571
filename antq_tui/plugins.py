"""Finding, loading and registering plugins, each on its own so that one bad plugin never stops antq.

Plugins come from the plugin folders of the workspace (loaded by path) and from installed packages
that declare an ``antq`` entry point. The official criteria sets are plugin folders too: nothing here
knows any criterion.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import re
import reprlib
import sys
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs

log = logging.getLogger(__name__)

_MISSING_ARG = re.compile(r"(\w+)\.__init__\(\) missing \d+ required \w+ arguments?: '(\w+)'")

#: module-name prefix for plugins loaded by path, so that they never clash with installed modules
LOCAL_PREFIX = "antq_local_plugins"


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


@dataclass
class LoadResult:
    manager: pluggy.PluginManager
    plugins: list[PluginInfo] = field(default_factory=list)
    problems: list[PluginProblem] = field(default_factory=list)

    def info(self, name: str) -> PluginInfo | None:
        return next((p for p in self.plugins if p.name == name), None)

    def problem(self, name: str, location: str, reason: str, detail: str = "") -> None:
        log.warning("plugin %s (%s): %s%s", name, location, reason, ("\n" + detail) if detail else "")
        self.problems.append(PluginProblem(name, location, reason, detail))


def _summary(value: Any) -> str:
    """A short description of what a hook returned, for the trace."""
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__} of {len(value)}"
    return reprlib.repr(value)


def _trace_before(hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
    args = ", ".join(f"{k}={reprlib.repr(v)}" for k, v in kwargs.items())
    plugins = ", ".join(i.plugin_name for i in impls)
    print(f"antq: {hook_name}({args}) → {plugins}", file=sys.stderr)


def _trace_after(outcome: Any, hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
    if outcome.exception is not None:
        exc = outcome.exception
        print(f"antq:   {hook_name} raised {type(exc).__name__}: {exc}", file=sys.stderr)
        return
    result = outcome.get_result()
    answers = result if isinstance(result, list) else [result]
    print(f"antq:   {hook_name} returned " + ("; ".join(_summary(a) for a in answers) or "nothing"), file=sys.stderr)


def new_manager(specs: ModuleType | type = hookspecs) -> pluggy.PluginManager:
    """A plugin manager with antq's hook specs (or ``specs``, for tests of a later contract).

    With ``ANTQ_TRACE_PLUGINS`` set, every hook call is printed on standard error: the hook, its
    arguments, the plugin called, and what came back (a count, not the data).
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
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


def hook_names(pm: pluggy.PluginManager) -> list[str]:
    """The hooks the manager has a spec for, sorted."""
    return sorted(name for name, caller in vars(pm.hook).items()
                  if name.startswith(f"{hookspecs.PROJECT_NAME}_") and getattr(caller, "spec", None) is not None)


def _unknown_hooks(known: Iterable[str], module: ModuleType) -> list[str]:
    """Functions named like hooks (``antq_…``) that match no hook: usually a typo.

    pluggy's own ``check_pending`` only sees functions marked ``@hookimpl``; this also catches an
    unmarked one, and reports per plugin instead of raising for all of them.
    """
    known = set(known)
    prefix = f"{hookspecs.PROJECT_NAME}_"
    return sorted(
        n for n in dir(module) if n.startswith(prefix) and callable(getattr(module, n)) and n not in known
    )


def _register(result: LoadResult, module: ModuleType, info: PluginInfo) -> None:
    known = hook_names(result.manager)
    unknown = _unknown_hooks(known, module)
    if unknown:
        result.problem(
            info.name,
            info.location,
            "hàm không khớp hook nào của antq (gõ sai tên?): " + ", ".join(unknown),
        )
        return
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
        result.problem(info.name, info.location, "không cài đặt hook nào của antq (thiếu @hookimpl?)")
        result.manager.unregister(module)
        return
    info.version = info.version or str(getattr(module, "__version__", ""))
    info.module = module
    result.plugins.append(info)


def load_plugins(plugin_dirs: Iterable[Path], *, entry_points: bool = True,
                 specs: ModuleType | type = hookspecs) -> LoadResult:
    """Load every plugin from the folders (in order), then from installed entry points.

    ``specs`` is the module (or class) of hook specs; tests pass a later version of the contract.
    """
    result = LoadResult(manager=new_manager(specs))
    seen: set[str] = set()
    for folder in plugin_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            result.problem(folder.name, str(folder), "thư mục plugin không tồn tại")
            continue
        for name, path in _candidates_in(folder):
            if not _wanted(name):
                continue
            if name in seen:
                result.problem(name, str(path), f"trùng tên với plugin “{name}” đã nạp trước; bỏ qua")
                continue
            seen.add(name)
            try:
                module = _import_by_path(name, path)
            except BaseException as exc:  # SyntaxError, ImportError, SystemExit in a plugin …
                if isinstance(exc, KeyboardInterrupt):
                    raise
                result.problem(name, str(path), f"lỗi khi nạp: {type(exc).__name__}: {exc}", traceback.format_exc())
                continue
            _register(result, module, PluginInfo(name=name, origin="thư mục", location=str(path)))
    if entry_points:
        for ep in importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME):
            if not _wanted(ep.name):
                continue
            dist = ep.dist
            location = f"{dist.name if dist else '?'} {dist.version if dist else ''}".strip()
            if ep.name in seen:
                log.info("entry point %s (%s) shadowed by a plugin folder of the same name", ep.name, location)
                continue
            seen.add(ep.name)
            try:
                module = ep.load()
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                result.problem(ep.name, location, f"lỗi khi nạp: {type(exc).__name__}: {exc}", traceback.format_exc())
                continue
            version = str(getattr(module, "__version__", "") or (dist.version if dist else ""))
            _register(result, module, PluginInfo(ep.name, "gói cài đặt", location, version=version))
    return result


def _call_order(hook: pluggy.HookCaller) -> list[pluggy.HookImpl]:
    """The plugins' implementations of a hook in pluggy's calling order: ``tryfirst`` ones first,
    ``trylast`` ones last, and otherwise the plugin loaded last first. Wrappers are left out: they
    wrap each plugin's call."""
    return [i for i in reversed(hook.get_hookimpls()) if not (i.hookwrapper or i.wrapper)]


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
            answer = pm.subset_hook_caller(hook_name, remove_plugins=others)(**kwargs)
        except Exception as exc:
            missing = _MISSING_ARG.search(str(exc)) if isinstance(exc, TypeError) else None
            reason = (f"thiếu “{missing.group(2)}” khi tạo {missing.group(1)}" if missing
                      else f"{type(exc).__name__}: {exc}")
            result.problem(info.name, info.location, f"lỗi trong {hook_name}: {reason}", traceback.format_exc())
            continue
        value = answer if firstresult else next(iter(answer), None)
        if value is None:
            continue
        yield info, value
