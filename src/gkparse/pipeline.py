"""Composes the stages, in the order of the data flow, and collects provenance and warnings.

::

    bytes ─ decode ─▶ str ─ repair ─▶ str ─ script ─▶ str ─ clean ─▶ str
    str ─ layout ─▶ blocks ─ segment ─▶ tasks ─ extract ─▶ units, deadlines ─ aliases ─▶ tasks ─ models ─▶ ParsedDocument
"""

from __future__ import annotations

import hashlib
from dataclasses import fields, replace
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__
from .errors import InputError
from .extract.aliases import resolve_aliases
from .extract.document import extract_metadata
from .models import DocumentMeta, ParsedDocument, RemovedLine, Source, Warning
from .options import DEFAULT_OPTIONS, ParseOptions
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


def clean_bytes(data: bytes, path: str | None = None) -> CleanResult:
    """Run the text stages on raw bytes."""
    decoded = decode_bytes(data, path)  # 1. bytes → str, encoding
    return _clean_str(decoded.text, decoded.encoding)


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
    return _assemble(cleaned.text, source, options), cleaned.text


def parse_text(
    text: str, path: str | None = None, options: ParseOptions | None = None, **overrides: Any
) -> ParsedDocument:
    """Parse one document given as a string (it still goes through repair, script and clean)."""
    return parse_bytes(text.encode("utf-8", "replace"), path, options, **overrides)  # lone surrogates become ?


def read_file(path: str | Path) -> bytes:
    """The bytes of a file; :class:`~gkparse.errors.InputError` when it cannot be read."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "not_found", "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is_directory", "is a directory, not a file") from None
    except PermissionError:
        raise InputError(str(path), "permission", "permission denied") from None
    except OSError as err:
        raise InputError(str(path), "unreadable", f"cannot read: {err.strerror or err}") from None


def parse_file(path: str | Path, options: ParseOptions | None = None, **overrides: Any) -> ParsedDocument:
    """Parse one file. Raises :class:`~gkparse.errors.InputError` when it cannot be read.

    >>> parse_file("samples/xinle-2020-pinyin.txt", year=2021, keep_removed=False).source.removed
    []
    """
    return parse_bytes(read_file(path), str(path), options, **overrides)


def _assemble(text: str, source: Source, options: ParseOptions) -> ParsedDocument:
    warnings: list[Warning] = []
    if source.damaged_chars:
        warnings.append(
            Warning(
                code="unrepairable_characters",
                message=f"{source.damaged_chars} characters could not be repaired and were left in place",
            )
        )
    meta: DocumentMeta = extract_metadata(text, options)  # 5. title, issuer, number, date, year
    tasks, task_warnings = build_tasks(text, meta, options)  # 6. layout, numbering, units, deadlines
    tasks = resolve_aliases(text, tasks)  # 7. one name per unit within the document
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
