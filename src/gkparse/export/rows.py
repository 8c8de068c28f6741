"""Tidy rows of the table formats: one row per task, per task × unit, or per deadline.

Every row starts with the document's columns (:data:`DOC_COLUMNS`: file, title, year, issuer) so that
rows of a batch can be filtered and grouped without a join. The builders take a document as the plain
JSON data of :class:`~gkparse.models.ParsedDocument` (``model_dump(mode="json")``); they run in the batch
workers, so that only rows travel back to the parent process.

>>> doc = {"document": {"title": "2020年政务公开工作要点", "year": 2020, "issuer": "市政府办公室"},
...        "tasks": [{"id": "1.1", "path": ["一", "(一)"], "headings": ["加强公开"], "title": "公开预算",
...        "requirements": None, "line": 3, "recurrence": [],
...        "units": [{"name": "市财政局", "role": "lead"}, {"name": "各区", "role": "cooperating"}],
...        "deadlines": [{"text": "年底前", "date": "2020-12-31", "kind": "by"}]}]}
>>> task_rows("a.txt", doc)[0]
['a.txt', '2020年政务公开工作要点', 2020, '市政府办公室', '1.1', '一 (一)', '加强公开', '公开预算', '市财政局', '', '各区', '2020-12-31', '年底前', '', '', 3]
>>> [row[4:] for row in unit_rows("a.txt", doc)]
[['1.1', '公开预算', '市财政局', '市财政局', 'lead', 1, 3], ['1.1', '公开预算', '各区', '各区', 'cooperating', 2, 3]]
>>> deadline_rows("a.txt", doc)[0][4:]
['1.1', '公开预算', '年底前', '2020-12-31', 'by', 3]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Row = list[Any]
Doc = Mapping[str, Any]

DOC_COLUMNS = ("file", "document_title", "year", "issuer")
"""The document's columns, first in every row of every kind."""

TASK_COLUMNS = (
    *DOC_COLUMNS, "id", "path", "headings", "title", "lead", "responsible", "cooperating",
    "due", "deadlines", "recurrence", "requirements", "line",
)  # fmt: skip
"""``--rows tasks``: one row per task; units of each role joined with ``、``; ``due`` is the earliest ISO
date of the task's deadlines, ``deadlines`` the time limits as written, joined with ``；``."""

UNIT_COLUMNS = (*DOC_COLUMNS, "task", "task_title", "unit", "written", "role", "position", "line")
"""``--rows units``: one row per task × unit; ``unit`` is the name resolved within the document,
``written`` the name as the task writes it; ``position`` counts from 1 in the task's unit list."""

DEADLINE_COLUMNS = (*DOC_COLUMNS, "task", "task_title", "text", "date", "kind", "line")
"""``--rows deadlines``: one row per deadline: the text as written, the ISO date (empty for ongoing and
within) and the kind (by, ongoing, within)."""

UNIT_SEP = "、"
LIST_SEP = "；"


def doc_columns(file: str, doc: Doc) -> Row:
    """The :data:`DOC_COLUMNS` values of ``doc``."""
    meta = doc.get("document") or {}
    return [file, meta.get("title") or "", meta.get("year"), meta.get("issuer") or ""]


def task_rows(file: str, doc: Doc) -> list[Row]:
    """One row per task of ``doc``, in :data:`TASK_COLUMNS` order."""
    head = doc_columns(file, doc)
    rows: list[Row] = []
    for task in doc.get("tasks", []):
        units: dict[str, list[str]] = {"lead": [], "responsible": [], "cooperating": []}
        for unit in task.get("units", []):
            units.setdefault(unit["role"], []).append(unit["name"])
        deadlines = task.get("deadlines", [])
        dates = sorted(d["date"] for d in deadlines if d.get("date"))
        rows.append(
            [
                *head,
                task["id"],
                " ".join(task.get("path", [])),
                " > ".join(task.get("headings", [])),
                task.get("title", ""),
                UNIT_SEP.join(units["lead"]),
                UNIT_SEP.join(units["responsible"]),
                UNIT_SEP.join(units["cooperating"]),
                dates[0] if dates else "",
                LIST_SEP.join(d["text"] for d in deadlines),
                LIST_SEP.join(r["text"] for r in task.get("recurrence", [])),
                task.get("requirements") or "",
                task.get("line"),
            ]
        )
    return rows


def unit_rows(file: str, doc: Doc) -> list[Row]:
    """One row per task × unit of ``doc``, in :data:`UNIT_COLUMNS` order."""
    head = doc_columns(file, doc)
    return [
        [*head, task["id"], task.get("title", ""), unit["name"], unit.get("written") or unit["name"],
         unit["role"], position, task.get("line")]
        for task in doc.get("tasks", [])
        for position, unit in enumerate(task.get("units", []), 1)
    ]  # fmt: skip


def deadline_rows(file: str, doc: Doc) -> list[Row]:
    """One row per deadline of ``doc``, in :data:`DEADLINE_COLUMNS` order."""
    head = doc_columns(file, doc)
    return [
        [*head, task["id"], task.get("title", ""), d["text"], d.get("date") or "", d["kind"], task.get("line")]
        for task in doc.get("tasks", [])
        for d in task.get("deadlines", [])
    ]


BUILDERS: dict[str, tuple[tuple[str, ...], Callable[[str, Doc], list[Row]]]] = {
    "tasks": (TASK_COLUMNS, task_rows),
    "units": (UNIT_COLUMNS, unit_rows),
    "deadlines": (DEADLINE_COLUMNS, deadline_rows),
}
"""Row kind → (columns, builder)."""


def build(kinds: tuple[str, ...], file: str, doc: Doc) -> dict[str, list[Row]]:
    """The rows of each kind in ``kinds`` for one document."""
    return {kind: BUILDERS[kind][1](file, doc) for kind in kinds}
