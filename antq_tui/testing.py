"""Helpers to test an antq plugin from the plugin's own package (pytest, or plain Python).

Nothing here depends on antq's repository: a province's package installs antq and writes::

    from pathlib import Path
    from antq_tui.testing import PluginWorkspace

    PLUGIN = Path(__file__).resolve().parent.parent / "tinh_thu"

    def test_criterion_35(tmp_path):
        ws = PluginWorkspace(tmp_path, plugins=[PLUGIN])
        assert ws.problems == []                       # the plugin loaded, every hook's data fits
        assert ws.check("xa", 35, so_vu=0).verdict.value == "dat"
        iid = ws.create_inspection("Xã Thử Nghiệm", "xa", 2025)
        ws.answer(iid, 35, inputs={"so_vu": "0"}, verdict="dat")
        ws.assert_in_minutes(iid, "CÔNG AN TỈNH THỬ", "tiêu chí do Công an tỉnh Thử thêm")

:class:`PluginWorkspace` makes a workspace in a temporary folder (a ``config.toml``, an empty
database, a sample team) with the official criteria sets and the given plugins only, loaded as folder
plugins (copied into its ``plugins/``, so the copy under test is the one in your source tree, not an
installed one). Everything goes through antq's own use cases, exactly as the app and ``antq`` do.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections.abc import Iterable, Mapping
from html import unescape
from pathlib import Path
from typing import Any

from .criteria import Suggestion
from .inspection import Inspection
from .registry import Registry, load_registry
from .workspace import Workspace

#: the config.toml of a test workspace: a district, its letterhead and a team that can sign
CONFIG = """\
[district]
name = "{district}"
province = "{province}"

[minutes]
issuing_parent = "CÔNG AN HUYỆN {district_upper}"
issuing_body = ["ĐOÀN KIỂM TRA"]
district_plan = "Kế hoạch số 12/KH-CAH ngày 01/03/2025 của Công an huyện {district} về kiểm tra, thẩm định"

[workspace]
data_folder = "inspections"
plugin_folders = {folders}

[[team]]
name = "Nguyễn Văn An"
rank = "Thượng tá"
position = "Phó Trưởng Công an huyện"
role = "trưởng đoàn"

[[team]]
name = "Trần Thị Bình"
rank = "Thượng úy"
position = "Cán bộ Đội Tổng hợp"
role = "thư ký"
"""


def official_plugins_folder() -> Path | None:
    """The folder holding antq's official criteria sets (the package ``antq_plugins``)."""
    spec = importlib.util.find_spec("antq_plugins")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(locations[0]) if locations else None


def _toml_list(paths: Iterable[Path]) -> str:
    return "[" + ", ".join('"' + str(p).replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths) + "]"


def visible_text(html: str) -> str:
    """An HTML page's text as a reader sees it: no tags, no styles, whitespace squashed."""
    html = re.sub(r"(?is)<(style|script|head)\b.*?</\1>", " ", html)
    text = unescape(re.sub(r"(?s)<[^>]+>", " ", html)).replace("\u00a0", " ")
    return " ".join(text.split())


class PluginWorkspace:
    """A workspace in ``root`` with the official sets and ``plugins`` (folders or ``.py`` files).

    :param official: also load antq's official criteria sets (``xa``, ``coquan``); an amendment needs them.
    :param district: the district's name; the province is ``province``.
    """

    def __init__(self, root: Path | str, plugins: Iterable[Path | str] = (), *, official: bool = True,
                 district: str = "Thử Nghiệm", province: str = "Thử") -> None:
        from .services.setup import initialize

        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        own = self.root / "plugins"
        own.mkdir(exist_ok=True)
        for plugin in plugins:
            src = Path(plugin).resolve()
            if src.is_dir():
                shutil.copytree(src, own / src.name, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
            else:
                shutil.copy2(src, own / src.name)
        folders = [own]
        official_folder = official_plugins_folder() if official else None
        if official_folder is not None:
            folders.insert(0, official_folder)
        self.config_path = self.root / "config.toml"
        self.config_path.write_text(CONFIG.format(district=district, district_upper=district.upper(),
                                                  province=province, folders=_toml_list(folders)),
                                    encoding="utf-8")
        self.workspace = Workspace.open(self.config_path, entry_points=False)
        self.reload_plugins()
        initialize(self.workspace)

    def reload_plugins(self) -> Registry:
        """Load the plugins again (after a test changed a file under ``root/plugins``)."""
        # loaded in this process (no child probe): a test wants the traceback of a plugin that breaks
        self.workspace._registry = load_registry(self.workspace.config.plugin_folders, entry_points=False,
                                                 isolate=False)
        return self.workspace._registry

    # -- what the plugins gave --------------------------------------------------------------------
    @property
    def registry(self) -> Registry:
        return self.workspace.registry

    @property
    def problems(self) -> list[str]:
        """Every problem the plugins had ("plugin: reason"), as ``antq plugins`` lists them; [] when none."""
        return [f"{p.name}: {p.reason}" for p in self.registry.problems]

    def check(self, set_id: str, number: int, /, *, year: int | None = None, **inputs: Any) -> Suggestion | None:
        """Run criterion ``number`` of ``set_id``'s check (after amendments) on ``inputs``, typed as the
        thư ký types them ("42", "có", "12/10/2025") or as values. None when it has no check."""
        criterion = self.registry.get_set(set_id).criterion(number)
        return criterion.suggest(criterion.parse_inputs(inputs), year=year)

    def check_eligibility(self, check_id: str, /, *, year: int | None = None, **inputs: Any) -> Suggestion | None:
        """Like :meth:`check` for an eligibility condition."""
        found = next((e for e in self.registry.eligibility if e.id == check_id), None)
        if found is None:
            raise KeyError(f"Không có điều kiện “{check_id}”.")
        return found.suggest(found.parse_inputs(inputs), year=year)

    # -- an inspection, through antq's use cases ---------------------------------------------------
    def context(self) -> Any:
        """A :class:`antq_tui.services.context.Context` on this workspace (close it, or use ``with``)."""
        from .services.context import Context

        return Context.open(self.workspace)

    def create_inspection(self, unit: str = "Xã Thử Nghiệm", kind: str = "xa", year: int = 2025, *,
                          set_id: str | None = None, visit_date: str | None = None) -> str:
        """Start an inspection of ``unit`` (a new unit of ``kind``); returns its id."""
        from .services import inspections

        with self.context() as ctx:
            found = inspections.unit_for(ctx, unit, kind)
            created = inspections.create(ctx, found, year, set_id, visit_date=visit_date or f"15/09/{year}",
                                         place=f"Trụ sở {unit}", start_time="08:00", end_time="11:00")
            return created.id

    def answer(self, inspection_id: str, number: int, *, inputs: Mapping[str, Any] | None = None,
               verdict: str | None = None, self_assessment: str | None = None, remark: str | None = None,
               seen: Iterable[int] = ()) -> Inspection:
        """Answer criterion ``number`` as the team does: figures, records seen (0-based), remark, verdict.
        Returns the inspection as stored afterwards."""
        from .services import inspections

        with self.context() as ctx:
            if inputs:
                inspections.set_inputs(ctx, inspection_id, number, dict(inputs))
            for index in seen:
                inspections.set_evidence(ctx, inspection_id, number, index, seen=True)
            if remark is not None:
                inspections.set_remark(ctx, inspection_id, number, remark)
            if self_assessment is not None:
                inspections.set_self_assessment(ctx, inspection_id, number, self_assessment)
            if verdict is not None:
                inspections.set_verdict(ctx, inspection_id, number, verdict)
            return inspections.get(ctx, inspection_id)

    def inspection(self, inspection_id: str) -> Inspection:
        from .services import inspections

        with self.context() as ctx:
            return inspections.get(ctx, inspection_id)

    def audit(self, inspection_id: str) -> list[Any]:
        """The inspection's audit rows, oldest first (``action``, ``target``, ``old``, ``new``)."""
        with self.context() as ctx:
            return ctx.store.audit_entries(inspection_id)

    # -- the minutes --------------------------------------------------------------------------------
    def minutes_html(self, inspection_id: str) -> str:
        """The minutes as the HTML the PDF is printed from, with the plugins' templates."""
        from .minutes.render import render_html

        return render_html(self.workspace, self.inspection(inspection_id))[0]

    def minutes_text(self, inspection_id: str) -> str:
        """The minutes' visible text, whitespace squashed (what :meth:`assert_in_minutes` searches)."""
        return visible_text(self.minutes_html(inspection_id))

    def assert_in_minutes(self, inspection_id: str, *texts: str) -> None:
        """Fail, naming what is missing, unless every one of ``texts`` is printed in the minutes."""
        text = self.minutes_text(inspection_id)
        missing = [t for t in texts if " ".join(t.split()) not in text]
        assert not missing, f"Biên bản không có: {missing}\n--- biên bản ---\n{text}"

    def assert_not_in_minutes(self, inspection_id: str, *texts: str) -> None:
        text = self.minutes_text(inspection_id)
        present = [t for t in texts if " ".join(t.split()) in text]
        assert not present, f"Biên bản không được có: {present}"


__all__ = ["PluginWorkspace", "official_plugins_folder", "visible_text"]
