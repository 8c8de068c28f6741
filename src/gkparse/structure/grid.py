"""The table model: every table, however it reached gkparse, becomes one :class:`Grid`.

A grid is a rectangle of :class:`GridCell` rows under a header whose columns carry roles
(:class:`~gkparse.structure.tables.header.Column`: ``seq``, ``task``, ``units`` with a unit role, ``time``,
``note``). Merged cells are explicit: a cell that another cell's row or column span covers is
``covered`` and points at its ``origin``; a cell that a scrape dropped (the rest of its row slid left) is
``dropped``. Readers produce grids — the text flattenings (tabs, pipes, one cell per line, comma-separated
values) and the native HTML, Word, Excel and PDF tables alike — and the task rules read grids only, through
:func:`grid_blocks`, so a new flattening is a new reader and never a new rule.

>>> g = grid_from_rows([["序号", "工作任务", "牵头单位"], ["1", "公开预算", "市财政局"]], line=5)
>>> [c.kind for c in g.columns], g.width, len(g.rows), g.rows[0][2].text, g.rows[0][2].line
(['seq', 'task', 'units'], 3, 1, '市财政局', 6)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .numbering import parse_marker
from .tables.header import Column, header_columns, unit_subheader_columns

MAX_HEADER_ROW = 3  # the header is one of the first rows: a caption row may stand above it


@dataclass
class Cell:
    """A cell as the task rules read it. ``merged``: the cell is covered by a merged cell, or was dropped
    by a scrape (the rest of its row slid left); its own text is empty and ``inherited`` is the text of the
    merged cell it belongs to (the cell above it in its column)."""

    text: str
    line: int
    merged: bool = False
    inherited: str = ""


@dataclass(slots=True)
class Block:
    """A paragraph of prose, or a table row (cells aligned to ``columns`` where known). A paragraph shares
    one empty tuple for its cells and columns: a document may hold a million paragraphs."""

    kind: str  # "para" or "row"
    line: int
    text: str = ""
    cells: Sequence[Cell] = ()
    columns: Sequence[Column] = ()
    aligned: bool = True  # the cells stand in column order (else: tell them apart by content)
    ends_text: bool = False  # the last row of a table that runs to the end of the text (a page cut off)


@dataclass(slots=True)
class GridCell:
    """One cell of a grid.

    ``covered`` cells belong to a merged cell whose text sits at ``origin`` (row, column of the grid's
    body; -1 for a header row); their own ``text`` is empty. ``dropped`` cells were lost by a scrape.
    """

    text: str
    line: int = 0  # 1-based line of the clean text where the cell's text starts (0: unknown)
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False
    origin: tuple[int, int] | None = None
    dropped: bool = False


@dataclass(slots=True)
class SourceCell:
    """A cell as a native reader sees it, before spans are laid out: text with its row and column span."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    line: int = 0


@dataclass
class Grid:
    """A table: body rows of cells under columns with roles.

    ``line`` and ``end_line`` are the 1-based lines of the clean text that the table occupies (its header
    included); ``reader`` names what produced it (``tabs``, ``pipes``, ``cells``, ``csv``, ``html``,
    ``docx``, ``xlsx``, ``xls``, ``pdf``).
    """

    columns: list[Column]
    rows: list[list[GridCell]] = field(default_factory=list)
    line: int = 0
    end_line: int = 0
    reader: str = "text"
    caption: list[str] = field(default_factory=list)  # rows above the header: the table's title
    # False: the rows were regrouped from a stream of cells and may be ragged; their cells are told
    # apart by what they hold, not by their place
    aligned: bool = True
    # the table runs to the end of the text: a page cut off in its last row, whose missing cells are
    # not merged cells
    ends_text: bool = False

    @property
    def width(self) -> int:
        return len(self.columns)


def lay_out(rows: Sequence[Sequence[SourceCell]]) -> list[list[GridCell]]:
    """Rows of cells with spans (HTML ``rowspan``/``colspan``, Word gridSpan/vMerge, Excel merged ranges)
    → a rectangle, each merged cell's text in its top-left cell and the cells it covers marked.

    >>> grid = lay_out([[SourceCell("一", rowspan=2), SourceCell("a")], [SourceCell("b")]])
    >>> [[(c.text, c.covered) for c in row] for row in grid]
    [[('一', False), ('a', False)], [('', True), ('b', False)]]
    """
    out: list[list[GridCell | None]] = []
    for r, row in enumerate(rows):
        while len(out) <= r:
            out.append([])
        c = 0
        for cell in row:
            while c < len(out[r]) and out[r][c] is not None:
                c += 1  # skip places taken by a span from a row above
            rowspan, colspan = max(1, cell.rowspan), max(1, cell.colspan)
            for dr in range(rowspan):
                while len(out) <= r + dr:
                    out.append([])
                target = out[r + dr]
                while len(target) < c + colspan:
                    target.append(None)
                for dc in range(colspan):
                    if dr == 0 and dc == 0:
                        target[c] = GridCell(cell.text, cell.line, rowspan, colspan)
                    else:
                        target[c + dc] = GridCell("", cell.line, covered=True, origin=(r, c))
            c += colspan
    width = max((len(row) for row in out), default=0)
    return [[cell if cell is not None else GridCell("") for cell in row] + [GridCell("")] * (width - len(row))
            for row in out]


def find_header(rows: Sequence[Sequence[GridCell]]) -> tuple[int, list[Column]] | None:
    """The index of the header row among the first rows, and its columns; a header whose unit column spans
    a second header row of unit columns (责任单位 over 牵头单位 | 配合单位) takes that row's names. None when
    no row is a header: the table is not a task table (a metadata or layout table)."""
    for i, row in enumerate(rows[:MAX_HEADER_ROW]):
        texts = [c.text for c in row]
        cols = header_columns(_fill_right(row, texts))
        if cols is None:
            continue
        if i + 1 < len(rows):
            sub = unit_subheader_columns(cols, [c.text for c in rows[i + 1]], aligned=True)
            if sub is not None:
                return i + 1, sub
        return i, cols
    return None


def _fill_right(row: Sequence[GridCell], texts: list[str]) -> list[str]:
    """Header texts with the text of a column-spanning header cell repeated under each column it covers."""
    filled = list(texts)
    for k, cell in enumerate(row):
        if cell.covered and cell.origin is not None and cell.origin[1] < k and not filled[k]:
            filled[k] = filled[cell.origin[1]]
    return filled


def grid_from_rows(rows: Sequence[Sequence[str | SourceCell]], line: int = 0, reader: str = "text") -> Grid | None:
    """A grid from rows of cells (strings, or :class:`SourceCell` with spans), the header found among the
    first rows; None when no row is a header. ``line`` is the line of the first row; each row is taken to be
    one line below the previous unless its cells carry their own lines."""
    source = [[c if isinstance(c, SourceCell) else SourceCell(c) for c in row] for row in rows]
    for r, row in enumerate(source):
        for c in row:
            if not c.line and line:
                c.line = line + r
    laid = lay_out(source)
    found = find_header(laid)
    if found is None:
        return None
    h, cols = found
    body = [_fit(row, len(cols)) for row in laid[h + 1:]]
    for row in body:
        for cell in row:
            if cell.origin is not None:
                cell.origin = (cell.origin[0] - h - 1, cell.origin[1])
    caption = [" ".join(c.text for c in row if c.text) for row in laid[:h] if any(c.text for c in row)]
    first = laid[0][0].line if laid and laid[0] else line
    last = max((c.line for row in laid for c in row), default=line)
    return Grid(cols, body, first, last, reader, caption)


def _fit(row: list[GridCell], width: int) -> list[GridCell]:
    """A body row cut or padded to the header's width (cells past the header's last column are kept in it)."""
    if len(row) <= width:
        return row + [GridCell("", row[-1].line if row else 0) for _ in range(width - len(row))]
    extra = row[width - 1:]
    last = GridCell("".join(c.text for c in extra), extra[0].line)
    return [*row[: width - 1], last]


def grid_blocks(grid: Grid) -> list[Block]:
    """The rows of a grid as table-row blocks for the task rules: one cell per column, in column order.
    A covered or dropped cell is ``merged``, with the text of the merged cell it belongs to (the task rules
    inherit its units, its section, its title). So is a blank task cell whose row has content in a later
    task column, under a task cell with no marker: a flattening lost the span of a task cell merged over
    several rows (``| 深化财政公开 | 公开预算 |`` then ``|  | 公开决算 |``), whose text is the title of
    each row it spans.

    >>> g = grid_from_rows([["工作任务", "具体内容", "责任单位"], ["深化财政公开", "公开预算。", "县财政局"],
    ...                     ["", "公开决算。", "县审计局"]])
    >>> [(c.text, c.merged, c.inherited) for c in grid_blocks(g)[1].cells]
    [('', True, '深化财政公开'), ('公开决算。', False, ''), ('县审计局', False, '')]
    """
    blocks = []
    above: list[str] = [""] * grid.width  # each column's last text: what a merged cell under it holds
    for r, row in enumerate(grid.rows):
        if not any(c.text for c in row):
            continue
        line = next((c.line for c in row if c.text and c.line), grid.line)
        cells = []
        for k, c in enumerate(row):
            if c.covered or c.dropped:
                origin = c.origin
                inherited = (grid.rows[origin[0]][origin[1]].text if origin is not None and 0 <= origin[0] < r
                             else above[k] if k < len(above) else "")
                cells.append(Cell("", c.line or line, merged=True, inherited=inherited))
            elif not c.text and _spanned_title(grid, row, k, above):
                # a blank task cell before the row's content: the task cell above, merged over this row
                cells.append(Cell("", c.line or line, merged=True, inherited=above[k]))
            else:
                cells.append(Cell(c.text, c.line or line))
                if c.text and k < len(above):
                    above[k] = c.text
        blocks.append(Block("row", line, cells=cells, columns=grid.columns, aligned=grid.aligned))
    if blocks and grid.ends_text:
        blocks[-1].ends_text = True
    return blocks


def _spanned_title(grid: Grid, row: list[GridCell], k: int, above: list[str]) -> bool:
    """Whether blank cell ``k`` of ``row`` is covered by the task cell above it (see :func:`grid_blocks`)."""
    if not grid.aligned or k >= len(above) or not above[k] or grid.columns[k].kind != "task":
        return False
    if parse_marker(above[k]) is not None:
        return False  # a section cell: its rows are read by their own numbers
    return any(c.text and col.kind == "task" for c, col in zip(row[k + 1:], grid.columns[k + 1:]))

