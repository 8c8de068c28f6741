"""Rows read from a text flattening → a grid: each cell put under its column, merged cells made explicit.

A flattened table loses what its merged cells were. Three shapes are recovered here, by what the cells
hold, the same way for every flattening:

- rows wider than the header: the header's first cell spanned the section cells that open the rows
  (``一、…`` | ``（一）…`` | ``1`` | …), so the header gains section columns at the left; a header that ends in
  unnamed cells while its rows open with section cells had its first cell spanning them;
- rows shorter than the header, or ending in empty cells: a merged cell at the left (the section, the task
  over several rows) was dropped by the scrape and the rest of the row slid left. The row is put back at
  the offset where its cells fit their columns best (a unit list under the unit column, a time limit under
  the time column, a bare number under 序号), and the cells it lost are ``dropped``;
- a column of bare numbers under another name (the header's 工作任务 spanning the 序号 column) is a 序号 column.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...extract.units import LABEL_RE
from ..grid import Cell, Grid, GridCell
from ..numbering import parse_marker
from .columns import is_time_limit, is_unit_cell, serial_marker
from .header import Column

LONG_CELL = 20  # characters of a content cell (a task's name is shorter)
MIN_SERIAL_CELLS = 1  # bare numbers in a column (of the rows that fill the header) that make it a 序号 column


def text_grid(cols: list[Column], rows: Sequence[Sequence[Cell]], reader: str, aligned: bool = True,
              line: int = 0, end_line: int = 0, placed: bool = False) -> Grid:
    """A grid of the rows a text reader read under the header ``cols`` (see the module's shapes).
    ``aligned`` False: the rows were regrouped from a stream of cells; they are kept as read. ``placed``:
    the reader put every cell under its column (a ``merged`` cell is one the row lost: ``dropped``)."""
    first = line or (rows[0][0].line if rows and rows[0] else 0)
    last = end_line or max((c.line for row in rows for c in row), default=first)
    if not aligned:
        body = [[GridCell(c.text, c.line) for c in row] for row in rows]
        return Grid(cols, body, first, last, reader, aligned=False)
    if placed:
        body = [[GridCell(c.text, c.line, dropped=c.merged) for c in row] for row in rows]
        return Grid(cols, body, first, last, reader)
    cols = _widen(cols, rows)
    cols = _serial_columns(cols, rows)
    styles, long = _column_traits(cols, rows)
    return Grid(cols, [place(row, cols, styles, long) for row in rows], first, last, reader)


def _filled(row: Sequence[Cell]) -> int:
    """The number of cells up to the last one with text."""
    n = len(row)
    while n and not row[n - 1].text:
        n -= 1
    return n


def _widen(cols: list[Column], rows: Sequence[Sequence[Cell]]) -> list[Column]:
    """Columns for rows wider than the header: section columns at the left (the header's first cell
    spanned them), from unnamed header cells at the right when the header slid left over them."""
    def sections(extra: int, width: int) -> bool:
        """Whether the rows that fill ``width`` cells open with ``extra`` numbered cells."""
        wide = [row for row in rows if _filled(row) >= width]
        return bool(wide) and all(all(c.text and parse_marker(c.text) for c in row[:extra]) for row in wide)

    unnamed = 0
    while unnamed < len(cols) - 2 and not cols[len(cols) - 1 - unnamed].name:
        unnamed += 1
    if unnamed and sections(unnamed, len(cols)):
        cols = [_section_column(cols[0]) for _ in range(unnamed)] + cols[: len(cols) - unnamed]
    extra = max((_filled(row) for row in rows), default=0) - len(cols)
    if extra > 0 and sections(extra, len(cols) + extra):
        cols = [_section_column(cols[0]) for _ in range(extra)] + cols
    return cols


def _section_column(first: Column) -> Column:
    return Column(first.name if first.kind == "task" else "", "task")


def _serial_columns(cols: list[Column], rows: Sequence[Sequence[Cell]]) -> list[Column]:
    """A task column whose cells, in the rows that fill the header, are all bare numbers is a 序号 column."""
    full = [row for row in rows if len(row) == len(cols) and _filled(row) == len(cols)]
    out = list(cols)
    for k, col in enumerate(cols):
        if col.kind != "task":
            continue
        texts = [row[k].text for row in full if row[k].text]
        if len(texts) >= MIN_SERIAL_CELLS and all(serial_marker(t) is not None and parse_marker(t) is None for t in texts):
            out[k] = Column(col.name, "seq", col.unit_role)
    return out


def _column_traits(cols: list[Column], rows: Sequence[Sequence[Cell]]) -> tuple[list[set[str]], list[bool]]:
    """What each column holds in the rows that fill the header: its marker styles (一、 sections in the
    first column), and whether its text is long (a content cell) rather than short (a task's name)."""
    styles: list[set[str]] = [set() for _ in cols]
    lengths: list[list[int]] = [[] for _ in cols]
    for row in rows:
        if len(row) == len(cols) and _filled(row) == len(cols):
            for k, cell in enumerate(row):
                m = parse_marker(cell.text) if cell.text and cols[k].kind == "task" else None
                if m is not None:
                    styles[k].add(m.style)
                lengths[k].append(len(cell.text))
    long = [bool(ls) and sorted(ls)[len(ls) // 2] >= LONG_CELL for ls in lengths]
    return styles, long


def place(row: Sequence[Cell], cols: list[Column], styles: Sequence[set[str]] = (),
          long: Sequence[bool] = ()) -> list[GridCell]:
    """A row under its columns: as read when it fills them; else at the offset where its cells fit best,
    the cells at the left that it lost marked ``dropped``. A row with more cells than columns (a cell
    broken over several lines), and a row of one numbered cell (a section), are kept as read."""
    width = len(cols)
    filled = _filled(row)
    if filled == 0:
        return [GridCell("", c.line) for c in row]
    if filled >= width or len(row) > width or (filled == 1 and parse_marker(row[0].text) is not None):
        return [GridCell(c.text, c.line) for c in row]  # a section row written as one numbered cell: as read
    cells = row[:filled]
    traits = [_traits(c.text) for c in cells]  # what each cell holds, judged once for every offset
    best, best_score = 0, None
    for offset in range(width - filled + 1):
        score = (sum(_fit(t, cols[offset + k], offset + k, styles) for k, t in enumerate(traits)),
                 # as a tie-break: long text under the columns whose text is long
                 sum(1 for k, c in enumerate(cells) if long and (len(c.text) >= LONG_CELL) == long[offset + k]))
        if best_score is None or score > best_score:
            best, best_score = offset, score
    line = cells[0].line
    return ([GridCell("", line, dropped=True) for _ in range(best)]
            + [GridCell(c.text, c.line) for c in cells]
            + [GridCell("", line) for _ in range(width - best - filled)])


def _traits(text: str) -> tuple[bool, bool, bool, bool, str | None]:
    """(has text, a bare number, a unit list, a time limit, its marker's style)."""
    if not text:
        return False, False, False, False, None
    m = parse_marker(text)
    units = bool(LABEL_RE.match(text)) or is_unit_cell(text)
    return True, serial_marker(text) is not None, units, is_time_limit(text), m.style if m else None


def _fit(traits: tuple[bool, bool, bool, bool, str | None], col: Column, k: int, styles: Sequence[set[str]]) -> int:
    """How well a cell fits column ``k``: a unit list under units, a time limit under a time column, a bare
    number under 序号, a marker under the column whose rows have markers of its style, other text under a
    text column."""
    filled, serial, units, timed, style = traits
    if not filled:
        return 0
    if col.kind == "seq":
        return 1 if serial else -1
    if style is not None and styles and any(style in s for s in styles):
        return 1 if style in styles[k] else -1
    if col.kind == "units":
        return 2 if units else -1
    if col.kind == "time":
        return 1 if timed else -1
    if units or serial:
        return -1
    if timed and col.kind != "note":
        return -1
    return 0
