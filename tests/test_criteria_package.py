"""The criteria package: its public names stay importable, and its modules keep to their own names."""

from __future__ import annotations

import ast

import pytest
from conftest import REPO

from antq_tui import criteria

#: every public name the single module antq_tui/criteria.py had, which plugins and antq import
PUBLIC = [
    "UNIT_KINDS", "unit_kind_label", "parse_unit_kind", "PluginDataError", "FieldValueError", "Verdict",
    "VERDICT_LABELS", "Suggestion", "Check", "check_identity", "FIELD_TYPES", "Field", "field_by_id",
    "parse_inputs", "run_check", "Group", "Criterion", "CriteriaSet", "AddCriterion", "AmendCriterion",
    "Amendment", "EligibilityCheck", "Target", "Deadline", "field_from_data", "criterion_from_data",
    "criteria_set_from_data", "eligibility_from_data", "eligibility_fingerprint",
]

#: the domain modules: the criteria package and the plugin machinery around it
DOMAIN = sorted([*(REPO / "antq_tui" / "criteria").glob("*.py"), *(
    REPO / "antq_tui" / name for name in ("registry.py", "plugins.py", "hookspecs.py", "checks.py", "labels.py",
                                          "vnformat.py", "folding.py", "__init__.py"))])


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_is_importable_from_the_package(name: str):
    assert name in criteria.__all__ and getattr(criteria, name) is not None


def test_no_domain_module_imports_another_modules_private_names():
    offenders = []
    for path in DOMAIN:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("antq_tui")):
                offenders += [f"{path.relative_to(REPO)}: {a.name}" for a in node.names
                              if a.name.startswith("_") and not a.name.startswith("__")]
    assert offenders == []


def test_the_modules_of_the_package_stay_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in (REPO / "antq_tui" / "criteria").glob("*.py")}
    assert {"model.py", "fields.py", "validation.py", "fingerprints.py", "snapshot.py"} <= set(sizes)
    assert max(sizes.values()) <= 400, sizes


def test_a_snapshot_round_trips_through_the_package():
    from antq_tui.registry import load_registry

    cset = load_registry([REPO / "plugins"], entry_points=False).get_set("xa")
    back = criteria.CriteriaSet.from_snapshot(cset.to_data())
    assert back.to_data() | {"criteria": None} == cset.to_data() | {"criteria": None}
    for old, new in zip(cset.criteria, back.criteria, strict=True):
        assert new.has_check == old.has_check and new.fields == old.fields and new.text == old.text
