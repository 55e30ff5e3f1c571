"""The plugin guide documents every hook of the contract, and nothing that is not a hook."""

from __future__ import annotations

import inspect
import re

import pytest
from conftest import REPO

from antq_tui import hookspecs

GUIDE = REPO / "docs" / "plugins.md"
SPECS = sorted(name for name, obj in vars(hookspecs).items()
               if name.startswith("antq_") and callable(obj) and hasattr(obj, "antq_spec"))


def documented() -> dict[str, str]:
    """Each ``### hook`` section of the guide, by hook name."""
    text = GUIDE.read_text(encoding="utf-8")
    parts = re.split(r"^### (\S+)\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=False))


def test_the_contract_has_hooks():
    assert "antq_criteria_sets" in SPECS and len(SPECS) >= 6


@pytest.mark.parametrize("hook", SPECS)
def test_every_hook_is_documented_with_its_signature(hook: str):
    sections = documented()
    assert hook in sections, f"docs/plugins.md has no “### {hook}” section"
    params = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters)
    assert f"def {hook}({params})" in sections[hook], f"the section of {hook} does not show its signature"
    assert "**Returns**" in sections[hook]


def test_the_guide_documents_no_hook_that_does_not_exist():
    assert set(documented()) <= set(SPECS)


def test_the_check_year_keyword_is_documented_in_the_spec_and_the_guide():
    assert "year" in (hookspecs.__doc__ or "") and "year" in (hookspecs.antq_criteria_sets.__doc__ or "")
    assert "check(inputs, year=None)" in GUIDE.read_text(encoding="utf-8")
