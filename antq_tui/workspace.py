"""A workspace: one config.toml, its data folder, its plugin folders and what the plugins provide."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, Member, load_config
from .folding import nfc
from .labels import ROLES

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
            from .evaluation import ERROR_LOG_NAME
            from .registry import load_registry

            self._registry = load_registry(self.config.plugin_folders, entry_points=self.entry_points,
                                           allow=self.config.plugins_allow, on_slow=self.on_slow_plugin,
                                           remember_probe=True)
            self._registry.check_errors.log_path = self.data_dir / ERROR_LOG_NAME
        return self._registry

    def reload_plugins(self) -> Registry:
        self._registry = None
        return self.registry


# --------------------------------------------------------------------------------------------------
# placeholders: the one rule for "this value is a hint to fill in, not a real value"

#: how a form hint begins ("Họ tên thư ký", "Họ và tên trưởng đoàn"): the default config.toml's names
PLACEHOLDER_PREFIXES = ("họ tên", "họ và tên", "ho ten", "ho va ten")
#: what marks a blank left to fill in ("Kế hoạch số …/KH-CAH ngày …/…/…")
PLACEHOLDER_MARKS = ("…", "...", "___")


def is_placeholder(value: str) -> bool:
    """Whether ``value`` (a name, a plan's number and date) is a blank or a hint, not a real value.

    Empty, a form hint that starts "Họ tên …" / "Họ và tên …", or holding an ellipsis ("…", "...") or
    underscores left to fill in. The default ``config.toml`` uses exactly these, so a team that has not
    typed its own names yet is recognised (the first-run setup opens; papers are refused).
    """
    text = " ".join(nfc(value or "").split()).casefold()
    return not text or text.startswith(PLACEHOLDER_PREFIXES) or any(m in text for m in PLACEHOLDER_MARKS)


def unset_roles(team: list[Member]) -> list[str]:
    """The roles that sign a paper (trưởng đoàn, thư ký) with no member of a real name in ``team``,
    as Vietnamese labels ("trưởng đoàn"), in the order of :data:`~antq_tui.labels.ROLES`."""
    return [ROLES[role].lower() for role in SIGNING_ROLES
            if not any(m.role == role and not is_placeholder(m.name) for m in team)]


#: the team's roles that sign the minutes (and the office's papers: the trưởng đoàn)
SIGNING_ROLES = ("truong_doan", "thu_ky")


def setup_needed(config: Config) -> list[str]:
    """Why this config is not a real team's yet (empty when it is): what the first-run setup asks for.

    A team with no real trưởng đoàn or thư ký, a placeholder name in the team, or a district plan left
    with its blanks ("Kế hoạch số …").
    """
    reasons = [f"chưa có tên {label}" for label in unset_roles(config.team)]
    reasons += [f"tên {m.role_label.lower()} “{m.name}” là tên mẫu" for m in config.team
                if is_placeholder(m.name) and m.role not in SIGNING_ROLES]
    if config.district_plan and is_placeholder(config.district_plan):
        reasons.append("số, ngày kế hoạch của huyện chưa điền")
    return reasons


# --------------------------------------------------------------------------------------------------
# the district plan ("Kế hoạch số 312/KH-CAH ngày 09/10/2023 của Công an huyện Bắc Yên về …"): one
# string in config.toml (``minutes.district_plan``), edited in the app as its number, date and subject

_PLAN_RE = re.compile(r"^\s*Kế hoạch số\s+(?P<number>\S*)\s+ngày\s+(?P<date>\S*)\s*(?P<subject>.*)$", re.S)


@dataclass(frozen=True)
class DistrictPlan:
    number: str = ""  # "312/KH-CAH"; "" when not filled in
    date: str = ""  # "09/10/2023" as written
    subject: str = ""  # "của Công an huyện Bắc Yên về …", or a whole sentence of the team's own


def default_plan_subject(config: Config) -> str:
    issuer = f"Công an {config.district_kind} {config.district}" if config.district else "Công an huyện"
    return (f"của {issuer} về kiểm tra, thẩm định kết quả xây dựng điển hình về phong trào toàn dân bảo vệ "
            "an ninh Tổ quốc")


def split_plan(text: str) -> DistrictPlan:
    """The parts of a plan sentence; a number or date left as a blank ("…/KH-CAH", "…/…/…") is ""."""
    match = _PLAN_RE.match(nfc(text or ""))
    if not match:
        return DistrictPlan(subject=" ".join((text or "").split()))
    number, date = match["number"], match["date"]
    return DistrictPlan("" if is_placeholder(number) else number, "" if is_placeholder(date) else date,
                        " ".join(match["subject"].split()))


def join_plan(plan: DistrictPlan) -> str:
    """The sentence the minutes cite; "" (nothing printed) when neither number nor date is given and the
    subject is only the "của … về …" tail. A team's own sentence with no number is kept as it is."""
    subject = " ".join(plan.subject.split())
    if plan.number or plan.date:
        return f"Kế hoạch số {plan.number or '…'} ngày {plan.date or '…'} {subject}".strip()
    return "" if subject.startswith("của ") else subject
