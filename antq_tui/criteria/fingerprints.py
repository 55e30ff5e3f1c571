"""Fingerprints: what identifies a check, a criterion and an eligibility condition across plugin versions.

An inspection keeps the fingerprint of each criterion it started with; when the plugin's criterion
later hashes differently (its text, evidence, fields or check changed), the app stops re-running the
new check on the old inspection and shows the suggestion recorded in its snapshot instead, unless the
new version lists the old fingerprint in its ``fixes`` (:meth:`Criterion.is_current`).
"""

from __future__ import annotations

import hashlib
import json
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Criterion, EligibilityCheck


def _code_digest(code: types.CodeType, h: hashlib._Hash) -> None:
    """Feed what a code object does (bytecode, names, constants, nested code) but not where it lives
    (file name, line numbers), so one plugin loaded from a folder or from a wheel hashes the same."""
    h.update(code.co_code)
    h.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _code_digest(const, h)
        else:
            h.update(repr(const).encode())


def check_identity(check: Callable[..., Any] | None) -> str:
    """What identifies a check for snapshots: its name and a hash of its code, defaults and closure.

    Changing a threshold inside a check (a constant, a default, a value captured by a closure)
    changes the identity, so inspections started with the old check stop re-running it.
    """
    if check is None:
        return ""
    name = f"{getattr(check, '__module__', '')}.{getattr(check, '__qualname__', type(check).__name__)}"
    func = getattr(check, "__func__", check)
    code = getattr(func, "__code__", None)
    if code is None:
        return name
    h = hashlib.sha256()
    _code_digest(code, h)
    h.update(repr(getattr(func, "__defaults__", None)).encode())
    h.update(repr(getattr(func, "__kwdefaults__", None)).encode())
    for cell in getattr(func, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        inner = getattr(value, "__code__", None)
        if inner is not None:
            _code_digest(inner, h)
        else:
            h.update(repr(value).encode())
    return f"{name}#{h.hexdigest()[:12]}"


def _digest(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def criterion_fingerprint(criterion: Criterion) -> str:
    """A hash of what the team sees of a criterion and what its check is (see :meth:`Criterion.fingerprint`)."""
    return _digest({
        "group": criterion.group,
        "text": criterion.text,
        "evidence": list(criterion.evidence),
        "fields": [f.to_data() for f in criterion.fields],
        "check": check_identity(criterion.check),
        # the plugins that added or amended it (an added criterion was once listed as amended by its
        # plugin: the same list keeps fingerprints recorded before the two were told apart)
        "amended_by": ([criterion.added_by] if criterion.added_by else []) + list(criterion.amended_by),
    })


def eligibility_fingerprint(check: EligibilityCheck) -> str:
    """Like :meth:`Criterion.fingerprint` for an eligibility condition: changes when the plugin changes it."""
    return _digest({
        "title": check.title,
        "text": check.text,
        "fields": [f.to_data() for f in check.fields],
        "check": check_identity(check.check),
    })
