"""The one evaluator of suggestions: which check runs for a recorded criterion or condition, and when.

An inspection keeps a snapshot of its criteria set (texts, fields, evidence, and a fingerprint of
each check), never the functions. A suggestion is computed with the *live* plugin's check only while
that check's fingerprint still equals the snapshot's: a plugin that changed a threshold since the visit
began must not silently re-judge figures recorded under the old rule. Otherwise the stored suggestion
stays while the figures are unchanged, and becomes "chưa đủ dữ liệu" with the reason once they change.

Storage, the services and the TUI all ask this module; none of them decides staleness itself, and the
plugin registry stops here instead of travelling down into storage.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .criteria import CriteriaSet, Criterion, EligibilityCheck, Suggestion

if TYPE_CHECKING:
    from .registry import Registry

STALE_REASON = "tiêu chí trong plugin đã thay đổi từ khi bắt đầu kiểm tra nên không tính lại gợi ý; đoàn tự đánh giá"
NO_PLUGIN_REASON = "không có plugin để tính gợi ý; đoàn tự đánh giá"


class Evaluator:
    """Suggestions for one workspace's loaded plugins (``registry``; None when no plugin is loaded)."""

    def __init__(self, registry: Registry | None) -> None:
        self.registry = registry

    # -- which live item is still the one the inspection started with ------------------------------
    def live_criterion(self, set_id: str, number: int, fingerprint: str | None) -> Criterion | None:
        """The plugin's criterion ``number`` of ``set_id`` when its fingerprint equals ``fingerprint``."""
        if self.registry is None or fingerprint is None:
            return None
        live_set = self.registry.sets.get(set_id)
        if live_set is None:
            return None
        try:
            live = live_set.criterion(number)
        except KeyError:
            return None
        return live if live.is_current(fingerprint) else None

    def live_check(self, check_id: str, fingerprint: str | None) -> EligibilityCheck | None:
        """The plugin's eligibility condition ``check_id`` when its fingerprint equals ``fingerprint``."""
        if self.registry is None or fingerprint is None:
            return None
        for check in self.registry.eligibility:
            if check.id == check_id:
                return check if check.is_current(fingerprint) else None
        return None

    # -- suggestions -----------------------------------------------------------------------------
    def suggest_criterion(self, set_id: str, criterion: Criterion, fingerprint: str | None,
                          values: Mapping[str, Any], *, year: int, stored: Suggestion | None,
                          inputs_changed: bool) -> Suggestion | None:
        """The suggestion to keep for the snapshot's ``criterion`` given the figures ``values``.

        :param fingerprint: the snapshot's fingerprint of the criterion.
        :param stored: the suggestion saved with the previous figures.
        :param inputs_changed: whether ``values`` differ from the figures ``stored`` was made from.
        """
        live = self.live_criterion(set_id, criterion.number, fingerprint)
        if live is not None:
            suggestion = live.suggest(values, year=year)
            if suggestion is not None and fingerprint != live.fingerprint():
                # computed by a version that fixes the one the inspection started with: the audit row
                # of this suggestion says so
                suggestion = dataclasses.replace(suggestion, fixed_by=live.fingerprint())
            return suggestion
        return self._stale(criterion.has_check, stored, inputs_changed)

    def suggest_eligibility(self, check: EligibilityCheck, fingerprint: str | None, values: Mapping[str, Any],
                            *, year: int, stored: Suggestion | None, inputs_changed: bool) -> Suggestion | None:
        """Like :meth:`suggest_criterion` for an eligibility condition of the snapshot."""
        live = self.live_check(check.id, fingerprint)
        if live is not None:
            return live.suggest(values, year=year)
        return self._stale(True, stored, inputs_changed)

    def _stale(self, has_check: bool, stored: Suggestion | None, inputs_changed: bool) -> Suggestion | None:
        if not inputs_changed:
            return stored
        if not has_check:
            return None
        return Suggestion.chua_du(STALE_REASON if self.registry is not None else NO_PLUGIN_REASON)

    # -- for screens that compute as the user types ----------------------------------------------
    def changed_criteria(self, snapshot: CriteriaSet, fingerprints: Mapping[int, str]) -> list[int]:
        """Criterion numbers whose plugin version differs from the snapshot (added, removed or changed).

        Every number of the snapshot when its set is not loaded at all; empty when nothing changed.
        """
        live_set = self.registry.sets.get(snapshot.id) if self.registry is not None else None
        if live_set is None:
            return sorted(fingerprints)
        now = {c.number: c for c in live_set.criteria}
        numbers = set(fingerprints) | set(now)
        return sorted(n for n in numbers if n not in now or not now[n].is_current(fingerprints.get(n)))

    def live_criteria(self, snapshot: CriteriaSet, fingerprints: Mapping[int, str]) -> dict[int, Criterion]:
        """The snapshot's criteria, each carrying the live check while its fingerprint is unchanged.

        A screen calls ``criterion.suggest`` on these as the user types and gets exactly what the
        store will save; a criterion whose plugin changed keeps no check and shows the stored suggestion.
        """
        found = {c.number: c for c in snapshot.criteria}
        for number, snap in list(found.items()):
            live = self.live_criterion(snapshot.id, number, fingerprints.get(number))
            if live is not None and live.check is not None:
                found[number] = dataclasses.replace(snap, check=live.check, had_check=None)
        return found


__all__ = ["NO_PLUGIN_REASON", "STALE_REASON", "Evaluator"]
