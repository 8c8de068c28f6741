"""Output formats: every one a view of the same validated document (:class:`~gkparse.models.ParsedDocument`).

* :mod:`.documents`: ``json``, ``jsonl``, ``text`` (whole documents);
* :mod:`.tables` with :mod:`.rows` and :mod:`.summary`: ``csv``, ``xlsx``, ``md``, ``table``, one row per
  task, task × unit, deadline, or unit of the batch (``--rows``);
* :mod:`.sqlite`: ``sqlite``, a database with one table per entity;
* :mod:`.html`: ``html``, a self-contained review page.

Every writer receives one document at a time through :meth:`~.base.Writer.add` and finishes with
:meth:`~.base.Writer.close`. What a batch worker sends back for a document is the format's
:func:`payload`, so that the work (rows, JSON text) is done in the workers.
"""

from __future__ import annotations

import json
import os
from enum import Enum
from typing import Any, BinaryIO

from .base import Writer
from .rows import TASK_COLUMNS, build, task_rows
from .tables import KINDS, needed

COLUMNS = TASK_COLUMNS
"""Columns of the table formats with ``--rows tasks`` (the default)."""

__all__ = ["COLUMNS", "KINDS", "Format", "Writer", "error_record", "format_for_path", "open_writer", "payload", "task_rows"]


class Format(str, Enum):
    """The output formats of ``--format``."""

    json = "json"
    jsonl = "jsonl"
    text = "text"
    csv = "csv"
    xlsx = "xlsx"
    md = "md"
    table = "table"
    sqlite = "sqlite"
    html = "html"

    @property
    def tabular(self) -> bool:
        """Whether the format is a table of rows (and takes ``--rows``)."""
        return self in (Format.csv, Format.xlsx, Format.md, Format.table)

    @property
    def binary(self) -> bool:
        """Whether the format is binary (refused on a terminal)."""
        return self in (Format.xlsx, Format.sqlite)


_SUFFIXES = {
    ".json": Format.json, ".jsonl": Format.jsonl, ".ndjson": Format.jsonl, ".txt": Format.text,
    ".csv": Format.csv, ".xlsx": Format.xlsx, ".md": Format.md, ".db": Format.sqlite,
    ".sqlite": Format.sqlite, ".sqlite3": Format.sqlite, ".html": Format.html, ".htm": Format.html,
}  # fmt: skip


def format_for_path(path: str | None) -> Format | None:
    """The format an output file's name asks for (``plans.db`` → sqlite), else None.

    >>> format_for_path("out/plans.db"), format_for_path("tasks.CSV"), format_for_path("out/")
    (<Format.sqlite: 'sqlite'>, <Format.csv: 'csv'>, None)
    """
    if not path or path.endswith(("/", os.sep)):
        return None
    return _SUFFIXES.get(os.path.splitext(path)[1].lower())


def payload(fmt: Format, rows: str = "tasks") -> tuple[str, tuple[str, ...]]:
    """What a worker sends back for ``fmt``: (``json`` text | clean ``text`` | table ``rows`` | ``doc``
    JSON data | ``review``: JSON data and clean text, the row kinds to build)."""
    if fmt in (Format.json, Format.jsonl):
        return "json", ()
    if fmt is Format.text:
        return "text", ()
    if fmt is Format.sqlite:
        return "doc", ()
    if fmt is Format.html:
        return "review", ()
    return "rows", needed(rows)


def open_writer(
    fmt: Format, stream: BinaryIO | None, *, many: bool, rows: str = "tasks", bom: bool = False,
    no_color: bool = False, width: int | None = None, terminal: bool = False, path: str | None = None,
) -> Writer:  # fmt: skip
    """The writer of ``fmt`` on ``stream`` (``path`` for sqlite); ``many`` when several documents (or a
    folder) are written; ``rows`` the row kind of the table formats; ``bom`` a byte-order mark on csv."""
    from . import documents, tables

    if fmt is Format.sqlite:
        from .sqlite import SqliteWriter

        assert path is not None
        return SqliteWriter(path)
    assert stream is not None
    if fmt is Format.json:
        return documents.JsonWriter(stream, many)
    if fmt is Format.jsonl:
        return documents.JsonLinesWriter(stream)
    if fmt is Format.text:
        return documents.TextWriter(stream, many)
    if fmt is Format.html:
        from .html import HtmlWriter

        return HtmlWriter(stream)
    if rows == "all" and fmt is not Format.xlsx:
        raise ValueError("--rows all is for xlsx")
    if fmt is Format.csv:
        return tables.CsvWriter(stream, rows, bom=bom)
    if fmt is Format.xlsx:
        return tables.XlsxWriter(stream, rows)
    if fmt is Format.md:
        return tables.MarkdownWriter(stream, rows)
    return tables.RichTableWriter(stream, many, rows, no_color=no_color, width=width, terminal=terminal)


def error_record(path: str | None, code: str, message: str) -> str:
    """One line of ``errors.jsonl``.

    >>> error_record("a/b.txt", "empty", "the file is empty")
    '{"path": "a/b.txt", "code": "empty", "message": "the file is empty"}'
    """
    return json.dumps({"path": path, "code": code, "message": message}, ensure_ascii=False)


def make_payload(kind: str, kinds: tuple[str, ...], label: str, doc: Any, text: str | None = None) -> Any:
    """The payload of ``kind`` for one parsed document (a :class:`~gkparse.models.ParsedDocument`)."""
    data = doc.model_dump(mode="json")
    if kind == "rows":
        return build(kinds, label, data)
    if kind == "review":
        return {"doc": data, "text": text or ""}
    return data
