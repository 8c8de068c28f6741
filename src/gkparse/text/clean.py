"""Clean: drop page chrome and spam, normalize whitespace, rejoin broken sentences.

Every dropped line (or glued spam suffix) is returned as a :class:`~gkparse.models.RemovedLine` with its
1-based line number in the input of :func:`clean`, so an analyst can audit what went.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..models import RemovedLine
from .boilerplate import SPAM_START_RE, is_chrome, judge_line, spam_possible
from .reflow import reflow
from .runon import RUN_ON_MIN, inner_hint_lines, is_run_on, split_run_on

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
    spam_lines = _lines_matching(SPAM_START_RE, text) if spam_possible(text) else set()
    numbered = inner_hint_lines(text)  # only these, and long lines, can be run-on
    for number, whole in enumerate(text.split("\n"), start=1):
        maybe_run_on = number in numbered or len(whole) > RUN_ON_MIN
        pieces = split_run_on(whole) if maybe_run_on and is_run_on(whole) else None
        for line in pieces or (whole,):
            if number not in spam_lines and not is_chrome(line.strip()):
                kept.append(line)  # a page without spam: only the chrome rules apply
                continue
            verdict = judge_line(line)
            if verdict.reason is not None:
                removed.append(RemovedLine(line=number, reason=verdict.reason, text=verdict.dropped.strip()))
                if not verdict.text:
                    continue
            kept.append(verdict.text)
    return Cleaned("\n".join(kept), removed)


def _lines_matching(pattern: re.Pattern[str], text: str) -> set[int]:
    """Numbers (1-based) of the lines where ``pattern`` matches, found in one scan of the text (the lines
    with a strong spam term: the other lines need only the chrome rules)."""
    numbers: set[int] = set()
    line, pos = 1, 0
    for m in pattern.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        numbers.add(line)
    return numbers


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
