"""Output formats: JSON, JSON Lines, text, CSV, XLSX, Markdown and a terminal table.

Every writer takes a *byte* stream (so that output is UTF-8 whatever the locale says), receives one
document at a time through :meth:`Writer.add`, and finishes with :meth:`Writer.close`. Writers stream:
nothing but the rich terminal table keeps more than one document in memory.

The tabular formats have one row per task (:data:`COLUMNS`); :func:`task_rows` turns a document, as the
plain JSON data of :class:`~gkparse.models.ParsedDocument`, into those rows. It runs in the batch
workers, so that only rows travel back to the parent process.

>>> doc = {"tasks": [{"id": "1.1", "path": ["一", "(一)"], "headings": ["加强公开"], "title": "公开预算",
...        "requirements": None, "line": 3, "recurrence": [],
...        "units": [{"name": "市财政局", "role": "lead"}, {"name": "各区", "role": "cooperating"}],
...        "deadlines": [{"text": "年底前", "date": "2020-12-31", "kind": "by"}]}]}
>>> task_rows("a.txt", doc)[0]
['a.txt', '1.1', '一 (一)', '加强公开', '公开预算', '市财政局', '', '各区', '2020-12-31', '', '', 3]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, BinaryIO

COLUMNS = (
    "file",
    "id",
    "path",
    "headings",
    "title",
    "lead",
    "responsible",
    "cooperating",
    "deadlines",
    "recurrence",
    "requirements",
    "line",
)
"""Columns of the csv, xlsx, md and table formats, one row per task."""

UNIT_SEP = "、"
LIST_SEP = "；"

Row = list[Any]


class Format(str, Enum):
    """The output formats of ``--format``."""

    json = "json"
    jsonl = "jsonl"
    text = "text"
    csv = "csv"
    xlsx = "xlsx"
    md = "md"
    table = "table"

    @property
    def payload(self) -> str:
        """What a worker sends back for this format: ``json`` text, clean ``text`` or table ``rows``."""
        if self in (Format.json, Format.jsonl):
            return "json"
        if self is Format.text:
            return "text"
        return "rows"

    @property
    def binary(self) -> bool:
        """Whether the format is binary (refused on a terminal)."""
        return self is Format.xlsx


def task_rows(file: str, doc: Mapping[str, Any]) -> list[Row]:
    """One row per task of ``doc`` (a document as JSON data), in :data:`COLUMNS` order."""
    rows: list[Row] = []
    for task in doc.get("tasks", []):
        units: dict[str, list[str]] = {"lead": [], "responsible": [], "cooperating": []}
        for unit in task.get("units", []):
            units.setdefault(unit["role"], []).append(unit["name"])
        deadlines = [d.get("date") or d["text"] for d in task.get("deadlines", [])]
        recurrence = [r["text"] for r in task.get("recurrence", [])]
        rows.append(
            [
                file,
                task["id"],
                " ".join(task.get("path", [])),
                " > ".join(task.get("headings", [])),
                task.get("title", ""),
                UNIT_SEP.join(units["lead"]),
                UNIT_SEP.join(units["responsible"]),
                UNIT_SEP.join(units["cooperating"]),
                LIST_SEP.join(deadlines),
                LIST_SEP.join(recurrence),
                task.get("requirements") or "",
                task.get("line"),
            ]
        )
    return rows


class Writer:
    """Base class: receives documents one by one, in input order."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def add(self, label: str, payload: Any) -> None:
        """Write one document: ``label`` is its path as given; ``payload`` depends on the format."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output (closing brackets, the workbook) and flush; does not close the stream."""
        self.stream.flush()

    def _write(self, text: str) -> None:
        self.stream.write(text.encode("utf-8"))


class JsonWriter(Writer):
    """``--format json``: the document itself, or a JSON array when ``many`` (streamed)."""

    def __init__(self, stream: BinaryIO, many: bool) -> None:
        super().__init__(stream)
        self.many = many
        self.count = 0

    def add(self, label: str, payload: str) -> None:
        if self.many:
            self._write(("[\n" if self.count == 0 else ",\n") + payload)
        else:
            self._write(payload + "\n")
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.many:
            self._write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


class JsonLinesWriter(Writer):
    """``--format jsonl``: one compact document per line, flushed line by line."""

    def add(self, label: str, payload: str) -> None:
        self._write(payload + "\n")
        self.stream.flush()


class TextWriter(Writer):
    """``--format text``: the clean text; with ``many``, each preceded by ``==> path <==`` (as head)."""

    def __init__(self, stream: BinaryIO, many: bool) -> None:
        super().__init__(stream)
        self.many = many
        self.count = 0

    def add(self, label: str, payload: str) -> None:
        if self.many:
            self._write(("" if self.count == 0 else "\n") + f"==> {label} <==\n")
        self._write(payload if payload.endswith("\n") or not payload else payload + "\n")
        self.count += 1
        self.stream.flush()


class CsvWriter(Writer):
    """``--format csv``: UTF-8 with a BOM (so that Excel shows Chinese), rows written as they come."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", write_through=True)
        self._csv = csv.writer(self._text)
        self._csv.writerow(COLUMNS)

    def add(self, label: str, payload: Sequence[Row]) -> None:
        self._csv.writerows(payload)

    def close(self) -> None:
        self._text.flush()
        self._text.detach()  # leave the byte stream open for the caller
        super().close()


class MarkdownWriter(Writer):
    """``--format md``: a Markdown (GFM) table; ``|`` is escaped and line breaks become ``<br>``."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        self._write(_md_row(COLUMNS) + "| " + " | ".join("---" for _ in COLUMNS) + " |\n")

    def add(self, label: str, payload: Sequence[Row]) -> None:
        self._write("".join(_md_row(row) for row in payload))


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def _md_row(values: Sequence[Any]) -> str:
    return "| " + " | ".join(_md_cell(v) for v in values) + " |\n"


# Column widths of the xlsx sheet, in characters (Chinese characters count about double).
_XLSX_WIDTHS = {
    "file": 24, "id": 8, "path": 12, "headings": 30, "title": 40, "lead": 22, "responsible": 22,
    "cooperating": 30, "deadlines": 16, "recurrence": 16, "requirements": 40, "line": 7,
}  # fmt: skip
_XLSX_WRAPPED = {"headings", "title", "lead", "responsible", "cooperating", "requirements"}


class XlsxWriter(Writer):
    """``--format xlsx``: one sheet, header frozen and bold, columns sized, long text wrapped.

    Uses openpyxl's write-only mode, so rows are not kept as cell objects; the workbook is written
    to the stream by :meth:`close`.
    """

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet("tasks")
        self._sheet.freeze_panes = "A2"
        for i, name in enumerate(COLUMNS, 1):
            self._sheet.column_dimensions[get_column_letter(i)].width = _XLSX_WIDTHS[name]
        self._cell = WriteOnlyCell
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._top = Alignment(vertical="top")
        bold = Font(bold=True)
        header = []
        for name in COLUMNS:
            cell = WriteOnlyCell(self._sheet, value=name)
            cell.font = bold
            header.append(cell)
        self._sheet.append(header)

    def add(self, label: str, payload: Sequence[Row]) -> None:
        for row in payload:
            cells = []
            for name, value in zip(COLUMNS, row):
                cell = self._cell(self._sheet, value=_xlsx_value(value))
                cell.alignment = self._wrap if name in _XLSX_WRAPPED else self._top
                cells.append(cell)
            self._sheet.append(cells)

    def close(self) -> None:
        self._book.save(self.stream)
        super().close()


def _xlsx_value(value: Any) -> Any:
    """Cell text without the control characters that openpyxl refuses."""
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


class RichTableWriter(Writer):
    """``--format table``: a rich table for the terminal (kept in memory until :meth:`close`).

    Shows the columns a reader scans first: file (with several inputs), id, title, units by role,
    deadlines. Use csv, xlsx or md for every column.
    """

    def __init__(self, stream: BinaryIO, many: bool, no_color: bool = False, width: int | None = None):
        super().__init__(stream)
        self.many = many
        self.no_color = no_color
        self.width = width
        self.rows: list[Row] = []

    def add(self, label: str, payload: Sequence[Row]) -> None:
        self.rows.extend(payload)

    def close(self) -> None:
        from rich.console import Console
        from rich.table import Table

        shown = ["id", "title", "lead", "responsible", "cooperating", "deadlines"]
        if self.many:
            shown.insert(0, "file")
        index = [COLUMNS.index(name) for name in shown]
        table = Table(*shown, show_lines=True)
        for row in self.rows:
            table.add_row(*(str(row[i]) if row[i] is not None else "" for i in index))
        text = io.TextIOWrapper(self.stream, encoding="utf-8", write_through=True)
        Console(file=text, no_color=self.no_color, width=self.width, soft_wrap=False).print(table)
        text.flush()
        text.detach()
        super().close()


def open_writer(
    fmt: Format, stream: BinaryIO, *, many: bool, no_color: bool = False, width: int | None = None
) -> Writer:
    """The writer of ``fmt`` on ``stream``; ``many`` when several documents (or a folder) are written."""
    if fmt is Format.json:
        return JsonWriter(stream, many)
    if fmt is Format.jsonl:
        return JsonLinesWriter(stream)
    if fmt is Format.text:
        return TextWriter(stream, many)
    if fmt is Format.csv:
        return CsvWriter(stream)
    if fmt is Format.xlsx:
        return XlsxWriter(stream)
    if fmt is Format.md:
        return MarkdownWriter(stream)
    return RichTableWriter(stream, many, no_color=no_color, width=width)


def error_record(path: str | None, code: str, message: str) -> str:
    """One line of ``errors.jsonl``.

    >>> error_record("a/b.txt", "empty", "the file is empty")
    '{"path": "a/b.txt", "code": "empty", "message": "the file is empty"}'
    """
    return json.dumps({"path": path, "code": code, "message": message}, ensure_ascii=False)
