"""Composes the stages, in the order of the data flow, and collects provenance and warnings.

::

    bytes ─ detect ─▶ text: decode ─▶ str
                      html, docx, xlsx, xls, pdf, doc: read ─▶ str with table placeholders, tables
    str ─ repair ─▶ str ─ script ─▶ str ─ clean ─▶ str (─ place tables ─▶ str, grids)
    str ─ layout ─▶ blocks ─ segment ─▶ tasks ─ extract ─▶ units, deadlines ─ aliases ─▶ tasks ─ models ─▶ ParsedDocument

:func:`parse_bytes` returns the whole document; :func:`stream_bytes` makes the same tasks one at a time from
the tree, for writing a large document out without holding all of them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__
from .errors import InputError, path_text
from .extract.aliases import Aliases, resolve_aliases
from .extract.document import extract_metadata
from .models import DocumentMeta, ParsedDocument, RemovedLine, Source, Task, Warning
from .options import DEFAULT_OPTIONS, ParseOptions
from .readers import Reading, detect_format, read_document
from .readers.tables import clean_cells, place_tables
from .reading import DEFAULT_MAX_SIZE, read_input
from .structure.grid import Grid
from .structure.segment import PlanTasks, plan_tasks
from .text.clean import clean
from .text.decode import decode_bytes
from .text.repair import repair_text
from .text.script import detect_script, to_simplified

# A stated title that names a notice publishing the plan, not the plan: 关于印发……的通知.
NOTICE_OF_PLAN_RE = re.compile(r"关于(?:印发|转发|下发)|的通知$")


class CleanResult(NamedTuple):
    """The text stages' result: clean simplified text and what was done to get it."""

    text: str
    encoding: str
    script: str
    repairs: list[str]
    damaged: int
    removed: list[RemovedLine]
    format: str = "text"
    grids: tuple[Grid, ...] = ()  # native tables, over their lines of ``text``
    fields: dict[str, str] | None = None  # metadata the format states (an HTML page's metadata table)
    warnings: tuple[Warning, ...] = ()
    dropped_chars: int = 0  # characters a reader left out as page chrome


def clean_bytes(data: bytes, path: str | None = None) -> CleanResult:
    """Run the text stages on raw bytes of any supported format."""
    return _clean_taken([data], path)


def _clean_taken(data: list[bytes], path: str | None) -> CleanResult:
    """:func:`clean_bytes` on the bytes taken out of ``data``, let go of once decoded or read."""
    raw = data.pop()
    fmt = detect_format(raw, path)  # 0. text, html, docx, xlsx, xls, pdf, doc
    if fmt != "text":
        reading = read_document(fmt, raw, path)
        del raw
        return _clean_reading(reading)
    decoded = decode_bytes(raw, path)  # 1. bytes → str, encoding
    del raw
    encoding, lost, held = decoded.encoding, decoded.lost, [decoded.text]
    del decoded
    cleaned = _text_stages(held, encoding)
    if lost:
        lossy = Warning(
            code="lossy_decode",
            message=f"{lost} byte sequences are not valid {encoding} and were read as U+FFFD",
        )
        cleaned = cleaned._replace(warnings=(lossy, *cleaned.warnings))
    return cleaned


def _clean_reading(reading: Reading) -> CleanResult:
    """The text stages on a reader's text and on each table cell, then the tables placed in the text."""
    repaired = repair_text(reading.text)
    repairs = list(repaired.repairs)
    cells = [cell.text for rows in reading.tables for row in rows for cell in row]
    script = detect_script(repaired.text + "\n" + "\n".join(cells))
    convert = script in ("traditional", "mixed")

    def fix(text: str) -> str:
        fixed = repair_text(text)
        for name in fixed.repairs:
            if name not in repairs:
                repairs.append(name)
        return to_simplified(fixed.text) if convert else fixed.text

    clean_cells(reading.tables, fix)
    simplified = to_simplified(repaired.text) if convert else repaired.text
    if convert and (simplified != repaired.text or any(cells)) and "t2s" not in repairs:
        repairs.append("t2s")
    cleaned = clean(simplified)
    placed = place_tables(cleaned.text, reading.tables, reading.format)
    if reading.converted_by:
        repairs.insert(0, reading.converted_by)
    return CleanResult(placed.text, reading.encoding, script, repairs, repaired.damaged, cleaned.removed,
                       reading.format, tuple(placed.grids), reading.fields, tuple(placed.warnings),
                       reading.dropped_chars)


def _clean_str(text: str, encoding: str) -> CleanResult:
    return _text_stages([text], encoding)


def _text_stages(held: list[str], encoding: str) -> CleanResult:
    """Repair, script and clean on the text taken out of ``held``; each stage's input is let go of once
    the next has it (unless the caller keeps a reference)."""
    text = held.pop()
    repaired = repair_text(text)  # 2. entities, mojibake, pinyin, width
    del text
    text, repairs, damaged = repaired.text, list(repaired.repairs), repaired.damaged
    del repaired
    script = detect_script(text)  # 3. traditional → simplified
    if script in ("traditional", "mixed"):
        simplified = to_simplified(text)
        if simplified != text:
            repairs.append("t2s")
        text = simplified
        del simplified
    cleaned = clean(text)  # 4. boilerplate and spam out, broken lines rejoined
    return CleanResult(cleaned.text, encoding, script, repairs, damaged, cleaned.removed)


def clean_text(data: bytes | str) -> str:
    """Clean simplified text of a scraped document (the output of ``gkparse --format text``)."""
    if isinstance(data, bytes):
        return clean_bytes(data).text
    return _clean_str(data.replace("\r\n", "\n").replace("\r", "\n"), "str").text


def options_of(options: ParseOptions | None = None, **overrides: Any) -> ParseOptions:
    """``options`` (default: the defaults) with the fields given as keywords replaced.

    >>> options_of(year=2021)
    ParseOptions(year=2021, keep_removed=True)
    >>> options_of(colour=1)
    Traceback (most recent call last):
    TypeError: unknown option 'colour' (options: year, keep_removed)
    """
    base = options or DEFAULT_OPTIONS
    if not overrides:
        return base
    names = [f.name for f in fields(ParseOptions)]
    for name in overrides:
        if name not in names:
            raise TypeError(f"unknown option {name!r} (options: {', '.join(names)})")
    return replace(base, **overrides)


def parse_bytes(
    data: bytes, path: str | None = None, options: ParseOptions | None = None, **overrides: Any
) -> ParsedDocument:
    """Parse one document given as bytes of any supported encoding.

    Options are a :class:`ParseOptions` or its fields as keywords (``year=2021``, ``keep_removed=False``).
    """
    return parse_bytes_with_text(data, path, options_of(options, **overrides))[0]


def parse_bytes_with_text(
    data: bytes, path: str | None = None, options: ParseOptions = DEFAULT_OPTIONS
) -> tuple[ParsedDocument, str]:
    """:func:`parse_bytes` and the clean text its line numbers refer to (for the review page)."""
    cleaned, source = _clean_with_source([data], path, options)
    plan, head = _plan(cleaned, source, options)
    tasks = resolve_aliases(cleaned.text, list(plan))  # 7. one name per unit within the document
    document = ParsedDocument.model_validate({**head, "tasks": tasks, "warnings": head["warnings"] + plan.warnings})
    return document, cleaned.text


def stream_bytes(
    data: list[bytes], path: str | None = None, options: ParseOptions = DEFAULT_OPTIONS
) -> DocumentStream:
    """:func:`parse_bytes` for writing out: a :class:`DocumentStream`, whose tasks are made one at a time.

    ``data`` is a list holding the input's bytes, which it is emptied of: the bytes are let go of once
    decoded (if the caller keeps no other reference), and the tasks once written, so that a large
    document's peak memory is a few times its size. The JSON written from it is :func:`parse_bytes`'s.
    """
    cleaned, source = _clean_with_source(data, path, options)
    plan, head = _plan(cleaned, source, options)
    aliases = Aliases(cleaned.text, plan.unit_names)  # the one pass over the tasks that needs them all
    return DocumentStream(head, plan, aliases)


class DocumentStream:
    """A parsed document whose tasks are made as :attr:`tasks` is iterated over (once). :meth:`shell` is
    the document without its tasks: with every warning once the tasks are done."""

    def __init__(self, head: dict[str, Any], plan: PlanTasks, aliases: Aliases) -> None:
        self._head = head
        self._plan = plan
        self.source: Source = head["source"]
        self.tasks: Iterator[Task] = (aliases.resolve(task) for task in plan)

    def shell(self) -> ParsedDocument:
        warnings = self._head["warnings"] + self._plan.warnings
        return ParsedDocument.model_validate({**self._head, "tasks": [], "warnings": warnings})


def _clean_with_source(
    data: list[bytes], path: str | None, options: ParseOptions
) -> tuple[CleanResult, Source]:
    """The text stages on the bytes that ``data`` holds (taken out of it), and the document's source."""
    digest, size = hashlib.sha256(data[0]).hexdigest(), len(data[0])
    cleaned = _clean_taken(data, path)
    source = Source(
        path=path,
        sha256=digest,
        size=size,
        encoding=cleaned.encoding,
        script=cleaned.script,  # type: ignore[arg-type]
        repairs=cleaned.repairs,
        damaged_chars=cleaned.damaged,
        removed=cleaned.removed if options.keep_removed else [],
        format=cleaned.format,  # type: ignore[arg-type]
    )
    return cleaned, source


def parse_text(
    text: str, path: str | None = None, options: ParseOptions | None = None, **overrides: Any
) -> ParsedDocument:
    """Parse one document given as a string (it still goes through repair, script and clean)."""
    return parse_bytes(text.encode("utf-8", "replace"), path, options, **overrides)  # lone surrogates become ?


def read_file(path: str | Path, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of a regular file of at most ``max_size`` bytes (0: no cap); :class:`~gkparse.errors.InputError`
    when it cannot be read (see :mod:`gkparse.reading`)."""
    return read_input(str(path), max_size)


def parse_file(
    path: str | Path, options: ParseOptions | None = None, max_size: int = DEFAULT_MAX_SIZE, **overrides: Any
) -> ParsedDocument:
    """Parse one file. Raises :class:`~gkparse.errors.InputError` when it cannot be read.

    >>> parse_file("samples/xinle-2020-pinyin.txt", year=2021, keep_removed=False).source.removed
    []
    """
    return parse_bytes(read_file(path, max_size), path_text(str(path)), options, **overrides)


def _plan(cleaned: CleanResult, source: Source, options: ParseOptions) -> tuple[PlanTasks, dict[str, Any]]:
    """The plan's tree, whose tasks are made as it is iterated over, and the rest of the document: the
    version, source, metadata and the warnings that come before the tasks' own."""
    text = cleaned.text
    warnings: list[Warning] = list(cleaned.warnings)
    if source.damaged_chars:
        warnings.append(
            Warning(
                code="unrepairable_characters",
                message=f"{source.damaged_chars} characters could not be repaired and were left in place",
            )
        )
    dropped = cleaned.dropped_chars + sum(len(r.text) for r in cleaned.removed)
    kept = len(text) - text.count("\n")
    if dropped > kept:
        warnings.append(
            Warning(
                code="most_text_dropped",
                message=f"{dropped} characters were dropped as page chrome and {kept} kept: check that the "
                        "document's text is all there",
            )
        )
    meta: DocumentMeta = stated_metadata(extract_metadata(text, options), cleaned.fields or {}, options)  # 5.
    plan = plan_tasks(text, meta, options, cleaned.grids)  # 6. layout, numbering; units, deadlines per task
    return plan, {"gkparse_version": __version__, "source": source, "document": meta, "warnings": warnings}


def stated_metadata(meta: DocumentMeta, fields: dict[str, str], options: ParseOptions) -> DocumentMeta:
    """Metadata the page states in its metadata table, over what the text suggests: the issuer, number and
    date always, the title when it names the document itself (not a notice that 印发 the plan).

        >>> fields = {"标题": "某市关于加强监管的意见", "发文机关": "某市人民政府"}
        >>> m = stated_metadata(DocumentMeta(), fields, DEFAULT_OPTIONS)
        >>> m.title, m.issuer
        ('某市关于加强监管的意见', '某市人民政府')
    """
    if not fields:
        return meta
    stated = extract_metadata("\n".join(f"{k}：{v}" for k, v in fields.items() if k != "标题"), options)
    update: dict[str, object] = {}
    for name in ("issuer", "doc_number", "date"):
        value = getattr(stated, name)
        if value is not None:
            update[name] = value
    title = fields.get("标题", "").strip()
    if title and not NOTICE_OF_PLAN_RE.search(title):
        update["title"] = title
    if meta.year is None and update.get("date") is not None and not options.year:
        update["year"] = update["date"].year  # type: ignore[union-attr]
    return meta.model_copy(update=update)
