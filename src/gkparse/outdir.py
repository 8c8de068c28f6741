"""The ``-o`` folder of a batch: atomic writes, left-over temporary files, the resume index, errors.jsonl."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from . import __version__
from .discovery import ERRORS_FILE, INDEX_FILE, OLD_TMP_RE, TMP_PREFIX, TMP_SUFFIX, Item
from .errors import GkparseError, OutputError, path_text
from .reading import read_input

if TYPE_CHECKING:
    from .batch import Job, Outcome


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Write ``path`` through a temporary file in its folder, renamed over it only when complete.

    Raises :class:`OutputError` when the folder cannot be made or the file cannot be written; on any
    exception (Ctrl-C included) the temporary file is removed and ``path`` is untouched.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.NamedTemporaryFile(dir=path.parent, prefix=TMP_PREFIX, suffix=TMP_SUFFIX, delete=False)
    except OSError as err:
        raise _output_error(path, err) from None
    try:
        with tmp:
            yield tmp  # type: ignore[misc]
        os.chmod(tmp.name, 0o666 & ~_umask())
        os.replace(tmp.name, path)
    except BaseException as err:
        try:
            os.unlink(tmp.name)
        except OSError:
            pass
        if isinstance(err, OSError) and not isinstance(err, BrokenPipeError):
            raise _output_error(path, err) from None
        raise


def _output_error(path: Path, err: OSError) -> OutputError:
    if err.errno == errno.ENAMETOOLONG:  # a problem of this input's name only: the batch goes on
        return OutputError(path_text(str(path)), "name_too_long", "cannot write: the output's name is too long")
    return OutputError(path_text(str(path)), "unwritable", f"cannot write: {err.strerror or err}")


def sweep(folder: str) -> None:
    """Remove the temporary files that a killed run left in ``folder`` (an output folder)."""
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if (name.startswith(TMP_PREFIX) and name.endswith(TMP_SUFFIX)) or OLD_TMP_RE.match(name):
                try:
                    os.unlink(os.path.join(root, name))
                except OSError:
                    pass


class ResumeIndex:
    """``DIR/.gkparse-index``: for each output written, the SHA-256 and size of its input, the options and
    the gkparse version, one JSON line each (the last one of a name wins). An output is up to date when it
    exists and its line matches the input's bytes now (mtime plays no part: ``cp -p`` or ``tar x`` of an
    older file is redone), the options of this run and this version."""

    def __init__(self, folder: str, job: Job) -> None:
        self.path = Path(folder, INDEX_FILE)
        self.key = index_key(job)
        self.entries: dict[str, tuple[str, int]] = {}
        try:
            with self.path.open("r", encoding="utf-8") as f:
                for line in f:
                    try:
                        rel, sha256, size, key = json.loads(line)
                    except ValueError:
                        continue  # a line cut by a killed run
                    if key == self.key:
                        self.entries[rel] = (sha256, size)
                    else:
                        self.entries.pop(rel, None)
        except (OSError, UnicodeDecodeError):
            pass

    def up_to_date(self, item: Item, output: Path, max_size: int) -> bool:
        entry = self.entries.get(item.rel)
        if entry is None or not output.is_file():
            return False
        try:
            if os.stat(item.label).st_size != entry[1]:
                return False
            return hashlib.sha256(read_input(item.label, max_size)).hexdigest() == entry[0]
        except (OSError, GkparseError):
            return False



def index_key(job: Job) -> str:
    """What an output depends on besides its input's bytes: the version, the options, the output's form."""
    return json.dumps([__version__, repr(job.options), job.payload, job.compact])


def record(job: Job, rel: str, sha256: str, size: int) -> None:
    """Append the index line of an output just written (one ``write`` of a short line in append mode:
    the lines of several workers never mix)."""
    assert job.out_dir is not None
    line = json.dumps([rel, sha256, size, index_key(job)]) + "\n"  # ASCII: any name fits
    try:
        with open(Path(job.out_dir, INDEX_FILE), "a", encoding="utf-8") as f:
            f.write(line)
    except OSError as err:
        where = path_text(str(Path(job.out_dir, INDEX_FILE)))
        raise OutputError(where, "unwritable", f"cannot write: {err.strerror or err}") from None



class ErrorLog:
    """``DIR/errors.jsonl``: one record per failed input of this run, appended and flushed.

    The file of an earlier run is removed when the log is opened (failed inputs are retried).
    """

    def __init__(self, folder: str) -> None:
        self.path = Path(folder, ERRORS_FILE)
        self._file: Any = None
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as err:
            raise OutputError(str(self.path), "unwritable", f"cannot write: {err.strerror or err}") from None

    def append(self, outcome: Outcome) -> None:
        try:
            if self._file is None:
                self._file = self.path.open("a", encoding="utf-8")
            self._file.write(outcome.record + "\n")
            self._file.flush()
        except OSError as err:
            raise OutputError(str(self.path), "unwritable", f"cannot write: {err.strerror or err}") from None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

