"""Vietnamese text keys shared by ingest (matching) and kg (search, slugs).

Three keys, from strictest to loosest:

* :func:`nfc` - the stored form; the article's own spelling is kept.
* :func:`tone_key` - case-folded, with the tone mark of each word moved to the end of the
  word, so that old and new tone placement compare equal (``uỷ`` = ``ủy``, ``hoà`` = ``hòa``)
  while words that differ in tone or vowel quality stay different.
* :func:`fold` - every diacritic removed and ``đ`` mapped to ``d``: the search key.

>>> tone_key("Thành uỷ") == tone_key("thành ủy")
True
>>> fold("Đà Nẵng")
'da nang'
"""

from __future__ import annotations

import re
import unicodedata

# The five Vietnamese tone marks as combining characters (grave, acute, hook, tilde, dot below).
TONE_MARKS = frozenset("\u0300\u0301\u0309\u0303\u0323")
_WORD = re.compile(r"\w+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode Normalization Form C."""
    return unicodedata.normalize("NFC", text)


def _tone_word(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFD", match.group(0))
    tones = "".join(ch for ch in decomposed if ch in TONE_MARKS)
    bare = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", bare) + tones


def tone_key(text: str) -> str:
    """Case- and tone-placement-insensitive key; keeps vowel quality and the tone itself.

    >>> tone_key("Thuỵ") == tone_key("THỤY")
    True
    >>> tone_key("Sơn") == tone_key("Sờn")
    False
    """
    return _WORD.sub(_tone_word, nfc(text).casefold())


def fold(text: str) -> str:
    """Search key: lower case, no diacritics, ``đ`` → ``d``, whitespace collapsed.

    >>> fold("SƠN LA"), fold("thành uỷ")
    ('son la', 'thanh uy')
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
