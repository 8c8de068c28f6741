"""Every knob of the parser, in one frozen object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParseOptions:
    """Options of :func:`gkparse.parse_bytes` and friends.

    Attributes:
        year: the plan's work year, when the caller knows it better than the document does; used to
            resolve deadlines that omit the year (``12月底前``). ``None``: taken from the document.
        keep_removed: record every dropped line in ``source.removed`` (on by default; turn it off to
            make batch output smaller).
    """

    year: int | None = None
    keep_removed: bool = True


DEFAULT_OPTIONS = ParseOptions()
