"""Script: detect traditional characters and convert them to simplified with the official OpenCC.

OpenCC's plain ``t2s`` keeps 著 where mainland text writes 着 (著力, 随著, 本著) and leaves a few variants
(衞 衹 敍 晩); ``tw2s`` fixes 著 but breaks 原著 编著 专著. gkparse therefore runs OpenCC with its own config:
a small phrase file from ``gkparse/data`` placed before OpenCC's own t2s dictionaries.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import opencc

Script = Literal["simplified", "traditional", "mixed", "unknown"]

# gkparse's phrase dictionary (OpenCC text format), shipped as package data.
PHRASE_FILE = "gkparse_t2s_phrases.txt"
# OpenCC's own t2s dictionaries, in the order of its t2s.json; may_output_tofu as there.
OPENCC_T2S_DICTS = (
    ("TSPhrases.ocd2", False),
    ("TSCharactersExt.ocd2", True),
    ("TSCharacters.ocd2", False),
)
# Unicode compatibility ideographs (U+F900…) → unified ideographs, as OpenCC's t2s normalizes.
OPENCC_NORMALIZATION = "CJK_Compatibility_Ideographs.ocd2"
# Below this many Han characters, the script is "unknown".
MIN_HAN = 10
# Share of traditional-only characters (among traditional-only + simplified-only) for each verdict.
TRADITIONAL_SHARE = 0.9
SIMPLIFIED_SHARE = 0.1


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


@lru_cache(maxsize=4)
def _charset(codec: str, leads: tuple[int, int], trails: tuple[int, int]) -> frozenset[str]:
    chars = set()
    for lead in range(*leads):
        for trail in range(*trails):
            chars.add(bytes([lead, trail]).decode(codec, "ignore"))
    chars.discard("")
    return frozenset(chars)


def _gb2312() -> frozenset[str]:
    """Every character of GB2312, the character set of simplified Chinese."""
    return _charset("gb2312", (0xA1, 0xF8), (0xA1, 0xFF))


def _big5() -> frozenset[str]:
    """Every character of Big5, the character set of traditional Chinese."""
    return _charset("big5", (0xA1, 0xFA), (0x40, 0xFF))


def _config_text() -> str:
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    phrases = resources.files("gkparse") / "data" / PHRASE_FILE
    dicts: list[dict[str, object]] = [{"type": "text", "file": str(phrases)}]
    for name, tofu in OPENCC_T2S_DICTS:
        entry: dict[str, object] = {"type": "ocd2", "file": str(share / name)}
        if tofu:
            entry["may_output_tofu"] = True
        dicts.append(entry)
    config = {
        "name": "gkparse: traditional to mainland simplified",
        "normalization": [{"dict": {"type": "ocd2", "file": str(share / OPENCC_NORMALIZATION)}}],
        "conversion_chain": [{"dict": {"type": "group", "match_policy": "short_circuit", "dicts": dicts}}],
    }
    return json.dumps(config, ensure_ascii=False, indent=1)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    """The converter, built once: the config is written under a name that is its own hash."""
    text = _config_text()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"gkparse-t2s-{digest}.json"
    if not path.is_file():
        fd, tmp = tempfile.mkstemp(prefix="gkparse-t2s-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)  # atomic: parallel workers never see half a file
    return opencc.OpenCC(str(path))


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@lru_cache(maxsize=65536)
def _traditional_only(ch: str) -> bool:
    """Converted by t2s, and not a character of the simplified charset (乾 and 於 are GB2312)."""
    return _t2s().convert(ch) != ch and ch not in _gb2312()


@lru_cache(maxsize=65536)
def _simplified_only(ch: str) -> bool:
    """Converted by s2t, and not a character of the traditional charset (后 and 干 are Big5)."""
    return _s2t().convert(ch) != ch and ch not in _big5()


def detect_script(text: str) -> Script:
    """Which script ``text`` is written in, by the characters that only one script uses.

        >>> detect_script("江西省人民政府辦公廳關於印發2019年江西省政務公開工作要點的通知")
        'traditional'
        >>> detect_script("江西省人民政府办公厅关于印发2019年江西省政务公开工作要点的通知")
        'simplified'
        >>> detect_script("2019-05-17")
        'unknown'
    """
    han = traditional = simplified = 0
    for ch, count in Counter(text).items():  # counted in C; then one cached verdict per character
        kind = _kind(ch)
        if kind is not None:
            han += count
            if kind == "traditional":
                traditional += count
            elif kind == "simplified":
                simplified += count
    if han < MIN_HAN:
        return "unknown"
    marked = traditional + simplified
    if marked == 0 or traditional <= SIMPLIFIED_SHARE * marked:
        return "simplified"
    if traditional >= TRADITIONAL_SHARE * marked:
        return "traditional"
    return "mixed"


@lru_cache(maxsize=65536)
def _kind(ch: str) -> str | None:
    """None for a character that is not Han; else "traditional" or "simplified" for a character only
    that script uses, "" for one both use."""
    if not _is_han(ch):
        return None
    if _traditional_only(ch):
        return "traditional"
    return "simplified" if _simplified_only(ch) else ""


def _han_counts(text: str) -> dict[str, int]:
    """How often each Han character occurs, in order of first appearance (Counter counts in C)."""
    return {ch: n for ch, n in Counter(text).items() if ch >= "\u3400" and _is_han(ch)}


def to_simplified(text: str) -> str:
    """Traditional → mainland simplified, keeping 原著 and 显著 but writing 着力 and 随着.

        >>> to_simplified("著力抓好政策解讀，隨著改革深化，原著與專著顯著增加，衞生")
        '着力抓好政策解读，随着改革深化，原著与专著显著增加，卫生'
    """
    try:
        return _t2s().convert(text)
    except UnicodeEncodeError:  # lone surrogates, which only a str built in code can hold
        return _t2s().convert(text.encode("utf-8", "replace").decode("utf-8"))


def traditional_leftovers(text: str) -> list[str]:
    """The traditional-only characters still in ``text``, each once, in order of appearance.

        >>> traditional_leftovers("政務公开工作要点，衞生")
        ['務', '衞']
    """
    return [ch for ch in _han_counts(text) if _traditional_only(ch)]
