"""config.toml: the team's settings, read with tomllib and written back with tomli-w.

The file is the team's; antq writes back only the tables it owns (``district``, ``minutes``, ``team``)
when they are changed from the app, keeps every other key as it was read, and writes atomically
(a temporary file, fsync, rename) after copying the previous version to ``config.toml.bak``.
tomli-w drops comments, so the keys are named to explain themselves.
"""

from __future__ import annotations

import copy
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import write_atomic
from .folding import fold, nfc
from .labels import ROLES


def parse_role(text: str) -> str:
    key = fold(text).replace("_", " ")
    for role, label in ROLES.items():
        if key in (fold(label), role.replace("_", " ")):
            return role
    raise ValueError(f"Vai trò “{text}” không hợp lệ; chọn: " + ", ".join(r.lower() for r in ROLES.values()))


class ConfigError(Exception):
    """config.toml cannot be used. The message is Vietnamese and names the file, line and reason."""


@dataclass
class Member:
    """A member of the inspection team, or a representative of the unit."""

    name: str
    rank: str = ""  # cấp bậc (Thượng tá …); empty for the unit's people
    position: str = ""  # chức vụ
    role: str = "thanh_vien"  # for the team: a key of ROLES

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    def to_toml(self) -> dict[str, str]:
        return {"name": self.name, "rank": self.rank, "position": self.position, "role": self.role_label.lower()}


@dataclass
class Config:
    path: Path
    raw: dict[str, Any]
    district: str = ""
    province: str = ""
    district_kind: str = "huyện"
    issuing_body: list[str] = field(default_factory=list)
    issuing_parent: str = ""
    minutes_number_suffix: str = "BB-ĐKT"
    district_plan: str = ""
    copies: int = 2
    team: list[Member] = field(default_factory=list)
    data_folder: Path = Path("inspections")
    plugin_folders: list[Path] = field(default_factory=list)
    templates_folder: Path = Path("templates")
    backups_keep: int = 10
    user: str = ""
    #: ``[plugins] allow``: the only plugins that may load; None (the key absent) for every plugin found
    plugins_allow: list[str] | None = None
    #: what was read but not understood (unknown keys, with the nearest known one): Vietnamese lines
    #: for the user, never a reason to stop
    warnings: list[str] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent

    @property
    def current_user(self) -> str:
        """Who is typing, for the audit log: the configured user, else the thư ký, else the OS user."""
        if self.user:
            return self.user
        for m in self.team:
            if m.role == "thu_ky":
                return m.name
        return os.environ.get("USER") or os.environ.get("USERNAME") or "antq"


DEFAULT_TOML = """\
[district]
name = ""
province = ""
kind = "huyện"

[minutes]
issuing_parent = ""
issuing_body = ["ĐOÀN KIỂM TRA"]
number_suffix = "BB-ĐKT"
district_plan = ""
copies = 2

[workspace]
data_folder = "inspections"
plugin_folders = ["plugins"]
templates_folder = "templates"
backups_keep = 10
user = ""
"""

_LINE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")

#: every key antq reads, per table ("team" is the array of tables [[team]]). A module that reads a
#: key of its own adds it here, so that it is not reported as unknown.
KNOWN_KEYS: dict[str, set[str]] = {
    "district": {"name", "province", "kind"},
    "minutes": {"issuing_parent", "issuing_body", "number_suffix", "district_plan", "copies"},
    "workspace": {"data_folder", "plugin_folders", "templates_folder", "backups_keep", "user"},
    "team": {"name", "rank", "position", "role"},
    "plugins": {"allow"},
    "demo": {"note", "created_by"},  # what ``antq demo`` writes (the home screen shows the note)
    "authorities": {"id", "name", "recipient", "levels", "unit_kinds", "deadline", "signer", "signer_name", "level"},
}


def _nearest(word: str, known: set[str]) -> str:
    import difflib  # only for a key antq does not know

    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f" — ý bạn là “{close[0]}”?" if close else ""


def unknown_keys(raw: dict[str, Any], path: Path) -> list[str]:
    """A Vietnamese line for each table or key antq does not know, with the nearest known name:
    “[workspace] data_fodler — ý bạn là “data_folder”?”. A typo would otherwise fall back to the
    default without a word."""
    lines = []
    where = f"Tệp cấu hình {path}: "
    for table, value in raw.items():
        if table not in KNOWN_KEYS:
            lines.append(f"{where}bảng “[{table}]” không dùng đến, bỏ qua{_nearest(table, set(KNOWN_KEYS))}")
            continue
        rows = value if isinstance(value, list) else [value]
        for row in rows:
            if not isinstance(row, dict):
                continue
            for key in row:
                if key not in KNOWN_KEYS[table]:
                    lines.append(f"{where}khóa “{key}” trong [{table}] không dùng đến, bỏ qua"
                                 f"{_nearest(key, KNOWN_KEYS[table])}")
    return list(dict.fromkeys(lines))


def _fail(path: Path, where: str, reason: str) -> ConfigError:
    return ConfigError(f"Tệp cấu hình {path}: {where}{reason}. Tệp không bị thay đổi; hãy sửa rồi mở lại.")


def _get(raw: dict[str, Any], table: str, key: str, kind: type, default: Any, path: Path) -> Any:
    section = raw.get(table, {})
    if not isinstance(section, dict):
        raise _fail(path, f"[{table}] ", "phải là một bảng")
    value = section.get(key, default)
    if kind is list and isinstance(value, str):
        value = [value]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        names = {str: "chuỗi", int: "số nguyên", list: "danh sách"}
        raise _fail(path, f"khóa “{table}.{key}” ", f"cần {names.get(kind, kind.__name__)}, không phải {value!r}")
    return value


def parse_config(text: str, path: Path) -> Config:
    text = text.removeprefix("\ufeff")  # Windows Notepad starts a UTF-8 file with a BOM
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _LINE_RE.search(message)
        reason = _LINE_RE.sub("", message).strip()
        where = f"dòng {match.group(1)}, cột {match.group(2)}: " if match else ""
        raise _fail(path, where, f"sai cú pháp TOML ({reason})") from None
    root = path.parent

    def resolve(p: str) -> Path:
        q = Path(p).expanduser()
        return q if q.is_absolute() else (root / q)

    team = []
    members = raw.get("team", [])
    if not isinstance(members, list):
        raise _fail(path, "", "“team” phải là danh sách [[team]]")
    for i, m in enumerate(members, 1):
        if not isinstance(m, dict) or not str(m.get("name", "")).strip():
            raise _fail(path, f"thành viên thứ {i} trong [[team]] ", "thiếu “name”")
        try:
            role = parse_role(str(m.get("role", "thành viên")))
        except ValueError as exc:
            raise _fail(path, f"thành viên “{m['name']}”: ", str(exc)) from None
        team.append(Member(nfc(str(m["name"]).strip()), nfc(str(m.get("rank", ""))), nfc(str(m.get("position", ""))), role))

    allowed = _get(raw, "plugins", "allow", list, [], path)  # checks the table and the type
    # no "allow" key at all: every plugin found loads; an empty list: none does
    allow = [nfc(str(name)).strip() for name in allowed] if "allow" in raw.get("plugins", {}) else None

    return Config(
        path=path,
        raw=raw,
        district=nfc(_get(raw, "district", "name", str, "", path)),
        province=nfc(_get(raw, "district", "province", str, "", path)),
        district_kind=nfc(_get(raw, "district", "kind", str, "huyện", path)),
        issuing_parent=nfc(_get(raw, "minutes", "issuing_parent", str, "", path)),
        issuing_body=[nfc(str(x)) for x in _get(raw, "minutes", "issuing_body", list, ["ĐOÀN KIỂM TRA"], path)],
        minutes_number_suffix=nfc(_get(raw, "minutes", "number_suffix", str, "BB-ĐKT", path)),
        district_plan=nfc(_get(raw, "minutes", "district_plan", str, "", path)),
        copies=_get(raw, "minutes", "copies", int, 2, path),
        team=team,
        data_folder=resolve(_get(raw, "workspace", "data_folder", str, "inspections", path)),
        plugin_folders=[resolve(str(p)) for p in _get(raw, "workspace", "plugin_folders", list, ["plugins"], path)],
        templates_folder=resolve(_get(raw, "workspace", "templates_folder", str, "templates", path)),
        backups_keep=_get(raw, "workspace", "backups_keep", int, 10, path),
        user=nfc(_get(raw, "workspace", "user", str, "", path)),
        plugins_allow=allow,
        warnings=unknown_keys(raw, path),
    )


def load_config(path: Path) -> Config:
    """Read config.toml; a missing file gives the defaults (nothing is written until the app saves)."""
    path = Path(path).absolute()
    if not path.exists():
        config = parse_config(DEFAULT_TOML, path)
        # no file: only the default plugin folders that exist, so an installed antq used in an
        # empty folder does not report a missing plugins/ folder it was never told about
        config.plugin_folders = [p for p in config.plugin_folders if p.is_dir()]
        return config
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _fail(path, "", "không phải văn bản UTF-8") from None
    except OSError as exc:
        raise _fail(path, "", f"không đọc được ({exc.strerror})") from None
    return parse_config(text, path)


def save_config(config: Config) -> Config:
    """Write back the tables antq owns, keeping every other key; returns the config read back."""
    raw = copy.deepcopy(config.raw)
    district = raw.setdefault("district", {})
    district.update({"name": config.district, "province": config.province, "kind": config.district_kind})
    minutes = raw.setdefault("minutes", {})
    minutes.update(
        {
            "issuing_parent": config.issuing_parent,
            "issuing_body": list(config.issuing_body),
            "number_suffix": config.minutes_number_suffix,
            "district_plan": config.district_plan,
            "copies": config.copies,
        }
    )
    raw["team"] = [m.to_toml() for m in config.team]
    import tomli_w  # only when the config is written

    text = tomli_w.dumps(raw)
    parse_config(text, config.path)  # never write what we could not read back
    path = config.path
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        backup = path.with_name(path.name + ".bak")
        backup.write_bytes(path.read_bytes())
    write_atomic(path, text.encode("utf-8"))
    return load_config(path)


def default_config_path() -> Path:
    """``--config`` beats ``ANTQ_CONFIG``, which beats ``config.toml`` in the current folder."""
    env = os.environ.get("ANTQ_CONFIG")
    return Path(env) if env else Path("config.toml")
