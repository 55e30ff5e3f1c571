"""Rules for text that people type or that arrives in a bundle: which characters, how long.

One place for them, so that the TUI's counters, the store's guards, bundle validation and the papers
(PDF, XLSX) agree. Plain functions, no Textual, no SQL.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

# A remark is printed in the "Ghi chú" column of the criteria table of the minutes: 28 mm of an A4 page
# set in 11 pt serif, about 14 characters a line. Measured on the demo's minutes, a remark of 1,000
# characters adds one page to the document, 2,000 add three (and a 200 KB one took 29 s to set): 1,000
# is about what that column holds on one printed page. Longer notes belong in an attached file.
REMARK_MAX_CHARS = 1000
# The summary texts (ưu điểm, tồn tại, kiến nghị, kết luận) run the full width of the page, about six
# times the remark column: 4,000 characters are about one printed page of them.
SUMMARY_MAX_CHARS = 4000
# Names (units, people, bodies) and one-line fields.
LINE_MAX_CHARS = 300

_ALLOWED_IN_MULTILINE = {"\n", "\t"}


def control_characters(text: str, *, multiline: bool = False) -> list[str]:
    """The control and format characters of ``text`` that must not reach a terminal or a paper.

    Unicode categories Cc (C0/C1 controls, ESC, DEL) and Cf (bidi overrides, zero-width joiners are
    kept: Vietnamese text never needs them, but they do no harm on paper)."""
    allowed = _ALLOWED_IN_MULTILINE if multiline else set()
    plain = text.replace("\n", "").replace("\t", "") if multiline else text
    if plain.isprintable():  # no character of any C* category: nothing to look for (the common case)
        return []
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
        def count(n: int) -> str:  # Vietnamese thousands: 2.000
            return f"{n:,}".replace(",", ".")

        return f"Dài {count(len(text))} ký tự, quá giới hạn {count(limit)} ký tự."
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


#: an escape that decodes to a control character (``\\b``, ``\\f``, ``\\r``, ``\\u…``): all a JSON text
#: needs for its decoded strings to hold one when the text itself holds none
_CONTROL_ESCAPE = re.compile(r"\\[bfru]")


def json_text_problem(text: str) -> str | None:
    """:func:`value_problem` of the value the JSON text ``text`` holds (``text`` is valid JSON).

    ``text`` is decoded only when it might hold such a string: one printable throughout (no control
    character, no newline) with no escape but ``\\"``, ``\\\\``, ``\\/``, ``\\n`` and ``\\t`` decodes to
    printable strings, newlines and tabs only. A ``\\u…`` anywhere, even a harmless one, is decoded."""
    if text.isprintable() and ("\\" not in text or _CONTROL_ESCAPE.search(text) is None):
        return None
    return value_problem(json.loads(text))
