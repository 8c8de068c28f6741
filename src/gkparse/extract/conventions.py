"""Conventions a document declares once for all its unit clauses, read once per document.

A plan may say how to read every clause that follows: ``列第一位者为牵头单位，下同`` or
``排在第一位的部门为牵头部门`` makes the first unit of every clause the lead, while the others keep
the role their words give (responsible by default). The declaration is not a unit: it is cut from the
clause it is written in.

>>> read_conventions("（市发改委、市财政局负责，列第一位者为牵头单位，下同）").first_is_lead
True
>>> [(u.name, u.role) for u in apply_conventions([Unit(name="市发改委", role="responsible"),
...     Unit(name="市财政局", role="responsible")], Conventions(first_is_lead=True))]
[('市发改委', 'lead'), ('市财政局', 'responsible')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Unit

# 列第一位者为牵头单位 / 排在第一位的部门为牵头部门 / 排名第一的单位为牵头单位 / 第一个单位为牵头单位 /
# 首位为牵头单位 / 列首位的为牵头部门, with an optional 下同 after it.
FIRST_IS_LEAD_RE = re.compile(
    r"(?:[，,；;]\s*)?(?:(?:排|列|位|居)(?:在|于)?(?:第一位?|首位)|排名第一|第一(?:个|家)?|首位)"
    r"(?:的|者)?(?:单位|部门|责任单位|处室|科室)?(?:为|是)(?:牵头|主要责任|主责)(?:单位|部门|处室|科室)?"
    r"(?:[，,]?\s*下同)?"
)
DECLARED_GATE = ("第一", "首位")


@dataclass(frozen=True, slots=True)
class Conventions:
    """What a document declares for all its clauses."""

    first_is_lead: bool = False


def read_conventions(text: str) -> Conventions:
    """The conventions ``text`` (a whole document) declares."""
    if not any(word in text for word in DECLARED_GATE):
        return Conventions()
    return Conventions(first_is_lead=FIRST_IS_LEAD_RE.search(text) is not None)


def strip_declarations(clause: str) -> str:
    """A clause without the convention declared in it: ……负责，列第一位者为牵头单位，下同 → ……负责."""
    if not any(word in clause for word in DECLARED_GATE):
        return clause
    return FIRST_IS_LEAD_RE.sub("", clause)


def apply_conventions(units: list[Unit], conventions: Conventions) -> list[Unit]:
    """One clause's units read by the document's conventions: the first unit leads when its own words
    give it no other role than responsible."""
    if conventions.first_is_lead and units and units[0].role == "responsible":
        return [Unit(name=units[0].name, role="lead"), *units[1:]]
    return units
