"""Folders: discovery, parallel workers, atomic writes, resume and error records.

The rules, in the order a batch meets them:

* **Discovery** (:func:`discover`): files named on the command line are always taken (a missing one
  becomes a failed input); folders are walked in sorted order, without following symlinked folders (no
  loops), keeping files whose name matches an ``--include`` glob and no ``--exclude`` glob. A folder
  named ``x.txt`` is a folder. Only regular files are read from a folder (never a FIFO or a device).
* **Work** (:func:`run`): ``jobs`` worker processes with a bounded window of work in flight, so memory
  stays flat over thousands of files; outcomes come back in input order whatever ``jobs`` is. A worker
  never raises: every failure becomes an :class:`Outcome` with a code (``internal`` for a bug).
* **Atomic writes** (:func:`atomic_output`): a temporary file in the target's folder, then
  ``os.replace``: an interrupted run leaves whole files or none.
* **Resume** (:func:`up_to_date`): an output newer than its input and made by this gkparse version is
  not redone (unless ``--force``).
* **Error records** (:class:`ErrorLog`): ``errors.jsonl`` in the output folder, one line per failed
  input, appended and flushed as failures happen.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import re
import signal
import stat
import sys
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, BinaryIO

from . import __version__
from .errors import GkparseError, InputError, OutputError
from .export import error_record, make_payload
from .options import DEFAULT_OPTIONS, ParseOptions

# Every format gkparse reads (text, HTML pages, Word, Excel, PDF, legacy office files), and attachments
# it cannot read, which are taken so that each gets an error line rather than being passed over.
SUPPORTED_INCLUDE = (
    "*.txt", "*.text", "*.html", "*.htm", "*.shtml", "*.jhtml", "*.xhtml", "*.docx", "*.xlsx", "*.xls",
    "*.pdf", "*.doc", "*.wps", "*.et",
)
UNSUPPORTED_INCLUDE = ("*.odt", "*.ods", "*.ofd", "*.zip", "*.rar", "*.7z", "*.png", "*.jpg", "*.jpeg", "*.tif")
DEFAULT_INCLUDE = SUPPORTED_INCLUDE + UNSUPPORTED_INCLUDE
ERRORS_FILE = "errors.jsonl"
STDIN = "-"


@dataclass(frozen=True)
class Item:
    """One input of a batch.

    Attributes:
        label: the path as the user sees it (``DIR/a/b.txt``; ``-`` for stdin); also ``source.path``.
        rel: the name of its output inside ``-o DIR`` without ``.json`` (``a/b.txt``).
        error: ``(code, message)`` when discovery already knows the input cannot be read.
    """

    label: str
    rel: str
    error: tuple[str, str] | None = None

    @property
    def is_stdin(self) -> bool:
        return self.label == STDIN


def _matches(name: str, rel: str, globs: Iterable[str]) -> bool:
    """Case-insensitive glob match against the file name or its path relative to the folder."""
    name, rel = name.lower(), rel.lower()
    return any(fnmatchcase(name, g.lower()) or fnmatchcase(rel, g.lower()) for g in globs)


def _walk(top: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Item]:
    """The files of folder ``top``: its own files (sorted), then each subfolder's, depth first."""
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        folder = os.path.join(top, rel_dir) if rel_dir else top
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield Item(folder, rel_dir or ".", ("unreadable", f"cannot list folder: {err.strerror or err}"))
            continue
        subdirs = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.is_dir(follow_symlinks=False):
                if not _matches(entry.name, rel, exclude):
                    subdirs.append(rel)
                continue
            if not _matches(entry.name, rel, include) or _matches(entry.name, rel, exclude):
                continue
            if entry.is_symlink() and entry.is_dir():  # a symlinked folder: not followed, no loops
                continue
            label = os.path.join(folder, entry.name)
            try:
                mode = os.stat(label).st_mode
            except OSError:  # a broken link: parsing reports it as not found
                mode = stat.S_IFREG
            error = None if stat.S_ISREG(mode) else ("not_regular", "not a regular file")
            yield Item(label, rel, error)
        stack.extend(reversed(subdirs))


def discover(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> list[Item]:
    """The inputs named by ``paths``, in order: files as given, folders walked (see the module doc).

    Two inputs that would write the same output name get an error on the second one, unless they are
    the same file (then the second is dropped).
    """
    items: list[Item] = []
    for path in paths:
        if path == STDIN:
            items.append(Item(STDIN, "stdin"))
        elif os.path.isdir(path):
            items.extend(_walk(path, include, exclude))
        else:
            items.append(Item(path, os.path.basename(path.rstrip("/\\")) or path))
    return _dedupe(items)


def _dedupe(items: list[Item]) -> list[Item]:
    seen: dict[str, str] = {}
    result = []
    for item in items:
        key = item.rel.lower() if os.path.normcase("A") == "a" else item.rel
        if key in seen and item.error is None:
            if _same_file(seen[key], item.label):
                continue
            item = Item(item.label, item.rel, ("name_collision", f"output name taken by {seen[key]}"))
        else:
            seen[key] = item.label
        result.append(item)
    return result


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


@dataclass(frozen=True)
class Job:
    """What to do with each input.

    Attributes:
        payload: ``json`` (document JSON text), ``text`` (clean text), ``rows`` (table rows of each kind
            in ``rows``), ``doc`` (the document's JSON data), ``review`` (JSON data and clean text) or
            ``write`` (write the JSON into ``out_dir`` and send back counts only).
        options: parser options.
        compact: JSON on one line instead of indented by 2.
        out_dir: the ``-o DIR`` folder (``write`` only).
        force: redo outputs that are up to date.
        rows: the row kinds of ``rows`` (see :mod:`gkparse.export.rows`).
    """

    payload: str = "json"
    options: ParseOptions = DEFAULT_OPTIONS
    compact: bool = False
    out_dir: str | None = None
    force: bool = False
    rows: tuple[str, ...] = ("tasks",)

    def output_path(self, item: Item) -> Path:
        assert self.out_dir is not None
        return Path(self.out_dir, item.rel + ".json")


@dataclass
class Outcome:
    """The result of one input: ``parsed``, ``skipped`` (up to date) or ``failed``."""

    label: str
    status: str
    payload: Any = None
    tasks: int = 0
    units: int = 0
    code: str = ""
    message: str = ""
    exit_code: int = 0
    detail: str = ""  # a traceback, for --debug
    format: str = ""  # the input format (source.format) of a parsed input

    @property
    def record(self) -> str:
        """The ``errors.jsonl`` line of a failure."""
        return error_record(self.label, self.code, self.message)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "not_found", "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is_directory", "is a directory, not a file") from None
    except PermissionError:
        raise InputError(path, "permission", "permission denied") from None
    except OSError as err:
        raise InputError(path, "unreadable", f"cannot read: {err.strerror or err}") from None


def process(item: Item, job: Job, data: bytes | None = None) -> Outcome:
    """Do ``job`` on one input; every exception becomes a failed :class:`Outcome` (bar Ctrl-C)."""
    from .pipeline import clean_bytes, parse_bytes_with_text

    try:
        if item.error:
            raise InputError(item.label, *item.error)
        path = None if item.is_stdin else item.label
        raw = data if data is not None else _read(item.label)
        if job.payload == "text":
            cleaned = clean_bytes(raw, path)
            return Outcome(item.label, "parsed", cleaned.text, format=cleaned.format)
        doc, text = parse_bytes_with_text(raw, path, job.options)
        outcome = Outcome(item.label, "parsed", tasks=len(doc.tasks), units=sum(len(t.units) for t in doc.tasks),
                          format=doc.source.format)
        if job.payload in ("rows", "doc", "review"):
            outcome.payload = make_payload(job.payload, job.rows, item.label, doc, text)
        else:
            text = doc.model_dump_json(indent=None if job.compact else 2)
            if job.payload == "write":
                with atomic_output(job.output_path(item)) as out:
                    out.write(text.encode("utf-8") + b"\n")
            else:
                outcome.payload = text
        return outcome
    except GkparseError as err:
        return Outcome(item.label, "failed", code=err.code, message=err.reason, exit_code=int(err.exit_code))
    except Exception as err:  # a bug for one document must not stop the batch
        return Outcome(
            item.label, "failed", code="internal", message=f"internal error: {type(err).__name__}: {err}",
            exit_code=3, detail=traceback.format_exc(),
        )  # fmt: skip


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
        tmp = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    except OSError as err:
        raise OutputError(str(path), "unwritable", f"cannot write: {err.strerror or err}") from None
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
            raise OutputError(str(path), "unwritable", f"cannot write: {err.strerror or err}") from None
        raise


_VERSION_RE = re.compile(rb'"gkparse_version"\s*:\s*"([^"]*)"')


def up_to_date(source: str, output: Path) -> bool:
    """Whether ``output`` exists, is not older than ``source`` and was made by this gkparse version.

    Reads only the first 200 bytes of the output (``gkparse_version`` is its second field).
    """
    try:
        if output.stat().st_mtime < os.stat(source).st_mtime:
            return False
        with output.open("rb") as f:
            head = f.read(200)
    except OSError:
        return False
    found = _VERSION_RE.search(head)
    return bool(found) and found.group(1).decode("ascii", "replace") == __version__


def _init_worker() -> None:
    """Workers leave Ctrl-C to the parent, which stops them after their current document."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> multiprocessing.context.BaseContext:
    """How workers start, cheapest first.

    - fork, on Linux from a parent running no other thread: the parent loads the parser's tables once
      (:mod:`gkparse.warmup`) and every worker starts with them, at once;
    - forkserver where there is one (a parent with a thread, such as the progress bar's, is not forked):
      the server loads the tables before it forks the workers;
    - spawn elsewhere.
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        importlib.import_module("gkparse.warmup")
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["gkparse.batch", "gkparse.pipeline", "gkparse.warmup"])
        return ctx
    return multiprocessing.get_context("spawn")


def run(items: Sequence[Item], job: Job, jobs: int = 1, stdin: BinaryIO | None = None) -> Iterator[Outcome]:
    """Outcomes of ``items``, in input order. Use it in ``contextlib.closing`` so that workers stop
    (after finishing the document in hand) when the caller stops early or is interrupted."""
    stdin_data = stdin.read() if stdin is not None and any(i.is_stdin for i in items) else None
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            if _skip(item, job):
                yield Outcome(item.label, "skipped")
            else:
                yield process(item, job, stdin_data if item.is_stdin else None)
        return
    workers = min(jobs, len(items))
    size = chunk_size(len(items), workers)
    window: deque[tuple[list[Item], Future[list[Outcome]] | list[Outcome]]] = deque()
    executor = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker)
    try:
        for chunk in _chunks(items, job, size):
            if isinstance(chunk, Outcome):
                window.append(([], [chunk]))
            else:
                data = [stdin_data if item.is_stdin else None for item in chunk]
                try:
                    future = executor.submit(process_chunk, chunk, job, data)
                except BrokenProcessPool:  # a worker died earlier: start a fresh pool
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker)
                    future = executor.submit(process_chunk, chunk, job, data)
                window.append((chunk, future))
            while len(window) > 4 * workers or (window and _ready(window[0][1])):
                yield from _results(*window.popleft())
        while window:
            yield from _results(*window.popleft())
    finally:
        try:
            executor.shutdown(wait=True, cancel_futures=True)
        except KeyboardInterrupt:  # a second Ctrl-C: do not wait any longer
            for proc in list((getattr(executor, "_processes", None) or {}).values()):
                proc.terminate()
            raise


def _skip(item: Item, job: Job) -> bool:
    return (
        job.payload == "write" and not job.force and item.error is None and not item.is_stdin
        and up_to_date(item.label, job.output_path(item))
    )  # fmt: skip


MAX_CHUNK = 16  # documents sent to a worker at once: fewer round trips, results still in order


def chunk_size(total: int, workers: int) -> int:
    """Documents per worker task: enough to keep the parent's share of the work small, few enough
    that every worker gets many tasks (so the work stays balanced to the end).

    >>> chunk_size(1000, 2), chunk_size(40, 2), chunk_size(3, 2)
    (16, 1, 1)
    """
    return max(1, min(MAX_CHUNK, total // (workers * 16)))


def _chunks(items: Sequence[Item], job: Job, size: int) -> Iterator[list[Item] | Outcome]:
    """Runs of up to ``size`` items to parse, in input order, and an Outcome for each item skipped."""
    run: list[Item] = []
    for item in items:
        if _skip(item, job):
            if run:
                yield run
                run = []
            yield Outcome(item.label, "skipped")
            continue
        run.append(item)
        if len(run) == size:
            yield run
            run = []
    if run:
        yield run


def process_chunk(items: list[Item], job: Job, data: list[bytes | None]) -> list[Outcome]:
    """:func:`process` for a run of items, in one worker task."""
    return [process(item, job, d) for item, d in zip(items, data)]


def _ready(entry: Future[list[Outcome]] | list[Outcome]) -> bool:
    return isinstance(entry, list) or entry.done()


def _results(chunk: list[Item], entry: Future[list[Outcome]] | list[Outcome]) -> list[Outcome]:
    if isinstance(entry, list):
        return entry
    try:
        return entry.result()
    except Exception as err:  # the worker process died (killed, out of memory): these inputs fail
        message = f"worker process died: {err}"
        return [Outcome(i.label, "failed", code="worker_died", message=message, exit_code=3) for i in chunk]


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


@dataclass
class Summary:
    """Counts of a batch, for the summary line and the progress bar."""

    files: int = 0
    parsed: int = 0
    skipped: int = 0
    failed: int = 0
    tasks: int = 0
    units: int = 0
    started: float = field(default_factory=time.monotonic)
    formats: dict[str, int] = field(default_factory=dict)  # parsed inputs by format

    def add(self, outcome: Outcome) -> None:
        self.files += 1
        if outcome.format:
            self.formats[outcome.format] = self.formats.get(outcome.format, 0) + 1
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.tasks += outcome.tasks
        self.units += outcome.units

    def line(self) -> str:
        """``3 files: 2 parsed, 0 skipped, 1 failed; 1 text, 1 html; 40 tasks, 95 units; 0.8 s, 2.5 documents/s``
        (the parsed inputs by format, most first)."""
        elapsed = time.monotonic() - self.started
        rate = self.parsed / elapsed if elapsed > 0 else 0.0
        by_format = ", ".join(f"{n} {name}" for name, n in sorted(self.formats.items(), key=lambda kv: (-kv[1], kv[0])))
        return (
            f"{self.files} files: {self.parsed} parsed, {self.skipped} skipped, {self.failed} failed; "
            f"{by_format + '; ' if by_format else ''}"
            f"{self.tasks} tasks, {self.units} units; {elapsed:.1f} s, {rate:.1f} documents/s"
        )
