"""Repair: undo what scraping did to the characters, and say which repairs changed something.

Each repair is a named pure ``str → str`` function from its own module. The order matters: entities are
decoded first (they may spell mojibake), mojibake is undone before pinyin is judged (the annotations of
a latin-1-mangled page are mangled too), and widths and invisible characters are normalized last.
No repair adds or removes a line break, so line numbers stay those of the decoded input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .mojibake import fix_gbk_mojibake, fix_latin1_mojibake
from .normalize import halfwidth_alnum, remove_invisible, unescape_html
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
    for name, fix in REPAIRS.items():
        fixed = fix(text)
        if fixed != text:
            repairs.append(name)
            text = fixed
    return Repaired(text, repairs, count_damage(text))
