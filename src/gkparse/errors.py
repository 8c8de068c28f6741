"""Typed errors and the documented exit codes.

The library raises :class:`GkparseError` subclasses; the command line turns each into one line on
stderr (``gkparse: error: PATH: REASON``) and the matching :class:`ExitCode`.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit status of the ``gkparse`` command (documented in README)."""

    OK = 0
    PARTIAL = 1  # a batch finished, but some inputs failed (see errors.jsonl / stderr)
    USAGE = 2  # bad arguments or options
    INPUT = 3  # the input is missing, unreadable, empty, binary or undecodable
    OUTPUT = 4  # the output cannot be written
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT


class GkparseError(Exception):
    """Base class: an error about one input or output, with a short machine code.

    >>> str(InputError("scraped/a.txt", "empty", "the file is empty"))
    'scraped/a.txt: the file is empty'
    """

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, path: str | None, code: str, reason: str) -> None:
        self.path = path
        self.code = code
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path else reason)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # pickle (between processes) rebuilds the error from its three fields, not from its message
        return (type(self), (self.path, self.code, self.reason))


class InputError(GkparseError):
    """The input cannot be read as a document (missing, empty, binary, undecodable)."""

    exit_code = ExitCode.INPUT


class OutputError(GkparseError):
    """The output cannot be written."""

    exit_code = ExitCode.OUTPUT
