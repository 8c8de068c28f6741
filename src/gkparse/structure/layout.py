"""Prose versus tables: clean text → blocks.

Tables are read by the readers of :mod:`gkparse.structure.tables` (one per flattening: tabs, pipes,
comma-separated values, one cell per line) into the one table model, :class:`~gkparse.structure.grid.Grid`,
and native tables (HTML, Word, Excel, PDF) arrive as grids already; every grid's rows become table-row
blocks (:func:`~gkparse.structure.grid.grid_blocks`). Everything else is prose: one block per paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .grid import Block, Cell, Grid, grid_blocks
from .tables.columns import serial_marker
from .tables.header import HEADER_WORDS, Column, header_columns, unit_subheader_columns
from .tables.read import read_table

__all__ = ["HEADER_WORDS", "Block", "Cell", "Column", "header_columns", "iter_blocks", "serial_marker", "split_blocks",
           "unit_subheader_columns"]

MAX_HEADER_LINE = 400  # a header row is short; a longer line is prose, decided at once


def split_blocks(text: str, grids: Sequence[Grid] = (), lines: list[str] | None = None) -> list[Block]:
    """Blocks of the clean text: paragraphs and table rows, with 1-based line numbers.

    ``grids`` are tables a native reader already read (HTML, Word, Excel, PDF), each over its lines
    ``line``–``end_line`` of the text: their rows are taken as they are, and those lines are not read again.
    ``lines``: the text's lines when the caller has them already (one list of them, not two).
    """
    return list(iter_blocks(text, grids, lines))


def iter_blocks(text: str, grids: Sequence[Grid] = (), lines: list[str] | None = None) -> Iterator[Block]:
    """:func:`split_blocks` one block at a time, for a reader that needs no list of them all."""
    if lines is None:
        lines = text.split("\n")
    native = {g.line: g for g in grids if g.line > 0}
    i, n = 0, len(lines)
    while i < n:
        grid = native.get(i + 1)
        if grid is not None:
            yield from grid_blocks(grid)
            i = max(i + 1, grid.end_line)
            continue
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        table = read_table(lines, i) if len(line) <= MAX_HEADER_LINE else None
        if table is not None:
            grid, i = table
            yield from grid_blocks(grid)
            continue
        yield Block("para", i + 1, text=line.strip())
        i += 1
