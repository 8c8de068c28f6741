"""Time expressions → deadlines (ISO dates) and recurrences.

Kinds of deadline:

- ``by``: a date to finish by. Written with the year (``2023年10月30日前``, ``2020年9月底前``) or
  without it (``12月底前``, ``年底前``, ``上半年``, ``三季度末``, ``6月中旬``), in which case the year
  is the plan's year.
- ``ongoing``: no end (``长期坚持``, ``持续推进`` in a time-limit cell), no date.
- ``within``: a response limit (``5个工作日内``, ``不超过20个工作日``), no date.

>>> [(d.text, str(d.date), d.kind) for d in extract_deadlines("9月底前完成汇总，12月底前公开", 2020)]
[('9月底前', '2020-09-30', 'by'), ('12月底前', '2020-12-31', 'by')]
>>> [r.period for r in extract_recurrence("每季度至少更新一次，每年公布")]
['quarterly', 'yearly']
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from ..models import Deadline, Period, Recurrence
from ..scanning import by_first_chars

_Y = r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*(?:度\s*)?)"
_M = r"(?P<m>1[0-2]|0?[1-9])\s*月\s*(?:份\s*)?"
# Verbs that finish a piece of work: 年内出台, 2024—2025年完成, 6月30日前印发.
COMPLETION_VERBS = r"(?:完成|出台|印发|推出|建成|实现|制定|上线|发布|落地|投用|投入使用)"
# After a day, only these make it a deadline (2019年5月13日印发 is the date of signing).
_CUE = r"(?:前|之前|以前|为止|止|底前|内完成|完成|上线|实现)"

# Each pattern has a name; its groups give year (y), month (m), day (d), part of month or year. Each
# starts with a look-ahead for its possible first characters; text is scanned with SCANNING_PATTERNS.
DEADLINE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 2023年10月30日前, 10月30日前, 于2023年6月30日完成
    ("day", re.compile(rf"(?=\d){_Y}?{_M}(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号]\s*(?P<cue>{_CUE})?")),
    # 2020年9月底前, 9月底前, 9 月末
    ("month_end", re.compile(rf"(?=\d){_Y}?{_M}(?:底|末)\s*(?:前|之前|以前)?")),
    # 2022年11月前: by the end of that month
    ("month_before", re.compile(rf"(?=\d){_Y}?{_M}(?:前|之前|以前)")),
    # 6月中旬, 6月上旬前
    ("month_part", re.compile(rf"(?=\d){_Y}?{_M}(?P<part>上旬|上中旬|中旬|中下旬|下旬)\s*(?:前|之前)?")),
    # 年底前, 今年底, 2019年底前, 年内完成
    ("year_end", re.compile(
        r"(?=[\d今本年])(?<!每年)(?<![每历往])(?:(?P<y>(?:19|20)\d{2})\s*年(?:\s*年|度)?|今年|本年度?|年)\s*(?:底|末)\s*(?:前|之前)?"
        rf"|(?=[今本年])(?<![每历往近多\d])(?:今年|本年度?|年)内(?={COMPLETION_VERBS}|全面|基本|全部)"
        rf"|(?=\d)(?P<y2>(?:19|20)\d{{2}})\s*年(?:度)?内(?={COMPLETION_VERBS}|全面|基本|全部)"  # 2022年内完成
    )),
    # 2024—2025年完成: by the end of the range's last year
    ("year_span", re.compile(
        r"(?=\d)(?<!\d)(?:19|20)\d{2}\s*年?\s*(?:[—–－~～]+|-|至|到)\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?:底|末)?\s*(?:前|之前)?"
        rf"(?=\s*(?:全面|基本|全部|逐步)?{COMPLETION_VERBS})"
    )),
    # 上半年, 下半年
    ("half", re.compile(rf"(?=[\d上下])(?<![每]){_Y}?(?P<half>上|下)半年\s*(?:前|之前|底前|末)?")),
    # 一季度, 三季度末, 第二季度前
    ("quarter", re.compile(
        rf"(?=[\d第一二三四])(?<![每各]){_Y}?第?(?P<q>[一二三四1-4])\s*季度\s*(?:末|底)?\s*(?:前|之前)?"
    )),
]
# What each pattern's matches start with (its leading look-ahead, which the engine tries at every
# position); the patterns are scanned for by these (see :mod:`gkparse.scanning`).
FIRST_CHARS: dict[str, str] = {
    "day": r"\d", "month_end": r"\d", "month_before": r"\d", "month_part": r"\d", "year_end": r"[\d今本年]",
    "year_span": r"\d", "half": r"[\d上下]", "quarter": r"[\d第一二三四]",
}
SCANNING_PATTERNS: dict[str, re.Pattern[str]] = {
    kind: by_first_chars(FIRST_CHARS[kind], pattern.pattern) for kind, pattern in DEADLINE_PATTERNS
}


def scan(kind: str, text: str, start: int = 0) -> Iterator[re.Match[str]]:
    """The matches of the ``kind`` pattern in ``text`` from ``start``, as ``finditer`` gives them (each
    after the one before), through its scanning form: a match's span and text are those of group ``all``.

        >>> [m.group("all") for m in scan("month_end", "2020年9月底前完成，10月末前")]
        ['2020年9月底前', '10月末前']
    """
    after = start
    for m in SCANNING_PATTERNS[kind].finditer(text, start):
        if m.start() >= after:  # the scanning form tries every position: skip those inside the last match
            after = m.end("all")
            yield m


# Characters a pattern cannot match without: one of each group. The text is scanned for all of them at
# once, and a pattern runs only when each of its groups is present.
PATTERN_CHARS: dict[str, tuple[frozenset[str], ...]] = {
    "day": (frozenset("日号"), frozenset("月")),
    "month_end": (frozenset("底末"), frozenset("月")),
    "month_part": (frozenset("旬"), frozenset("月")),
    "month_before": (frozenset("前"), frozenset("月")),
    "year_end": (frozenset("底末内"),),
    "year_span": (frozenset("—–－~～-至到"), frozenset("年")),
    "half": (frozenset("半"),),
    "quarter": (frozenset("季"),),
}
YEAR_END_GATE_RE = re.compile(r"年\s*(?:度\s*)?(?:[底末]|内)")  # 年 and 内 alone are everywhere
GATE_CHARS = frozenset().union(*(group for groups in PATTERN_CHARS.values() for group in groups))
GATE_RE = re.compile("[" + re.escape("".join(sorted(GATE_CHARS | set("超长")))) + "]")
# A day-only date counts as a deadline when it has a cue after it, or a cue word before it.
DAY_PREFIX_RE = re.compile(r"(?:于|在|截至|截止|截止到|并于)\s*$")
# Not deadlines: the end of the period a policy applies (实施期限至2021年12月31日, 执行到2022年4月30日止),
# the start of a range (2019年1月1日至12月31日), a start point (自2021年1月1日起), a goal year (到2023年底，
# 基本建成……) unless a cue says it is a time to finish by (到2021年底前完成).
PERIOD_BEFORE_RE = re.compile(r"(?:实施|执行|施行|有效期|期限|延长|延续|适用|享受)[^，。；,;]{0,8}$")
RANGE_START_RE = re.compile(r"\s*(?:[—–－~～]+|-|至|到)\s*(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月")
START_POINT_RE = re.compile(r"\s*(?:起|开始|以来|之日起)")
GOAL_BEFORE_RE = re.compile(r"(?:到|至|力争|预计)\s*$")
GOAL_CUE_RE = re.compile(rf"\s*(?:前|之前|以前|全面{COMPLETION_VERBS}|{COMPLETION_VERBS})")
# A half-year or quarter that names the data a verb works on (完成上半年价格信息归集, 公开一季度数据), not
# a time to finish by: a verb right before it, and no cue (前, 末, 完成 …) right after it.
OBJECT_VERB_BEFORE_RE = re.compile(
    rf"(?:{COMPLETION_VERBS}|公开|归集|报送|汇总|统计|总结|通报|梳理|分析|编制|报告|核查|审核)\s*(?:全市|全县|全区|本级)?\s*前?$"
)
PART_CUE_AFTER_RE = re.compile(rf"\s*(?:[前底末内]|之前|以前|{COMPLETION_VERBS}|全面|基本|全部|[，,。；;、）)]|$)")
# Response limits: no date.
WITHIN_RE = re.compile(
    r"(?:不超过|不得超过)?\s*(?P<n>\d{1,3}|[一二三四五六七八九十两]{1,3})\s*个?\s*(?:工作日|自然日|日|天|个月|小时)\s*(?:内|以内)?"
)
# The same from its number on, written to open with the set of the number's characters (digits or
# Chinese numerals, one kind in a number) so that the scan skips other text at C speed; the words before
# the number (不超过 and spaces) are taken by :func:`_within_spans`.
_WITHIN_FROM_NUMBER_RE = re.compile(
    r"(?P<n>[\d一二三四五六七八九十两](?:(?<=\d)\d{0,2}|(?<=[一二三四五六七八九十两])[一二三四五六七八九十两]{0,2}))"
    r"\s*个?\s*(?:工作日|自然日|日|天|个月|小时)\s*(?:内|以内)?"
)
_WITHIN_PREFIXES = ("不超过", "不得超过")
# A response limit holds one of these: 5个工作日内, 3天以内, 不超过20个工作日.
# One character class first, so that the scan skips other text at C speed.
WITHIN_GATE_RE = re.compile(r"[日天月时不](?:(?:(?<=[日天月])|(?<=小时))\s*以?内|(?<=不)得?超过)")
WITHIN_CUE_RE = re.compile(r"内|以内|不超过|不得超过")
# In a time-limit cell only: a month or a year on its own.
BARE_MONTH_RE = re.compile(rf"(?=\d){_Y}?(?P<m>1[0-2]|0?[1-9])\s*月(?:份)?(?![\d日号])")
BARE_YEAR_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:度)?(?!\s*\d)")
# A month written with a dot: 2024.6, 2025.1 (2024.6.30 is a day).
DOTTED_RE = re.compile(r"(?<![\d.．])(?P<y>(?:19|20)\d{2})\s*[.．]\s*(?P<m>1[0-2]|0?[1-9])(?:\s*[.．]\s*(?P<d>3[01]|[12]\d|0?[1-9]))?(?![\d.．])")
RANGE_NEXT_RE = re.compile(r"\s*(?:[—–－~～]+|-|至|到)")
# The year after the plan's: 次年1月31日前.
NEXT_YEAR_RE = re.compile(r"(?:次年|明年|翌年|下一年)\s*$")
LONG_TERM_RE = re.compile(r"长期坚持|长期执行")
ONGOING_RE = re.compile(r"长期坚持|长期推进|长期执行|长期开展|持续推进|持续开展|常态化推进|长期")

# Recurrence words and their period.
RECURRENCES: list[tuple[re.Pattern[str], Period]] = [
    (re.compile(r"每(?:天|日)|逐日|按日"), "daily"),
    (re.compile(r"每周|每星期|按周"), "weekly"),
    (re.compile(r"每(?<![人户]每)(?:个)?月|按月"), "monthly"),  # not 每人每月: a rate; not 月度指标
    (re.compile(r"每(?:个)?季度?|按季度?|季度(?:更新|公开|通报)"), "quarterly"),
    (re.compile(r"每半年|半年度"), "half-yearly"),
    (re.compile(r"每(?:一)?年|每年度|按年度?|年度更新"), "yearly"),  # not 年度报告: the annual report, once
]

# Any recurrence: one scan decides whether the patterns run one by one.
RECURRENCE_GATE_RE = re.compile("|".join(pattern.pattern for pattern, _ in RECURRENCES))

CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=1024)
def _runnable(present: frozenset[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns that can match a text holding the gate characters ``present``."""
    return tuple(
        (kind, pattern)
        for kind, pattern in DEADLINE_PATTERNS
        if all(not present.isdisjoint(group) for group in PATTERN_CHARS[kind])
    )


YEAR_LEAD_CHARS = frozenset("0123456789今本 \t\u3000")


def _year_start(text: str, i: int) -> int:
    """Where a year expression ending at ``i`` (2019年, 今年, 本年; 2021年年底: the first 年) can start."""
    if i > 1 and text[i - 1] == "年" and text[i - 2].isdigit():
        i -= 1
    while i > 0 and text[i - 1] in YEAR_LEAD_CHARS:
        i -= 1
    return i


def _resolve(kind: str, m: re.Match[str], year: int | None) -> dt.date | None:
    written = m.group("y") or (m.group("y2") if kind == "year_end" else None)  # every pattern has the group y
    y = int(written) if written else year
    if y is None:
        return None
    try:
        if kind == "day":
            return dt.date(y, int(m.group("m")), int(m.group("d")))
        if kind in ("month_end", "month_before"):
            return _last_day(y, int(m.group("m")))
        if kind == "month_part":
            month = int(m.group("m"))
            return {"上旬": dt.date(y, month, 10), "上中旬": dt.date(y, month, 20), "中旬": dt.date(y, month, 20)}.get(
                m.group("part"), _last_day(y, month)
            )
        if kind in ("year_end", "year_span"):
            return dt.date(y, 12, 31)
        if kind == "half":
            return dt.date(y, 6, 30) if m.group("half") == "上" else dt.date(y, 12, 31)
        if kind == "quarter":
            return _last_day(y, CN_QUARTER[m.group("q")] * 3)
    except ValueError:
        return None
    return None


def extract_deadlines(text: str, year: int | None, time_cell: bool = False) -> list[Deadline]:
    """Deadlines stated in ``text``; ``year`` resolves dates written without one.

    ``time_cell``: the text is a table's time-limit cell, where a bare date or 长期 is a deadline.

    >>> [(d.text, str(d.date)) for d in extract_deadlines("2023年10月30日前完成清理；年底前公开", 2023)]
    [('2023年10月30日前', '2023-10-30'), ('年底前', '2023-12-31')]
    >>> extract_deadlines("历年内容重复的要进行通报", 2019)
    []
    >>> [(d.text, d.kind) for d in extract_deadlines("答复期限不超过 5 个工作日", 2023)]
    [('不超过 5 个工作日', 'within')]
    """
    found: list[tuple[int, int, Deadline]] = []
    present = frozenset(GATE_RE.findall(text))
    if not present and not time_cell:
        return []  # no time word at all: the common case for a sentence
    # 1 where a deadline already found stands (made at the first one): each check costs its match's length
    taken: bytearray | None = None

    def free(a: int, b: int) -> bool:
        return taken is None or taken.find(1, a, b) < 0

    def take(a: int, b: int) -> None:
        nonlocal taken
        if taken is None:
            taken = bytearray(len(text))
        taken[a:b] = b"\x01" * (b - a)

    for kind, _pattern in _runnable(present):
        start = 0
        if kind == "year_end":
            gate = YEAR_END_GATE_RE.search(text)
            if not gate:
                continue
            start = _year_start(text, gate.start())  # no match can start before the first gate's year
        for m in scan(kind, text, start):
            a, b = m.span("all")
            if not free(a, b):
                continue
            if kind == "day" and not (m.group("cue") or time_cell or DAY_PREFIX_RE.search(text[max(0, a - 4): a])):
                continue
            if not time_cell and _not_a_deadline(kind, text, a, b):
                continue
            date = _resolve(kind, m, year + 1 if year and NEXT_YEAR_RE.search(text, max(0, a - 3), a) else year)
            if date is None:
                continue
            take(a, b)
            found.append((a, b, Deadline(text=m.group("all").strip(), date=date, kind="by")))
    maybe_within = ("内" in present or "超" in present) and WITHIN_GATE_RE.search(text)
    for a, b in _within_spans(text) if maybe_within else ():
        if free(a, b) and WITHIN_CUE_RE.search(text, a, b):
            take(a, b)
            found.append((a, b, Deadline(text=text[a:b].strip(), date=None, kind="within")))
    if time_cell and not found:
        found.extend(_bare_time_cell(text, year))
    if time_cell and not found:
        m = ONGOING_RE.search(text)
        if m:
            found.append((m.start(), m.end(), Deadline(text=m.group(0), date=None, kind="ongoing")))
    elif "长" in present:
        for m in LONG_TERM_RE.finditer(text):
            if free(*m.span()):
                found.append((m.start(), m.end(), Deadline(text=m.group(0), date=None, kind="ongoing")))
    found.sort(key=lambda t: t[0])
    out: list[Deadline] = []
    seen: set[tuple[object, str, str]] = set()
    for _, _, d in found:
        key = (d.date, d.kind, d.text if d.date is None else "")
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _within_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of :data:`WITHIN_RE`'s matches in ``text``, in order: each number and its time unit, then
    back over the spaces before the number and a 不超过 / 不得超过 right before them (never into the span
    before)."""
    floor = 0
    for m in _WITHIN_FROM_NUMBER_RE.finditer(text):
        a = m.start()
        while a > floor and text[a - 1].isspace():
            a -= 1
        for prefix in _WITHIN_PREFIXES:
            if text.endswith(prefix, floor, a):
                a -= len(prefix)
                break
        floor = m.end()
        yield a, floor


def _not_a_deadline(kind: str, text: str, a: int, b: int) -> bool:
    """A date that bounds a policy period, starts a range or a validity, or states a goal year."""
    before = text[max(0, a - 12): a]
    if kind in ("day", "month_end", "month_before") and (
        PERIOD_BEFORE_RE.search(before) or RANGE_START_RE.match(text, b) or START_POINT_RE.match(text, b)
    ):
        return True
    if kind == "day" and RANGE_START_RE.match(text, b - 1 if text[b - 1: b] in "前止" else b):
        return True
    if kind in ("half", "quarter") and OBJECT_VERB_BEFORE_RE.search(before) and not PART_CUE_AFTER_RE.match(text, b):
        return True
    if kind in ("year_end", "month_end") and GOAL_BEFORE_RE.search(before) and not text[b - 1: b] == "前":
        return not GOAL_CUE_RE.match(text, b)
    return False


def _bare_time_cell(text: str, year: int | None) -> list[tuple[int, int, Deadline]]:
    """A time-limit cell may name just a month (``2021年6月``, ``6月``) or a year (``2021年``): the end
    of that month or year."""
    months = []
    for m in BARE_MONTH_RE.finditer(text):  # 2022年6月、12月: each month, the year carried on
        year = int(m.group("y")) if m.group("y") else year
        if RANGE_NEXT_RE.match(text, m.end()) or START_POINT_RE.match(text, m.end()):
            continue  # 2022年3月—6月, 2022年3月起: the start of a range or of the work is no deadline
        if year is not None:
            months.append((m.start(), m.end(), Deadline(text=m.group(0), date=_last_day(year, int(m.group("m"))), kind="by")))
    if months:
        return months
    for m in DOTTED_RE.finditer(text) if "." in text or "．" in text else ():  # 2024.6 → 2024-06-30
        if RANGE_NEXT_RE.match(text, m.end()) or START_POINT_RE.match(text, m.end()):
            continue
        y, month = int(m.group("y")), int(m.group("m"))
        try:
            date = dt.date(y, month, int(m.group("d"))) if m.group("d") else _last_day(y, month)
        except ValueError:
            continue
        months.append((m.start(), m.end(), Deadline(text=m.group(0), date=date, kind="by")))
    if months:
        return months
    m = BARE_YEAR_RE.search(text)
    if m and not START_POINT_RE.match(text, m.end()):  # 2024年起持续推进: a start point, then ongoing
        return [(m.start(), m.end(), Deadline(text=m.group(0), date=dt.date(int(m.group("y")), 12, 31), kind="by"))]
    return []


def extract_recurrence(text: str) -> list[Recurrence]:
    """Recurring obligations in ``text``, one per period, in order of appearance."""
    if not RECURRENCE_GATE_RE.search(text):
        return []
    hits: list[tuple[int, Recurrence]] = []
    for pattern, period in RECURRENCES:
        m = pattern.search(text)
        if m:
            end = _clause_end(text, m.end())
            hits.append((m.start(), Recurrence(text=text[m.start(): end], period=period)))
    return [r for _, r in sorted(hits, key=lambda h: h[0])]


CLAUSE_END_RE = re.compile(r"[，。；,;\n（()）]")


def _clause_end(text: str, start: int) -> int:
    """End of the clause from ``start``: its punctuation, a bracket (每周一更新（责任科室：门诊部）; ……负责，
    每季度更新）), or 20 characters on."""
    m = CLAUSE_END_RE.search(text, start)
    return min(m.start() if m else len(text), start + 20)
