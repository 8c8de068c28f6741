"""The process's streams and terminal facts, in one object that tests can replace.

As in httpie's ``Environment``: by default it describes the real process (taken from ``sys`` when it is
built, so that ``CliRunner``'s captured streams are picked up); every attribute can be overridden.

>>> import io
>>> env = Environment(stdout=io.BytesIO(), stdout_isatty=True)
>>> env.stdout_isatty, env.stderr_isatty
(True, False)
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO


def _binary(stream: object) -> BinaryIO:
    """The byte layer under a text stream (``sys.stdout.buffer``), or the stream itself."""
    return getattr(stream, "buffer", stream)  # type: ignore[return-value]


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


@dataclass
class Environment:
    """Streams of one run of the command.

    Attributes:
        stdin: bytes of standard input (``-`` as a PATH).
        stdout: a byte stream: data is written as UTF-8 whatever the locale says.
        stderr: a text stream for messages, the progress bar and the summary.
        stdout_isatty / stderr_isatty: whether they are terminals (binary output is refused on a
            terminal; the progress bar is only drawn on one).
        no_color: ``NO_COLOR`` is set (https://no-color.org).
    """

    stdin: BinaryIO = field(default_factory=lambda: io.BytesIO())
    stdout: BinaryIO = field(default_factory=lambda: io.BytesIO())
    stderr: TextIO = field(default_factory=lambda: io.StringIO())
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    no_color: bool = False

    @classmethod
    def from_sys(cls) -> Environment:
        """The real environment, read from ``sys`` and ``os.environ`` now."""
        return cls(
            stdin=_binary(sys.stdin),
            stdout=_binary(sys.stdout),
            stderr=sys.stderr,
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
            no_color=bool(os.environ.get("NO_COLOR")),
        )

    def log_error(self, message: str) -> None:
        """One line on stderr: ``gkparse: error: MESSAGE``, non-printable characters escaped."""
        from .errors import printable

        self.stderr.write(f"gkparse: error: {printable(message)}\n")
        self.stderr.flush()
