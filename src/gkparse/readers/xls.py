"""Excel 97–2003 ``.xls`` (xlrd): every sheet as a table with its merged ranges; numbers that are whole
as integers, date cells as dates. A workbook xlrd cannot read (some WPS files) goes to LibreOffice."""

from __future__ import annotations

import io

import xlrd

from ..errors import InputError
from .base import Reading, TextBuilder
from .sheet import Merge, add_sheet, cell_value, sheet_rows


def read_xls(data: bytes, path: str | None = None) -> Reading:
    """The sheets of an ``.xls`` workbook as tables (rows of one text around them as paragraphs)."""
    try:
        # xlrd's warnings go to a log of their own: stdout carries data only
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
    except Exception:  # xlrd raises many types on damaged or WPS-made files: LibreOffice may read them
        from .office import read_legacy

        return read_legacy(data, path, "xls")
    out = TextBuilder()
    for sheet in book.sheets():
        if getattr(sheet, "visibility", 0):
            continue  # hidden sheets hold lookup lists, not the table
        values = [[_value(sheet.cell(r, c), book.datemode) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
        merges: list[Merge] = [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        add_sheet(out, sheet_rows(values, merges))
    if not out.lines:
        raise InputError(path, "empty", "the workbook has no cells with text")
    return Reading(out.text(), "xls", "binary", out.tables)


def _value(cell: xlrd.sheet.Cell, datemode: int) -> str:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_value(xlrd.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell_value(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_value(bool(cell.value))
    return cell_value(cell.value)
