"""Conventions a document declares once for all its unit clauses, read once per document.

A plan may say how to read every clause that follows: ``列第一位者为牵头单位，下同`` or
``排在第一位的部门为牵头部门`` makes the first unit of every clause the lead, while the others keep
the role their words give (responsible by default). When the declaration names the role of the others
too (``列第一位者为牵头单位，其他为配合单位`` / ``排在首位的为牵头部门，其余为配合部门``), the others take
that role. The declaration is not a unit: it is cut from the clause it is written in.

>>> read_conventions("（市发改委、市财政局负责，列第一位者为牵头单位，下同）")
Conventions(first_is_lead=True, others=None)
>>> read_conventions("排在首位的为牵头部门，其余为配合部门。")
Conventions(first_is_lead=True, others='cooperating')
>>> [(u.name, u.role) for u in apply_conventions([[Unit(name="市发改委", role="responsible"),
...     Unit(name="市财政局", role="responsible")]], Conventions(first_is_lead=True))]
[('市发改委', 'lead'), ('市财政局', 'responsible')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Role, Unit

# 列第一位者为牵头单位 / 排在第一位的部门为牵头部门 / 排名第一的单位为牵头单位 / 第一个单位为牵头单位 /
# 首位为牵头单位 / 列首位的为牵头部门, with an optional 下同 after it.
# The role of the others, when the declaration goes on to name it: ，其他为配合单位 / ，其余部门为配合部门 /
# ，其他单位按职责配合 / 、其余为责任单位.
_BODY = r"(?:单位|部门|处室|科室)"
OTHERS = (
    r"[，,；;、]\s*(?:其他|其它|其余|余下|其后)(?:的|各)?" + _BODY + r"?(?:均|皆)?(?:为|是|按职责|负责)?"
    r"(?P<others>配合|协助|协办|协同|参与|责任)" + _BODY + r"?"
)
FIRST_IS_LEAD_RE = re.compile(
    r"(?:[，,；;]\s*)?(?:(?:排|列|位|居)(?:在|于)?(?:第一位?|首位)|排名第一|第一(?:个|家)?|首位)"
    r"(?:的|者)?(?:单位|部门|责任单位|处室|科室)?(?:为|是)(?:牵头|主要责任|主责)" + _BODY + r"?"
    r"(?:" + OTHERS + r")?(?:[，,]?\s*下同)?"
)
DECLARED_GATE = ("第一", "首位")
# Every declaration holds a gate word within a few characters of its start (排在第一位, 列首位) and ends
# within this many after it: a page is searched around its gate words only, not character by character.
DECLARATION_BEFORE_GATE = 4
DECLARATION_AFTER_GATE = 80


@dataclass(frozen=True, slots=True)
class Conventions:
    """What a document declares for all its clauses."""

    first_is_lead: bool = False
    others: Role | None = None  # the role of the other units of a clause, when the declaration names it


def read_conventions(text: str) -> Conventions:
    """The conventions ``text`` (a whole document) declares."""
    m = _first_declaration(text)
    if m is None:
        return Conventions()
    others = m.group("others")
    if others is None:
        return Conventions(first_is_lead=True)
    return Conventions(first_is_lead=True, others="responsible" if others == "责任" else "cooperating")


def _first_declaration(text: str) -> re.Match[str] | None:
    """The first declaration in ``text``: the pattern is tried in a window around each gate word."""
    first: re.Match[str] | None = None
    for word in DECLARED_GATE:
        at = text.find(word)
        while at != -1 and (first is None or at < first.start()):
            m = FIRST_IS_LEAD_RE.search(text, max(0, at - DECLARATION_BEFORE_GATE), at + DECLARATION_AFTER_GATE)
            if m is not None and (first is None or m.start() < first.start()):
                first = m
                break
            at = text.find(word, at + 1)
    return first


def strip_declarations(clause: str) -> str:
    """A clause without the convention declared in it: ……负责，列第一位者为牵头单位，下同 → ……负责."""
    if not any(map(clause.__contains__, DECLARED_GATE)):
        return clause
    return FIRST_IS_LEAD_RE.sub("", clause)


def apply_conventions(clauses: list[list[Unit]], conventions: Conventions) -> list[Unit]:
    """A task's units, clause by clause, read by the document's conventions: where no clause of the task
    names a lead of its own (牵头, 牵头单位：), the first unit of each clause leads when its words give it
    no other role than responsible; the other units of that clause take the declared role of the others,
    if there is one, where their words give them no other role than responsible either."""
    units = [u for clause in clauses for u in clause]
    if not conventions.first_is_lead or any(u.role == "lead" for u in units):
        return units
    others = conventions.others or "responsible"
    out: list[Unit] = []
    for clause in clauses:
        if clause and clause[0].role == "responsible":
            rest = [u if u.role != "responsible" else Unit(name=u.name, role=others) for u in clause[1:]]
            clause = [Unit(name=clause[0].name, role="lead"), *rest]
        out.extend(clause)
    return out
