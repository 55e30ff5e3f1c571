"""The context every service function takes: the workspace (config, plugins), a store and the user."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Self

from ..evaluation import Evaluator

if TYPE_CHECKING:
    from ..config import Config
    from ..registry import Registry
    from ..storage import Store
    from ..workspace import Workspace


class ServiceError(Exception):
    """A use case refused (a rule, not a bug): ``str(exc)`` is a Vietnamese message for the user."""


@dataclass
class Context:
    """One front end's handle on a workspace, cheap to make (one per thread: the store is the thread's).

    :param user: who acts, recorded in the audit log; default the config's ``current_user``.
    """

    workspace: Workspace
    store: Store
    user: str | None = None

    @classmethod
    def open(cls, workspace: Workspace, *, user: str | None = None) -> Context:
        """A context with a new store on the workspace's database (opened in the calling thread)."""
        from ..storage import Store

        return cls(workspace, Store.for_workspace(workspace), user)

    def for_thread(self) -> Context:
        """The same workspace and user with a store of the calling thread's own."""
        return replace(self, store=self.store.for_thread())

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def config(self) -> Config:
        return self.workspace.config

    @property
    def registry(self) -> Registry:
        return self.workspace.registry

    @property
    def evaluator(self) -> Evaluator:
        return Evaluator(self.registry)

    @property
    def acting_user(self) -> str | None:
        return self.user or self.config.current_user or None
