"""Shared by the criteria-set tests: the loaded official plugins, the verbatim source of the
decision's appendices, and running a check on inputs as the thư ký types them. No tests here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

from antq_tui import Verdict
from antq_tui.registry import load_registry

SOURCE = Path(__file__).with_name("test_criteria_source_qd9745.txt")


@pytest.fixture(scope="module")
def registry():
    reg = load_registry([REPO / "plugins"], entry_points=False)
    assert not reg.problems, reg.problems
    return reg


def source_texts(appendix: int) -> dict[int, str]:
    """Criterion number → text of Phụ lục I or II as the source prints it, lines joined."""
    text = SOURCE.read_text(encoding="utf-8")
    split = text.index("Phụ lục II")
    part = text[:split] if appendix == 1 else text[split:]
    chunks = re.split(r"Tiêu chí (\d+)", part)
    return {int(chunks[k]): " ".join(chunks[k + 1].split()) for k in range(1, len(chunks), 2)}


def listed_fixes(module_doc: str) -> dict[int, list[tuple[str, str]]]:
    fixes: dict[int, list[tuple[str, str]]] = {}
    for number, wrong, right in re.findall(r'^- criterion (\d+): "(.+?)" → "(.+?)"$', module_doc, re.M):
        fixes.setdefault(int(number), []).append((wrong, right))
    return fixes


def assert_transcribed(cset, appendix: int, module_doc: str) -> None:
    """Every text equals the source once the fixes listed in the docstring are applied (and only those);
    a source chunk may end with the next group's title, which the table prints in its first column."""
    source = source_texts(appendix)
    fixes = listed_fixes(module_doc)
    assert fixes, "the plugin docstring lists its typing fixes"
    titles = [g.title for g in cset.groups]
    assert sorted(source) == [c.number for c in cset.criteria]
    for c in cset.criteria:
        expected = source[c.number]
        for title in titles:
            expected = expected.removesuffix(" " + title)
        for wrong, right in fixes.get(c.number, []):
            assert expected.count(wrong) == 1, (c.number, wrong)
            expected = expected.replace(wrong, right)
        assert c.text == expected, c.number


def suggest(cset, number: int, raw: dict[str, str], year: int | None = 2024):
    """The suggestion of criterion ``number`` for inputs typed as text (parsed as the app parses them),
    in an inspection of ``year`` (the tables' dates are in 2024)."""
    criterion = cset.criterion(number)
    return criterion.suggest(criterion.parse_inputs(raw), year=year)


def assert_case(cset, good: dict[int, dict[str, str]], case) -> None:
    """One row of a test table: criterion, inputs changed from ``good``, verdict, words, judgement."""
    number, changes, verdict, words, judgement = case
    result = suggest(cset, number, good[number] | changes)
    assert (result.verdict, result.judgement) == (verdict, judgement), result.reason
    assert words in result.reason
    assert "\n" not in result.reason


def assert_missing_inputs_named(cset, number: int, good: dict[str, str]) -> None:
    """Leaving out the first required field suggests chưa đủ dữ liệu naming it; nothing typed names them all."""
    criterion = cset.criterion(number)
    required = [f for f in criterion.fields if f.required]
    first, rest = required[0], criterion.fields[1:]
    result = suggest(cset, number, {f.id: good[f.id] for f in rest if f.id in good})
    assert result.verdict == Verdict.CHUA_DU
    assert result.reason == f"chưa nhập: {first.label}"
    assert suggest(cset, number, {}).reason == "chưa nhập: " + "; ".join(f.label for f in required)


def check_table_tests(set_id: str, good: dict[int, dict[str, str]], cases: list):
    """The tests every set's table of checks gets, bound to ``good`` (inputs meeting each checked
    criterion) and ``cases`` (rows for :func:`assert_case`). Assign them to ``test_…`` names in the
    test module, together with the ``registry`` fixture."""

    def test_every_checked_criterion_has_good_inputs_and_cases(registry):
        checked = [c.number for c in registry.get_set(set_id).criteria if c.has_check]
        assert sorted(good) == checked
        assert {n for n, *_ in cases} == set(checked)

    @pytest.mark.parametrize("number", sorted(good))
    def test_good_figures_suggest_dat(registry, number):
        result = suggest(registry.get_set(set_id), number, good[number])
        assert result.verdict == Verdict.DAT, result.reason

    @pytest.mark.parametrize("case", cases)
    def test_checks_at_and_around_their_thresholds(registry, case):
        assert_case(registry.get_set(set_id), good, case)

    @pytest.mark.parametrize("number", sorted(good))
    def test_missing_inputs_say_chua_du_and_name_what_is_missing(registry, number):
        assert_missing_inputs_named(registry.get_set(set_id), number, good[number])

    return (test_every_checked_criterion_has_good_inputs_and_cases, test_good_figures_suggest_dat,
            test_checks_at_and_around_their_thresholds, test_missing_inputs_say_chua_du_and_name_what_is_missing)
