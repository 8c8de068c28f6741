"""Caches of pure functions of one text, which a document asks again and again (the same line, cell or
unit name), registered so that they can all be emptied at once.

Only functions whose result is immutable (a bool, a str, a NamedTuple) are cached this way: callers
share the result. :func:`gkparse.extract.units.clear_caches` empties these caches with the others, so
that benchmarks measure documents seen for the first time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_REGISTERED: list[Any] = []


def text_cache(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, registered for :func:`clear_text_caches`."""

    def wrap(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _REGISTERED.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def clear_text_caches() -> None:
    """Empty every cache made by :func:`text_cache`."""
    for cached in _REGISTERED:
        cached.cache_clear()
