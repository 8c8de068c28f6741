"""One row per line → a grid: tab-separated, pipe-separated (Markdown) and comma-separated rows.

A row's cell may wrap onto the next line (the line has no cells, or finishes the row above); a section
may be a row of one cell (``一、加强……`` alone on its line); a page cut off in the last row keeps it.
Rows that lost their merged cells at the left are put back under their columns by
:func:`~gkparse.structure.tables.align.text_grid`.
"""

from __future__ import annotations

import re

from ...extract.document import date_line
from ..grid import Cell, Grid
from ..numbering import Marker, parse_marker
from .align import text_grid
from .columns import serial_marker
from .header import Column
from .split import PIPE_RE, SEPARATOR_CELL_RE, pipe_cells, split_cells

SENTENCE_END_RE = re.compile(r"[。！？；;.!?）)」”]")
MAX_SIGNATURE_LEN = 30
SIGNATURE_ORGAN_RE = re.compile(r"^[\u4e00-\u9fff（）]{2,28}(?:办公室|办公厅|人民政府|委员会|领导小组|管理局|局|厅)$")


def read_inline_table(lines: list[str], i: int, cols: list[Column], reader: str) -> tuple[Grid, int]:
    """The rows of a table written one row per line from line ``i``, as a grid, and the line after it."""
    rows: list[list[Cell]] = []
    i = _read_rows(lines, i, cols, rows)
    return text_grid(cols, rows, reader), i


def _read_rows(lines: list[str], i: int, cols: list[Column], blocks: list[list[Cell]]) -> int:
    n = len(lines)
    last_line = _last_line(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        cells = split_cells(line)
        if cells is None and i == last_line and PIPE_RE.search(line):
            cells = pipe_cells(line)  # the page was cut off in the last row: a | b
        if cells is None:
            marker = parse_marker(line.strip())
            if marker is not None:
                if not _row_follows(lines, i + 1) and not (i == last_line and _continues_numbering(blocks, marker)):
                    return i  # a numbered paragraph with no row after it: the plan's prose goes on
                # a section row written as one cell, or the last row of a page cut off before its cells
                blocks.append([Cell(line.strip(), i + 1)])
                i += 1
                continue
            last = blocks[-1][-1] if blocks and blocks[-1] else None
            if _signature_line(line):
                return i  # the signature under the table: 天门市人民政府办公室 / 2020年6月3日
            if last is not None and last.text and not SENTENCE_END_RE.search(last.text[-1]):
                last.text += _cell_joint(blocks[-1], cols) + line.strip()  # a cell broken over two lines
                i += 1
                continue
            return i
        if all(SEPARATOR_CELL_RE.match(c) for c in cells):  # | --- | --- | under a Markdown header
            i += 1
            continue
        if _continues_row(blocks, cells, len(cols)):
            # a row whose cell wrapped onto the next line: 1	推进……完成县级部门目 / 录编制……	县政府办公室
            last = blocks[-1]
            last[-1].text += _cell_joint(last, cols) + cells[0]
            last.extend(Cell(c, i + 1) for c in cells[1:])
            i += 1
            continue
        blocks.append([Cell(c, i + 1) for c in cells])
        i += 1
    return i


def _cell_joint(cells: list[Cell], cols: list[Column]) -> str:
    """What joins a cell to its continuation on the next line: a space in a unit cell (one unit per line:
    the unit clause reader splits there when both sides are names, and drops the space otherwise), else
    nothing (Chinese text wraps anywhere)."""
    index = len(cells) - 1 - max(0, len(cells) - len(cols))
    return " " if 0 <= index < len(cols) and cols[index].kind == "units" else ""


def _row_follows(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line from ``i`` is a table row."""
    for k in range(i, len(lines)):  # no copy of the rest of the text
        if lines[k].strip():
            return split_cells(lines[k]) is not None
    return False


def _signature_line(line: str) -> bool:
    """A line of the signature block: a date alone, or an organ's name alone."""
    text = line.strip()
    return len(text) <= MAX_SIGNATURE_LEN and (date_line(text) is not None or bool(SIGNATURE_ORGAN_RE.match(text)))


def _continues_row(blocks: list[list[Cell]], cells: list[str], width: int) -> bool:
    """Whether ``cells`` finish the row above: it is short of cells, its last cell stops mid-sentence, this
    line opens with no number, and both together fit the header."""
    if not blocks or not cells or not cells[0]:
        return False
    last = blocks[-1]
    return (
        len(last) < width
        and len(last) + len(cells) - 1 <= width
        and bool(last[-1].text)
        # a break after a sentence too, when this line is short of cells as well
        and (not SENTENCE_END_RE.search(last[-1].text[-1]) or len(cells) < width)
        and serial_marker(cells[0]) is None
        and parse_marker(cells[0]) is None
    )


def _last_line(lines: list[str]) -> int:
    """The index of the last line with text: where a page that was cut off ends."""
    k = len(lines) - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    return k


def _continues_numbering(rows: list[list[Cell]], marker: Marker) -> bool:
    """Whether ``marker`` is the next number after one in the row above (10. then 11.)."""
    if not rows:
        return False
    for cell in rows[-1]:
        m = parse_marker(cell.text) if cell.text else None
        if m is not None and m.style == marker.style and m.value + 1 == marker.value:
            return True
    return False
