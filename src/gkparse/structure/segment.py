"""Blocks + markers → the section/task tree → tasks.

The plan starts at its title line (…工作要点, …任务分工方案, 附件 + title) or at its table header, so
that a notice's own numbered paragraphs are not tasks. Levels follow the order in which marker styles
first appear in the plan, not a fixed table; in a table, a row's marker cells are read left to right
(section, then task). Tasks are the leaves of the tree.

Tolerated and reported as warnings: a marker of a new style that continues an existing level
(a section ``一、`` whose siblings are written ``（二）``), skipped numbers, repeated numbers (a repeated
section row is the same section).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..extract.deadlines import extract_deadlines, extract_recurrence
from ..extract.document import find_plan_start
from ..extract.document import date_line
from ..extract.brackets import CLOSE_CLASS, OPEN_CLASS
from ..extract.conventions import Conventions, apply_conventions, read_conventions
from ..extract.units import (
    LABEL_AFTER_TEXT_RE,
    LABELLED_BRACKET_RE,
    LABEL_RE,
    TIME_LABELS,
    extract_unit_clauses,
    extract_units,
    parse_unit_clause,
    trailing_clause,
)
from ..models import Deadline, DocumentMeta, Task, Unit, Warning
from ..options import ParseOptions
from .grid import Block, Grid
from .layout import iter_blocks
from .endings import cut_off, cut_unit, spread_covering_clauses
from .levels import Levels
from .numbering import Marker, parse_marker, split_glued_items
from .tables.tasks import TableRows
from .tree import SENTENCE_END_RE, Node, is_generic_section, split_title

__all__ = ["Node", "PlanTasks", "build_tasks", "plan_tasks", "split_title", "strip_unit_clause"]

# A labelled time limit on a line of its own, as prose plans write it under a task.
TIME_LABEL_RE = re.compile("^" + TIME_LABELS)
# The same label after the units on one line: 责任单位：县财政局　完成时限：2021年9月底前
INLINE_TIME_LABEL_RE = re.compile(TIME_LABELS)  # starts with the label's words: a fast scan
TIME_TEXT_END_RE = re.compile(r"[；;。\n]")
# What a unit clause's own time limit holds beyond a dated deadline: a month or year alone, or 长期/持续.
CLAUSE_TIME_RE = re.compile(r"\d\s*[年月]|长期|持续|常态")
MAX_DATE_LINE = 18  # a line holding just a date: 二〇二二年十二月二十八日
# The second item of a numbered list written inside one cell or paragraph: ……；2.……
BRACKETED_RE = re.compile(f"^{OPEN_CLASS}.*{CLOSE_CLASS}[。；]?$")


class _Builder(TableRows, Levels):
    def __init__(self) -> None:
        TableRows.__init__(self)
        Levels.__init__(self)
        self.roots: list[Node] = []
        self.current: Node | None = None

    # -- tree -----------------------------------------------------------------------------
    def add(self, marker: Marker, level: int, line: int) -> Node:
        while len(self.stack) > level:
            self.stack.pop()
        while self.stack and self.stack[-1].marker.style == marker.style and not self.stack[-1].is_section:
            self.stack.pop()  # a marker of the same style is a sibling, never a child: （一）（二） under 二、
        level = len(self.stack)
        parent = self.stack[-1] if self.stack else None
        node = Node(marker, level, line, parent)
        if parent:
            parent.add_child(node)
        else:
            self.roots.append(node)
        self.stack.append(node)
        self.current = node
        return node

    # -- prose ----------------------------------------------------------------------------
    def prose(self, block: Block, marker: Marker | None, following: Marker | None = None) -> None:
        """A paragraph: ``marker`` is its own (if any), ``following`` the next paragraph marker."""
        if marker:
            level = self.level_for(marker, block.line, following)
            repeated = self.check_sequence(marker, level, block.line)
            if repeated and len(self.stack) > level and self.stack[level].heading == split_title(marker.rest)[0]:
                return  # the same section written twice
            node = self.add(marker, level, block.line)
            node.is_section, self.promoted = self.promoted, False
            node.body.append(marker.rest.strip())
            node.closed = _ends_with_unit_clause(marker.rest)
            return
        node = self.current
        if node is None:
            return
        text = block.text.strip()
        if len(text) <= MAX_DATE_LINE and date_line(text):
            return  # the date under the signature at the end of a plan
        time_label = TIME_LABEL_RE.match(text)
        if time_label:  # 完成时限：2021年6月底前, on a line of its own
            node.add_time_cell(text[time_label.end():])
        elif LABEL_RE.match(text) and parse_unit_clause(text):  # 牵头单位：…, on a line of its own
            node.body.append(text)
            time_label = INLINE_TIME_LABEL_RE.search(text)
            if time_label:  # 责任单位：… 完成时限：…
                node.add_unit_cell((text[: time_label.start()], "responsible"))
                node.add_time_cell(text[time_label.end():])
            else:
                node.add_unit_cell((text, "responsible"))
            node.closed = True
            node.covering = text
        elif _is_unit_paragraph(text):
            node.body.append(text)
            node.closed = True
            node.covering = text  # it may cover the items before it too
        elif not node.closed:
            node.body.append(text)
            node.closed = _ends_with_unit_clause(text)

def strip_unit_clause(title: str) -> str:
    """A title without the unit clause that some plans put right after it.

    >>> strip_unit_clause("加强政策解读（牵头单位：市政府办公室；配合单位：各县区）")
    '加强政策解读'
    >>> strip_unit_clause("制定政府信息公开工作规范（试行）")
    '制定政府信息公开工作规范（试行）'
    """
    tc = trailing_clause(title)
    if tc and tc[0].strip() and extract_units(title):
        return tc[0].strip()
    return title


def _is_unit_paragraph(text: str) -> bool:
    if BRACKETED_RE.match(text):
        tc = trailing_clause(text)
        return bool(tc and not tc[0].strip() and extract_units(text))
    return False


def _ends_with_unit_clause(text: str) -> bool:
    """A bracketed unit clause at the end, or a labelled one as the last sentences (……。责任单位：办公室。)."""
    if trailing_clause(text):
        return bool(extract_units(text))
    return bool(LABEL_AFTER_TEXT_RE.search(text) and extract_units(text))


def build_tasks(
    text: str, meta: DocumentMeta, options: ParseOptions, grids: Sequence[Grid] = ()
) -> tuple[list[Task], list[Warning]]:
    """Tasks of the plan in ``text`` (clean text), with warnings about its numbering; ``grids`` are the
    tables a native reader read (see :func:`~gkparse.structure.layout.split_blocks`)."""
    plan = plan_tasks(text, meta, options, grids)
    return list(plan), plan.warnings


def plan_tasks(text: str, meta: DocumentMeta, options: ParseOptions, grids: Sequence[Grid] = ()) -> PlanTasks:
    """The plan in ``text`` read into its section/task tree, whose tasks are made as it is iterated over
    (:class:`PlanTasks`); arguments as :func:`build_tasks`."""
    lines = text.split("\n")
    start = find_plan_start(lines)
    # blocks are read one at a time, never all in a list (a large document has millions)
    source = iter_blocks(text, grids, lines)
    if start:
        builder = _read(source, lines, start)
    else:  # no title line: a table, if there is one, is the plan (the notice before it is not)
        try:
            builder = _read(_watch_first_row(source), lines, 0)
        except _TableStart as table:  # read again from its first row
            builder = _read(itertools.chain([table.row], source), lines, table.row.line - 1)
    last_line = next((x.strip(" \t|｜") for x in reversed(lines) if x.strip(" \t|｜")), "")
    del lines  # the tree holds what the tasks need
    return PlanTasks(builder, options.year or meta.year, read_conventions(text), last_line)


class PlanTasks:
    """The tasks of a plan, made one at a time from its tree as this is iterated over (once), so that a
    large plan's tasks need not all be in memory together: each leaf gives up its text once its task is
    made. :attr:`warnings` holds the numbering warnings, and the end-of-text ones (``no_tasks``,
    ``truncated``) once the iteration is done."""

    def __init__(self, builder: _Builder, year: int | None, conventions: Conventions, last_line: str) -> None:
        self.warnings = builder.warnings
        self._warn = builder.warn
        self._year = year
        self._conventions = conventions
        self._last_line = last_line
        self._leaves = _leaves(builder.roots)
        spread_covering_clauses([node for _, node in self._leaves])

    def unit_names(self) -> Iterator[str]:
        """The names of every task's units as its task will hold them (before aliases are resolved),
        without making the tasks; asked before the iteration, which leaves the leaves without their text."""
        leaves = self._leaves
        for k, (_, node) in enumerate(leaves):
            units = _units(node, "\n".join(node.body), self._conventions)
            if k == len(leaves) - 1:
                units = cut_unit(units, self._last_line) or units
            yield from (u.name for u in units)

    def __iter__(self) -> Iterator[Task]:
        leaves = self._leaves
        if not leaves:
            self._warn("no_tasks", "no numbered tasks were found", None)
            return
        for task_id, node in leaves[:-1]:
            task = _to_task(node, task_id, self._year, self._conventions)
            node.body = []  # what the task holds now; no later task reads a leaf's text
            yield task
        task_id, node = leaves[-1]
        task = _to_task(node, task_id, self._year, self._conventions)
        cut = cut_unit(task.units, self._last_line)
        if cut is not None:
            task.units = cut
        if cut is not None or cut_off(node, self._last_line):
            self._warn("truncated", "the text ends in the middle of the last task; what is there is kept", node.line)
        yield task


class _TableStart(Exception):
    """A page with no title line turned out to be a table after a notice: the plan starts at ``row``."""

    def __init__(self, row: Block) -> None:
        super().__init__(row.line)
        self.row = row


def _watch_first_row(blocks: Iterator[Block]) -> Iterator[Block]:
    """``blocks``, but raises :class:`_TableStart` at the first table row if a paragraph with a marker
    came before it (that is the notice's own numbering)."""
    marked = False
    for block in blocks:
        if block.kind == "row":
            if marked:
                raise _TableStart(block)
            yield block
            yield from blocks
            return
        marked = marked or parse_marker(block.text) is not None
        yield block


def _read(blocks: Iterator[Block], lines: list[str], start: int) -> _Builder:
    """The tree of the plan from the blocks after line ``start`` (its title line, 0: none)."""
    blocks = (b for b in blocks if b.line > start)
    builder = _Builder()
    if start:
        anchor = start - 1
    else:
        ahead = _until(blocks, lambda b: b.kind == "para")
        anchor = ahead[-1].line - 1 if ahead and ahead[-1].kind == "para" else -1
        blocks = itertools.chain(ahead, blocks)
    repeat = _repeated_from(lines, anchor)
    if repeat is not None:  # the page was scraped twice: the plan runs again from this line
        blocks = (b for b in blocks if b.line <= repeat)
        builder.warn("duplicate_content", f"the plan repeats from line {repeat + 1} on; the repeat was left out", repeat + 1)
    pieces = (
        Block("para", b.line, piece) if piece is not b.text else b
        for b in blocks
        for piece in (split_glued_items(b.text) if b.kind == "para" else (b.text,))
    )
    for block, marker, following in _with_following(pieces):
        if block.kind == "row":
            builder.row(block)
        else:
            builder.prose(block, marker, following)
    return builder


def _until(blocks: Iterator[Block], stop: Callable[[Block], bool]) -> list[Block]:
    """The next blocks, up to and with the first one ``stop`` accepts (all that are left if none is)."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if stop(block):
            break
    return out


def _with_following(blocks: Iterable[Block]) -> Iterator[tuple[Block, Marker | None, Marker | None]]:
    """Each block with its own marker (a paragraph's) and the next paragraph marker after it: the marker
    of the first later block that is a table row (then None) or a paragraph with a marker."""
    waiting: list[tuple[Block, Marker | None]] = []
    for block in blocks:
        marker = parse_marker(block.text) if block.kind == "para" else None
        if block.kind == "row" or marker is not None:
            for before, own in waiting:
                yield before, own, marker
            waiting.clear()
        waiting.append((block, marker))
    for before, own in waiting:
        yield before, own, None


REPEAT_CHECK_LINES = 3  # lines after the anchor that must repeat too


def _repeated_from(lines: list[str], anchor: int) -> int | None:
    """Index of a later line where the text from ``anchor`` (the plan's title or first line) starts over,
    with the next few lines the same; None when it does not."""
    if anchor < 0 or not lines[anchor].strip():
        return None
    first = lines[anchor].strip()

    def following(i: int) -> list[str]:  # no copy of the rest of the text: a line may repeat many times
        out: list[str] = []
        for k in range(i + 1, len(lines)):
            if lines[k].strip():
                out.append(lines[k].strip())
                if len(out) == REPEAT_CHECK_LINES:
                    break
        return out

    expected = following(anchor)
    if len(expected) < REPEAT_CHECK_LINES:
        return None
    for j in range(anchor + 1, len(lines)):
        if first in lines[j] and lines[j].strip() == first and following(j) == expected:
            return j
    return None


def _depth(nodes: list[Node]) -> int:
    return max((1 + _depth(n.children) for n in nodes), default=0)


def _leaves(nodes: Sequence[Node], prefix: str = "", depth: int | None = None) -> list[tuple[str, Node]]:
    """The tasks, each with its id (``prefix`` and its place among its siblings: 2.1.3): leaves of the
    tree, except a closing section of the plan's own (三、工作要求) where the plan's tasks sit deeper:
    without items, or with items that name no units."""
    depth = _depth(nodes) if depth is None else depth
    level = prefix.count(".") + 1  # of these nodes: 1 for the roots
    out: list[tuple[str, Node]] = []
    for i, node in enumerate(nodes, 1):
        if node.children:
            if (
                level < depth
                and is_generic_section(node.heading)
                and not any(_has_units(leaf) for _, leaf in _leaves(node.children, "", 0))
            ):
                continue  # 六、工作要求 with （一）（二）（三） that name no units: the plan's own requirements
            out.extend(_leaves(node.children, f"{prefix}{i}.", depth))
        elif node.is_section or (level < depth and is_generic_section(node.heading) and not _has_units(node)):
            continue
        else:
            out.append((f"{prefix}{i}", node))
    return out


def _has_units(node: Node) -> bool:
    """Whether a node names units: a closing section (加强组织领导) does not, a task under that title does."""
    return bool(node.unit_cells) or node.closed or bool(extract_units("\n".join(node.body)))


def _to_task(node: Node, task_id: str, year: int | None, conventions: Conventions = Conventions()) -> Task:
    chain: list[Node] = []
    n: Node | None = node
    while n is not None:
        chain.append(n)
        n = n.parent
    chain.reverse()
    first = node.body[0] if node.body else ""
    title, rest = split_title(first)
    title = strip_unit_clause(title)
    body = "\n".join([rest, *node.body[1:]]).strip()
    full = "\n".join(node.body)
    time_texts = node.time_cells
    units = _units(node, full, conventions)
    if not node.unit_cells:
        clause = trailing_clause(full) if units else None
        if clause and CLAUSE_TIME_RE.search(clause[1]):  # a unit clause may end with its time limit: （…负责，持续推进）
            time_texts = [*time_texts, clause[1]]
    labelled = INLINE_TIME_LABEL_RE.search(full) if "：" in full or ":" in full else None
    if labelled:  # ……；完成时限：持续推进 after the units, on the task's own line
        time_texts = [*time_texts, TIME_TEXT_END_RE.split(full[labelled.end():], 1)[0]]
    notes = "\n".join([*node.note_cells, *node.time_cells]) or None
    with_notes = full + "\n" + notes if notes else full
    deadlines = extract_deadlines(full + "\n" + "\n".join(node.note_cells) if node.note_cells else full, year)
    if time_texts:
        for cell in time_texts:
            deadlines.extend(extract_deadlines(cell, year, time_cell=True))
        deadlines = _dedupe_deadlines(deadlines)
    recurrence = extract_recurrence(with_notes)
    return Task(
        id=task_id,
        path=[c.marker.norm for c in chain],
        headings=[c.heading for c in chain[:-1]],
        title=title,
        text=body,
        requirements=notes,
        units=units,
        deadlines=deadlines,
        recurrence=recurrence,
        line=node.line,
    )


def _units(node: Node, full: str, conventions: Conventions) -> list[Unit]:
    """A task's units, from its unit cells (and labelled clauses in its task cell) or from its text ``full``."""
    clauses: list[list[Unit]] = []
    if node.unit_cells and "：" in full:  # a labelled clause in the task cell too: 加强……（牵头单位：区发展改革局）
        clauses = [parse_unit_clause(clause.group(1)) for clause in LABELLED_BRACKET_RE.finditer(full)]
    clauses.extend(parse_unit_clause(cell, default=role) for cell, role in node.unit_cells)
    if not node.unit_cells:
        clauses = extract_unit_clauses(full)
    return _dedupe(apply_conventions(clauses, conventions))


def _dedupe_deadlines(deadlines: list[Deadline]) -> list[Deadline]:
    seen: set[tuple[object, str, str]] = set()
    out = []
    for d in deadlines:
        key = (d.date, d.kind, d.text if d.date is None else "")
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _dedupe(units: list[Unit]) -> list[Unit]:
    seen: set[tuple[str, str]] = set()
    out = []
    for u in units:
        if (u.name, u.role) not in seen:
            seen.add((u.name, u.role))
            out.append(u)
    return out
