"""A criterion's fingerprint follows what its check does, not where the plugin was loaded from."""

from __future__ import annotations

from antq_tui.criteria import Criterion, Suggestion, check_identity


def _make(threshold_text: str, filename: str):
    source = f"""
from antq_tui import Suggestion
LIMIT = {threshold_text}
def check(v):
    return Suggestion.dat("ok") if v["n"] <= {threshold_text} else Suggestion.khong_dat("no")
"""
    namespace: dict = {"__name__": "plugin_x"}
    exec(compile(source, filename, "exec"), namespace)
    return namespace["check"]


def test_same_code_from_another_folder_keeps_its_identity_and_a_new_threshold_changes_it():
    a = _make("10", "/plugins/x/rules.py")
    b = _make("10", "/site-packages/antq_plugins/x/rules.py")
    c = _make("11", "/plugins/x/rules.py")
    assert check_identity(a) == check_identity(b)
    assert check_identity(a) != check_identity(c)
    crit = lambda f: Criterion(number=1, group="g", text="t", evidence=("e",), check=f)  # noqa: E731
    assert crit(a).fingerprint() == crit(b).fingerprint() != crit(c).fingerprint()


def test_a_threshold_captured_by_a_closure_is_part_of_the_identity():
    def at_least(n):
        def check(v):
            return Suggestion.dat("ok") if v["x"] >= n else Suggestion.khong_dat("no")
        return check

    assert check_identity(at_least(2)) != check_identity(at_least(3))
    assert check_identity(at_least(2)) == check_identity(at_least(2))
