"""The first run: the team and the district plan written to config.toml, the data folder created.

A workspace's data folder and database are created here and nowhere else (besides ``antq demo``): every
other command and screen refuses a workspace with no database (:func:`.context.require_database`), so
a data folder on a USB stick that is not plugged in, or a mistyped ``data_folder``, never silently
becomes a new empty database. The TUI's first-run screen and ``antq init`` call :func:`initialize`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import DEFAULT_TOML, ConfigError, load_config, parse_config, save_config
from ..workspace import setup_needed
from .context import ServiceError, typist

if TYPE_CHECKING:
    from ..config import Config
    from ..workspace import Workspace


def first_run_reasons(workspace: Workspace) -> list[str]:
    """Why the first-run setup is needed (Vietnamese; empty when the workspace is ready): no database
    yet, or the team or district plan of config.toml still the placeholders of the default file."""
    reasons = list(setup_needed(workspace.config))
    if not workspace.db_path.is_file():
        reasons.insert(0, f"chưa có cơ sở dữ liệu ({workspace.db_path})")
    return reasons


@dataclass(frozen=True)
class InitResult:
    config_path: Path
    db_path: Path
    created_config: bool
    created_db: bool
    #: what is still a placeholder in config.toml (the minutes will be refused until it is filled in)
    missing: list[str]


def initialize(workspace: Workspace) -> Path:
    """Create the workspace's data folder and its database (migrated to the current schema) when
    missing; an existing database is only opened and checked. Returns the database's path.

    :raises ServiceError: the folder cannot be created or the database cannot be opened.
    """
    from ..storage import StorageError, Store

    try:
        with Store.for_workspace(workspace, user=typist(workspace.config.team)):
            pass
    except StorageError as exc:
        raise ServiceError(str(exc)) from None
    return workspace.db_path


def init_workspace(config_path: Path, *, data_folder: Path | None = None) -> InitResult:
    """``antq init``: config.toml (a new one from the defaults when missing; ``data_folder`` written
    into it when given, every other key kept) and the data folder with its database.

    :raises ServiceError: config.toml cannot be read or written, or the database cannot be made.
    """
    from ..workspace import Workspace

    config_path = Path(config_path).absolute()
    created_config = not config_path.exists()
    try:
        config = load_config(config_path) if not created_config else parse_config(DEFAULT_TOML, config_path)
        if data_folder is not None or created_config:
            config = _with_data_folder(config, data_folder)
            config = save_config(config)
    except ConfigError as exc:
        raise ServiceError(str(exc)) from None
    except OSError as exc:
        raise ServiceError(f"Không ghi được {config_path}: {exc.strerror or exc}.") from None
    workspace = Workspace(config)
    existed = workspace.db_path.is_file()
    initialize(workspace)
    return InitResult(config_path, workspace.db_path, created_config, not existed, setup_needed(workspace.config))


def _with_data_folder(config: Config, data_folder: Path | None) -> Config:
    """``config`` whose raw table ``workspace.data_folder`` is ``data_folder`` (relative to the config's
    folder when inside it), so :func:`save_config` writes it. A new file lists only plugin folders
    that exist (an empty folder has no ``plugins/``)."""
    import copy

    import tomli_w

    raw = copy.deepcopy(config.raw)
    section = raw.setdefault("workspace", {})
    if data_folder is not None:
        folder = Path(data_folder).expanduser().absolute()
        try:
            section["data_folder"] = str(folder.relative_to(config.root))
        except ValueError:
            section["data_folder"] = str(folder)
    if not config.path.exists():
        section["plugin_folders"] = [str(p) for p in section.get("plugin_folders", [])
                                     if (config.root / str(p)).is_dir()]
    return parse_config(tomli_w.dumps(raw), config.path)
