"""Table rows → tasks: the task rules of every grid, whatever reader produced it.

A row's cells, paired with their columns (:func:`~gkparse.structure.tables.columns.assign_columns`), are
read left to right: the numbered cells are its sections and its task (a 序号 cell, a task cell with a
marker); the first task cell without a marker is the row's title, and when it is merged over several rows
(covered, dropped by the scrape, or left blank) the title of every row it spans; unit cells give units with
their column's role, and a blank unit cell inherits the one above it in its section; time and note cells
give deadlines and requirements. Rows without numbers are numbered 1, 2, … in the order of the table.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...models import Role, Warning
from ..grid import Block, Cell
from ..numbering import Marker, parse_marker
from ..tree import SENTENCE_END_RE, Node, split_title
from .columns import assign_columns, cell_marker
from .header import Column
from ...extract.units import LABEL_RE

# The second item of a numbered list written inside one cell or paragraph: ……；2.……
INLINE_LIST_RE = re.compile(r"[；;。]\s*(?:2|二|[（(]2[）)]|②)\s*[.．、]?")


class TableRows:
    """The table-row rules of the tree builder (which provides ``stack``, ``add``, ``check_sequence``,
    ``warn``, ``current``, ``last_value``, ``roots``)."""

    stack: list[Node]
    roots: list[Node]
    current: Node | None
    last_value: dict[int, int]
    warnings: list[Warning]

    def __init__(self) -> None:
        self.table_numbered = False  # a table row held a task marker or serial number
        self.section_styles: set[str] = set()  # table marker styles seen in section cells
        self.task_styles: set[str] = set()  # and in task cells
        self.table_columns: list[Column] | None = None  # the header of the table being read

    if TYPE_CHECKING:  # provided by the tree builder
        def add(self, marker: Marker, level: int, line: int) -> Node: ...
        def check_sequence(self, marker: Marker, level: int, line: int) -> bool: ...
        def warn(self, code: str, message: str, line: int | None) -> None: ...

    def _row_level(self) -> int:
        """Level of a table task: under the deepest open section (a section row, or the prose heading the
        table follows)."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].is_section:
                return depth + 1
        return 0

    def row(self, block: Block) -> None:
        if block.columns is not self.table_columns:  # a new table
            self.table_columns = block.columns
            top = self.stack[-1] if self.stack else None
            if top is not None and not top.in_table and not top.children and len(top.body) == 1 \
                    and not SENTENCE_END_RE.search(top.body[0]):
                top.is_section = True  # 二、重点领域信息公开任务分工, then its table: the rows are its tasks
        cells = assign_columns(block.cells, block.columns, block.aligned)
        markers = [(i, cell_marker(c.text, col)) for i, (c, col) in enumerate(cells) if col.kind in ("task", "seq")]
        # 1.及时更新……；2.规范…… in a cell is a list inside the cell, not a task number
        markers = [(i, m) for i, m in markers if m is not None and not (m.value == 1 and INLINE_LIST_RE.search(m.rest))]
        has_units_col = any(col.kind == "units" for col in block.columns)
        marked = {i for i, _ in markers}
        other_content = [c for i, (c, col) in enumerate(cells) if c.text and i not in marked]
        sections: list[tuple[int, Marker]] = []
        if markers and _content_after(cells, markers[-1]) and not any(cells[i][1].kind == "seq" for i, _ in markers):
            # 一、… | （一）… | content, and no 序号: numbered task cells are sections, the row a task without a number
            sections, markers = markers, []
            self.section_styles.update(m.style for _, m in sections)
        elif len(markers) > 1:
            self.section_styles.update(m.style for _, m in markers[:-1])
            self.task_styles.add(markers[-1][1].style)
        elif markers and not other_content and self._is_section_cell(*markers[0]):
            self._table_section(markers[0][1], block.line, 0)
            return
        elif markers and self._is_seq_section(cells, *markers[0]):
            # 序号 "一" with its heading in the task cell and nothing else: a section row
            self.section_styles.add(markers[0][1].style)
            self._table_section(markers[0][1]._replace(rest=other_content[0].text), block.line, 0)
            return
        if not markers:
            if not other_content:
                return
            if not sections and (self.table_numbered or not any(c.text and col.kind == "task" for c, col in cells)):
                # a numbered table: an unnumbered row carries on the task above (more units, times)
                if self.current is not None and self.current.in_table:
                    self._fill(self.current, cells, skip=set())
                return
            for i, m in sections:
                self._table_section(m, block.line, _section_depth(cells, i, marked))
            # a table whose tasks have no numbers: each row is a task, numbered in order
            level = self._row_level()
            value = (self.last_value.get(level) or 0) + 1
            markers = [(-1, Marker("arabic", value, str(value), "", ""))]
        else:
            self.table_numbered = True
        for i, m in markers[:-1]:
            self._table_section(m, block.line, _section_depth(cells, i, marked))
        idx, task_marker = markers[-1]
        level = self._row_level()
        self.check_sequence(task_marker, level, block.line)
        node = self.add(task_marker, level, cells[idx][0].line if idx >= 0 else block.line)
        node.in_table = True
        if task_marker.rest.strip():
            node.body.append(task_marker.rest.strip())
        self._fill(node, cells, skip={i for i, _ in markers} | {i for i, _ in sections})
        title = None if task_marker.rest.strip() else _merged_title(cells)
        if title is not None:
            node.body.insert(0, title)
        # the last row of a page cut off before its unit cell: its units are not shown, not merged
        cut = block.ends_text and not any(c.text for c, col in cells if col.kind in ("units", "time", "note"))
        if has_units_col and not cut:
            self._inherit_units(node, block.columns)

    def _is_seq_section(self, cells: list[tuple[Cell, Column]], index: int, marker: Marker) -> bool:
        """A Chinese numeral in the 序号 column, one heading in a task cell, every other cell empty."""
        if cells[index][1].kind != "seq" or marker.style not in ("cn", "paren_cn") or marker.style in self.task_styles:
            return False
        filled = [col.kind for i, (c, col) in enumerate(cells) if c.text and i != index]
        return filled in (["task"], ["body"])

    def _is_section_cell(self, index: int, marker: Marker) -> bool:
        """A row holding nothing but one marker cell: a section row, or a task row whose other cells
        are empty (merged)? Decided by the styles seen in rows holding both, else by position."""
        if marker.style in self.task_styles:
            return False
        if marker.style in self.section_styles:
            return True
        return index == 0

    def _table_section(self, marker: Marker, line: int, depth: int) -> None:
        if len(self.stack) > depth:
            open_node = self.stack[depth]
            if open_node.marker.norm == marker.norm and open_node.heading == split_title(marker.rest)[0]:
                while len(self.stack) > depth + 1:
                    self.stack.pop()
                return  # a repeated section row: the same section
        if len(self.stack) > depth and self.stack[depth].is_section and self.stack[depth].marker.style != marker.style:
            self.warn(
                "numbering_style_changed",
                f"section {marker.raw} is written in another style than {self.stack[depth].marker.raw}",
                line,
            )
        self.check_sequence(marker, depth, line)
        node = self.add(marker, depth, line)
        node.in_table = True
        node.is_section = True
        node.body.append(marker.rest.strip())

    def _inherit_units(self, node: Node, columns: list[Column]) -> None:
        """Blank unit cells are merged cells: each takes the cell above in its column (within the section).
        A row read by content, whose cells are not tied to columns, inherits only when it has no units."""
        prev = self._previous_table_task(node)
        if prev is None:
            return
        if not node.unit_cells:
            node.unit_cells = list(prev.unit_cells)
            node.unit_columns = dict(prev.unit_columns)
            return
        named = [col.name for col in columns if col.kind == "units" and col.name]
        if len(node.unit_columns) != len(node.unit_cells) or not all(n in named for n in node.unit_columns):
            return
        for name in named:
            if name not in node.unit_columns and name in prev.unit_columns:
                node.set_unit_column(name, prev.unit_columns[name])
        order = {name: i for i, name in enumerate(named)}
        node.unit_cells = [node.unit_columns[n] for n in sorted(node.unit_columns, key=order.__getitem__)]

    def _previous_table_task(self, node: Node) -> Node | None:
        siblings = node.parent.children if node.parent else self.roots
        for k in range(len(siblings) - 2, -1, -1):  # no copy of the siblings: a table has many rows
            sib = siblings[k]
            if sib.in_table and not sib.children:
                return sib
        return None

    def _fill(self, node: Node, cells: list[tuple[Cell, Column]], skip: set[int]) -> None:
        for i, (cell, col) in enumerate(cells):
            if i in skip or not cell.text:
                continue
            if col.kind == "units":
                node.add_unit_cell((cell.text, col.unit_role), col.name or "")
            elif col.kind == "time":
                node.add_time_cell(cell.text)
            elif col.kind == "note":
                node.add_note_cell(cell.text)
            elif col.kind in ("task", "body"):
                if LABEL_RE.match(cell.text):
                    node.add_unit_cell((cell.text, "responsible"))
                else:
                    node.body.append(cell.text)


def _section_depth(cells: list[tuple[Cell, Column]], index: int, marked: set[int]) -> int:
    """The depth of the section in cell ``index``: the section cells before it, those a merged cell
    covers (or the scrape dropped) included."""
    return sum(1 for j in range(index) if j in marked or (
        cells[j][0].merged and cells[j][1].kind == "task" and parse_marker(cells[j][0].inherited) is not None))


def _merged_title(cells: list[tuple[Cell, Column]]) -> str | None:
    """The title of a row whose task cell is merged over several rows: the merged cell's text, when it
    carries no marker (else it is a section) and a content column follows it."""
    for k, (cell, col) in enumerate(cells):
        if col.kind != "task" or not cell.merged:
            continue
        if cell.inherited and parse_marker(cell.inherited) is None \
                and any(c.text and later.kind == "task" for c, later in cells[k + 1:]):
            return cell.inherited
        return None
    return None


SECTION_STYLES = ("part", "cn", "paren_cn")  # the styles of section cells: 一、 （一） 第一部分


def _content_after(cells: list[tuple[Cell, Column]], last: tuple[int, Marker]) -> bool:
    """Whether a row's last numbered cell is a task cell in a section's style with a content cell after
    it that has no number of its own (（一）加强预期引导 | 围绕……): then the numbered cells are sections."""
    index, marker = last
    if index < 0 or cells[index][1].kind != "task" or marker.style not in SECTION_STYLES:
        return False
    after = [(c, col) for c, col in cells[index + 1:] if c.text and col.kind == "task"]
    return bool(after) and parse_marker(after[0][0].text) is None
