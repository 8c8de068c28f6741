"""Composes the stages, in the order of the data flow, and collects provenance and warnings.

::

    bytes ─ decode ─▶ str ─ repair ─▶ str ─ script ─▶ str ─ clean ─▶ str
    str ─ layout ─▶ blocks ─ segment ─▶ tasks ─ extract ─▶ units, deadlines ─ models ─▶ ParsedDocument
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from . import __version__
from .errors import InputError, path_text
from .extract.document import extract_metadata
from .models import DocumentMeta, ParsedDocument, RemovedLine, Source, Warning
from .options import DEFAULT_OPTIONS, ParseOptions
from .reading import DEFAULT_MAX_SIZE, read_input
from .structure.segment import build_tasks
from .text.clean import clean
from .text.decode import decode_bytes
from .text.repair import repair_text
from .text.script import detect_script, to_simplified


class CleanResult(NamedTuple):
    """The text stages' result: clean simplified text and what was done to get it."""

    text: str
    encoding: str
    script: str
    repairs: list[str]
    damaged: int
    removed: list[RemovedLine]
    lost: int = 0  # bytes that no reading explains, decoded as U+FFFD


def clean_bytes(data: bytes, path: str | None = None) -> CleanResult:
    """Run the text stages on raw bytes."""
    decoded = decode_bytes(data, path)  # 1. bytes → str, encoding
    return _clean_str(decoded.text, decoded.encoding)._replace(lost=decoded.lost)


def _clean_str(text: str, encoding: str) -> CleanResult:
    repaired = repair_text(text)  # 2. entities, mojibake, pinyin, width
    repairs = list(repaired.repairs)
    script = detect_script(repaired.text)  # 3. traditional → simplified
    simplified = repaired.text
    if script in ("traditional", "mixed"):
        simplified = to_simplified(repaired.text)
        if simplified != repaired.text:
            repairs.append("t2s")
    cleaned = clean(simplified)  # 4. boilerplate and spam out, broken lines rejoined
    return CleanResult(cleaned.text, encoding, script, repairs, repaired.damaged, cleaned.removed)


def clean_text(data: bytes | str) -> str:
    """Clean simplified text of a scraped document (the output of ``gkparse --format text``)."""
    if isinstance(data, bytes):
        return clean_bytes(data).text
    return _clean_str(data.replace("\r\n", "\n").replace("\r", "\n"), "str").text


def parse_bytes(
    data: bytes, path: str | None = None, options: ParseOptions = DEFAULT_OPTIONS
) -> ParsedDocument:
    """Parse one document given as bytes of any supported encoding."""
    cleaned = clean_bytes(data, path)
    source = Source(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding=cleaned.encoding,
        script=cleaned.script,  # type: ignore[arg-type]
        repairs=cleaned.repairs,
        damaged_chars=cleaned.damaged,
        removed=cleaned.removed if options.keep_removed else [],
    )
    return _assemble(cleaned.text, source, options, cleaned.lost)


def parse_text(text: str, path: str | None = None, options: ParseOptions = DEFAULT_OPTIONS) -> ParsedDocument:
    """Parse one document given as a string (it still goes through repair, script and clean)."""
    return parse_bytes(text.encode("utf-8", "replace"), path, options)  # lone surrogates become ?


def parse_file(
    path: str | Path, options: ParseOptions = DEFAULT_OPTIONS, max_size: int = DEFAULT_MAX_SIZE
) -> ParsedDocument:
    """Parse one regular file of at most ``max_size`` bytes (0: no cap).

    Raises :class:`~gkparse.errors.InputError` when it cannot be read (see :mod:`gkparse.reading`)."""
    data = read_input(str(path), max_size)
    return parse_bytes(data, path_text(str(path)), options)


def _assemble(text: str, source: Source, options: ParseOptions, lost: int = 0) -> ParsedDocument:
    warnings: list[Warning] = []
    if lost:
        warnings.append(
            Warning(
                code="lossy_decode",
                message=f"{lost} byte sequences are not valid {source.encoding} and were read as U+FFFD",
            )
        )
    if source.damaged_chars:
        warnings.append(
            Warning(
                code="unrepairable_characters",
                message=f"{source.damaged_chars} characters could not be repaired and were left in place",
            )
        )
    meta: DocumentMeta = extract_metadata(text, options)  # 5. title, issuer, number, date, year
    tasks, task_warnings = build_tasks(text, meta, options)  # 6. layout, numbering, units, deadlines
    warnings.extend(task_warnings)
    return ParsedDocument.model_validate(
        {
            "gkparse_version": __version__,
            "source": source,
            "document": meta,
            "tasks": tasks,
            "warnings": warnings,
        }
    )
