"""Snapshots: the JSON form of a criteria set and its eligibility conditions, as an inspection keeps it.

When an inspection starts, the set (after amendments) is written with :func:`criteria_set_to_data`
and stored beside it, so a later version of the plugin never rewrites what was checked in an earlier
year. :func:`criteria_set_from_snapshot` reads it back; checks are functions and are not stored, so a
criterion read back only remembers whether it had one (``had_check``). The same JSON is what
``antq criteria --json`` prints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .changes import ADDED, CriterionChange
from .fields import FIELD_KEYS, Field
from .model import CriteriaSet, Criterion, EligibilityCheck, Group


def field_from_stored(data: Mapping[str, Any]) -> Field:
    """A field from its stored form (:meth:`Field.to_data`); keys this version does not know are ignored."""
    known: dict[str, Any] = {k: (tuple(v) if k == "choices" else v) for k, v in data.items() if k in FIELD_KEYS}
    return Field(**known)


def criterion_to_data(c: Criterion) -> dict[str, Any]:
    return {
        "number": c.number,
        "group": c.group,
        "text": c.text,
        "evidence": list(c.evidence),
        "fields": [f.to_data() for f in c.fields],
        "has_check": c.has_check,
        "note": c.note,
        "amended_by": list(c.amended_by),
        "added_by": c.added_by,
        "amendments": [a.to_data() for a in c.amendments],
        "source": c.source,
        "fixes": list(c.fixes),
        "fingerprint": c.fingerprint(),
    }


def criterion_from_snapshot(c: Mapping[str, Any]) -> Criterion:
    amendments = tuple(CriterionChange.from_data(a) for a in c.get("amendments", ()))
    amended_by = tuple(c.get("amended_by", ()))
    added_by = c.get("added_by")
    if added_by is None:  # a snapshot made before additions were told from amendments
        first = amendments[0] if amendments else None
        added_by = first.plugin if first is not None and first.kind == ADDED else ""
        if added_by and amended_by[:1] == (added_by,):
            amended_by = amended_by[1:]
    return Criterion(
        number=c["number"],
        group=c["group"],
        text=c["text"],
        evidence=tuple(c["evidence"]),
        fields=tuple(field_from_stored(f) for f in c["fields"]),
        note=c.get("note", ""),
        amended_by=amended_by,
        added_by=str(added_by),
        amendments=amendments,
        source=c.get("source", ""),
        had_check=bool(c.get("has_check")),
        fixes=tuple(c.get("fixes", ())),
    )


def criteria_set_to_data(s: CriteriaSet) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "version": s.version,
        "legal_basis": list(s.legal_basis),
        "unit_kinds": list(s.unit_kinds),
        "subject": s.subject,
        "plugin": s.plugin,
        "groups": [dataclasses.asdict(g) for g in s.groups],
        "criteria": [criterion_to_data(c) for c in s.criteria],
    }


def criteria_set_from_snapshot(data: Mapping[str, Any]) -> CriteriaSet:
    """Rebuild a set from its stored JSON form (as :func:`criteria_set_to_data` wrote it)."""
    return CriteriaSet(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        legal_basis=tuple(data["legal_basis"]),
        unit_kinds=tuple(data["unit_kinds"]),
        subject=data.get("subject", ""),
        plugin=data.get("plugin", ""),
        groups=tuple(Group(**g) for g in data["groups"]),
        criteria=tuple(criterion_from_snapshot(c) for c in data["criteria"]),
    )


def eligibility_to_data(e: EligibilityCheck) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "text": e.text,
        "set_ids": list(e.set_ids),
        "fields": [f.to_data() for f in e.fields],
        "has_check": e.check is not None,
        "source": e.source,
    }


def eligibility_from_snapshot(data: Mapping[str, Any]) -> EligibilityCheck:
    return EligibilityCheck(
        id=data["id"],
        title=data["title"],
        text=data["text"],
        set_ids=tuple(data.get("set_ids", ())),
        fields=tuple(field_from_stored(f) for f in data.get("fields", ())),
        source=data.get("source", ""),
    )
