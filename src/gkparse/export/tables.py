"""The table formats: CSV, XLSX, Markdown and a terminal table, of any row kind (``--rows``).

Each writer receives, per document, a mapping of row kind → rows (:func:`gkparse.export.rows.build`);
``summary`` rows are accumulated (:class:`~gkparse.export.summary.UnitSummary`) and written at the end.
CSV and Markdown stream; XLSX writes its workbook at the end (openpyxl's write-only mode keeps rows as
values, not cell objects); the terminal table is kept in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO

from .base import Writer
from .rows import BUILDERS, Row
from .summary import SUMMARY_COLUMNS, UnitSummary

KINDS = ("tasks", "units", "deadlines", "summary")
"""The row kinds of ``--rows``; xlsx also takes ``all`` (one sheet of each)."""

Payload = Mapping[str, Sequence[Row]]


def columns_of(kind: str) -> tuple[str, ...]:
    """The columns of row kind ``kind``."""
    return SUMMARY_COLUMNS if kind == "summary" else BUILDERS[kind][0]


def needed(kind: str) -> tuple[str, ...]:
    """The row kinds a worker must build for ``kind`` (the summary is made of units and deadlines)."""
    if kind == "all":
        return ("tasks", "units", "deadlines")
    return ("units", "deadlines") if kind == "summary" else (kind,)


class _Rows:
    """Rows of one kind, as they come (streamed) or at the end (summary)."""

    def __init__(self, kind: str, as_of: str | None = None) -> None:
        self.kind = kind
        self.columns = columns_of(kind)
        self.summary = UnitSummary(as_of) if kind == "summary" else None

    def take(self, payload: Payload) -> Sequence[Row]:
        """Rows to write now for one document's payload."""
        if self.summary is not None:
            self.summary.add(payload)
            return ()
        return payload.get(self.kind, ())

    def rest(self) -> Sequence[Row]:
        """Rows to write at the end."""
        return self.summary.rows() if self.summary is not None else ()


class CsvWriter(Writer):
    """``--format csv``: UTF-8, rows written as they come; ``bom`` puts a byte-order mark first (Excel
    needs it to show Chinese)."""

    def __init__(self, stream: BinaryIO, kind: str = "tasks", bom: bool = False, as_of: str | None = None) -> None:
        super().__init__(stream)
        self.rows = _Rows(kind, as_of)
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig" if bom else "utf-8", newline="", write_through=True)
        self._csv = csv.writer(self._text)
        self._csv.writerow(self.rows.columns)

    def add(self, label: str, payload: Payload) -> None:
        self._csv.writerows(self.rows.take(payload))

    def close(self) -> None:
        self._csv.writerows(self.rows.rest())
        self._text.flush()
        self._text.detach()  # leave the byte stream open for the caller
        super().close()


class MarkdownWriter(Writer):
    """``--format md``: a Markdown (GFM) table; ``|`` is escaped and line breaks become ``<br>``."""

    def __init__(self, stream: BinaryIO, kind: str = "tasks", as_of: str | None = None) -> None:
        super().__init__(stream)
        self.rows = _Rows(kind, as_of)
        columns = self.rows.columns
        self._write(_md_row(columns) + "| " + " | ".join("---" for _ in columns) + " |\n")

    def add(self, label: str, payload: Payload) -> None:
        self._write("".join(_md_row(row) for row in self.rows.take(payload)))

    def close(self) -> None:
        self._write("".join(_md_row(row) for row in self.rows.rest()))
        super().close()


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def _md_row(values: Sequence[Any]) -> str:
    return "| " + " | ".join(_md_cell(v) for v in values) + " |\n"


# Column widths of the xlsx sheets, in characters (Chinese characters count about double); others get 14.
_XLSX_WIDTHS = {
    "file": 24, "document_title": 30, "year": 6, "issuer": 20, "id": 8, "task": 8, "path": 12,
    "headings": 30, "title": 40, "task_title": 40, "lead": 22, "responsible": 22, "cooperating": 30,
    "unit": 24, "written": 24, "role": 12, "position": 8, "due": 11, "date": 11, "deadlines": 16,
    "text": 16, "kind": 8, "recurrence": 16, "requirements": 40, "line": 7, "document_titles": 40,
    "first_due": 11, "next_due": 24,
}  # fmt: skip
_XLSX_WRAPPED = {"headings", "title", "task_title", "lead", "responsible", "cooperating", "requirements",
                 "document_titles"}  # fmt: skip


class XlsxWriter(Writer):
    """``--format xlsx``: one sheet per row kind (``all``: tasks, units, deadlines and summary), header
    frozen and bold, columns sized, long text wrapped. The workbook is written by :meth:`close`."""

    def __init__(self, stream: BinaryIO, kind: str = "tasks", as_of: str | None = None) -> None:
        super().__init__(stream)
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        self._book = Workbook(write_only=True)
        self._cell = WriteOnlyCell
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._top = Alignment(vertical="top")
        self._sheets: list[tuple[_Rows, Any]] = []
        bold = Font(bold=True)
        for name in (*needed(kind), "summary") if kind == "all" else (kind,):
            rows = _Rows(name, as_of)
            sheet = self._book.create_sheet(name)
            sheet.freeze_panes = "A2"
            for i, column in enumerate(rows.columns, 1):
                sheet.column_dimensions[get_column_letter(i)].width = _XLSX_WIDTHS.get(column, 14)
            header = []
            for column in rows.columns:
                cell = WriteOnlyCell(sheet, value=column)
                cell.font = bold
                header.append(cell)
            sheet.append(header)
            self._sheets.append((rows, sheet))

    def _append(self, rows: _Rows, sheet: Any, values: Sequence[Row]) -> None:
        for row in values:
            cells = []
            for name, value in zip(rows.columns, row):
                cell = self._cell(sheet, value=_xlsx_value(value))
                cell.alignment = self._wrap if name in _XLSX_WRAPPED else self._top
                cells.append(cell)
            sheet.append(cells)

    def add(self, label: str, payload: Payload) -> None:
        for rows, sheet in self._sheets:
            self._append(rows, sheet, rows.take(payload))

    def close(self) -> None:
        for rows, sheet in self._sheets:
            self._append(rows, sheet, rows.rest())
        self._book.save(self.stream)
        super().close()


def _xlsx_value(value: Any) -> Any:
    """Cell text without the control characters that openpyxl refuses."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


TERMINAL_COLUMNS = {
    "tasks": ("id", "title", "lead", "responsible", "cooperating", "due"),
    "units": ("task", "task_title", "unit", "role"),
    "deadlines": ("task", "task_title", "text", "date", "kind"),
    "summary": SUMMARY_COLUMNS,
}
"""The columns ``--format table`` shows (with ``file`` first for several inputs); csv, xlsx and md have
every column."""


class RichTableWriter(Writer):
    """``--format table``: a rich table (kept in memory until :meth:`close`).

    On a terminal it fits the terminal's width (cells wrap); anywhere else (a pipe, a file) it is as
    wide as its content, so that no cell is cut.
    """

    def __init__(
        self, stream: BinaryIO, many: bool, kind: str = "tasks", no_color: bool = False,
        width: int | None = None, terminal: bool = False, as_of: str | None = None,
    ) -> None:  # fmt: skip
        super().__init__(stream)
        self.many = many and kind != "summary"
        self.no_color = no_color
        self.width = width
        self.terminal = terminal
        self.source = _Rows(kind, as_of)
        self.rows: list[Row] = []

    def add(self, label: str, payload: Payload) -> None:
        self.rows.extend(self.source.take(payload))

    def close(self) -> None:
        from rich.console import Console
        from rich.table import Table

        self.rows.extend(self.source.rest())
        shown = list(TERMINAL_COLUMNS[self.source.kind])
        if self.many:
            shown.insert(0, "file")
        index = [self.source.columns.index(name) for name in shown]
        table = Table(*shown, show_lines=True)
        cells = [[str(row[i]) if row[i] is not None else "" for i in index] for row in self.rows]
        for row in cells:
            table.add_row(*row)
        width = self.width
        if width is None and not self.terminal:  # the natural width: wide enough for the longest cells
            width = 4 + sum(3 + max([len(n) for n in shown] + [2 * len(r[i]) for r in cells]) for i, n in enumerate(shown))
        text = io.TextIOWrapper(self.stream, encoding="utf-8", write_through=True)
        Console(file=text, no_color=self.no_color, width=width, soft_wrap=False, force_terminal=self.terminal or None,
                color_system="auto" if self.terminal and not self.no_color else None).print(table)  # fmt: skip
        text.flush()
        text.detach()
        super().close()
