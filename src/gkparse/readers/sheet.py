"""Spreadsheets as tables: a sheet's values and merged ranges → rows of cells with spans.

Shared by the ``.xlsx`` and ``.xls`` readers. Numbers that are whole are written without a decimal
part (a serial ``1``, not ``1.0``); dates are written as Chinese dates (``2024年6月30日``) so that the
deadline rules read them as they read text. Empty rows and columns are left out, and a merged range
spans the rows and columns that remain of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..structure.grid import SourceCell

Merge = tuple[int, int, int, int]  # first row, last row, first column, last column (0-based, inclusive)


def cell_value(value: object) -> str:
    """A spreadsheet value as text.

    >>> cell_value(1.0), cell_value(2.5), cell_value(dt.datetime(2024, 6, 30)), cell_value(True), cell_value(None)
    ('1', '2.5', '2024年6月30日', 'TRUE', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return f"{value.year}年{value.month}月{value.day}日"
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(round(value, 10)).rstrip("0").rstrip(".") if "e" not in repr(value) else repr(value)
    return str(value).strip()


def sheet_rows(values: Sequence[Sequence[str]], merges: Sequence[Merge]) -> list[list[SourceCell]]:
    """Rows of cells with spans from a sheet's text values and merged ranges.

    >>> rows = sheet_rows([["一", "a", ""], ["", "b", ""], ["", "", ""]], [(0, 1, 0, 0)])
    >>> [[(c.text, c.rowspan) for c in row] for row in rows]
    [[('一', 2), ('a', 1)], [('b', 1)]]
    """
    height = len(values)
    width = max((len(r) for r in values), default=0)
    grid = [list(r) + [""] * (width - len(r)) for r in values]
    origin: dict[tuple[int, int], Merge] = {}
    covered: set[tuple[int, int]] = set()
    for r0, r1, c0, c1 in merges:
        r1, c1 = min(r1, height - 1), min(c1, width - 1)
        if r0 > r1 or c0 > c1:
            continue
        origin[(r0, c0)] = (r0, r1, c0, c1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    # A row or column stays when a value is in it, or a merged range with a value covers it.
    filled = {(r, c) for r in range(height) for c in range(width) if grid[r][c]}
    for (r0, c0), (_, r1, _, c1) in origin.items():
        if grid[r0][c0]:
            filled.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
    keep_rows = sorted({r for r, _ in filled})
    keep_cols = sorted({c for _, c in filled})
    kept_row_set, kept_col_set = set(keep_rows), set(keep_cols)
    rows: list[list[SourceCell]] = []
    for r in keep_rows:
        row = []
        for c in keep_cols:
            if (r, c) in covered:
                continue
            merge = origin.get((r, c))
            if merge is None:
                row.append(SourceCell(grid[r][c]))
                continue
            _, r1, _, c1 = merge
            rowspan = sum(1 for k in range(r, r1 + 1) if k in kept_row_set)
            colspan = sum(1 for k in range(c, c1 + 1) if k in kept_col_set)
            row.append(SourceCell(grid[r][c], max(1, rowspan), max(1, colspan)))
        rows.append(row)
    return rows


def add_sheet(out, rows: list[list[SourceCell]]) -> None:  # type: ignore[no-untyped-def]
    """A sheet into a :class:`~gkparse.readers.base.TextBuilder`: the rows of one text above the table
    (the plan's title, 附件1) and below it (notes, the signature) as paragraphs, the rest as a table."""
    def single(row: list[SourceCell]) -> bool:
        return sum(1 for c in row if c.text) <= 1

    start, end = 0, len(rows)
    while start < end and single(rows[start]):
        start += 1
    while end > start and single(rows[end - 1]):
        end -= 1
    for row in rows[:start]:
        out.para(" ".join(c.text for c in row if c.text))
    out.table(rows[start:end])
    for row in rows[end:]:
        out.para(" ".join(c.text for c in row if c.text))
