"""The ``antq`` group: options shared by every command, and the TUI when no command is given."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .. import __version__
from . import click_vi

click_vi.install()  # click's own words ("Usage:", "No such option"…) in Vietnamese, before any is used

if TYPE_CHECKING:
    from ..services import Context
    from ..storage import Store
    from ..workspace import Workspace


class CliState:
    """What the commands share: the chosen config file and, once opened, the workspace."""

    def __init__(self, config_path: Path, *, explicit: bool = False):
        self.config_path = config_path
        #: chosen with --config or ANTQ_CONFIG: then a missing file is a mistake, not a fresh start
        self.explicit = explicit
        self._workspace: Workspace | None = None

    def workspace(self) -> Workspace:
        from ..config import ConfigError
        from ..workspace import Workspace

        if self._workspace is None:
            if self.explicit and not self.config_path.exists():
                fail(
                    f"Không tìm thấy tệp cấu hình {self.config_path.absolute()}. Kiểm tra lại đường dẫn "
                    "(--config hoặc biến ANTQ_CONFIG); để tạo không gian làm việc mẫu: antq demo THƯ_MỤC."
                )
            try:
                self._workspace = Workspace.open(self.config_path)
            except ConfigError as exc:
                fail(str(exc))
            for warning in self._workspace.config.warnings:  # a typo in a key: said, never fatal
                click.echo(f"Lưu ý: {warning}", err=True)
            self._workspace.on_slow_plugin = lambda line: click.echo(f"Lưu ý: {line}", err=True)
        return self._workspace


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a Vietnamese message on standard error and stop with ``code``."""
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(code)


def echo_json(data: Any) -> None:
    """``data`` as JSON: nested structures indented, each record (a dict of plain values, a list of
    them) on a line of its own. Written by json's C encoder record by record: ``indent=`` would make
    Python use its pure-Python encoder, 0.3 s for the statistics of a province (issue 19)."""
    click.echo(json_text(data))


#: one encoder for every record (json.dumps makes a new one per call when given options)
_RECORD = json.JSONEncoder(ensure_ascii=False, default=str)


def _holds_a_table(value: dict | list | tuple) -> bool:
    """Whether one of ``value``'s own items is a list of dicts or lists (a table: printed a row a line)."""
    return any(isinstance(v, list | tuple) and any(isinstance(x, dict | list | tuple) for x in v)
               for v in (value.values() if isinstance(value, dict) else value))


def json_text(data: Any, indent: str = "", *, row: bool = False) -> str:
    """The text :func:`echo_json` prints (what ``json.loads`` reads back as ``data``): a row of a table
    (an item of a list) on one line, unless it is a row of the outer table (a section) and one of
    its items is a table itself; a list of plain values on one line; the rest indented by two spaces."""
    compact = (not isinstance(data, dict | list | tuple) or not data
               or (row and (len(indent) > 4 or not _holds_a_table(data)))
               or (isinstance(data, list | tuple) and not any(isinstance(x, dict | list | tuple) for x in data)))
    if compact:
        return _RECORD.encode(data)
    inner = indent + "  "
    if isinstance(data, dict):
        items = [f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {json_text(v, inner)}" for k, v in data.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    return "[\n" + ",\n".join(f"{inner}{json_text(v, inner, row=True)}" for v in data) + f"\n{indent}]"


pass_state = click.make_pass_decorator(CliState)

#: the modules whose commands register themselves on ``main`` when imported
COMMAND_MODULES = ("plugins_cmds", "storage_cmds", "export_cmds", "demo_cmds", "bundle_cmds", "office_cmds",
                   "inspection_cmds", "backup_cmds", "keys_cmds", "init_cmds", "attach_cmds", "publish_cmds", "previsit_cmds",
                   "recognition_cmds", "plugin_new_cmds", "registration_cmds", "dossier_cmds")

#: each command → the module of :data:`COMMAND_MODULES` that defines it: running one imports only that
#: module (a command missing here still runs, after every module is imported). One line per command.
COMMANDS = {
    "answer": "inspection_cmds",
    "attach": "attach_cmds",
    "attachments": "attach_cmds",
    "backup": "backup_cmds",
    "bundle": "bundle_cmds",
    "calendar": "office_cmds",
    "check": "plugins_cmds",
    "criteria": "plugins_cmds",
    "demo": "demo_cmds",
    "dossier": "dossier_cmds",
    "eligibility": "inspection_cmds",
    "export": "export_cmds",
    "finalize": "inspection_cmds",
    "init": "init_cmds",
    "keys": "keys_cmds",
    "list": "storage_cmds",
    "new": "inspection_cmds",
    "plugin": "plugin_new_cmds",
    "plugins": "plugins_cmds",
    "prepare-list": "previsit_cmds",
    "publish": "publish_cmds",
    "recognition": "recognition_cmds",
    "register": "registration_cmds",
    "registrations": "registration_cmds",
    "reopen": "inspection_cmds",
    "report": "office_cmds",
    "self-assessment": "previsit_cmds",
    "stats": "office_cmds",
    "targets": "office_cmds",
    "totrinh": "office_cmds",
    "units": "office_cmds",
    "verify": "storage_cmds",
    "visit": "inspection_cmds",
}

def open_store_for_writing(state: CliState) -> Store:
    """The workspace's store for a command that writes, with today's backup taken first.

    Every command that changes the database opens it through here, so a day antq is used from the
    command line gets its backup as a day in the TUI does. A failed backup is a warning on stderr,
    never an error: the command goes on.
    """
    from ..services import Context, ServiceError
    from ..storage import StorageError

    try:
        store = Context.open(state.workspace()).store  # refused when there is no database (antq init)
    except (StorageError, ServiceError) as exc:
        fail(str(exc))
    take_daily_backup(store)
    return store


def take_daily_backup(store: Store) -> None:
    """:meth:`Store.daily_backup`, its warning (if any) printed on stderr."""
    result = store.daily_backup()
    if result.corrupt:  # never write on into a damaged database
        store.close()
        fail(result.warning)
    if result.warning:
        click.echo(f"Lưu ý: {result.warning}", err=True)



@contextlib.contextmanager
def service_context(state: CliState, *, write: bool = True) -> Iterator[Context]:
    """A :class:`~antq_tui.services.Context` on the workspace, closed afterwards; a refused rule or a
    storage error raised inside the block becomes a Vietnamese message and exit code 2, never a traceback.

    :param write: open for writing (today's backup taken first); else read-only, refused when there
        is no database yet.
    """
    from ..files import OutputPathError
    from ..services import Context, ServiceError, maintenance
    from ..storage import StorageError, Store

    ws = state.workspace()
    try:
        if write:
            store = open_store_for_writing(state)
        elif not ws.db_path.exists():
            fail(f"Chưa có cơ sở dữ liệu {ws.db_path}: chưa có cuộc kiểm tra nào.")
        else:
            store = Store.for_workspace(ws, read_only=True)
            damage = maintenance.damage(store)  # a read that misses the damaged pages must not exit 0
            if damage:
                store.close()
                fail(damage)
    except StorageError as exc:
        fail(str(exc))
    try:
        with store:
            yield Context(ws, store)
    except (ServiceError, StorageError, OutputPathError) as exc:
        fail(str(exc))


OPTIONS_METAVAR = "[TUỲ_CHỌN]"


class VnCommand(click.Command):
    """A command whose usage line says ``[TUỲ_CHỌN]`` instead of ``[OPTIONS]``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class VnGroup(click.Group):
    """A group of commands, with Vietnamese usage words; its commands and sub-groups have them too."""

    command_class = VnCommand
    group_class = type  # sub-groups are of the same class

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM_SỐ]...")
        super().__init__(*args, **kwargs)


#: see :meth:`LazyGroup.main`
GC_FIRST_THRESHOLD = 2000

_frozen = False


@contextlib.contextmanager
def _made_for_good() -> Iterator[None]:
    """Around importing a command's module, the first time in the process: what it makes (functions,
    classes, the storage, criteria and services it imports) lives until antq exits, so Python's cyclic
    garbage collector does not run meanwhile and never walks through it again (``gc.freeze``): it
    walked every one of those objects twice, ~4 ms of each ``antq stats`` (issue 19). Garbage made
    later is collected as usual."""
    global _frozen
    import gc

    if _frozen or not gc.isenabled():
        yield
        return
    _frozen = True
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


class LazyGroup(VnGroup):
    """Imports a command's module only when that command runs (:data:`COMMANDS`), and every module
    only to list them all (``antq --help``).

    ``antq`` alone starts the TUI, which needs none of them (they bring the storage, the exchange and
    the office reports): the home screen appears sooner; ``antq list`` imports the listing alone.
    """

    loaded = False

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run antq, the cyclic garbage collector's first threshold raised to Python 3.13's default
        (2,000 new objects, not 700): with 700 a command's start-up ran it ~50 times and its middle
        generation ~4 times, ~4 ms of ``antq stats`` (issue 19). A threshold set higher is kept."""
        import gc

        first, *rest = gc.get_threshold()
        if first and first < GC_FIRST_THRESHOLD:
            gc.set_threshold(GC_FIRST_THRESHOLD, *rest)
        return super().main(*args, **kwargs)

    def _load(self) -> None:
        if not LazyGroup.loaded:
            LazyGroup.loaded = True
            for name in dict.fromkeys([*COMMAND_MODULES, *COMMANDS.values()]):
                importlib.import_module(f"{__package__}.{name}")

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is not None:
            with _made_for_good():
                importlib.import_module(f"{__package__}.{module}")
        if cmd_name not in self.commands:
            self._load()
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Tệp config.toml của không gian làm việc (mặc định: biến ANTQ_CONFIG, rồi ./config.toml).",
)
@click.option("-v", "--verbose", is_flag=True, help="Ghi nhật ký chi tiết ra stderr.")
@click.version_option(__version__, "--version", prog_name="antq", message="%(prog)s %(version)s",
                      help="In phiên bản rồi thoát.")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None, verbose: bool) -> None:
    """antq — kiểm tra, thẩm định xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục
    điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc.

    Chạy “antq” không kèm lệnh để mở giao diện làm việc.
    """
    import logging

    from ..config import default_config_path

    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    explicit = config_path is not None or bool(os.environ.get("ANTQ_CONFIG"))
    ctx.obj = CliState(config_path or default_config_path(), explicit=explicit)
    if ctx.invoked_subcommand is None:
        from ..tui.app import run_app  # Textual is imported only when the TUI is wanted

        if explicit and not ctx.obj.config_path.exists():
            ctx.obj.workspace()  # reports the missing file and exits
        run_app(ctx.obj.config_path)
