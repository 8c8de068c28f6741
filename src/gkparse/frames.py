"""pandas DataFrames of parsed documents: tasks, units and deadlines, one tidy frame each.

Needs the ``pandas`` extra (``pip install 'gkparse[pandas]'``). The frames have the columns of the table
formats' row kinds (:mod:`gkparse.export.rows`): every row carries the document's file, title, year and
issuer; ``due`` and ``date`` are datetimes (NaT when there is none).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, NamedTuple

from . import batch
from .export.rows import BUILDERS, build
from .models import ParsedDocument
from .pipeline import options_of

KINDS = ("tasks", "units", "deadlines")


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message names the extra that brings it."""


class Frames(NamedTuple):
    """The frames of :func:`frames`; ``errors`` has one row per input that could not be read
    (``path``, ``code``, ``message``), as ``errors.jsonl`` of a batch."""

    tasks: Any
    units: Any
    deadlines: Any
    errors: Any


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtra("gkparse.frames needs pandas: pip install 'gkparse[pandas]'") from None
    return pandas


def frames(
    *sources: str | os.PathLike[str] | ParsedDocument | Iterable[str | os.PathLike[str] | ParsedDocument],
    jobs: int = 1, **options: Any,
) -> Frames:  # fmt: skip
    """Tasks, units and deadlines of ``sources`` as DataFrames.

    Each source is a file, a folder (walked as by the command, ``*.txt`` and ``*.text``), an already
    parsed document, or a list of those. ``jobs`` worker processes parse files; ``options`` are
    :class:`~gkparse.ParseOptions` fields (``year=2021``).

    >>> f = frames("samples/xinle-2020-pinyin.txt")
    >>> f.units.groupby("role").size().to_dict()
    {'lead': 16, 'responsible': 91}
    >>> f.deadlines["date"].dt.quarter.value_counts().sort_index().to_dict()
    {3: 2, 4: 2}
    """
    pd = _pandas()
    rows: dict[str, list[list[Any]]] = {kind: [] for kind in KINDS}
    errors: list[list[Any]] = []
    paths: list[str] = []

    def take(payload: dict[str, list[list[Any]]]) -> None:
        for kind in KINDS:
            rows[kind].extend(payload[kind])

    def flush() -> None:
        job = batch.Job("rows", options_of(**options), rows=KINDS)
        for outcome in batch.run(batch.discover(paths), job, jobs):
            if outcome.status == "failed":
                errors.append([outcome.label, outcome.code, outcome.message])
            else:
                take(outcome.payload)
        paths.clear()

    for source in _flatten(sources):
        if isinstance(source, ParsedDocument):
            flush()
            take(build(KINDS, source.source.path or "-", source.model_dump(mode="json")))
        else:
            paths.append(os.fspath(source))
    flush()
    result = {kind: pd.DataFrame(rows[kind], columns=list(BUILDERS[kind][0])) for kind in KINDS}
    for kind in KINDS:
        result[kind]["year"] = result[kind]["year"].astype("Int64")
    result["tasks"]["due"] = pd.to_datetime(result["tasks"]["due"].replace("", None), errors="coerce")
    result["deadlines"]["date"] = pd.to_datetime(result["deadlines"]["date"].replace("", None), errors="coerce")
    return Frames(**result, errors=pd.DataFrame(errors, columns=["path", "code", "message"]))


def _flatten(sources: Iterable[Any]) -> Iterable[Any]:
    for source in sources:
        if isinstance(source, (str, os.PathLike, ParsedDocument)):
            yield source
        else:
            yield from _flatten(source)
