"""Pinyin annotations that scraping glued after characters: ``當(dāng)前位置:首頁(yè)``.

Some portals ship a "reading aid" that annotates every character with its pinyin; scrapers keep the
annotation as text. A parenthesis is an annotation only when its content is a reading that pypinyin lists
for the Han character right before it, so ``(IPv6)``, ``(試行)``, ``(一)``, ``(APP)`` and ``(GDP)`` stay.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

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
    r"(?P<open>[(\N{FULLWIDTH LEFT PARENTHESIS}])"  # ( or （, right after the annotated character
    r"(?P<inner>(?:[ \t\u3000]*\n)*[ \t\u3000]*)"  # a page break may fall inside the annotation
    rf"(?P<py>[{PINYIN_LETTERS}]{{1,6}})"  # the syllable, lower case
    r"(?P<inner2>(?:[ \t\u3000]*\n)*[ \t\u3000]*)"
    r"(?P<close>[)\N{FULLWIDTH RIGHT PARENTHESIS}])"  # ) or ）
)
# The common case, an annotation right after its character: 當(dāng). Judged once per distinct string.
# One capturing group around the whole, so that re.split keeps the annotated characters.
ADJACENT_ANNOTATION_RE = re.compile(
    rf"([\u3400-\u9fff\uf900-\ufaff][(\N{{FULLWIDTH LEFT PARENTHESIS}}][{PINYIN_LETTERS}]{{1,6}}"
    r"[)\N{FULLWIDTH RIGHT PARENTHESIS}])"
)
# Whether a page has any annotation at all: an opening parenthesis with a pinyin letter after it (spaces and
# a page break may come between). Each pattern opens with its parenthesis, a literal the engine finds at
# memchr speed, so that a page without pinyin (nearly every one) is passed over in two fast scans.
ANNOTATION_GATES = tuple(
    re.compile(re.escape(opening) + rf"(?=[ \t\u3000\n]*[{PINYIN_LETTERS}])")
    for opening in ("(", "\N{FULLWIDTH LEFT PARENTHESIS}")
)
GAP_SET = frozenset(" \t\u3000\n")  # what may stand between a character and its annotation (a page break)
# Matching parenthesis pairs: an annotation never opens with ( and closes with ）.
PAIRS = {"(": ")", "\N{FULLWIDTH LEFT PARENTHESIS}": "\N{FULLWIDTH RIGHT PARENTHESIS}"}


@lru_cache(maxsize=1)
def _pinyin_dict() -> dict[int, str]:
    """pypinyin's readings by code point, loaded on first use.

    Only the module ``pypinyin/pinyin_dict.py`` is loaded: importing the package would also load its
    phrase dictionary (a fifth of a second per process) that gkparse does not use. Should a pypinyin
    release move that file, the ordinary import is used.
    """
    spec = importlib.util.find_spec("pypinyin")  # a top-level package: found, not imported
    folders = spec.submodule_search_locations if spec else None
    path = Path(next(iter(folders))) / "pinyin_dict.py" if folders else None
    if path is not None and path.is_file():
        module_spec = importlib.util.spec_from_file_location("gkparse._pypinyin_readings", path)
        if module_spec is not None and module_spec.loader is not None:
            module = importlib.util.module_from_spec(module_spec)
            module_spec.loader.exec_module(module)
            return module.pinyin_dict  # type: ignore[no-any-return]
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


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
    listed = _pinyin_dict().get(ord(han), "")
    return frozenset(_plain(unicodedata.normalize("NFC", r)) for r in listed.split(",") if r)


@lru_cache(maxsize=8192)
def toned_readings(han: str) -> frozenset[str]:
    """The readings pypinyin lists for one character, with tone marks (NFC).

        >>> sorted(toned_readings("當"))
        ['dang', 'dàng', 'dāng']
    """
    listed = _pinyin_dict().get(ord(han), "")
    return frozenset(unicodedata.normalize("NFC", r) for r in listed.split(",") if r)


@lru_cache(maxsize=65536)
def is_reading(han: str, syllable: str) -> bool:
    """True when ``syllable`` (tone marks optional) is a reading of ``han``.

        >>> is_reading("頁", "yè"), is_reading("們", "men"), is_reading("綠", "lǜ"), is_reading("元", "GDP")
        (True, True, True, False)
    """
    return _plain(syllable) in readings(han)


def _replace(match: re.Match[str]) -> str:
    opening, syllable, closing = match.group("open", "py", "close")
    if PAIRS[opening] != closing:
        return match.group()
    text, i = match.string, match.start() - 1
    while i >= 0 and text[i] in GAP_SET:  # the annotated character, across a page break
        i -= 1
    han = text[i] if i >= 0 else ""
    if not ("\u3400" <= han <= "\u9fff" or "\uf900" <= han <= "\ufaff") or not is_reading(han, syllable):
        return match.group()
    # line breaks inside the annotation stay, so that line numbers do not move
    inner = match.group("inner") + match.group("inner2")
    return "\n" * inner.count("\n") if inner else ""


class _AdjacentVerdicts(dict[str, str]):
    """``當(dāng)`` → ``當`` when the annotation is a reading of the character, else the string itself."""

    MAX_SIZE = 100_000  # distinct strings kept; the cache starts over beyond that

    def __missing__(self, key: str) -> str:
        han, opening, syllable, closing = key[0], key[1], key[2:-1], key[-1]
        value = han if PAIRS[opening] == closing and is_reading(han, syllable) else key
        if len(self) >= self.MAX_SIZE:
            self.clear()
        self[key] = value
        return value


_ADJACENT_VERDICTS = _AdjacentVerdicts()


def _strip_adjacent(text: str) -> str:
    """Split at the annotated characters (odd items) and look each one up, without a Python call per match."""
    parts = ADJACENT_ANNOTATION_RE.split(text)
    parts[1::2] = map(_ADJACENT_VERDICTS.__getitem__, parts[1::2])
    return "".join(parts)


def strip_pinyin_annotations(text: str) -> str:
    """Remove the pinyin that a reading aid glued after characters.

        >>> strip_pinyin_annotations("當(dāng)前位置:首頁(yè)")
        '當前位置:首頁'
        >>> strip_pinyin_annotations("我們(men)的(de)IPv6(IPv6)規劃(試行)(一)")
        '我們的IPv6(IPv6)規劃(試行)(一)'
    """
    if not any(gate.search(text) for gate in ANNOTATION_GATES):
        return text
    text = _strip_adjacent(text)  # most annotations, fast
    return PINYIN_ANNOTATION_RE.sub(_replace, text)  # the rest: a page break or a space before or inside
