"""The application layer: every use case of antq once, called by the TUI and the command line alike.

Each module holds one family of use cases as plain functions over a :class:`Context` (the workspace's
config and plugins, one :class:`~antq_tui.storage.Store`, the user). The rules and guards live here
(finalize only when every criterion is assessed, never overwrite a recorded minutes file, no tờ trình
without a recommended unit, …), so both front ends get them. A Store belongs to the thread that opened
it: a worker thread makes its own context with :meth:`Context.for_thread`.

Modules: :mod:`.inspections` (create, answers, eligibility, visit details, finalize, reopen),
:mod:`.minutes` (export), :mod:`.office` (statistics, report, tờ trình), :mod:`.exchange` (bundles),
:mod:`.demo`.
"""

from __future__ import annotations

from .context import Context, ServiceError

__all__ = ["Context", "ServiceError"]
