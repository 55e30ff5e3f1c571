"""The data a plugin hands to antq: criteria sets, criteria, input fields, checks, amendments.

This package is part of the plugin contract (see :mod:`antq_tui.hookspecs`); import from here
(``from antq_tui.criteria import Criterion``) or, in a plugin, from :mod:`antq_tui` itself. Its modules:

- :mod:`.model`: the plugin-facing classes (:class:`CriteriaSet`, :class:`Criterion`, :class:`Group`,
  :class:`EligibilityCheck`, the amendments, :class:`Target`, :class:`Deadline`);
- :mod:`.suggestions`: :class:`Verdict` and :class:`Suggestion`, what a check answers;
- :mod:`.fields`: :class:`Field` (reading and showing an input) and :func:`run_check`;
- :mod:`.validation`: checking what a plugin returned (:class:`PluginDataError`);
- :mod:`.fingerprints`: what identifies a check, a criterion, a condition across plugin versions;
- :mod:`.snapshot`: the JSON form an inspection keeps of its set;
- :mod:`.changes`: :class:`~.changes.CriterionChange`, what a plugin added to or amended in another plugin's set.

Nothing here imports Textual or touches the database.
"""

from ..labels import UNIT_KINDS, VERDICT_LABELS, parse_unit_kind, unit_kind_label
from .fields import (
    FIELD_TYPES,
    Field,
    FieldValueError,
    field_by_id,
    parse_inputs,
    run_check,
)
from .fingerprints import check_identity, criterion_fingerprint, eligibility_fingerprint
from .model import (
    AddCriterion,
    AmendCriterion,
    Amendment,
    CriteriaSet,
    Criterion,
    Deadline,
    EligibilityCheck,
    Group,
    Target,
)
from .suggestions import Check, Suggestion, Verdict
from .validation import (
    PluginDataError,
    criteria_set_from_data,
    criterion_from_data,
    eligibility_from_data,
    field_from_data,
)

__all__ = [
    "FIELD_TYPES",
    "UNIT_KINDS",
    "VERDICT_LABELS",
    "AddCriterion",
    "AmendCriterion",
    "Amendment",
    "Check",
    "CriteriaSet",
    "Criterion",
    "Deadline",
    "EligibilityCheck",
    "Field",
    "FieldValueError",
    "Group",
    "PluginDataError",
    "Suggestion",
    "Target",
    "Verdict",
    "check_identity",
    "criteria_set_from_data",
    "criterion_fingerprint",
    "criterion_from_data",
    "eligibility_fingerprint",
    "eligibility_from_data",
    "field_by_id",
    "field_from_data",
    "parse_inputs",
    "parse_unit_kind",
    "run_check",
    "unit_kind_label",
]
