"""A workspace: one config.toml, its data folder, its plugin folders and what the plugins provide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, load_config

if TYPE_CHECKING:  # the registry (pluggy, importlib.metadata, the plugins) loads on first use
    from .registry import Registry

DB_NAME = "antq.db"


@dataclass
class Workspace:
    config: Config
    #: whether installed packages' ``antq`` entry points are loaded (tests switch it off)
    entry_points: bool = True
    _registry: Registry | None = field(default=None, repr=False)
    #: told (a Vietnamese line) about a plugin still loading after a few seconds; the CLI prints it
    #: on standard error, the TUI shows it as a notification
    on_slow_plugin: Callable[[str], None] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, config_path: Path, *, entry_points: bool = True) -> Workspace:
        return cls(load_config(config_path), entry_points=entry_points)

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def data_dir(self) -> Path:
        return self.config.data_folder

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def templates_dir(self) -> Path:
        return self.config.templates_folder

    @property
    def registry(self) -> Registry:
        """The plugins, loaded on first use (the app shows its home screen before this is needed)."""
        if self._registry is None:
            from .registry import load_registry

            self._registry = load_registry(self.config.plugin_folders, entry_points=self.entry_points,
                                           allow=self.config.plugins_allow, on_slow=self.on_slow_plugin)
        return self._registry

    def reload_plugins(self) -> Registry:
        self._registry = None
        return self.registry
