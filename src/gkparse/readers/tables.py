"""Native tables into the clean text: each placeholder line becomes the table's rows, one row per line
with its cells tab-separated (so ``--format text`` shows the table and task lines point into it), and
each table that has a header becomes a :class:`~gkparse.structure.grid.Grid` over those lines.

>>> from gkparse.structure.grid import SourceCell as C
>>> rows = [[C("序号"), C("工作任务"), C("牵头单位")], [C("1"), C("公开预算"), C("市财政局")]]
>>> placed = place_tables("一、重点任务\\n" + placeholder(0), [rows], "html")
>>> placed.text.split("\\n")
['一、重点任务', '序号\\t工作任务\\t牵头单位', '1\\t公开预算\\t市财政局']
>>> [(g.line, g.end_line, g.reader) for g in placed.grids]
[(2, 3, 'html')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ..models import Warning
from ..structure.grid import Grid, SourceCell, grid_from_rows, lay_out
from .base import PLACEHOLDER_RE, placeholder  # noqa: F401 (placeholder: for the doctest)

CELL_SPACE_RE = re.compile(r"[ \t\u3000\xa0]+")
# A cell's lines are joined without a space after the end of a sentence or clause, with one otherwise
# (a list of unit names one per line stays a list).
CLAUSE_END = "。；：，、！？）)》」"


class Placed(NamedTuple):
    text: str
    grids: list[Grid]
    warnings: list[Warning]


def cell_text(text: str) -> str:
    """A cell's text on one line: its lines joined, spaces collapsed.

    >>> cell_text(" 市财政局\\n市审计局 "), cell_text("公开预算。\\n公开决算。")
    ('市财政局 市审计局', '公开预算。公开决算。')
    """
    out = ""
    for line in text.split("\n"):
        line = CELL_SPACE_RE.sub(" ", line).strip()
        if not line:
            continue
        out = line if not out else out + ("" if out[-1] in CLAUSE_END else " ") + line
    return out


def clean_cells(tables: list[list[list[SourceCell]]], fix: Callable[[str], str]) -> None:
    """Run ``fix`` (the repair and script stages) over every cell's text, in place."""
    for rows in tables:
        for row in rows:
            for cell in row:
                cell.text = cell_text(fix(cell.text)) if cell.text else ""


def place_tables(text: str, tables: list[list[list[SourceCell]]], reader: str) -> Placed:
    """Replace each placeholder line of ``text`` by its table's rows; grids for the tables with a header."""
    out: list[str] = []
    grids: list[Grid] = []
    warnings: list[Warning] = []
    placed: set[int] = set()
    for line in text.split("\n"):
        m = PLACEHOLDER_RE.match(line)
        if m is None or int(m.group(1)) >= len(tables):
            out.append(line)
            continue
        index = int(m.group(1))
        placed.add(index)
        _render(tables[index], reader, out, grids, warnings)
    for index, rows in enumerate(tables):
        if index not in placed:  # a placeholder the clean stage did not keep: the table goes last
            out.append("")
            _render(rows, reader, out, grids, warnings)
    return Placed("\n".join(out), grids, warnings)


def _render(rows: list[list[SourceCell]], reader: str, out: list[str], grids: list[Grid],
            warnings: list[Warning]) -> None:
    first = len(out) + 1
    laid = lay_out(rows)
    for row in laid:
        out.append("\t".join("" if c.covered else c.text.replace("\t", " ") for c in row))
    grid = grid_from_rows(rows, line=first, reader=reader)
    if grid is None:
        return
    grid.line, grid.end_line = first, first + len(laid) - 1
    grids.append(grid)
    misfit = _misfit_rows(rows, grid)
    if misfit:
        warnings.append(Warning(
            code="table_rows_misfit",
            message=f"{len(misfit)} rows of the table at line {first} do not fit its {grid.width} header columns "
                    f"(first at line {misfit[0]}): check their cells",
            line=misfit[0],
        ))


def _misfit_rows(rows: list[list[SourceCell]], grid: Grid) -> list[int]:
    """Lines of body rows with text past the header's last named column, or with fewer cells than the
    header that leave a gap (a row of one cell, a section heading, fits any header)."""
    laid = lay_out([[SourceCell(c.text, c.rowspan, c.colspan, c.line or -1) for c in row] for row in rows])
    header = laid[len(laid) - len(grid.rows) - 1]
    width = max((k + 1 for k, c in enumerate(header) if c.text or c.covered), default=grid.width)
    lines = []
    for row in laid[len(laid) - len(grid.rows):]:
        line = next((c.line for c in row if c.line > 0), 0)
        filled = [c for c in row[:width] if c.line != 0]  # a cell of the source or covered by one
        beyond = any(c.text for c in row[width:])
        texts = sum(1 for c in row if c.text)
        if beyond or (texts > 1 and len(filled) < width):
            lines.append(line)
    return lines
