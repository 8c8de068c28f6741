"""Repair: undo what scraping did to the characters, and say which repairs changed something.

Each repair is a named pure ``str → str`` function from its own module. The order matters: entities are
decoded first (they may spell mojibake), mojibake is undone before pinyin is judged (the annotations of
a latin-1-mangled page are mangled too), and widths and invisible characters are normalized last.
No repair adds or removes a line break, so line numbers stay those of the decoded input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from .mojibake import fix_gbk_mojibake, fix_latin1_mojibake
from .normalize import INVISIBLE_CHARS, NO_BREAK_SPACES, halfwidth_alnum, remove_invisible, unescape_html
from .pinyin import strip_pinyin_annotations

# The repairs in the order they run, by the name reported in ``source.repairs``.
REPAIRS: dict[str, Callable[[str], str]] = {
    "html_entities": unescape_html,  # &nbsp; &#25919; &amp;
    "latin1_mojibake": fix_latin1_mojibake,  # æ”¿åŠ¡ → 政务 (ftfy.fix_encoding)
    "gbk_mojibake": fix_gbk_mojibake,  # 鍏充簬 → 关于
    "invisible_spaces": remove_invisible,  # zero-width characters, no-break spaces
    "pinyin_annotations": strip_pinyin_annotations,  # 當(dāng)前 → 當前
    "fullwidth_ascii": halfwidth_alnum,  # ＩＰｖ６ → IPv6
}
# Characters without which a repair has nothing to do, as the inside of a character class. A repair
# with a hint runs only when one of them occurs; the others always run.
REPAIR_HINTS: dict[str, str] = {
    "html_entities": "&",
    "latin1_mojibake": "\u00c2-\u00ef",  # the lead byte of a UTF-8 sequence read as latin-1
    "invisible_spaces": re.escape(INVISIBLE_CHARS + NO_BREAK_SPACES),
    "pinyin_annotations": "(\N{FULLWIDTH LEFT PARENTHESIS}",
    "fullwidth_ascii": "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a",
}
# Damage no repair can undo: U+FFFD, and 锟斤拷 (two U+FFFD encoded as UTF-8 and read as GBK).
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
KUNJINKAO = "锟斤拷"


class Repaired(NamedTuple):
    """Repaired text, the names of the repairs that changed it, and the characters left damaged."""

    text: str
    repairs: list[str]
    damaged: int


def count_damage(text: str) -> int:
    """Characters that could not be repaired: each U+FFFD counts one, each 锟斤拷 two.

        >>> count_damage("政务公\\ufffd锟斤拷")
        3
    """
    return text.count(REPLACEMENT) + 2 * text.count(KUNJINKAO)


def repair_text(text: str) -> Repaired:
    """Apply every repair in order; list each one that changed the text, once.

        >>> repair_text("當(dāng)前位置:首頁(yè)&nbsp;鍏充簬")
        Repaired(text='當前位置:首頁 关于', repairs=['html_entities', 'gbk_mojibake', 'invisible_spaces', 'pinyin_annotations'], damaged=0)
    """
    repairs: list[str] = []
    hinted = hinted_repairs(text)
    for name, fix in REPAIRS.items():
        if name in REPAIR_HINTS and name not in hinted:
            continue
        fixed = fix(text)
        if fixed != text:
            repairs.append(name)
            text = fixed
            hinted = hinted_repairs(text)  # a repair may bring what a later one looks for (&#65297; → １)
    return Repaired(text, repairs, count_damage(text))


@lru_cache(maxsize=64)
def _hints_re(names: tuple[str, ...]) -> re.Pattern[str]:
    """One character class of the hints of ``names``: a scan for it runs at C speed."""
    return re.compile("[" + "".join(REPAIR_HINTS[name] for name in names) + "]")


HINT_RES = {name: re.compile(f"[{hint}]") for name, hint in REPAIR_HINTS.items()}


def hinted_repairs(text: str) -> set[str]:
    """The repairs whose hint characters occur in ``text``: one scan, started again after each find for
    the repairs not yet found (none of them occurs before that find).

        >>> sorted(hinted_repairs("推进ＩＰｖ６部署&nbsp;"))
        ['fullwidth_ascii', 'html_entities']
    """
    found: set[str] = set()
    remaining = tuple(REPAIR_HINTS)
    pos = 0
    while remaining:
        m = _hints_re(remaining).search(text, pos)
        if m is None:
            break
        name = next(name for name in remaining if HINT_RES[name].match(m.group()))
        found.add(name)
        remaining = tuple(other for other in remaining if other != name)
        pos = m.start()
    return found
