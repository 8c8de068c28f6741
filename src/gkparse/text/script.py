"""Script: detect traditional characters and convert them to simplified with the official OpenCC.

OpenCC's plain ``t2s`` keeps 著 where mainland text writes 着 (著力, 随著, 本著) and leaves a few variants
(衞 衹 敍 晩); ``tw2s`` fixes 著 but breaks 原著 编著 专著. gkparse therefore runs OpenCC with its own config:
a small phrase file from ``gkparse/data`` placed before OpenCC's own t2s dictionaries.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, NamedTuple

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


# Han characters of the Basic Multilingual Plane: Extension A, the unified block, compatibility ideographs.
BMP_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
SUPPLEMENTARY_HAN_RE = re.compile("[\U00020000-\U0003FFFF]")


COUNT_CHUNK = 1 << 16  # characters counted or encoded at a time


def _chunks(text: str) -> Iterator[str]:
    """``text`` a chunk of :data:`COUNT_CHUNK` characters at a time (the text itself when it is short): what
    a whole-text operation makes of a chunk never takes more than a chunk's worth of memory."""
    if len(text) <= COUNT_CHUNK:
        yield text
        return
    for i in range(0, len(text), COUNT_CHUNK):
        yield text[i : i + COUNT_CHUNK]


def has_supplementary(text: str) -> bool:
    """Whether ``text`` holds a character beyond the Basic Multilingual Plane: only those take four bytes
    in UTF-16. The encoding runs at C speed, where a scan for the class would test every character."""
    return any(len(chunk.encode("utf-16-le", "surrogatepass")) > 2 * len(chunk) for chunk in _chunks(text))


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
    classes = _script_classes()
    han = 0
    for _ in classes.han.finditer(text):  # only whether there are MIN_HAN of them
        han += 1
        if han >= MIN_HAN:
            break
    # rare: judged one by one
    supplementary = SUPPLEMENTARY_HAN_RE.findall(text) if has_supplementary(text) else []
    han += len(supplementary)
    traditional = _count(classes.traditional, text) + sum(map(_traditional_only, supplementary))
    if han < MIN_HAN:
        return "unknown"
    if traditional == 0:
        return "simplified"
    simplified = _count(classes.simplified, text) + sum(
        1 for ch in supplementary if not _traditional_only(ch) and _simplified_only(ch)
    )
    if han < MIN_HAN:
        return "unknown"
    marked = traditional + simplified
    if marked == 0 or traditional <= SIMPLIFIED_SHARE * marked:
        return "simplified"
    if traditional >= TRADITIONAL_SHARE * marked:
        return "traditional"
    return "mixed"


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the one-character class ``pattern`` matches, counted at C speed: no
    Python object per match (``subn`` makes the text without them, out of one piece per match: a chunk's)."""
    return sum(pattern.subn("", chunk)[1] for chunk in _chunks(text))


class ScriptClasses(NamedTuple):
    """Character classes of the Basic Multilingual Plane: Han characters, those only traditional text
    uses (:func:`_traditional_only`) and those only simplified text uses (:func:`_simplified_only`)."""

    han: re.Pattern[str]
    traditional: re.Pattern[str]
    simplified: re.Pattern[str]


@lru_cache(maxsize=1)
def _script_classes() -> ScriptClasses:
    """The classes, so that counting is a C-speed scan. Building them converts every Han character once
    (a few tenths of a second), so the two character lists are kept in a file of the temporary folder,
    named by a hash of the OpenCC version and the gkparse configuration."""
    key = f"{getattr(opencc, '__version__', '')}\n{_config_text()}\n{BMP_HAN_RANGES}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"gkparse-script-{digest}.json"
    try:
        lists = json.loads(path.read_text(encoding="utf-8"))
        traditional, simplified = lists["traditional"], lists["simplified"]
    except (OSError, ValueError, KeyError, TypeError):
        traditional, simplified = _build_script_lists()
        fd, tmp = tempfile.mkstemp(prefix="gkparse-script-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"traditional": traditional, "simplified": simplified}, f, ensure_ascii=False)
        os.replace(tmp, path)  # atomic: parallel workers never see half a file
    han = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in BMP_HAN_RANGES)
    return ScriptClasses(
        re.compile(f"[{han}]"),
        re.compile(f"[{re.escape(traditional)}]") if traditional else re.compile("(?!)"),
        re.compile(f"[{re.escape(simplified)}]") if simplified else re.compile("(?!)"),
    )


def _build_script_lists() -> tuple[str, str]:
    """Each converter runs once over every character, one per line, so that no phrase spans two."""
    chars = [chr(cp) for lo, hi in BMP_HAN_RANGES for cp in range(lo, hi + 1)]
    joined = "\n".join(chars)
    t2s, s2t = _t2s().convert(joined).split("\n"), _s2t().convert(joined).split("\n")
    if len(t2s) == len(s2t) == len(chars):
        gb2312, big5 = _gb2312(), _big5()
        traditional = [c for c, t in zip(chars, t2s) if t != c and c not in gb2312]
        trad_set = set(traditional)
        simplified = [c for c, t in zip(chars, s2t) if t != c and c not in big5 and c not in trad_set]
    else:  # a converter joined lines after all: judge one character at a time
        traditional = [c for c in chars if _traditional_only(c)]
        simplified = [c for c in chars if _simplified_only(c) and not _traditional_only(c)]
    return "".join(traditional), "".join(simplified)


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
