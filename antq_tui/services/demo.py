"""The sample workspace a newcomer can open at once (``antq demo DIR``)."""

from __future__ import annotations

from pathlib import Path


def create_demo(target: Path | str, *, plugin_folders: list[Path] | None = None,
                command: str = "antq") -> tuple[Path, list[str]]:
    """Build the demo workspace in ``target`` (new or empty); its config.toml and the lines describing it.

    :param command: how the user runs antq, for the command lines printed (see ``describe``).

    :raises DemoError: ``target`` is not empty, or the official sets are missing.
    """
    from ..demo import build_demo, describe

    config_path = build_demo(target, plugin_folders=plugin_folders)
    return config_path, describe(config_path, command)
