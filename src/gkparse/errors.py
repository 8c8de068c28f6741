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
    TERMINATED = 143  # SIGTERM or SIGHUP (a closed terminal): 128 + SIGTERM; cleaned up like Ctrl-C


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

    def __reduce__(self) -> tuple[type, tuple[str | None, str, str]]:
        """Pickled with its three fields, so that it crosses a process boundary (a worker pool) intact.

        >>> import pickle
        >>> err = pickle.loads(pickle.dumps(InputError("a.txt", "empty", "the file is empty")))
        >>> type(err).__name__, err.path, err.code, err.reason
        ('InputError', 'a.txt', 'empty', 'the file is empty')
        """
        return (type(self), (self.path, self.code, self.reason))


def printable(text: str) -> str:
    r"""``text`` with every non-printable character escaped, so that a name cannot move the cursor, clear
    the screen or forge a line in a message; bytes a name could not decode (surrogate escapes) as ``\xff``.

    >>> printable("a\x1b[2J\nb.txt"), printable("\udcff.txt"), printable("政务 公开.txt")
    ('a\\x1b[2J\\nb.txt', '\\xff.txt', '政务 公开.txt')
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch in "\u3000":
            out.append(ch)
        elif "\udc80" <= ch <= "\udcff":
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def path_text(path: str) -> str:
    r"""A path as text that JSON and UTF-8 can hold, losslessly: the bytes of a name that are not UTF-8
    (read by the OS layer as surrogate escapes) written as ``\xff``.

    >>> path_text("a/\udcb9\udce6.txt"), path_text("政务.txt")
    ('a/\\xb9\\xe6.txt', '政务.txt')
    """
    if path.isascii() or not any("\udc80" <= ch <= "\udcff" for ch in path):
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stops the command as Ctrl-C does (temporary files removed), with exit 143."""


class InputError(GkparseError):
    """The input cannot be read as a document (missing, empty, binary, undecodable)."""

    exit_code = ExitCode.INPUT


class OutputError(GkparseError):
    """The output cannot be written."""

    exit_code = ExitCode.OUTPUT
