"""Where a table starts in the text, and which reader reads it.

A table starts at its header row, recognised by its column names (:mod:`.header`): on one line (cells
split by tabs, pipes or commas), on two lines (names that wrapped: 牵头 / 单位), over a second header row
of unit columns (责任单位 over 牵头单位 | 配合单位), or one name per line. The header's shape picks the
reader: one row per line (:mod:`.inline`) or one cell per line (:mod:`.stream`). Both give a
:class:`~gkparse.structure.grid.Grid`.
"""

from __future__ import annotations

from ..grid import Grid
from .header import MAX_HEADER_CELLS, header_cell_line, header_columns, line_subheader, two_line_header
from .inline import read_inline_table
from .split import PIPE_RE, PIPES_ONLY_RE, split_cells
from .stream import read_cell_table


def read_table(lines: list[str], i: int) -> tuple[Grid, int] | None:
    """The table whose header is on line ``i`` (0-based) and the line after it, or None."""
    found = _read(lines, i)
    if found is not None:
        grid, end = found
        grid.ends_text = _blank_from(lines, end)
    return found


def _blank_from(lines: list[str], start: int) -> bool:
    """Whether every line from ``start`` on is blank: no copy of the rest of the text (a document may
    hold thousands of tables), and the scan stops at the first line with text."""
    return not any(lines[k].strip() for k in range(start, len(lines)))


def _read(lines: list[str], i: int) -> tuple[Grid, int] | None:
    n = len(lines)
    line = lines[i]
    cells = split_cells(line)
    cols = header_columns(cells) if cells else None
    if cols:
        sub = line_subheader(cols, lines[i + 1] if i + 1 < n else "")
        if sub is not None:  # 责任单位 over 牵头单位 | 配合单位 on a second header row
            cols, i = sub, i + 1
        return read_inline_table(lines, i + 1, cols, _reader(line))
    cols = two_line_header(cells, split_cells(lines[i + 1]) if cells and i + 1 < n else None)
    if cols:  # a header whose cells wrapped onto a second line: 牵头 / 单位
        return read_inline_table(lines, i + 2, cols, _reader(line))
    # a header written one cell per line
    j, names = i, []
    while j < n and j - i < MAX_HEADER_CELLS:
        name = header_cell_line(lines, j)
        if name is None:
            break
        names.append(name)
        j += 2 if name != lines[j].strip() else 1
        while j < n and PIPES_ONLY_RE.match(lines[j]):
            j += 1
        if j + 1 < n and not lines[j].strip() and header_columns([lines[j + 1]], single=True):
            j += 1  # header cells one blank line apart
    cols = header_columns(names) if len(names) >= 2 else None
    if cols:
        return read_cell_table(lines, j, cols)
    return None


def _reader(line: str) -> str:
    if "\t" in line.lstrip("\t"):
        return "tabs"
    return "pipes" if PIPE_RE.search(line) else "csv"
