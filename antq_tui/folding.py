"""Text folding for search: case, diacritics (đ/Đ → d) and Unicode normalization form do not matter.

``fold("PHIÊNG BAN") == fold("phieng ban") == fold(<NFD "Phiêng Ban">)``. Transliteration is done by
anyascii (a maintained table covering every script), after NFC normalization so that decomposed
input folds the same as composed input.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
#: the combining marks anyascii drops (U+0363–U+036F, combining Latin letters, it spells as letters)
_MARKS = re.compile("[\u0300-\u0362]")


def fold(text: str) -> str:
    """Lower-case ASCII with single spaces: the form both the index and the query are compared in."""
    if not text:
        return ""
    return _SPACES.sub(" ", to_ascii(unicodedata.normalize("NFC", str(text))).lower()).strip()


def to_ascii(text: str) -> str:
    """``anyascii(text)``, without importing anyascii (~4 ms of every command) for Latin letters with
    marks, all of Vietnamese: anyascii spells each character alone, and each such letter as its
    letter without the marks (đ as d), which a test checks for every character."""
    if text.isascii():
        return text
    plain = _MARKS.sub("", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D")
    if plain.isascii():
        return plain
    from anyascii import anyascii

    return anyascii(text)


def nfc(text: str) -> str:
    """Normalize text a user typed or a file held to NFC, the form antq stores."""
    return unicodedata.normalize("NFC", text)
