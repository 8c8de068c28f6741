"""One cell per line → a grid.

Scrapes write a table one cell per line in several ways, all read here:

- rows as groups of lines between blank lines (``\\t`` alone being an empty, merged cell);
- ``|`` on a line of its own between cells, an empty cell (two such lines, or a line of bare ``||``)
  ending each row; cells written ``公开预算 |`` with the pipe that ends them;
- no row boundaries at all: then a row starts at each task number (the cells are told apart by what they
  hold), or, in a table without numbers, where a cell fits no column after the cells before it (a task's
  text after the unit column: the next row).

Rows that lost their merged cells at the left are put back under their columns by
:func:`~gkparse.structure.tables.align.text_grid`.
"""

from __future__ import annotations

import re

from ...extract.document import NOTICE_TITLE_RE
from ..grid import Cell, Grid
from ..numbering import Marker, parse_marker
from .align import text_grid
from .columns import is_time_limit, is_unit_cell, is_unit_list, serial_marker
from .header import Column, header_cell_line
from .split import PIPE_RE, PIPES_ONLY_RE, TRAILING_PIPE_RE, empty_cells

MAX_NOTE_CELL = 30  # a note cell after the units in a table without row boundaries is short
MAX_NOTICE_LINE = 30  # a notice's name on a line of its own (the next document after the table)
SENTENCE_END_RE = re.compile(r"[。！？；;.!?）)」”]")


def read_cell_table(lines: list[str], i: int, cols: list[Column]) -> tuple[Grid, int]:
    """The rows of a one-cell-per-line table from line ``i``, as a grid, and the line after it."""
    n = len(lines)
    tabbed = i > 0 and lines[i - 1].startswith("\t")
    groups: list[list[Cell]] = [[]]
    ends: list[Cell] = []  # the empty cells between pipe lines: row ends
    after_pipe = False
    while i < n:
        line = lines[i]
        if PIPES_ONLY_RE.match(line):
            empties = empty_cells(line) + (1 if after_pipe else 0)
            for _ in range(empties):  # | then |, or ||: an empty cell, the end of a row
                ends.append(Cell("", i + 1))
                groups[-1].append(ends[-1])
            after_pipe = True
            i += 1
            continue
        after_pipe = False
        if not line.strip() and "\t" not in line:
            if groups[-1]:
                groups.append([])
            i += 1
            continue
        if _table_ends(lines, i):
            break
        row = groups[-1]
        text = line.strip()
        if text.endswith(("|", "｜")) and len(PIPE_RE.findall(text)) == 1:
            text = TRAILING_PIPE_RE.sub("", text)  # 公开预算 |: the cell and the pipe that ends it
        if tabbed and row and row[-1].text and not line.startswith("\t") and not _starts_with_marker(line):
            row[-1].text += text  # a cell broken over two lines (the cells are tab-indented)
        elif tabbed and not row and len(groups) > 1 and groups[-2][-1].text and not line.startswith("\t") \
                and not _starts_with_marker(line):
            groups[-2][-1].text += text  # the same, with a blank line in between
            groups.pop()
        else:
            parts = [p.strip() for p in PIPE_RE.split(text)] if PIPE_RE.search(text) else [text]
            for part in parts:  # 1.内容 |各县(市、区): a truncated page glued two cells
                row.append(Cell(part, i + 1))
        i += 1
    grid = _grid(groups, ends, cols)
    return grid, i


def _table_ends(lines: list[str], i: int) -> bool:
    """Whether a one-cell-per-line table ends before line ``i``: a notice's name (the next document), or
    the header of the next table, two column names on lines of their own."""
    text = lines[i].strip()
    if len(text) <= MAX_NOTICE_LINE and NOTICE_TITLE_RE.match(text) and not SENTENCE_END_RE.search(text):
        return True
    name = header_cell_line(lines, i)
    if name is None:
        return False
    j = i + (2 if name != text else 1)
    while j < len(lines) and (not lines[j].strip() or PIPES_ONLY_RE.match(lines[j])):
        j += 1
    return j < len(lines) and header_cell_line(lines, j) is not None


def _grid(groups: list[list[Cell]], ends: list[Cell], cols: list[Column]) -> Grid:
    groups = [g for g in groups if any(c.text for c in g)]
    if ends and len(groups) <= 1:
        rows = _rows_at_ends(groups[0] if groups else [], len(cols))
        if rows is not None:
            return text_grid(cols, rows, "cells")
    with_ends = [c for g in groups for c in g]
    if ends:
        marks = set(map(id, ends))
        groups = [[c for c in g if id(c) not in marks] for g in groups]
    serial = any(c.kind == "seq" for c in cols)  # a bare number is a marker: the 序号 of a row
    if _groups_are_rows(groups, len(cols), serial):
        return text_grid(cols, groups, "cells")
    cells = [c for g in groups for c in g]
    rows = _rows_by_marker(cells, serial)
    # no numbers to start rows at (rows run together, or only sections are numbered): rows by columns,
    # the empty cells (|| lines) standing in their columns
    if any(len(r) > len(cols) + 2 for r in rows) or (not serial and _sections_only(cells)):
        walked = _rows_by_columns(with_ends if ends else cells, cols)
        if walked is not None and ends:
            return text_grid(cols, walked, "cells", placed=True)
        if walked is not None:  # without empty cells, the rows are placed by what their cells hold
            return text_grid(cols, [[c for c in row if c.text] for row in walked], "cells")
    return text_grid(cols, rows, "cells", aligned=False)


def _rows_at_ends(cells: list[Cell], width: int) -> list[list[Cell]] | None:
    """Rows ended by empty cells, when each holds at most as many cells as the header."""
    rows: list[list[Cell]] = [[]]
    for cell in cells:
        if cell.text:
            rows[-1].append(cell)
        elif rows[-1]:
            rows.append([])
    rows = [r for r in rows if r]
    return rows if len(rows) > 1 and all(len(r) <= width for r in rows) else None


def _rows_by_columns(cells: list[Cell], cols: list[Column]) -> list[list[Cell]] | None:
    """Rows of a stream without row boundaries or numbers, each cell under its column: a cell that fits
    no column after the one the cell before it stands in starts the next row; an empty cell (a ``||``
    line) takes the next column of its row, so a row whose unit and time cells are empty is a row of its
    own, whatever its text says. Columns before a row's first cell are ``merged`` (the row lost them).
    None when no unit or time column anchors the rows."""
    if not any(c.kind in ("units", "time") for c in cols):
        return None
    width = len(cols)
    rows: list[list[Cell]] = []
    at = width
    for cell in cells:
        if not cell.text:
            if rows and at + 1 < width:
                at += 1
                rows[-1][at] = cell
            continue
        nxt = next((k for k in range(at + 1, width) if _fits(cell.text, cols[k])), None)
        if nxt is None or not rows:
            at = next((k for k in range(width) if _fits(cell.text, cols[k])), 0)
            rows.append([Cell("", cell.line, merged=k < at) for k in range(width)])
        else:
            at = nxt
        rows[-1][at] = cell
    return rows


def _sections_only(cells: list[Cell]) -> bool:
    """Whether the only numbered cells are sections (一、 （一）) and some cell is task text without a
    number: 一、… （一）… then the rows' content cells."""
    plain = False
    for cell in cells:
        m = parse_marker(cell.text)
        if m is not None and m.style not in SECTION_STYLES:
            return False
        if m is None and not plain and not is_unit_cell(cell.text) and not is_time_limit(cell.text):
            plain = True
    return plain


def _fits(text: str, col: Column) -> bool:
    if col.kind == "seq":
        return serial_marker(text) is not None
    if col.kind == "units":
        return is_unit_cell(text)
    if col.kind == "time":
        return is_time_limit(text)
    if col.kind == "note":
        return len(text) <= MAX_NOTE_CELL
    return not is_unit_list(text)


def _starts_with_marker(line: str) -> bool:
    return parse_marker(line.strip()) is not None


SECTION_STYLES = ("part", "cn", "paren_cn")  # the styles of section rows written with their heading


def _cell_marker(text: str, serial: bool) -> Marker | None:
    """A cell's marker; with a 序号 column, a number alone (``3``, ``二``) is one, and a numbered line
    with text is one only in a section's style (一、加强……)."""
    marker = parse_marker(text)
    if serial and marker is not None and marker.style not in SECTION_STYLES:
        return None  # under a 序号 header, 1.集中公开…… is a numbered line inside a cell
    if marker is None and serial:
        found = serial_marker(text)
        return found if found is not None and found.value > 0 else None
    return marker


def _groups_are_rows(groups: list[list[Cell]], width: int, serial: bool = False) -> bool:
    """Blank-line groups are rows unless one holds several task numbers or the cells of several rows, or
    most hold a single cell where the header has several columns."""
    if not groups:
        return True
    if len(groups) == 1 and width >= 2 and len([c for c in groups[0] if c.text]) > width + 2:
        return False  # no blank line anywhere: the cells of several rows
    for g in groups:
        if len(g) <= width + 2:
            continue
        if width >= 2 and len([c for c in g if c.text]) > 2 * width + 2:
            return False  # the cells of several rows with no blank line between them
        styles = [m.style for m in (_cell_marker(c.text, serial) for c in g) if m is not None]
        if len(styles) != len(set(styles)):
            return False  # more cells than a row holds, with two numbers of one style: rows run together
    singles = sum(1 for g in groups if len([c for c in g if c.text]) == 1)
    return width < 2 or singles <= len(groups) // 2


def _rows_by_marker(cells: list[Cell], serial: bool = False) -> list[list[Cell]]:
    """Rows of a cell stream: a numbered cell starts a row when its number continues its style's
    sequence (or repeats it: a repeated section row). Other numbered cells are content, such as
    ``1.预算……；2.财政……`` in a requirements cell. A section cell and its first task share a row."""
    rows: list[list[Cell]] = []
    last: dict[str, int] = {}
    order: list[str] = []  # marker styles by first appearance: sections before their tasks
    marks: dict[int, Marker | None] = {}  # each cell's marker, by id: worked out once
    for cell in cells:
        marker = marks[id(cell)] = _cell_marker(cell.text, serial) if cell.text else None
        if marker is not None and _opens_row(marker, last, rows, marks):
            last[marker.style] = marker.value
            if marker.style not in order:
                order.append(marker.style)
            current = rows[-1] if rows else []
            markers = [marks[id(c)] for c in current if c.text]
            if (
                current
                and all(m is not None for m in markers)
                and all(order.index(m.style) < order.index(marker.style) for m in markers if m)
            ):
                current.append(cell)  # the first task of the section just opened
            else:
                rows.append([cell])
        elif not rows:
            rows.append([cell])
        else:
            rows[-1].append(cell)
    return rows


def _opens_row(
    marker: Marker, last: dict[str, int], rows: list[list[Cell]], marks: dict[int, Marker | None]
) -> bool:
    """Whether a numbered cell starts a row; ``marks``: the markers of the cells before it, by id."""
    previous = last.get(marker.style)
    if previous is None or marker.value in (previous, previous + 1):
        return True
    if marker.value == 1 and rows:  # numbering restarted under a section opened in this row
        opened = [marks[id(c)] for c in rows[-1] if c.text]
        return bool(opened) and all(m is not None and m.style != marker.style for m in opened)
    return False
