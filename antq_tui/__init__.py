"""antq: on-site verification of model units of the all-people national-security movement.

Plugin authors import what they need from here::

    from antq_tui import hookimpl, CriteriaSet, Criterion, Group, Field, Suggestion

and ``antq_tui.checks`` (``from antq_tui import checks``) has building blocks for checks.
"""

from . import checks
from .criteria import (
    UNIT_KINDS,
    AddCriterion,
    AmendCriterion,
    CriteriaSet,
    Criterion,
    Deadline,
    EligibilityCheck,
    Field,
    Group,
    Suggestion,
    Target,
    Verdict,
)
from .hookspecs import hookimpl
from .vnformat import format_number, format_percent, percent_change

__version__ = "0.1.0"

__all__ = [
    "UNIT_KINDS",
    "AddCriterion",
    "AmendCriterion",
    "CriteriaSet",
    "Criterion",
    "Deadline",
    "EligibilityCheck",
    "Field",
    "Group",
    "Suggestion",
    "Target",
    "Verdict",
    "__version__",
    "checks",
    "format_number",
    "format_percent",
    "hookimpl",
    "percent_change",
]
