"""The context every service function takes: the workspace (config, plugins), a store and the user."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Self

from ..evaluation import Evaluator

if TYPE_CHECKING:
    from ..config import Config, Member
    from ..registry import Registry
    from ..storage import Store
    from ..workspace import Workspace


class ServiceError(Exception):
    """A use case refused (a rule, not a bug): ``str(exc)`` is a Vietnamese message for the user."""


#: the commands that may create a workspace's database (shown in the refusal below)
CREATING_STEPS = "“antq init” (hoặc mở giao diện “antq”, bước cài đặt lần đầu)"


def no_database_message(workspace: Workspace) -> str:
    return (f"Chưa có cơ sở dữ liệu {workspace.db_path}. Thư mục dữ liệu chỉ được tạo ở bước cài đặt lần "
            f"đầu: chạy {CREATING_STEPS}. Nếu dữ liệu nằm ở ổ khác (USB), hãy cắm ổ đó hoặc sửa "
            f"“data_folder” trong {workspace.config.path}.")


def require_database(workspace: Workspace) -> None:
    """The one rule: only an explicit first-run step (:func:`antq_tui.services.setup.initialize`,
    ``antq demo``) creates a workspace's data folder and database; every other use refuses.

    :raises ServiceError: the database file does not exist.
    """
    if not workspace.db_path.is_file():
        raise ServiceError(no_database_message(workspace))


def typist(team: list[Member]) -> str | None:
    """Who types on a team: its thư ký with a real name (not a placeholder), else None."""
    from ..workspace import is_placeholder

    return next((m.name for m in team if m.role == "thu_ky" and not is_placeholder(m.name)), None)


@dataclass
class Context:
    """One front end's handle on a workspace, cheap to make (one per thread: the store is the thread's).

    :param user: who acts, recorded in the audit log; default (see :meth:`user_for`) the
        ``workspace.user`` of config.toml, else the thư ký of the inspection being changed.
    """

    workspace: Workspace
    store: Store
    user: str | None = None

    @classmethod
    def open(cls, workspace: Workspace, *, user: str | None = None) -> Context:
        """A context with a new store on the workspace's database (opened in the calling thread).

        :raises ServiceError: there is no database yet (:func:`require_database`).
        """
        from ..storage import Store

        require_database(workspace)
        # the store's own default "who" (for writes that name no user) is the same as acting_user's
        store_user = user or workspace.config.user or typist(workspace.config.team)
        return cls(workspace, Store.for_workspace(workspace, user=store_user), user)

    def for_thread(self) -> Context:
        """The same workspace and user with a store of the calling thread's own."""
        return replace(self, store=self.store.for_thread())

    def close(self) -> None:
        self.store.close()

    def batch(self) -> AbstractContextManager[None]:
        """Many use cases as one transaction, committed once (:meth:`~antq_tui.storage.Store.batch`):
        for filling a workspace in bulk (scripts/make_province.py), each call keeping its rules."""
        return self.store.batch()

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
        """Who acts when no inspection says otherwise: the given user, ``workspace.user`` of
        config.toml, the config's thư ký with a real name; else None (the store records the OS user)."""
        return self.user or self.config.user or typist(self.config.team)

    def user_for(self, inspection_id: str) -> str | None:
        """Who typed a change to ``inspection_id``, for its audit row: the given user or
        ``workspace.user`` when set, else the inspection's own thư ký (the one on its team, who
        types during the visit), else :attr:`acting_user`."""
        if self.user or self.config.user:
            return self.user or self.config.user
        return typist(self.store.inspection_team(inspection_id)) or self.acting_user

    def user_for_team(self, team: list[Member]) -> str | None:
        """Like :meth:`user_for`, for an inspection about to be created with ``team``."""
        return self.user or self.config.user or typist(team) or self.acting_user
