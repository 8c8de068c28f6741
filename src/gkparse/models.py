"""The output contract (schema version 1): pydantic models, validated before anything is written.

``schemas/gkparse.schema.json`` is generated from these models (``gkparse --schema``) and a test fails
when it is stale. Field names follow DESIGN.md; every model forbids unknown fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCHEMA_VERSION", "Deadline", "DocumentMeta", "ParsedDocument", "Recurrence", "RemovedLine", "Source", "Task",
    "Unit", "Warning", "json_schema",
]  # fmt: skip

SCHEMA_VERSION = 1

Role = Literal["lead", "responsible", "cooperating"]
DeadlineKind = Literal["by", "ongoing", "within"]
Period = Literal["daily", "weekly", "monthly", "quarterly", "half-yearly", "yearly"]
Script = Literal["simplified", "traditional", "mixed", "unknown"]
Format = Literal["text", "html", "docx", "xlsx", "xls", "doc", "pdf"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RemovedLine(_Model):
    """A line of the input that cleaning dropped, kept so that an analyst can audit it."""

    line: int = Field(description="1-based line number in the decoded input")
    reason: str = Field(description="why it was dropped: boilerplate, spam, metadata_duplicate …")
    text: str = Field(description="the dropped text (after repair and script conversion)")


class Source(_Model):
    """Where the document came from and what was done to its text."""

    path: str | None = Field(default=None, description="input path as given; null for stdin or bytes")
    sha256: str = Field(description="SHA-256 of the input bytes")
    size: int = Field(description="size of the input in bytes")
    format: Format = Field(
        default="text",
        description="input format, told by content; its reader ran: text, html, docx, xlsx, xls, pdf, or doc "
        "(.doc, .wps, .et and WPS spreadsheets, converted with LibreOffice and read as docx or xlsx)",
    )
    encoding: str = Field(
        description="detected encoding: utf-8, utf-8-sig, gb18030, big5, utf-16-le …; binary for Word, Excel, PDF"
    )
    script: Script = Field(description="script of the input text before conversion")
    repairs: list[str] = Field(default_factory=list, description="repairs applied, in order")
    damaged_chars: int = Field(
        default=0, description="characters that could not be repaired (U+FFFD, 锟斤拷 …), left in place"
    )
    removed: list[RemovedLine] = Field(default_factory=list, description="lines dropped by cleaning")


class DocumentMeta(_Model):
    """Metadata of the plan."""

    title: str | None = Field(default=None, description="title of the work plan itself (not the notice)")
    issuer: str | None = Field(default=None, description="issuing body of the notice")
    doc_number: str | None = Field(default=None, description="document number, e.g. 吉政公组〔2019〕1号")
    date: dt.date | None = Field(default=None, description="date the document was signed (成文日期)")
    year: int | None = Field(default=None, description="the work year the plan is about")


class Unit(_Model):
    """A unit named for a task, with its role."""

    # immutable, so that tasks naming the same unit in the same role can share one object
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="the unit's name, one name within the document (declared short names resolved)")
    role: Role = Field(description="lead (牵头), responsible (负责, the default) or cooperating (配合)")
    written: str | None = Field(
        default=None,
        description="the name as the task writes it, when it differs from name (a short name, bracket variant)",
        exclude_if=lambda value: value is None,
    )

    def __repr_args__(self):  # type: ignore[no-untyped-def]
        return [(k, v) for k, v in super().__repr_args__() if k != "written" or v is not None]


class Deadline(_Model):
    """A time limit stated for a task."""

    text: str = Field(description="the time expression as written")
    date: dt.date | None = Field(default=None, description="ISO date; null for ongoing and within")
    kind: DeadlineKind = Field(description="by: finish by date; ongoing: no end; within: response limit")


class Recurrence(_Model):
    """A recurring obligation (每月, 每季度至少更新一次 …)."""

    text: str = Field(description="the recurrence as written")
    period: Period = Field(description="daily, weekly, monthly, quarterly, half-yearly or yearly")


class Task(_Model):
    """One numbered task of the plan."""

    id: str = Field(description="ordinal path, e.g. 1.2 for the second task of the first section")
    path: list[str] = Field(description="normalized numbering markers from the top level down")
    headings: list[str] = Field(default_factory=list, description="headings of the enclosing sections")
    title: str = Field(description="the task's heading: text after the marker up to the first 。")
    text: str = Field(description="the task's whole text, unit clause included")
    requirements: str | None = Field(default=None, description="requirements / deadline cells of a table, or a labelled time limit under a prose task")
    units: list[Unit] = Field(default_factory=list, description="the units named for the task, in the order written")
    deadlines: list[Deadline] = Field(default_factory=list, description="its time limits, in the order written")
    recurrence: list[Recurrence] = Field(default_factory=list, description="its recurring obligations")
    line: int = Field(description="1-based line of the clean text where the task starts")


class Warning(_Model):
    """Something the parser tolerated but an analyst may want to check."""

    code: str = Field(description="numbering_style_changed, numbering_skipped, duplicate_content, no_tasks …")
    message: str = Field(description="what happened, in words")
    line: int | None = Field(default=None, description="1-based line of the clean text it concerns, if one")


class ParsedDocument(_Model):
    """The result for one document: where it came from, its metadata, its tasks and the parser's warnings.

    Every output format is a view of it (``gkparse.export``); ``model_dump(mode="json")`` is the JSON.
    """

    schema_version: Literal[1] = SCHEMA_VERSION
    gkparse_version: str = Field(description="the gkparse version that made it")
    source: Source
    document: DocumentMeta
    tasks: list[Task] = Field(default_factory=list, description="the plan's tasks, in document order")
    warnings: list[Warning] = Field(default_factory=list, description="what an analyst may want to check")


def json_schema() -> dict[str, object]:
    """The JSON Schema of :class:`ParsedDocument`, as written to ``schemas/gkparse.schema.json``."""
    schema = ParsedDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


if __name__ == "__main__":  # pragma: no cover
    import json

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
