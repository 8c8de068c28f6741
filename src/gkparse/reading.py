"""Reading one input: regular files only (never blocked on a FIFO, never an endless device), up to a cap.

A FIFO, a socket or a device named as an input is refused with ``not_regular``, without opening it for a
blocking read; a file larger than the cap (``--max-size``, default :data:`DEFAULT_MAX_SIZE`) is refused
with ``too_large`` before it is read, and standard input is read only up to the cap.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from typing import BinaryIO

from .errors import InputError

DEFAULT_MAX_SIZE = 256 * 1024 * 1024  # bytes: four times that still fits a small machine's memory
UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)(?:I?B)?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """A size as the command line writes it: ``300M``, ``1.5G``, ``800k``, ``4096``; ``0`` for no cap.

    >>> parse_size("300M"), parse_size("1.5G"), parse_size("800kB"), parse_size("0")
    (314572800, 1610612736, 819200, 0)
    """
    m = SIZE_RE.match(text)
    if not m:
        raise ValueError(f"not a size: {text!r} (write it like 300M, 2G or 0 for no limit)")
    return int(float(m.group(1)) * UNITS[m.group(2).upper()])


def human_size(size: int) -> str:
    """``268435456`` → ``256 MB``."""
    for unit in ("G", "M", "K"):
        if size >= UNITS[unit] and size % UNITS[unit] == 0:
            return f"{size // UNITS[unit]} {unit}B"
    return f"{size} bytes"


def _too_large(path: str | None, max_size: int) -> InputError:
    return InputError(
        path, "too_large", f"larger than the input size cap of {human_size(max_size)} (see --max-size)"
    )


def read_input(path: str, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of the regular file ``path`` (a symlink named here is read as named); ``max_size`` 0
    means no cap. Raises :class:`InputError` (``not_found``, ``is_directory``, ``permission``,
    ``not_regular``, ``too_large``, ``unreadable``)."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang; it is refused just below
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise _open_error(path, err) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "is_directory", "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not_regular", "not a regular file (a FIFO, socket or device)")
        if max_size and info.st_size > max_size:
            raise _too_large(path, max_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(max_size + 1) if max_size else f.read()
    except OSError as err:
        raise InputError(path, "unreadable", f"cannot read: {err.strerror or err}") from None
    finally:
        os.close(fd)
    if max_size and len(data) > max_size:  # the file grew while it was read
        raise _too_large(path, max_size)
    return data


def read_stream(stream: BinaryIO, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """Standard input, up to the cap."""
    data = stream.read(max_size + 1) if max_size else stream.read()
    if max_size and len(data) > max_size:
        raise _too_large(None, max_size)
    return data


def _open_error(path: str, err: OSError) -> InputError:
    if err.errno == errno.ENOENT:
        return InputError(path, "not_found", "no such file")
    if err.errno == errno.EISDIR:
        return InputError(path, "is_directory", "is a directory, not a file")
    if err.errno in (errno.EACCES, errno.EPERM):
        return InputError(path, "permission", "permission denied")
    if err.errno == errno.ELOOP:
        return InputError(path, "unreadable", "cannot read: a symlink loop")
    return InputError(path, "unreadable", f"cannot read: {err.strerror or err}")
