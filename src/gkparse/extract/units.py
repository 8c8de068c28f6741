"""The unit clauses of a task's text → its units with roles.

Work plans name the units of a task in a clause, most often in brackets at the end of the task
(``（省发展改革委、省财政厅分别牵头落实）``), as labelled fields (``牵头单位：…；责任单位：…``), as a
table cell, or inline (``由市财政局牵头，各区配合``). This module finds the clauses in a task's text;
:mod:`.clauses` reads one clause, :mod:`.names` splits its unit lists.

>>> [(u.name, u.role) for u in extract_units("做好信息公开。（省发展改革委、省财政厅分别牵头落实）")]
[('省发展改革委', 'lead'), ('省财政厅', 'lead')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..caching import clear_text_caches
from ..models import Unit
from .brackets import CLAUSE_BODY, CLOSE, CLOSE_CLASS, NOT_BRACKET, OPEN_CLASS, has_open
from .clauses import (
    COLON_LABELS,
    LABEL_RE,
    LABELLED_BRACKET_RE,
    LABELS,
    LABELS_WITH_SHORT,
    ROLE_START_RE,
    ROLE_WORDS_ONLY_RE,
    TIME_LABELS,
    _find_role_start,
    _next_comma,
    _normalize_clause,
    _parse_clause,
    parse_unit_clause,
    role_of,
)
from .names import NOT_A_NAME_RE, _split_units, clean_unit, looks_like_unit, split_top, split_units

__all__ = [
    "COLON_LABELS", "LABELLED_BRACKET_RE", "LABELS", "LABELS_WITH_SHORT", "LABEL_AFTER_TEXT_RE", "LABEL_RE", "TIME_LABELS",
    "clean_unit", "clear_caches", "extract_unit_clauses", "extract_units", "looks_like_unit", "parse_unit_clause", "role_of", "split_units",
    "trailing_clause",
]

MAX_SHORT_NAME = 12  # a short name in a clause with role words is a unit even with an unusual ending

SENTENCE_RE = re.compile(r"[^。；;]+[。；;]*")  # a sentence with its end punctuation

INLINE_LEAD_RE = re.compile(r"^由(.+?)(牵头|负责)(.*)$")

# 由X牵头 after a comma inside a sentence: ……热点问题，由县融媒体中心牵头、县委宣传部配合，……
INNER_LEAD_RE = re.compile(r"[，,]由(?=[^，,。；;]*?(?:牵头|负责))")

# The first label of labelled clauses that follow a task's text on its own line: …。牵头单位：…；配合单位：…
LABEL_AFTER_TEXT_RE = re.compile(
    r"[。；;]\s*(?=(?:" + COLON_LABELS + r")\s*[:：])"
)

# A task that opens with its units and a colon: 财政局、审计局：负责……
LEADING_UNITS_RE = re.compile(r"^([^：:，,。；;]{2,40})[：:]")

MAX_INLINE_CLAUSE = 60  # an inline unit clause is a short sentence

# 由X会同Y研究提出落实意见: 由 names the units that do the work, up to the verb of the work.
AGENT_RE = re.compile(r"(?:^|(?<=[，,]))由(?=[^，,。；;]{3})")
WORK_VERB_RE = re.compile(r"研究|制定|制订|提出|组织|起草|编制|修订|出台|开展|推进|建立|完善|统一|统筹|会商|共同")

CLAUSE_WINDOW = 800  # a unit clause sits in the last few hundred characters of a task

TRAILING_CLAUSE_RE = re.compile(f"{OPEN_CLASS}({CLAUSE_BODY}){CLOSE_CLASS}+[。.；;]?\\s*$")
TRAILING_STOPS = "。.；;"  # what may follow the clause's closing bracket

@lru_cache(maxsize=256)
def trailing_clause(text: str) -> tuple[str, str] | None:
    """The bracketed clause at the end of a task's text and the text before it.

    >>> trailing_clause("做好信息公开。（各市、县〔区〕人民政府按职责分别负责落实）")
    ('做好信息公开。', '各市、县〔区〕人民政府按职责分别负责落实')
    """
    text = text.rstrip()
    last = text[-2:-1] if text[-1:] in TRAILING_STOPS else text[-1:]
    if not last or last not in CLOSE:
        return None  # the text does not end with a closing bracket: no need to scan its end
    offset = max(0, len(text) - CLAUSE_WINDOW)
    m = TRAILING_CLAUSE_RE.search(text, offset)
    if not m:
        return None
    return text[: m.start()], m.group(1)

def extract_units(text: str) -> list[Unit]:
    """Units of a task from its text: the union of its bracketed clauses that close a sentence (the
    last one, and any after an earlier sentence: ……。（市交通委负责）……。（X、Y分别负责）), else a final
    labelled or inline sentence (由X牵头，Y配合 / 责任单位：X)."""
    seen: set[tuple[str, str]] = set()
    out: list[Unit] = []
    for clause in _extract_units(text):
        for unit in clause:
            if (unit.name, unit.role) not in seen:
                seen.add((unit.name, unit.role))
                out.append(unit)
    return out


def extract_unit_clauses(text: str) -> list[list[Unit]]:
    """The units of a task's text clause by clause (a document's conventions apply to each clause)."""
    return [list(clause) for clause in _extract_units(text)]


@lru_cache(maxsize=1024)
def _extract_units(text: str) -> tuple[tuple[Unit, ...], ...]:
    clauses = _closing_clauses(text)
    if clauses:
        return clauses
    units = _find_units(text)
    return (tuple(units),) if units else ()


# A bracketed clause, with brackets nested once inside: （各县（市、区）政府负责）, [责任单位：…], 【…】.
CLAUSE_RE = re.compile(f"{OPEN_CLASS}({CLAUSE_BODY}){CLOSE_CLASS}")
SENTENCE_ENDS = "。；;！？!?\n"
# A clause cut off by the end of the page: （国务院审改办、人力 — the units before the cut are whole.
CUT_CLAUSE_RE = re.compile(f"(?:^|(?<=[。；;！？\\n])){OPEN_CLASS}(?P<inner>{NOT_BRACKET}{{2,200}})$")


def _closing_clauses(text: str) -> tuple[tuple[Unit, ...], ...]:
    """Units of every bracketed clause that closes a sentence: right after one (……。（A负责）), glued
    before its end (……工作（A负责）。), or at the end of the text, in order. A clause that is not the last
    one needs role words or a label (（A负责）, [责任单位：A]); the last one may be a bare unit list."""
    text = text.rstrip()
    if not has_open(text):
        return ()
    out: list[tuple[Unit, ...]] = []
    found = list(CLAUSE_RE.finditer(text))
    for i, m in enumerate(found):
        a, b = m.span()
        after = text[b:].lstrip(CLOSE)
        last = not after.strip(" 。；;.")
        opens = a == 0 or text[a - 1] in SENTENCE_ENDS
        closes = last or after[:1] in SENTENCE_ENDS
        if not (opens or closes):
            continue
        inner = m.group(1)
        norm = _normalize_clause(inner)
        if not last and not (LABEL_RE.match(norm) or ROLE_START_RE.search(norm)):
            continue
        units = _clause_units(inner)
        if units:
            out.append(tuple(units))
    cut = CUT_CLAUSE_RE.search(text, max(0, len(text) - CLAUSE_WINDOW)) if not out or not found else None
    if cut:
        units = _cut_clause_units(cut.group("inner"))
        if units:
            out.append(tuple(units))
    return tuple(out)


def _cut_clause_units(inner: str) -> list[Unit]:
    """The whole units of a clause that the page cut off: its last name may be cut in the middle."""
    norm = _normalize_clause(inner)
    cut = max(norm.rfind(sep) for sep in "、，,；;：")
    if cut <= 0:
        return []
    head = norm[:cut]
    units = parse_unit_clause(head)
    if units and all(looks_like_unit(u.name) for u in units):
        return units
    return []


def _find_units(text: str) -> list[Unit]:
    # a labelled clause in brackets elsewhere: 加强政策解读（牵头单位：市政府办；配合单位：各县区）围绕……
    labelled = LABELLED_BRACKET_RE.search(text)
    if labelled:
        units = parse_unit_clause(labelled.group(1))
        if units:
            return units
    tail = text.strip()[-CLAUSE_WINDOW:]
    # labelled clauses after the task's text: …。牵头单位：…；配合单位：…；完成时限：…
    first_label = LABEL_AFTER_TEXT_RE.search(tail) if "：" in tail or ":" in tail else None
    if first_label:
        units = _clause_units(tail[first_label.end():].split("\n", 1)[0])  # to the end of its line
        if units:
            return units
    # a labelled clause or an inline clause as the last sentence(s)
    sentences = [s for s in SENTENCE_RE.findall(tail) if s.strip()]
    for sentence in reversed(sentences[-2:]):
        s = sentence.strip().rstrip("。；;")
        if LABEL_RE.match(s):
            units = parse_unit_clause(s)
            if units:
                return units
        m = INLINE_LEAD_RE.match(s)
        if m:
            units = parse_unit_clause(s[1:], strict=False)
            units = [u for u in units if looks_like_unit(u.name)]
            if units:
                return units
        units = _inline_clause(s)
        if units:
            return units
    return _inner_lead_clause(sentences) or _agent_clause(sentences) or _leading_clause(text)


def _agent_clause(sentences: list[str]) -> list[Unit]:
    """由X会同Y研究制定…… with no role word: the units after 由, up to the verb of the work, are
    responsible (a unit list with no role word)."""
    for sentence in reversed(sentences[-2:]):
        if "由" not in sentence:
            continue
        for m in AGENT_RE.finditer(sentence):
            for verb in WORK_VERB_RE.finditer(sentence, m.end() + 2):
                names = sentence[m.end(): verb.start()]
                if COMMA_OR_END_RE.search(names):
                    break
                units = parse_unit_clause(names, strict=True)
                if units:
                    return units
    return []


COMMA_OR_END_RE = re.compile(r"[，,。；;]")


def _leading_clause(text: str) -> list[Unit]:
    """Units named first, before the work: 党政办：负责…… / 综治办牵头，司法所配合，做好…… /
    社会事务办,退役军人服务站负责优抚政策公开."""
    first = SENTENCE_RE.match(text.strip())
    if first is None:
        return []
    sentence = _normalize_clause(first.group().rstrip("。；;"))
    colon = LEADING_UNITS_RE.match(sentence)
    if colon:
        names = split_units(colon.group(1))
        return [Unit(name=n, role="responsible") for n in names] if names and all(map(looks_like_unit, names)) else []
    kept: list[str] = []
    for part in split_top(sentence, "，,"):
        start = _find_role_start(part, 0)
        names = split_units(part[:start] if start is not None else part)
        if not names or not all(looks_like_unit(n) for n in names):
            break
        kept.append(part if start is None else part[: _next_comma(part, start)])
        if start is not None and not ROLE_WORDS_ONLY_RE.fullmatch(part, start):
            break  # 退役军人服务站负责优抚政策公开: the role phrase runs into the work
    if not kept or not any(_find_role_start(p, 0) for p in kept):
        return []
    clause = "，".join(kept)
    role_end = ROLE_START_RE.search(kept[-1])
    if role_end and not ROLE_WORDS_ONLY_RE.fullmatch(kept[-1], role_end.start()):
        clause = "，".join([*kept[:-1], kept[-1][: role_end.end()]])  # keep 负责, not the work after it
    return [u for u in parse_unit_clause(clause) if looks_like_unit(u.name)]

def _inner_lead_clause(sentences: list[str]) -> list[Unit]:
    """由X牵头 after a comma: the parts from 由 on that hold a role word are the clause."""
    for sentence in reversed(sentences[-2:]):
        m = INNER_LEAD_RE.search(sentence)
        if m is None:
            continue
        parts = []
        for part in split_top(sentence[m.end():].rstrip("。；;"), "，,"):
            if not ROLE_START_RE.search(part):
                break
            parts.append(part)
        units = [u for u in parse_unit_clause("，".join(parts)) if looks_like_unit(u.name)]
        if units:
            return units
    return []

def _inline_clause(sentence: str) -> list[Unit]:
    """A last sentence that is nothing but units and their roles: 县教育局牵头，各乡镇配合.

    Every part must open with units that look like units and hold a role word, so that prose such as
    牵头起草部门要认真做好…… is not read as a clause.
    """
    if len(sentence) > MAX_INLINE_CLAUSE or not ROLE_START_RE.search(sentence):
        return []
    kept = []
    for part in split_top(_normalize_clause(sentence), "，,；"):
        start = _find_role_start(part, 0)
        if not start and NOT_A_NAME_RE.search(part) and kept:
            continue  # a time limit after the units: ……配合，长期坚持
        if not start or not all(looks_like_unit(n) for n in split_units(part[:start])):
            return []
        kept.append(part)
    units = parse_unit_clause("，".join(kept))
    return units if units and all(looks_like_unit(u.name) for u in units) else []

def _clause_units(clause: str) -> list[Unit]:
    norm = _normalize_clause(clause)
    if LABEL_RE.match(norm) or ROLE_START_RE.search(norm):
        first, *notes = split_top(norm, "。")
        units = [
            u for u in parse_unit_clause(first)
            if looks_like_unit(u.name) or (len(u.name) <= MAX_SHORT_NAME and not NOT_A_NAME_RE.search(u.name))
        ]
        # a later sentence of the clause is another labelled part (……。配合单位：Y), or a note about the
        # clause (各项任务均须落实，文中不再逐一标注): its units count only when every name is a unit's
        for sentence in notes:
            more = parse_unit_clause(sentence) if LABEL_RE.match(sentence) else parse_unit_clause(sentence, strict=True)
            units.extend(u for u in more if u not in units)
        return units
    return parse_unit_clause(norm, strict=True)

def clear_caches() -> None:
    """Forget every clause, list and name seen so far (benchmarks measure documents seen first)."""
    for cached in (_extract_units, _parse_clause, _normalize_clause, _split_units, clean_unit, trailing_clause):
        cached.cache_clear()
    clear_text_caches()
