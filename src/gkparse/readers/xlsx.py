"""Excel ``.xlsx`` (openpyxl): every sheet, in order, as a table with its merged ranges.

Cells are read with their cached values (what Excel last computed), so a formula cell gives its result.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook

from ..errors import InputError
from .base import Reading, TextBuilder
from .sheet import Merge, add_sheet, cell_value, sheet_rows


def read_xlsx(data: bytes, path: str | None = None) -> Reading:
    """The sheets of an ``.xlsx`` workbook as tables (rows of one text around them as paragraphs)."""
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as err:  # a damaged package or part: openpyxl and its XML parser raise many types
        raise InputError(path, "unreadable", f"not a readable Excel workbook ({type(err).__name__})") from None
    out = TextBuilder()
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue  # hidden sheets hold lookup lists, not the table
        values = [[cell_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        merges: list[Merge] = [
            (m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1) for m in sheet.merged_cells.ranges
        ]
        add_sheet(out, sheet_rows(values, merges))
    return Reading(out.text(), "xlsx", "binary", out.tables)
