"""The antq plugin contract: every hook a plugin may implement, in one module.

A plugin is a Python module (a ``.py`` file or a package folder) that implements some of the hooks
below with the ``hookimpl`` marker::

    from antq_tui import hookimpl, CriteriaSet, Criterion, Group, Field, Suggestion

    @hookimpl
    def antq_criteria_sets():
        return [CriteriaSet(id="vd", title="…", version="1.0", legal_basis=["…"],
                            unit_kinds=["xa"], groups=[Group("g1", "…")], criteria=[…])]

antq finds plugins in two places:

- every folder or ``.py`` file inside the plugin folders listed in ``config.toml``
  (``[workspace] plugin_folders``, default ``plugins/``), loaded by path; the plugin's name is the
  folder or file name;
- installed packages that declare an entry point in the group ``antq``
  (``[project.entry-points.antq] my_province = "my_province_package"``); the name is the entry point's.

A plugin of the same name found in a plugin folder wins over an installed one. Each plugin is loaded
on its own: one that fails to import, raises inside a hook, names a hook that does not exist, or
returns data that does not fit this contract is reported (``antq plugins``, and the Plugins screen of
the app) with its name, where it came from and the reason, and the app starts with the others.

Hooks return plain data: the dataclasses of :mod:`antq_tui.criteria` or dicts with the same keys.
Everything a plugin returns is validated when it is loaded.

**Checks.** A ``check=`` (of a criterion or an eligibility condition) is a pure function
``check(inputs) -> Suggestion``. ``inputs`` is a dict of the field ids to parsed values (``int``,
``bool``, ``datetime.date``, ``str``; ``None`` only for a field declared ``required=False``). A check
that judges a period of the inspected year ("Quý I hằng năm") may also take a keyword ``year``:
``def check(inputs, year=None)``. antq passes the inspection's year (an ``int``), or ``None`` when the
year is not known (``antq check`` without ``--year``); a check that does not name ``year`` (and has no
``**kwargs``) is called with the inputs only. ``checks.in_quarter(day, 1, what, year)`` uses it. A
check must not read files, the clock or the network; antq calls it only once every required field has
a value and catches any exception it raises.

**Calls.** antq calls each hook through pluggy once per plugin, so one plugin's error is reported
against its name and the others' answers are still used. The order is pluggy's: the plugin loaded
last is called first (plugins are loaded from the plugin folders in ``config.toml`` order, each
folder sorted by name, then from installed packages), and ``@hookimpl(tryfirst=True)`` or
``@hookimpl(trylast=True)`` moves a plugin's call to the front or the back. Where two plugins give a
set or an eligibility check of the same id, the one called first wins; amendments are applied in
calling order. ``@hookimpl(wrapper=True)`` wraps every other plugin's call of that hook.

No hook takes arguments today. When a later antq adds an argument to a hook, pluggy passes an
implementation only the arguments it names, so a plugin written against this version keeps working.
Name an argument only once the spec has it: a name the spec lacks is reported and the plugin is not
loaded.

Set ``ANTQ_LOAD_PLUGINS=name1,name2`` to load only those plugins, and ``ANTQ_TRACE_PLUGINS=1`` to
print every hook call (hook, arguments, plugin, and the size of the answer) on standard error. The
guide for plugin authors is ``docs/plugins.md``.
"""

# The specs below are documentation with a signature: their bodies are empty on purpose.
# mypy: disable-error-code="empty-body"

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pluggy

from .criteria import Amendment, CriteriaSet, Deadline, EligibilityCheck, Target

#: The pluggy project name, and the entry-point group installed plugins declare.
PROJECT_NAME = "antq"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def antq_criteria_sets() -> Iterable[CriteriaSet | dict[str, Any]]:
    """Provide whole criteria sets.

    Each set has an ``id`` unique across all plugins, a ``title``, a ``version``, its
    ``legal_basis`` (one line per document), the ``unit_kinds`` it applies to (ids from
    ``antq_tui.UNIT_KINDS``: ``xa``, ``phuong``, ``thi_tran``, ``co_quan``, ``doanh_nghiep``,
    ``co_so_giao_duc``), its ``groups`` and its ``criteria``. Every criterion needs a ``number``
    unique in the set, a ``group`` id, its full ``text`` and at least one ``evidence`` item (a record
    the team asks the unit to show); ``fields`` and ``check`` are optional. A ``check`` is
    ``check(inputs) -> Suggestion`` or, to judge a period of the inspected year,
    ``check(inputs, year=None) -> Suggestion`` (see "Checks" above).

    When an inspection starts, the set (after amendments) is copied into it, so later changes to the
    plugin never rewrite what was checked in an earlier year. Bump ``version`` when you change a
    text or a check.

    :returns: a list of sets (``CriteriaSet`` objects or dicts with the same keys).

    Every plugin's sets are collected. A set whose id a plugin called earlier already provided is
    refused and reported against the plugin called later (see "Calls" above for the order).
    """


@hookspec
def antq_display_name() -> str:
    """Give the plugin's name as official papers print it ("Công an tỉnh Thanh Hóa").

    The minutes name the plugin that added or amended a criterion with it ("tiêu chí do Công an tỉnh
    Thanh Hóa thêm", "Công an tỉnh Thanh Hóa sửa đổi nội dung"); ``antq criteria SET --json`` shows it in
    each criterion's ``amendments`` (``display_name``). It is copied into an inspection's snapshot, so the
    minutes of an earlier year keep the name of that time.
    A plugin without it is never named by its Python id on a paper: the line then reads "(tiêu chí
    thêm. …)" or "(sửa đổi nội dung. …)".

    :returns: one line of Vietnamese text (with diacritics); an empty string means none.
    """


@hookspec
def antq_amendments() -> Iterable[Amendment | dict[str, Any]]:
    """Change another plugin's set: add a criterion, or replace a criterion's text, evidence, fields or check.

    Return ``AddCriterion(set_id, criterion, new_group=None, note="", basis="")`` to add a criterion
    (its number must be new in the set) and ``AmendCriterion(set_id, number, text=…, evidence=…,
    add_evidence=…, fields=…, add_fields=…, check=…, note="", basis="", fixes=())`` to change one;
    give only what changes. A replacement ``check`` may take the ``year`` keyword like any check.
    An added criterion is marked "thêm" (``added_by``) and an amended one "sửa đổi" (``amended_by``)
    in the app, in ``antq criteria --json`` and in the minutes, which name the plugin by its
    ``antq_display_name``. ``basis`` is a line the minutes add to their "Căn cứ" (the province's plan);
    ``fixes`` lists fingerprints of the amended criterion this amendment corrects, so inspections
    started under the faulty version keep live suggestions.

    :returns: a list of amendments (objects, or dicts: a dict with a ``criterion`` key adds one,
        otherwise it amends ``number``).

    Amendments are applied after every plugin's sets are loaded, plugin by plugin in calling order
    (see "Calls" above: the plugin loaded last first). An amendment that names an unknown
    set or criterion is reported and skipped; the plugin's other amendments still apply.
    """


@hookspec
def antq_eligibility_checks() -> Iterable[EligibilityCheck | dict[str, Any]]:
    """Provide the conditions a unit must meet before it can be recognised at all.

    Shown before the criteria when an inspection starts (e.g. "An toàn về ANTT năm trước",
    "Phân loại phong trào năm trước đạt Khá trở lên"). Each has an ``id``, a ``title``, the full
    ``text``, the ``set_ids`` it applies to (empty: every set), and optional ``fields`` and ``check``
    as for a criterion (the check may take the ``year`` keyword too). A unit that does not meet them
    can still be inspected; the minutes carry a clear warning and the suggested conclusion is
    "chưa đề nghị công nhận".

    :returns: a list of eligibility checks. Every plugin's checks are collected; ids must be unique.
    """


@hookspec
def antq_template_dirs() -> Iterable[str | Path]:
    """Provide folders of Jinja2 templates that override antq's built-in minutes and reports.

    A template found in the workspace's ``templates/`` folder wins over one from a plugin, which wins
    over antq's own; between plugins, the one called first (see "Calls") wins. Name your files as the
    built-in ones are named (``minutes.html``,
    ``minutes.css``, …) and override only what you need (a province letterhead, say).

    :returns: folder paths; relative paths are taken from the plugin's own folder.
    """


@hookspec
def antq_targets() -> Iterable[Target | dict[str, Any]]:
    """Provide a province's targets: a share (30% of phường recognised by 2025) or a count ("mỗi khối
    … có 02 đơn vị trở lên": ``count=2, per="kind"``; "ít nhất 01 xã mỗi huyện" on the registration
    list: ``count=1, per="district", counts="registered"``).

    :returns: a list of ``antq_tui.Target`` objects (or dicts with the same keys). The statistics
        show progress against each, counting the recognised units in the registry of units (or, for
        ``counts="registered"``, the year's registration list; with ``unit_attribute``, only units
        with that attribute on the registry).
    """


@hookspec
def antq_calendar() -> Iterable[Deadline | dict[str, Any]]:
    """Provide the deadlines of the movement's cycle (e.g. district recognition before 15/10 every
    year, or an inspection to finish before 17/10/2023 once).

    :returns: a list of ``antq_tui.Deadline`` objects (``id``, ``title``, ``month``, ``day``; or
        ``date="dd/mm"`` / ``"dd/mm/yyyy"``; ``gates``: the work due by then, one of ``register``,
        ``inspect``, ``finalize``, ``recognise``, ``report``; ``unit_kinds``). ``antq calendar`` and
        the home screen show the next ones with the units that have not done that work yet.
    """


@hookspec
def antq_authorities() -> Iterable[Any]:
    """Say who recognises which units, where the tờ trình goes, by when, and who signs it.

    Each item is an ``antq_tui.criteria.authorities.Authority`` (or a dict with the same keys):
    ``id`` (lower-case, also the suffix of the tờ trình's file name), ``name`` (the body that
    recognises: ``"Ủy ban nhân dân tỉnh {province}"``), ``recipient`` (the "Kính gửi" line, default
    ``name``), ``levels`` (the units' management levels it recognises: ``xa``, ``huyen``, ``tinh``;
    empty: any), ``unit_kinds`` (empty: any), ``deadline`` (``"dd/mm"``: recognition done before it
    each year), ``signer`` (the signature title lines, e.g. ``["KT. TRƯỞNG CÔNG AN HUYỆN", "PHÓ
    TRƯỞNG CÔNG AN HUYỆN"]``; empty: from the trưởng đoàn's position in config.toml),
    ``signer_name`` and ``level`` (the authority's own cấp, recorded with a decision). Texts may say
    ``{district}``, ``{district_kind}`` and ``{province}``; antq fills them from config.toml.

    Example (Bắc Kạn: units managed by the district go to the province, before 15/10)::

        @hookimpl
        def antq_authorities():
            return [{"id": "ubnd_tinh_huyen", "name": "Ủy ban nhân dân tỉnh {province}",
                     "recipient": "Ủy ban nhân dân tỉnh {province} (qua Công an tỉnh)",
                     "levels": ["huyen"], "unit_kinds": ["co_quan", "doanh_nghiep", "co_so_giao_duc"],
                     "deadline": "15/10", "level": "tinh"}]

    :returns: a list of authorities.

    ``antq totrinh`` writes one tờ trình per authority, each listing the units it recognises. A unit
    goes to the first authority that matches its kind and level: those of ``[[authorities]]`` in
    config.toml first, then the plugins' in calling order (see "Calls"), then antq's defaults
    (QĐ 9745: a commune, or an agency managed by the commune or district → Ủy ban nhân dân cấp
    huyện, before 01/10; an agency managed by the province → Công an tỉnh – Cơ quan Thường trực Ban
    Chỉ đạo 138 tỉnh, for Ủy ban nhân dân tỉnh, before 25/10). An invalid item is reported against
    the plugin and skipped.
    """
