"""Pinyin annotations that scraping glued after characters: ``當(dāng)前位置:首頁(yè)``.

Some portals ship a "reading aid" that annotates every character with its pinyin; scrapers keep the
annotation as text. A parenthesis is an annotation only when its content is a reading that pypinyin lists
for the Han character right before it, so ``(IPv6)``, ``(試行)``, ``(一)``, ``(APP)`` and ``(GDP)`` stay.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin.pinyin_dict import pinyin_dict

# Letters a pinyin syllable is written with: a–z, ü and the tone vowels of two Unicode blocks.
PINYIN_LETTERS = (
    "a-z"
    "\u00e0\u00e1\u00e8\u00e9\u00ec\u00ed\u00f2\u00f3\u00f9\u00fa\u00fc"  # Latin-1 Supplement: à á è é ì í ò ó ù ú ü
    "\u0101\u0113\u011b\u012b\u014d\u016b\u0144\u0148"  # Latin Extended-A: ā ē ě ī ō ū ń ň
    "\u01ce\u01d0\u01d2\u01d4\u01d6\u01d8\u01da\u01dc\u01f9"  # Latin Extended-B: ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ ǹ
    "\u1e3f"  # Latin Extended Additional: ḿ
)
# Cheap prefilter: a Han character, then 1–6 pinyin letters in ASCII or full-width parentheses.
PINYIN_ANNOTATION_RE = re.compile(
    r"(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"  # the annotated character
    r"(?P<open>[(\N{FULLWIDTH LEFT PARENTHESIS}])"  # ( or （
    rf"(?P<py>[{PINYIN_LETTERS}]{{1,6}})"  # the syllable, lower case
    r"(?P<close>[)\N{FULLWIDTH RIGHT PARENTHESIS}])"  # ) or ）
)
# Matching parenthesis pairs: an annotation never opens with ( and closes with ）.
PAIRS = {"(": ")", "\N{FULLWIDTH LEFT PARENTHESIS}": "\N{FULLWIDTH RIGHT PARENTHESIS}"}


def _plain(syllable: str) -> str:
    """A syllable without tone marks, with ü written v: ``lǜ`` → ``lv``."""
    decomposed = unicodedata.normalize("NFD", syllable).replace("u\N{COMBINING DIAERESIS}", "v")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)
def readings(han: str) -> frozenset[str]:
    """The toneless readings pypinyin lists for one character.

        >>> sorted(readings("當"))
        ['dang']
    """
    listed = pinyin_dict.get(ord(han), "")
    return frozenset(_plain(unicodedata.normalize("NFC", r)) for r in listed.split(",") if r)


@lru_cache(maxsize=8192)
def toned_readings(han: str) -> frozenset[str]:
    """The readings pypinyin lists for one character, with tone marks (NFC).

        >>> sorted(toned_readings("當"))
        ['dang', 'dàng', 'dāng']
    """
    listed = pinyin_dict.get(ord(han), "")
    return frozenset(unicodedata.normalize("NFC", r) for r in listed.split(",") if r)


@lru_cache(maxsize=65536)
def is_reading(han: str, syllable: str) -> bool:
    """True when ``syllable`` (tone marks optional) is a reading of ``han``.

        >>> is_reading("頁", "yè"), is_reading("們", "men"), is_reading("綠", "lǜ"), is_reading("元", "GDP")
        (True, True, True, False)
    """
    return _plain(syllable) in readings(han)


def _replace(match: re.Match[str]) -> str:
    if PAIRS[match.group("open")] == match.group("close") and is_reading(match.group("han"), match.group("py")):
        return match.group("han")
    return match.group()


def strip_pinyin_annotations(text: str) -> str:
    """Remove the pinyin that a reading aid glued after characters.

        >>> strip_pinyin_annotations("當(dāng)前位置:首頁(yè)")
        '當前位置:首頁'
        >>> strip_pinyin_annotations("我們(men)的(de)IPv6(IPv6)規劃(試行)(一)")
        '我們的IPv6(IPv6)規劃(試行)(一)'
    """
    if "(" not in text and "\N{FULLWIDTH LEFT PARENTHESIS}" not in text:
        return text
    return PINYIN_ANNOTATION_RE.sub(_replace, text)
