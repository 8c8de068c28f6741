"""Run-on lines: a page scraped without its line breaks (or with spaces for them), split where its
paragraphs were.

A line is split by the evidence of its numbering, whatever its length: markers (``一、`` ``（一）``
``1.`` ``（1）``) found inside it are breaks when they continue a sequence (``一、`` … ``二、``, the
``1.`` of a new list under a heading, ``2.`` after ``1.``) and stand where a paragraph can start:

- after the end of a sentence or of a clause (``。`` ``；`` ``）`` ``】`` ``]`` ``：``), or after a space;
- glued to a heading (``二、重点任务1.做好……``: the text before the marker is a heading, with no
  punctuation), or to the plan's title (``……工作要点一、工作目标……``).

Never a break: a number of a quantity, a version or a date (``1.5亿`` ``2.0版`` ``12.3%`` ``2023.1``), a
cross-reference inside a sentence (``按照本方案（一）的要求``, ``第（一）项``), a number out of sequence,
a list that a numbered paragraph holds (``（一）……。1.……2.……`` stays one paragraph), a marker inside a
bracketed clause. When the markers of a line stand after single spaces, the page wrote its paragraphs
one space apart: its other single spaces between Chinese text are breaks too (the title, the
salutation, the issuer and the date become lines of their own); so are those of a page's head, before
its first section (``首页 > 通知 某县……工作要点一、……``: the breadcrumb is not the title).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..structure.numbering import CHAR_STYLES, CIRCLED, PAREN_DIGITS, SEPARATOR, STOP_DIGITS, cn_to_int, parse_marker

# A line this long with runs of spaces but no numbering may be a page whose paragraphs the runs mark.
RUN_ON_MIN = 300
MIN_SPACE_RUNS = 3
# A run of two spaces or more, or of ideographic spaces: written to open with the set of its first
# characters, so that the engine skips other text at C speed.
SPACE_RUN_RE = re.compile(r"[ \u3000](?:(?<=\u3000)[ \u3000]*|[ \u3000]+)")
CANDIDATE_RE = re.compile(
    r"(?<![一二三四五六七八九十百零〇两])(?P<cn>[一二三四五六七八九十]{1,3})(?=、)" + SEPARATOR +
    r"|[（(](?P<paren_cn>[一二三四五六七八九十]{1,3})[）)]、?"
    r"|[（(](?P<paren_ar>\d{1,2})[）)]"
    r"|(?<![\d.．A-Za-z%％])(?P<arabic>\d{1,2})" + SEPARATOR +
    r"|(?<![\d.．A-Za-z%％（(])(?P<arabic_rp>\d{1,2})[）)](?![\d%％])"
    r"|第(?P<part>[一二三四五六七八九十]{1,3})部分"
    r"|(?P<circled>[" + CIRCLED + "])"
    r"|(?P<paren_dg>[" + PAREN_DIGITS + "])"
    r"|(?P<stop_dg>[" + STOP_DIGITS + "])"
)
# What every candidate holds: a numeral right before 、 . ． ） ), or a numbered character (① ⑴ ⒈). The
# pattern opens with the set of all their first characters, so the engine skips other text at C speed;
# its digits are ASCII ones (repair made full-width digits ASCII), cheaper to test than any digit (\d).
MARKER_HINT_RE = re.compile(r"[一二三四五六七八九十0-9\u2460-\u249b](?:(?<=[\u2460-\u249b])|[、.．)）])")
# What a paragraph's marker is followed by: its text (Han, an opening quote or bracket) or a year.
FOLLOW_RE = re.compile(r"[ \u3000]?(?:[\u4e00-\u9fff“‘《〈【（(「]|(?:19|20)\d\d\s*年)")
# After a bracketed number, these make it a reference to a part of the text, not a marker.
REFERENCE_RE = re.compile(r"[的中项条款所之]|规定|要求|部分|内容|提出")
STOPS = "。！？!?"  # not ；: items between semicolons are one paragraph's list (1.……；2.……)
CLOSING = "）)】]」”』"
OPENING = "（(【[「"
HEADING_PUNCT_RE = re.compile(r"[。，；：,;:！？]")
MAX_HEADING = 40  # a heading that a marker may be glued to is short
TITLE_END_RE = re.compile(r"(?:要点|方案|分工|清单|计划|细则|意见)$")
# The plan's title glued to its opening sentence: ……工作要点实施方案为深入贯彻落实……
GLUED_TITLE_RE = re.compile(
    r"^([^，。；：:,\s]{4,60}?(?:要点|方案|计划|清单|分工|细则|意见))(?=为(?:深入|全面|进一步|认真|切实|贯彻|落实|加快|推进|做好)"
    r"|根据|按照|依据)"
)
# A section's heading glued to its text: 一、工作目标紧紧围绕…… (not 一、工作任务和责任分工).
GLUED_HEADING_RE = re.compile(
    r"^([一二三四五六七八九十]{1,3}、(?:工作目标|总体目标|主要目标|目标任务|总体要求|指导思想|基本原则|工作原则|工作任务"
    r"|主要任务|重点任务|工作要求|保障措施|组织领导|实施步骤))(?=[\u4e00-\u9fff])(?![和及与])"
)
DATE_START_RE = re.compile(r"(?:19|20)\d\d\s*年")
BRACKET_OR_STOP_RE = re.compile("[" + re.escape(OPENING + CLOSING) + "。]")
CJK_RE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》]")


class Break(NamedTuple):
    """A marker inside a line that starts a paragraph: where, its style and value, what stands before it."""

    pos: int
    style: str
    value: int
    before: str  # "stop" (a sentence or clause end), "space", or "glued" (a Han character)


def _depth_after(depth: int, ch: str) -> int:
    """Bracket depth after ``ch``: up at an opening bracket, down at a closing one, back to 0 at a full
    stop (a bracket the page lost must not hide the rest of the line)."""
    if ch in OPENING:
        return depth + 1
    if ch in CLOSING:
        return max(0, depth - 1)
    return 0 if ch == "。" else depth


def _inner_marker_hint(line: str) -> bool:
    """Whether a numeral stands before a marker's sign anywhere after the line's start (the （一） that
    opens a line is its own marker, not a break)."""
    start = len(line) - len(line.lstrip())
    hint = MARKER_HINT_RE.search(line, start + 1)
    if hint is not None and hint.start() == start + 1 and line[start] in "（(":
        hint = MARKER_HINT_RE.search(line, start + 3)
    return hint is not None


def inner_hint_lines(text: str) -> set[int]:
    """Numbers (1-based) of the lines of ``text`` for which :func:`_inner_marker_hint` holds, found in one
    scan of the whole text: only these lines, and long ones, can be run-on. A line's own marker (``一、``,
    the ``一）`` of ``（一）``) is no hint, as in the line-by-line rule.

        >>> sorted(inner_hint_lines("一、加强公开\\n（一）公开预算。1.公开决算\\n 2、做好解读"))
        [2]
    """
    numbers: set[int] = set()
    line, pos = 1, 0
    for m in MARKER_HINT_RE.finditer(text):
        at = m.start()
        line += text.count("\n", pos, at)
        pos = at
        if line in numbers:
            continue
        before = text[at - 1] if at else "\n"
        if before == "\n" or (before in "（(" and (at == 1 or text[at - 2] == "\n")):
            continue  # the marker that opens the line, or the numeral of its （一）: the common case, at once
        start = text.rfind("\n", 0, at) + 1
        while start < at and text[start].isspace():
            start += 1  # the line's first character that is not a space
        if at == start:
            continue  # the line's own marker
        if text[start] in "（(" and (
            at == start + 1 or (at == start + 2 and MARKER_HINT_RE.match(text, start + 1) is not None)
        ):
            continue  # the numeral of the line's own （一）
        numbers.add(line)
    return numbers


def _candidates(line: str) -> list[Break]:
    """Markers inside ``line`` that stand where a paragraph can start, outside bracketed clauses."""
    if not _inner_marker_hint(line):
        return []  # no numeral before a marker's 、 . ） after the line's own marker: the common line
    out: list[Break] = []
    depth, scanned = 0, 0
    for m in CANDIDATE_RE.finditer(line):
        start = m.start()
        if start == 0:
            continue
        for bm in BRACKET_OR_STOP_RE.finditer(line, scanned, start):
            depth = _depth_after(depth, bm.group())
        scanned = start
        if depth > 0:
            continue
        style = m.lastgroup or ""
        raw = m.group(style)
        value = (CHAR_STYLES[style].index(raw) + 1 if style in CHAR_STYLES else int(raw) if raw.isascii()
                 else cn_to_int(raw) or 0)
        follow = line[m.end():]
        if not value or not FOLLOW_RE.match(follow):
            continue
        if style.startswith("paren") and REFERENCE_RE.match(follow):
            continue
        prev = line[start - 1]
        if prev in STOPS or prev in CLOSING:
            before = "stop"
        elif prev in " \u3000":
            before = "space"
        elif ("\u4e00" <= prev <= "\u9fff" and prev != "第") or prev in "：:":
            before = "glued"  # glued to a heading: 二、重点任务1.…… 二、重点任务：1.……
        else:
            continue
        out.append(Break(start, style, value, before))
    return out


def _is_heading(segment: str) -> bool:
    """Whether a segment of a line is a heading (or a title) that a marker may be glued to."""
    text = segment.strip().rstrip("：:")
    return 0 < len(text) <= MAX_HEADING and HEADING_PUNCT_RE.search(text) is None


def breaks(line: str) -> list[Break]:
    """The markers inside ``line`` that start paragraphs (see the module's rules).

        >>> [(b.style, b.value) for b in breaks("二、重点任务1.做好财政公开。（县财政局负责）2.推进统计公开。")]
        [('arabic', 1), ('arabic', 2)]
        >>> breaks("（一）做好公开。1.公开预算。2.公开决算。"), breaks("按照本方案（一）的要求，提高1.5倍。")
        ([], [])
    """
    cands = _candidates(line)
    if not cands:
        return []
    lead = parse_marker(line)
    last: dict[str, int] = {lead.style: lead.value} if lead is not None else {}
    order: list[str] = list(last)  # styles by first appearance: the higher levels first
    since: dict[str, set[str]] = {s: set() for s in last}  # styles accepted since each style's last marker
    accepted: list[Break] = []
    seg_start = 0
    for k, b in enumerate(cands):
        f, v = b.style, b.value
        segment = line[seg_start:b.pos]
        continues = f in last and v == last[f] + 1
        higher = {s for s in since.get(f, set()) if s in order and order.index(s) < order.index(f)}
        starts = v == 1 and (f not in last or bool(higher))
        if not (continues or starts):
            continue
        if b.before == "glued" and continues and (lead is None or accepted):
            pass  # the next number of a sequence in a page run together: glued to whatever ends the item
        elif b.before == "glued":
            if f == "cn":
                # the plan's title, then its first section: at the start of a line without a marker, or
                # after the name of a plan (chrome may stand before it)
                if not ((seg_start == 0 and lead is None and _is_heading(segment)) or TITLE_END_RE.search(segment)):
                    continue
            elif not (_is_heading(segment) or TITLE_END_RE.search(segment)):
                continue
            if starts and parse_marker(segment) is None and not TITLE_END_RE.search(segment) \
                    and not any(c.style == f and c.value == 2 for c in cands[k + 1:]):
                continue  # glued to text that is neither a numbered heading nor a plan's name: a list has a second item
        if starts and f not in last and lead is not None and not _is_heading(segment) and not accepted:
            continue  # a list inside a numbered paragraph: the paragraph's own items
        accepted.append(b)
        last[f] = v
        if f not in order:
            order.append(f)
        for s in since:
            since[s].add(f)
        since[f] = set()
        seg_start = b.pos
    return accepted


def is_run_on(line: str) -> bool:
    """A line that holds several paragraphs, and is not a table row."""
    if "\t" in line or line.count("|") + line.count("｜") >= 2:
        return False
    if _inner_marker_hint(line) and breaks(line):
        return True
    return len(line) > RUN_ON_MIN and len(SPACE_RUN_RE.findall(line.strip())) >= MIN_SPACE_RUNS


def split_run_on(line: str) -> list[str]:
    """A page scraped without its line breaks, as one line: its paragraphs.

        >>> split_run_on("某县2022年政务公开工作要点  一、加强公开（一）公开预算。（县财政局负责）（二）公开决算。")
        ['某县2022年政务公开工作要点', '一、加强公开', '（一）公开预算。（县财政局负责）', '（二）公开决算。']
        >>> split_run_on("某县2020年政务公开实施方案为深入贯彻落实要求，制定本方案。一、工作目标进一步加大公开力度。"
        ...              "二、工作任务(一)深化公开。1.公开预算。2.2020年6月底前公开决算。")
        ['某县2020年政务公开实施方案', '为深入贯彻落实要求，制定本方案。', '一、工作目标', '进一步加大公开力度。', '二、工作任务', '(一)深化公开。', '1.公开预算。', '2.2020年6月底前公开决算。']
        >>> split_run_on("某县2023年工作要点 一、总体要求 稳步推进。 二、重点任务 （一）公开预算。（县财政局负责）")
        ['某县2023年工作要点', '一、总体要求', '稳步推进。', '二、重点任务', '（一）公开预算。（县财政局负责）']
    """
    glued = GLUED_TITLE_RE.match(line)
    if glued:
        line = line[: glued.end()] + "  " + line[glued.end():]
    found = breaks(line)
    cuts = {b.pos for b in found}
    cuts.update(m.end() for m in SPACE_RUN_RE.finditer(line))
    if sum(1 for b in found if b.before == "space") >= 2:
        cuts.update(_space_breaks(line))
    elif found and parse_marker(line) is None:
        # the page's head before its first section: chrome, title, issuer and date one space apart
        cuts.update(c for c in _space_breaks(line) if c < found[0].pos)
    out: list[str] = []
    start = 0
    for cut in sorted(cuts) + [len(line)]:
        piece = line[start:cut].strip(" \u3000")
        start = cut
        if not piece:
            continue
        heading = GLUED_HEADING_RE.match(piece)
        if heading:
            out.extend((piece[: heading.end()], piece[heading.end():]))
        else:
            out.append(piece)
    return out


def _space_breaks(line: str) -> list[int]:
    """Single spaces between Chinese text outside brackets: where a page that wrote its paragraphs one
    space apart had its line breaks."""
    cuts, depth = [], 0
    for i, ch in enumerate(line):
        if ch != " ":
            depth = _depth_after(depth, ch)
        elif depth == 0 and 0 < i < len(line) - 1:
            before, after = line[i - 1], line[i + 1]
            if CJK_RE.match(before) and (CJK_RE.match(after) or DATE_START_RE.match(line, i + 1)):
                piece = line[cuts[-1] if cuts else 0:i].strip()
                if parse_marker(piece) is None and parse_marker(piece + "文") is not None:
                    continue  # 第一部分 推进……: a marker and its heading
                cuts.append(i + 1)
    return cuts
