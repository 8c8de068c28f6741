"""Clean: drop page chrome and spam, normalize whitespace, rejoin broken sentences.

Every dropped line (or glued spam suffix) is returned as a :class:`~gkparse.models.RemovedLine` with its
1-based line number in the input of :func:`clean`, so an analyst can audit what went.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..models import RemovedLine
from .boilerplate import SPAM_STRONG_RE, is_chrome, judge_line
from .reflow import reflow

# Stripped from both ends of every line. TAB is not: tabs separate table cells, and a line that is
# just a TAB is an empty cell.
EDGE_SPACES = (
    " "
    "\N{IDEOGRAPHIC SPACE}"
    "\N{NO-BREAK SPACE}"
    "\N{NARROW NO-BREAK SPACE}"
    "\N{EN SPACE}\N{EM SPACE}\N{THIN SPACE}"
    "\x0b\x0c"  # vertical tab, form feed (a page break)
)


# A line this long may be a whole page that lost its line breaks.
RUN_ON_MIN = 300
CN_NUM = "[一二三四五六七八九十]{1,3}"
# Where its paragraphs were: a run of spaces (two or more, or ideographic ones); before 一、 or （一） right
# after the end of a sentence or a closing bracket; before （一） right after a heading; between the plan's
# title and its first section.
# A cheap first test (it starts with a character class): a marker right after the end of a sentence.
RUN_ON_HINT_RE = re.compile(r"[。；！？）)]\s*(?:" + CN_NUM + "、|[（(]" + CN_NUM + "[）)])")
RUN_ON_BREAK_RE = re.compile(
    r"(?:[ \u3000]{2,}|\u3000)+"
    r"|(?<=[。；！？）)])\s*(?=" + CN_NUM + "、|[（(]" + CN_NUM + "[）)])"
    r"|(?<=[\u4e00-\u9fff])(?<!第)(?=[（(]" + CN_NUM + "[）)][\u4e00-\u9fff])"  # 加大公开力度（一）做好…: not 第（一）项
    r"|(?<=要点|方案|分工|清单|计划|任务)(?=一、)"  # the plan's title, then its first section
    # 1.把公开透明…, 2.2020年10月底前… after the end of a sentence: not 1.5倍
    r"|(?<=[。；！？])\s*(?=\d{1,2}[.．、](?:[\u4e00-\u9fff]|(?:19|20)\d\d\s*年))"
)
# The plan's title glued to its opening sentence: ……工作要点实施方案为深入贯彻落实……
GLUED_TITLE_RE = re.compile(
    r"^([^，。；：:,\s]{4,60}?(?:要点|方案|计划|清单|分工|细则|意见))(?=为(?:深入|全面|进一步|认真|切实|贯彻|落实|加快|推进|做好)"
    r"|根据|按照|依据)"
)
# A section's heading glued to its text: 一、工作目标紧紧围绕…… (not 一、工作任务和责任分工).
GLUED_HEADING_RE = re.compile(
    r"^(" + CN_NUM + "、(?:工作目标|总体目标|主要目标|目标任务|总体要求|指导思想|基本原则|工作原则|工作任务|主要任务"
    r"|重点任务|工作要求|保障措施|组织领导|实施步骤))(?=[\u4e00-\u9fff])(?![和及与])"
)


class Cleaned(NamedTuple):
    """Clean text and the lines (or line ends) that were dropped from it."""

    text: str
    removed: list[RemovedLine]


def normalize_whitespace(text: str) -> str:
    """Strip spaces at line edges (not tabs), collapse blank-line runs, drop blank lines at both ends.

        >>> normalize_whitespace("\\n\\n  一、总体要求\\u3000\\n\\n\\n\\t\\n\\t重点任务 \\n\\n")
        '一、总体要求\\n\\n\\t\\n\\t重点任务'
    """
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip(EDGE_SPACES)
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def remove_boilerplate(text: str) -> Cleaned:
    """Drop chrome and spam lines, and spam glued to the end of content lines.

        >>> remove_boilerplate("首页 > 政务公开\\n一、加强解读回应\\n来源：省政府办公厅").text
        '一、加强解读回应'
    """
    kept: list[str] = []
    removed: list[RemovedLine] = []
    spam_possible = SPAM_STRONG_RE.search(text) is not None
    for number, whole in enumerate(text.split("\n"), start=1):
        pieces = split_run_on(whole) if len(whole) > RUN_ON_MIN and _is_run_on(whole) else None
        for line in pieces or (whole,):
            if not spam_possible and not is_chrome(line.strip()):
                kept.append(line)  # a page without spam: only the chrome rules apply
                continue
            verdict = judge_line(line)
            if verdict.reason is not None:
                removed.append(RemovedLine(line=number, reason=verdict.reason, text=verdict.dropped.strip()))
                if not verdict.text:
                    continue
            kept.append(verdict.text)
    return Cleaned("\n".join(kept), removed)


def _is_run_on(line: str) -> bool:
    """A long line that shows where its paragraphs were, and is not a table row."""
    inner = line.strip()
    return (
        "\t" not in line
        and line.count("|") < 2
        and ("  " in inner or "\u3000" in inner or RUN_ON_HINT_RE.search(line) is not None)
    )


def split_run_on(line: str) -> list[str]:
    """A page scraped without its line breaks, as one long line: split it where paragraphs were (a run of
    spaces) and before section and task markers (一、 （一）) that follow the end of a sentence.

        >>> split_run_on("某县2022年政务公开工作要点  一、加强公开（一）公开预算。（县财政局负责）（二）公开决算。")
        ['某县2022年政务公开工作要点', '一、加强公开', '（一）公开预算。（县财政局负责）', '（二）公开决算。']
        >>> split_run_on("某县2020年政务公开实施方案为深入贯彻落实要求，制定本方案。一、工作目标进一步加大公开力度。"
        ...              "二、工作任务(一)深化公开。1.公开预算。2.2020年6月底前公开决算。")
        ['某县2020年政务公开实施方案', '为深入贯彻落实要求，制定本方案。', '一、工作目标', '进一步加大公开力度。', '二、工作任务', '(一)深化公开。', '1.公开预算。', '2.2020年6月底前公开决算。']
    """
    glued = GLUED_TITLE_RE.match(line)
    if glued:
        line = line[: glued.end()] + "  " + line[glued.end():]
    out: list[str] = []
    for piece in RUN_ON_BREAK_RE.split(line):
        if not piece.strip():
            continue
        heading = GLUED_HEADING_RE.match(piece)
        if heading:
            out.extend((piece[: heading.end()], piece[heading.end():]))
        else:
            out.append(piece)
    return out


def clean(text: str) -> Cleaned:
    """Boilerplate and spam out, whitespace normalized, broken sentences rejoined.

        >>> cleaned = clean("首页\\n日期:2019-05-17 09:15\\n\\n  （一）强化组织领导。定期听\\n\\n取汇报。\\n")
        >>> cleaned.text
        '（一）强化组织领导。定期听取汇报。'
        >>> [(r.line, r.reason) for r in cleaned.removed]
        [(1, 'boilerplate'), (2, 'boilerplate')]
    """
    without = remove_boilerplate(text)
    return Cleaned(reflow(normalize_whitespace(without.text)), without.removed)
