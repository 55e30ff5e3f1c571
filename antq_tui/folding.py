"""Text folding for search: case, diacritics (đ/Đ → d) and Unicode normalization form do not matter.

``fold("PHIÊNG BAN") == fold("phieng ban") == fold(<NFD "Phiêng Ban">)``. Transliteration is done by
anyascii (a maintained table covering every script), after NFC normalization so that decomposed
input folds the same as composed input.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII with single spaces: the form both the index and the query are compared in."""
    if not text:
        return ""
    ascii_text = anyascii(unicodedata.normalize("NFC", str(text)))
    return _SPACES.sub(" ", ascii_text.lower()).strip()


def nfc(text: str) -> str:
    """Normalize text a user typed or a file held to NFC, the form antq stores."""
    return unicodedata.normalize("NFC", text)
