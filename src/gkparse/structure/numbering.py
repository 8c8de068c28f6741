"""The numbering grammar of work plans: markers, their styles and values, Chinese numerals.

Markers are recognised at the start of a line or table cell only, so ``第（三）项`` or ``1.5倍`` inside a
sentence never starts a task. Styles, from the usual top level down:

========= ======================== ==========
style     written                  normalized
========= ======================== ==========
part      ``第一部分``               ``一``
cn        ``一、`` ``十二．``           ``一``
paren_cn  ``（一）`` ``(二十一)``        ``(一)``
arabic    ``1.`` ``1、`` ``1．``     ``1``
paren_ar  ``（1）`` ``(12)``         ``(1)``
arabic_rp ``1）`` ``2)``            ``1)``
circled   ``①`` … ``⑳``            ``①``
paren_dg  ``⑴`` … ``⒇``            ``(1)``
stop_dg   ``⒈`` … ``⒛``            ``1``
========= ======================== ==========

>>> m = parse_marker("（二十一）统一在省行政执法信息公示平台公开。")
>>> (m.style, m.value, m.norm, m.rest[:4])
('paren_cn', 21, '(二十一)', '统一在省')
>>> parse_marker("2023年10月30日前完成") is None
True
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..caching import text_cache

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# One character for a bracketed number (⑴ U+2474 … ⒇) or a number with a full stop (⒈ U+2488 … ⒛).
PAREN_DIGITS = "".join(chr(c) for c in range(0x2474, 0x2488))
STOP_DIGITS = "".join(chr(c) for c in range(0x2488, 0x249C))
# The styles written as one character each, and their characters for the values 1-20.
CHAR_STYLES = {"circled": CIRCLED, "paren_dg": PAREN_DIGITS, "stop_dg": STOP_DIGITS}

_CN_NUM = r"[一二三四五六七八九十百零〇两]{1,5}"
# The separator after a number: never followed by more digits (1.5倍, 3.2020万元, 一.5), except a year
# (1.2020年10月底前, 一、2025年主要预期目标). The one rule for every numbered style written with a separator.
SEPARATOR = r"[、．.](?:(?![\d%％])|(?=(?:19|20)\d\d\s*年))"
MARKER_RE = re.compile(
    rf"""^[ \t\u3000]*(?:
        (?P<cn>{_CN_NUM})\s*{SEPARATOR}                            # 一、  十二．  一、2025年
      | 第(?P<part>{_CN_NUM})部分\s*[:：、]?                # 第一部分
      | [（(]\s*(?P<paren_cn>{_CN_NUM})\s*[）)]\s*[、．.]?     # （一）  (二十一)
      | (?=\d)(?:(?P<arabic>\d{{1,3}})\s*(?:{SEPARATOR}|\s(?=[\u3400-\u9fff]))  # 1.  1、  1 任务  1.2020年
               |(?P<arabic_rp>\d{{1,3}})\s*[）)](?![\d%％]))                 # 1）  2)
      | [（(]\s*(?P<paren_ar>\d{{1,3}})\s*[）)]\s*[、．.]?       # （1）  (12)
      | (?P<circled>[{CIRCLED}])\s*[、．.]?                     # ①
      | (?P<paren_dg>[{PAREN_DIGITS}])\s*[、．.]?               # ⑴
      | (?P<stop_dg>[{STOP_DIGITS}])                            # ⒈
    )[ \t\u3000]*""",
    re.VERBOSE,
)


class Marker(NamedTuple):
    """A numbering marker at the start of a line: its style, numeric value and normalized form."""

    style: str
    value: int
    norm: str
    raw: str
    rest: str


def cn_to_int(s: str) -> int | None:
    """Value of a Chinese numeral up to the hundreds.

    >>> [cn_to_int(x) for x in ("一", "十", "十二", "二十一", "一百零五", "四十")]
    [1, 10, 12, 21, 105, 40]
    >>> cn_to_int("百百") is None
    True
    """
    total, digit, last_unit = 0, None, 1000
    for ch in s:
        if ch in "零〇" and last_unit < 1000:
            continue  # 一百零五: 零 only holds the place of the missing tens
        if ch in CN_DIGITS:
            if digit is not None:
                return None
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit is not None:
        total += digit
    return total or None


def int_to_cn(n: int) -> str:
    """Chinese numeral of ``n`` (1-999), as written in markers.

    >>> [int_to_cn(x) for x in (1, 10, 12, 21, 105)]
    ['一', '十', '十二', '二十一', '一百零五']
    """
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = digits[n // 100] + "百"
    if rest == 0:
        return head
    return head + ("零" + digits[rest] if rest < 10 else int_to_cn(rest) if rest >= 20 else "一" + int_to_cn(rest))


@text_cache(maxsize=4096)  # a plan's cells and lines are asked again by the layout, the rows and the tree
def parse_marker(line: str) -> Marker | None:
    """The marker at the start of ``line``, or None. ``rest`` is the text after the marker."""
    m = MARKER_RE.match(line)
    if not m:
        return None
    rest = line[m.end():]
    if not rest.strip():
        return None
    style = m.lastgroup  # the one named group of the alternative that matched
    if style is None:
        return None
    raw = m.group(style)
    if style in CHAR_STYLES:
        value = CHAR_STYLES[style].index(raw) + 1
    elif style in ("arabic", "paren_ar", "arabic_rp"):
        value = int(raw)
    else:
        value = cn_to_int(raw) or 0
    if value == 0:
        return None
    return Marker(style, value, normalize(style, value, raw), m.group(0).strip(), rest)


def normalize(style: str, value: int, raw: str) -> str:
    """Normalized marker text as used in ``Task.path``."""
    if style in ("cn", "part"):
        return int_to_cn(value)
    if style == "paren_cn":
        return f"({int_to_cn(value)})"
    if style == "arabic":
        return str(value)
    if style in ("paren_ar", "paren_dg"):
        return f"({value})"
    if style == "stop_dg":
        return str(value)
    if style == "arabic_rp":
        return f"{value})"
    return raw


# Items written on one line: 1、……。2、……。3、…… (each number the next, after a sentence end).
FIRST_ITEM_RE = re.compile(rf"^(?:(?P<n>\d{{1,2}})(?=[、.．])(?P<sep>{SEPARATOR})|[（(](?P<pn>\d{{1,2}})[）)])")
SENTENCE_ENDS = "。；！？）)"  # also after a unit clause: ……。（市财政局负责）2、……


def split_glued_items(line: str) -> list[str]:
    """A line of numbered items run together: split before each next number that follows the end of a
    sentence or a clause, so that ``1、……。2、……`` becomes two items; numbers out of sequence stay text.

        >>> split_glued_items("1、修订公开指南。2、健全工作制度。4、不是下一项。")
        ['1、修订公开指南。', '2、健全工作制度。4、不是下一项。']
    """
    first = FIRST_ITEM_RE.match(line)
    if not first or "\t" in line or "|" in line:
        return [line]
    number = int(first.group("n") or first.group("pn"))
    sep = first.group("sep")
    pieces, start, pos = [], 0, first.end()
    while True:
        following = f"{number + 1}{sep}" if sep else f"({number + 1})"
        found = -1
        for candidate in ((following,) if sep else (following, f"（{number + 1}）")):
            i = line.find(candidate, pos)
            while i != -1 and not (line[:i].rstrip()[-1:] in SENTENCE_ENDS and line[i + len(candidate): i + len(candidate) + 1]):
                i = line.find(candidate, i + 1)
            if i != -1 and (found == -1 or i < found):
                found = i
        if found == -1:
            break
        pieces.append(line[start:found].rstrip())
        start, pos, number = found, found + 2, number + 1
    pieces.append(line[start:])
    return pieces
