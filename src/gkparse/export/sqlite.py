"""``--format sqlite``: a database with one table per entity, for sqlite3, sqlite-utils, Datasette, pandas.

Tables (``id INTEGER PRIMARY KEY`` each; foreign keys cascade on delete):

* ``documents``: path (unique), sha256, size, title, issuer, doc_number, date, year, encoding, script,
  format, repairs, damaged_chars, gkparse_version;
* ``tasks``: document_id → documents, ordinal (the JSON ``id``, ``1.2``), path and headings (JSON arrays),
  title, text, requirements, line;
* ``units``: task_id → tasks, name (resolved in the document), written, role, position;
* ``deadlines``: task_id → tasks, text, date, kind, position;
* ``recurrences``: task_id → tasks, text, period;
* ``warnings``: document_id → documents, code, message, line.

Views: ``task_view`` (one row per task with its document's columns, units by role and earliest due date)
and ``unit_summary`` (one row per unit: tasks led, responsible for, cooperated on; documents; first and
next due date).

A database is updated, never rebuilt: a document whose path is already there is replaced only when its
sha256 (or the gkparse version) changed, in one transaction per document; documents not in this run,
and tables and views gkparse did not make, are left alone.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from typing import Any

from ..errors import OutputError
from .base import Writer

SCHEMA_VERSION = 1  # PRAGMA user_version of a gkparse database

_TABLES = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER,
    title TEXT,
    issuer TEXT,
    doc_number TEXT,
    date TEXT,
    year INTEGER,
    encoding TEXT,
    script TEXT,
    format TEXT,
    repairs TEXT,
    damaged_chars INTEGER,
    gkparse_version TEXT
);
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal TEXT NOT NULL,
    path TEXT,
    headings TEXT,
    title TEXT,
    text TEXT,
    requirements TEXT,
    line INTEGER
);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    written TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('lead', 'responsible', 'cooperating')),
    position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS deadlines (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    date TEXT,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS recurrences (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    period TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS warnings (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    message TEXT,
    line INTEGER
);
CREATE INDEX IF NOT EXISTS tasks_document ON tasks(document_id);
CREATE INDEX IF NOT EXISTS units_task ON units(task_id);
CREATE INDEX IF NOT EXISTS units_name ON units(name);
CREATE INDEX IF NOT EXISTS deadlines_task ON deadlines(task_id);
CREATE INDEX IF NOT EXISTS deadlines_date ON deadlines(date);
CREATE INDEX IF NOT EXISTS recurrences_task ON recurrences(task_id);
CREATE INDEX IF NOT EXISTS warnings_document ON warnings(document_id);
"""

_VIEWS = """
DROP VIEW IF EXISTS task_view;
CREATE VIEW task_view AS
SELECT t.id AS id, d.path AS file, d.title AS document_title, d.year AS year, d.issuer AS issuer,
       t.ordinal AS task, t.title AS title,
       (SELECT group_concat(name, '、') FROM units u WHERE u.task_id = t.id AND u.role = 'lead') AS lead,
       (SELECT group_concat(name, '、') FROM units u WHERE u.task_id = t.id AND u.role = 'responsible') AS responsible,
       (SELECT group_concat(name, '、') FROM units u WHERE u.task_id = t.id AND u.role = 'cooperating') AS cooperating,
       (SELECT min(date) FROM deadlines x WHERE x.task_id = t.id) AS due,
       (SELECT group_concat(text, '；') FROM deadlines x WHERE x.task_id = t.id) AS deadlines,
       t.line AS line
FROM tasks t JOIN documents d ON d.id = t.document_id;
DROP VIEW IF EXISTS unit_summary;
CREATE VIEW unit_summary AS
SELECT u.name AS unit,
       count(DISTINCT CASE WHEN u.role = 'lead' THEN u.task_id END) AS lead,
       count(DISTINCT CASE WHEN u.role = 'responsible' THEN u.task_id END) AS responsible,
       count(DISTINCT CASE WHEN u.role = 'cooperating' THEN u.task_id END) AS cooperating,
       count(DISTINCT u.task_id) AS tasks,
       count(DISTINCT t.document_id) AS documents,
       (SELECT min(x.date) FROM deadlines x JOIN units v ON v.task_id = x.task_id WHERE v.name = u.name) AS first_due,
       (SELECT min(x.date) FROM deadlines x JOIN units v ON v.task_id = x.task_id
         WHERE v.name = u.name AND x.date >= date('now')) AS next_due
FROM units u JOIN tasks t ON t.id = u.task_id
GROUP BY u.name;
"""


class SqliteWriter(Writer):
    """Writes documents (their JSON data) into the database at ``path``, made if it does not exist.

    Attributes ``added``, ``updated`` and ``unchanged`` count the documents of this run.
    """

    def __init__(self, path: str) -> None:
        super().__init__(None)  # type: ignore[arg-type]
        self.path = path
        self.added = self.updated = self.unchanged = 0
        try:
            if os.path.dirname(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
            self.db.execute("PRAGMA foreign_keys = ON")
            # write-ahead log: a document's transaction is atomic and survives a crash of gkparse, without
            # a disk flush per document (synchronous NORMAL); readers may read while gkparse writes
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise OutputError(path, "not_gkparse", f"a database of another schema (user_version {version})")
            self.db.executescript("BEGIN;" + _TABLES + _VIEWS + f"PRAGMA user_version = {SCHEMA_VERSION};COMMIT;")
        except sqlite3.DatabaseError as err:
            raise OutputError(path, "unwritable", f"cannot write the database: {err}") from None
        except OSError as err:
            raise OutputError(path, "unwritable", f"cannot write: {err.strerror or err}") from None

    def add(self, label: str, payload: Mapping[str, Any]) -> None:
        """Add or update one document, in one transaction."""
        source, meta = payload["source"], payload["document"]
        path = source.get("path") or label
        try:
            found = self.db.execute("SELECT id, sha256, gkparse_version FROM documents WHERE path = ?", (path,)).fetchone()
            if found and found[1] == source["sha256"] and found[2] == payload["gkparse_version"]:
                self.unchanged += 1
                return
            self.db.execute("BEGIN")
            try:
                values = (
                    path, source["sha256"], source.get("size"), meta.get("title"), meta.get("issuer"),
                    meta.get("doc_number"), meta.get("date"), meta.get("year"), source.get("encoding"),
                    source.get("script"), source.get("format") or _format_of(path),
                    json.dumps(source.get("repairs", []), ensure_ascii=False), source.get("damaged_chars", 0),
                    payload["gkparse_version"],
                )  # fmt: skip
                columns = ("path, sha256, size, title, issuer, doc_number, date, year, encoding, script, format, "
                           "repairs, damaged_chars, gkparse_version")  # fmt: skip
                if found:
                    doc_id = found[0]
                    self.db.execute("DELETE FROM tasks WHERE document_id = ?", (doc_id,))
                    self.db.execute("DELETE FROM warnings WHERE document_id = ?", (doc_id,))
                    sets = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
                    self.db.execute(f"UPDATE documents SET {sets} WHERE id = ?", (*values, doc_id))
                    self.updated += 1
                else:
                    marks = ", ".join("?" for _ in values)
                    doc_id = self.db.execute(f"INSERT INTO documents ({columns}) VALUES ({marks})", values).lastrowid
                    self.added += 1
                self._children(doc_id, payload)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as err:
            raise OutputError(self.path, "unwritable", f"cannot write the database: {err}") from None

    def _children(self, doc_id: int, payload: Mapping[str, Any]) -> None:
        db = self.db
        for task in payload.get("tasks", []):
            task_id = db.execute(
                "INSERT INTO tasks (document_id, ordinal, path, headings, title, text, requirements, line) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, task["id"], json.dumps(task.get("path", []), ensure_ascii=False),
                 json.dumps(task.get("headings", []), ensure_ascii=False), task.get("title"), task.get("text"),
                 task.get("requirements"), task.get("line")),
            ).lastrowid  # fmt: skip
            db.executemany(
                "INSERT INTO units (task_id, name, written, role, position) VALUES (?, ?, ?, ?, ?)",
                [(task_id, u["name"], u.get("written") or u["name"], u["role"], i)
                 for i, u in enumerate(task.get("units", []), 1)],
            )  # fmt: skip
            db.executemany(
                "INSERT INTO deadlines (task_id, text, date, kind, position) VALUES (?, ?, ?, ?, ?)",
                [(task_id, d["text"], d.get("date"), d["kind"], i) for i, d in enumerate(task.get("deadlines", []), 1)],
            )
            db.executemany(
                "INSERT INTO recurrences (task_id, text, period) VALUES (?, ?, ?)",
                [(task_id, r["text"], r["period"]) for r in task.get("recurrence", [])],
            )
        db.executemany(
            "INSERT INTO warnings (document_id, code, message, line) VALUES (?, ?, ?, ?)",
            [(doc_id, w["code"], w.get("message"), w.get("line")) for w in payload.get("warnings", [])],
        )

    def close(self) -> None:
        self.db.close()

    def note(self) -> str:
        """``plans.db: 3 added, 1 updated, 10 unchanged``, for the summary on stderr."""
        return f"{self.path}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged"


def _format_of(path: str) -> str:
    """The input's format, from its file name (``txt``), when the source does not say."""
    ext = os.path.splitext(path)[1].lstrip(".").lower()
    return ext or "txt"
