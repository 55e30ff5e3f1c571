"""antq: on-site verification of model units of the all-people national-security movement.

Plugin authors import what they need from here::

    from antq_tui import hookimpl, CriteriaSet, Criterion, Group, Field, Suggestion

and ``antq_tui.checks`` (``from antq_tui import checks``) has building blocks for checks.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # at run time each name is imported on first use (__getattr__): ``antq --version`` needs none
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


def __getattr__(name: str) -> Any:
    """The plugin API's names, imported on first use (what the imports above name, by module)."""
    import importlib

    for module, names in _LAZY.items():
        if name in names:
            found = importlib.import_module(module, __name__)
            value = found if module == f".{name}" else getattr(found, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_LAZY = {
    ".checks": ("checks",),
    ".criteria": ("UNIT_KINDS", "AddCriterion", "AmendCriterion", "CriteriaSet", "Criterion", "Deadline",
                  "EligibilityCheck", "Field", "Group", "Suggestion", "Target", "Verdict"),
    ".hookspecs": ("hookimpl",),
    ".vnformat": ("format_number", "format_percent", "percent_change"),
}
