"""Where a plan's tasks end: a unit clause on a line of its own that covers the items of a group, and a
page cut off inside its last task (kept as it is, never completed, and reported as ``truncated``)."""

from __future__ import annotations

import re

from ..extract.brackets import CLOSE_CLASS, unclosed
from ..extract.clauses import LABEL_RE
from ..extract.names import looks_like_unit
from ..extract.units import extract_units
from ..models import Unit
from .tree import Node

# How a complete paragraph ends: a sentence end, a closing bracket or quote.
# U+FFFD there is a character lossy mojibake lost: the page went on, what it was is unknown.
PARAGRAPH_END_RE = re.compile(f"(?:[。；;！？!?」”』》.\ufffd]|{CLOSE_CLASS})$")


def cut_off(node: Node, last_line: str) -> bool:
    """Whether the text stops inside this (last) task: the text's last line is the task's, and it ends
    without a sentence end, or with a bracket left open (（县财政局、县人)."""
    if node.in_table or not node.body or node.children:
        return False
    last = node.body[-1].strip()
    if not last or not last_line.endswith(last) or LABEL_RE.match(last):
        return False
    return unclosed(last) > 0 or not PARAGRAPH_END_RE.search(last)


def cut_unit(units: list[Unit], last_line: str) -> list[Unit] | None:
    """When the text stops in the middle of the last task's last unit name (……、人民银), its units without
    that unit (a trailing 等 cut short goes, the name before it stays); None when no name was cut."""
    if not units or not last_line.endswith(units[-1].name):
        return None
    name = units[-1].name
    if looks_like_unit(name):
        return None
    head = name.split("等", 1)[0]
    return units[:-1] + ([Unit(name=head, role=units[-1].role)] if looks_like_unit(head) else [])


def spread_covering_clauses(leaves: list[Node]) -> None:
    """A unit clause on a line of its own after the last item of a group ((1)…(4), then
    （责任单位：…）) covers every item of the group that names no units of its own."""
    for node in leaves:
        parent = node.parent
        if parent is None or node.covering is None or parent.children[-1] is not node:
            continue
        siblings = parent.children[:-1]
        if siblings and all(not s.children and not s.unit_cells and not extract_units("\n".join(s.body)) for s in siblings):
            for sibling in siblings:
                sibling.body.append(node.covering)
