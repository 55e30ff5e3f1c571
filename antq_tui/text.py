"""Rules for text that people type or that arrives in a bundle: which characters, how long.

One place for them, so that the TUI's counters, the store's guards, bundle validation and the papers
(PDF, XLSX) agree. Plain functions, no Textual, no SQL.
"""

from __future__ import annotations

import unicodedata
from typing import Any

# A remark is printed in the criteria table of the minutes, in one cell of an A4 page set in 13 pt Times
# New Roman: about 2,000 characters fill two thirds of the page, which is as much as a row can hold and
# still leave the page readable. Longer notes belong in an attached file.
REMARK_MAX_CHARS = 2000
# Names (units, people, bodies) and one-line fields.
LINE_MAX_CHARS = 300

_ALLOWED_IN_MULTILINE = {"\n", "\t"}


def control_characters(text: str, *, multiline: bool = False) -> list[str]:
    """The control and format characters of ``text`` that must not reach a terminal or a paper.

    Unicode categories Cc (C0/C1 controls, ESC, DEL) and Cf (bidi overrides, zero-width joiners are
    kept: Vietnamese text never needs them, but they do no harm on paper)."""
    allowed = _ALLOWED_IN_MULTILINE if multiline else set()
    found = []
    for ch in text:
        if ch in allowed:
            continue
        category = unicodedata.category(ch)
        if category == "Cc" or (category == "Cf" and ch not in {"\u200c", "\u200d"}):
            found.append(ch)
    return found


def describe_character(ch: str) -> str:
    """How a refused character is named in a message: ``U+001B``."""
    return f"U+{ord(ch):04X}"


def escape_controls(text: str, *, multiline: bool = False) -> str:
    """``text`` with every refused character shown as ``\\u001b`` (for display of data already stored)."""
    bad = set(control_characters(text, multiline=multiline))
    if not bad:
        return text
    return "".join(f"\\u{ord(ch):04x}" if ch in bad else ch for ch in text)


def text_problem(text: str, *, multiline: bool = False, limit: int | None = None) -> str | None:
    """A Vietnamese reason why ``text`` cannot be stored, or None."""
    bad = control_characters(text, multiline=multiline)
    if bad:
        names = ", ".join(dict.fromkeys(describe_character(ch) for ch in bad))
        return f"Có ký tự điều khiển không được phép ({names}); hãy xoá rồi gõ lại."
    if limit is not None and len(text) > limit:
        return f"Dài {len(text):,} ký tự, quá giới hạn {limit:,} ký tự.".replace(",", ".")
    return None


def value_problem(value: Any) -> str | None:
    """:func:`text_problem` for the first string anywhere in a JSON-like value (lists, dicts and their
    keys), newlines and tabs allowed: how a bundle's rows are held to the rule typed text follows."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            problem = text_problem(item, multiline=True)
            if problem:
                return problem
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None
