"""The plugin-facing model: criteria sets, criteria, groups, amendments, eligibility conditions
(targets and deadlines: :mod:`.plans`, re-exported here).

This is part of the plugin contract (see :mod:`antq_tui.hookspecs`). A plugin may build these
objects directly (``Criterion(number=18, ...)``) or return plain dicts with the same keys; either way
:mod:`antq_tui.criteria.validation` checks what arrives. Nothing here imports Textual or touches the
database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .changes import ADDED, AMENDED, CriterionChange
from .fields import Field, field_by_id, parse_inputs, run_check
from .fingerprints import criterion_fingerprint
from .plans import DEADLINE_GATES, TARGET_COUNTS, TARGET_PER, Deadline, Target
from .suggestions import Check, Suggestion

__all__ = ["DEADLINE_GATES", "TARGET_COUNTS", "TARGET_PER", "AddCriterion", "AmendCriterion", "CriteriaSet",
           "Criterion", "Deadline", "EligibilityCheck", "Group", "Target"]

# --------------------------------------------------------------------------------------------------
# Criteria and sets

@dataclass(frozen=True)
class Group:
    """A group of criteria ("Công tác bảo đảm an ninh, trật tự")."""

    id: str
    title: str


@dataclass(frozen=True)
class Criterion:
    """One criterion of a set.

    :param number: its number in the set (1, 2, …); unique within the set.
    :param group: the id of the group it belongs to.
    :param text: the full text, exactly as the decision words it.
    :param evidence: the records (hồ sơ, tài liệu kiểm chứng) the team asks the unit to show; each is
        ticked as seen during the visit, with its number (số, ký hiệu) and date.
    :param fields: inputs the check needs (figures, ratings, dates).
    :param check: a pure function ``check(inputs) -> Suggestion``; ``inputs`` maps each field id to its
        parsed value. It must not touch files, the clock or the network.
    :param note: guidance for the team (how to read the criterion), shown under the text.
    :param fixes: fingerprints of earlier versions of this criterion that this one corrects (a check
        fixed mid-season): inspections started under one of them keep getting live suggestions from
        this version. See "Sửa lỗi giữa mùa" in docs/plugins.md.
    :param amended_by: filled in by antq: the plugins that amended this criterion.
    :param added_by: filled in by antq: the plugin that added it to another plugin's set ("" otherwise).
    :param source: filled in by antq: the plugin that defined it.
    """

    number: int
    group: str
    text: str
    evidence: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    check: Check | None = field(default=None, compare=False)
    note: str = ""
    amended_by: tuple[str, ...] = ()
    #: filled in by antq: each plugin's change, the addition first (plain "plugin: what. why" lines are read too)
    amendments: tuple[CriterionChange, ...] = ()
    source: str = ""
    #: set only on criteria read back from a stored snapshot: whether the plugin had a check then
    had_check: bool | None = None
    added_by: str = ""
    fixes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if any(not isinstance(a, CriterionChange) for a in self.amendments):
            object.__setattr__(self, "amendments", tuple(CriterionChange.from_data(a) for a in self.amendments))

    @property
    def has_check(self) -> bool:
        return self.check is not None if self.had_check is None else self.had_check

    @property
    def change_kind(self) -> str:
        """:data:`ADDED` for a criterion a plugin added to another's set, :data:`AMENDED` for one a plugin
        changed, "" for one as its set's plugin wrote it."""
        if self.added_by:
            return ADDED
        return AMENDED if self.amended_by else ""

    def is_current(self, fingerprint: str | None) -> bool:
        """Whether an inspection that recorded ``fingerprint`` runs this version's check: the same
        fingerprint, or one this version declares it ``fixes``."""
        return fingerprint is not None and (fingerprint == self.fingerprint() or fingerprint in self.fixes)

    def basis_lines(self) -> list[str]:
        """The lines the amendments add to the minutes' "Căn cứ"."""
        return [a.basis for a in self.amendments if a.basis]

    def field_by_id(self, field_id: str) -> Field:
        return field_by_id(self.fields, field_id, f"Tiêu chí {self.number}")

    def fingerprint(self) -> str:
        """A hash of what the team sees and what the check is: changes when the plugin changes it."""
        return criterion_fingerprint(self)

    def suggest(self, inputs: Mapping[str, Any], *, year: int | None = None) -> Suggestion | None:
        """Run the check on already-parsed inputs. None when the criterion has no check.

        ``year`` is the inspection's year; it reaches checks that accept a ``year`` keyword (those
        that judge a period, such as "Quý I hằng năm"), and is None when unknown.

        Missing required inputs give "chưa đủ dữ liệu" without calling the check; an exception
        inside the check is caught and shown as a suggestion of "chưa đủ dữ liệu" naming the error,
        so a faulty province check never stops the visit.
        """
        return run_check(self.check, self.fields, inputs, year=year)

    def parse_inputs(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Parse raw typed values by field; raises FieldValueError naming the first bad one."""
        return parse_inputs(self.fields, raw, f"Tiêu chí {self.number}")

    def to_data(self) -> dict[str, Any]:
        """The JSON form used by ``antq criteria --json`` and by snapshots (no function inside)."""
        # imported here: the snapshot module builds these classes, so it imports this one
        from .snapshot import criterion_to_data

        return criterion_to_data(self)


@dataclass(frozen=True)
class CriteriaSet:
    """A whole criteria set, e.g. the ministry's 34 criteria for xã, phường, thị trấn.

    :param id: short, stable id used on the command line and in storage ("xa").
    :param title: the full Vietnamese title.
    :param version: the plugin's version of the set; bump it whenever text or a check changes.
    :param legal_basis: the documents it comes from, each one line ("Quyết định số 9745/QĐ-BCA-V05 …").
    :param unit_kinds: the unit kinds it applies to (ids from :data:`antq_tui.labels.UNIT_KINDS`).
    :param groups: the groups, in order.
    :param criteria: the criteria, in order.
    :param subject: how the minutes name the kind of unit ("xã, phường, thị trấn").
    :param plugin: filled in by antq: the plugin that provided it.
    """

    id: str
    title: str
    version: str
    legal_basis: tuple[str, ...]
    unit_kinds: tuple[str, ...]
    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    subject: str = ""
    plugin: str = ""

    def criterion(self, number: int) -> Criterion:
        for c in self.criteria:
            if c.number == number:
                return c
        raise KeyError(f"Bộ tiêu chí “{self.id}” không có tiêu chí {number}.")

    def group(self, group_id: str) -> Group:
        for g in self.groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)

    def criteria_in(self, group_id: str) -> list[Criterion]:
        return [c for c in self.criteria if c.group == group_id]

    def to_data(self) -> dict[str, Any]:
        """The JSON form stored in an inspection's snapshot (see :mod:`antq_tui.criteria.snapshot`)."""
        from .snapshot import criteria_set_to_data

        return criteria_set_to_data(self)

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> CriteriaSet:
        """Rebuild a set from its stored JSON form (as :meth:`to_data` wrote it); checks are absent."""
        from .snapshot import criteria_set_from_snapshot

        return criteria_set_from_snapshot(data)


# --------------------------------------------------------------------------------------------------
# Amendments


@dataclass(frozen=True)
class AddCriterion:
    """Add a criterion to another plugin's set (a province extending the ministry's set).

    :param set_id: the set to extend ("xa").
    :param criterion: the new criterion; its number must not exist in the set yet.
    :param new_group: a group to create for it when ``criterion.group`` is not in the set.
    :param note: why (e.g. "Quyết định số 123/QĐ-UBND của UBND tỉnh …"), shown in the app and the minutes.
    :param basis: a line added to the minutes' "Căn cứ" (the province's plan or decision), "" for none.
    """

    set_id: str
    criterion: Criterion
    new_group: Group | None = None
    note: str = ""
    basis: str = ""


@dataclass(frozen=True)
class AmendCriterion:
    """Replace parts of another plugin's criterion (a province tightening it).

    Give only what changes; everything left as ``None`` (or empty) stays as the original plugin wrote it.

    :param set_id: the set ("xa").
    :param number: the criterion's number in that set.
    :param text: a new full text.
    :param evidence: a new list of records to verify (replaces the list).
    :param add_evidence: records appended to the list.
    :param fields: a new list of input fields (replaces the list).
    :param add_fields: fields appended to the list.
    :param check: a new check.
    :param note: why, shown in the app and the minutes.
    :param basis: a line added to the minutes' "Căn cứ" (the province's plan or decision), "" for none.
    :param fixes: fingerprints of the amended criterion this amendment corrects (an earlier version of
        this amendment whose check was wrong): inspections started under one keep live suggestions.
    """

    set_id: str
    number: int
    text: str | None = None
    evidence: tuple[str, ...] | None = None
    add_evidence: tuple[str, ...] = ()
    fields: tuple[Field, ...] | None = None
    add_fields: tuple[Field, ...] = ()
    check: Check | None = None
    note: str = ""
    basis: str = ""
    fixes: tuple[str, ...] = ()


Amendment = AddCriterion | AmendCriterion


# --------------------------------------------------------------------------------------------------
# Eligibility


@dataclass(frozen=True)
class EligibilityCheck:
    """A condition a unit must meet before it can be recognised (checked before the criteria).

    :param id: stable id ("an_toan_antt").
    :param title: short Vietnamese title ("An toàn về ANTT năm trước").
    :param text: the condition in full, with its legal basis.
    :param set_ids: the sets it applies to; empty means every set.
    :param fields: inputs, as for a criterion.
    :param check: ``check(inputs) -> Suggestion``, as for a criterion.
    :param fixes: fingerprints of earlier versions this one corrects, as for a criterion.
    """

    id: str
    title: str
    text: str
    set_ids: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    check: Check | None = field(default=None, compare=False)
    source: str = ""
    fixes: tuple[str, ...] = ()

    def applies_to(self, set_id: str) -> bool:
        return not self.set_ids or set_id in self.set_ids

    def is_current(self, fingerprint: str | None) -> bool:
        """Like :meth:`Criterion.is_current`: the same fingerprint, or one this version ``fixes``."""
        from .fingerprints import eligibility_fingerprint

        return fingerprint is not None and (fingerprint == eligibility_fingerprint(self) or fingerprint in self.fixes)

    def suggest(self, inputs: Mapping[str, Any], *, year: int | None = None) -> Suggestion | None:
        return run_check(self.check, self.fields, inputs, year=year)

    def parse_inputs(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        return parse_inputs(self.fields, raw, f"Điều kiện “{self.title}”")

    def to_data(self) -> dict[str, Any]:
        from .snapshot import eligibility_to_data

        return eligibility_to_data(self)

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> EligibilityCheck:
        from .snapshot import eligibility_from_snapshot

        return eligibility_from_snapshot(data)
