"""Folders: discovery, parallel workers, atomic writes, resume and error records.

The rules, in the order a batch meets them:

* **Discovery** (:func:`discover`): files named on the command line are always taken (a missing one
  becomes a failed input; a symlink is read as named); folders are walked in sorted order, keeping files
  whose name matches an ``--include`` glob and no ``--exclude`` glob. Symlinks met in a walk are not
  followed unless ``follow`` (``--follow``); then a link that loops or points nowhere is a failed input.
  The ``-o`` folder and its ``errors.jsonl`` are never inputs. A folder named ``x.txt`` is a folder.
  Only regular files are read (never a FIFO or a device), up to the size cap (:mod:`gkparse.reading`).
* **Work** (:func:`run`): ``jobs`` worker processes with a bounded window of work in flight, so memory
  stays flat over thousands of files; outcomes come back in input order whatever ``jobs`` is. A worker
  never raises: every failure becomes an :class:`Outcome` with a code (``internal`` for a bug).
* **Atomic writes** (:func:`atomic_output`): a temporary file ``.gkparse-XXXXXXXX.tmp`` (short, whatever
  the target's name) in the target's folder, then ``os.replace``: an interrupted run leaves whole files or
  none, and the temporary files a killed run left are removed when the next run starts (:func:`sweep`).
* **Resume** (:class:`ResumeIndex`): an output is not redone (unless ``--force``) when ``DIR/.gkparse-index``
  records that it was made from input bytes of the same SHA-256, with the same options, by this version.
* **Workers** die with the command: each one watches its parent and exits when it is gone (``kill -9``,
  the OOM killer), and leaves SIGINT / SIGTERM to the parent, which stops them after their document.
* **Error records** (:class:`ErrorLog`): ``errors.jsonl`` in the output folder, one line per failed
  input, appended and flushed as failures happen.
"""

from __future__ import annotations

import errno
import hashlib
import importlib
import json
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
from .errors import ExitCode, GkparseError, InputError, OutputError, path_text
from .export import error_record, make_payload
from .export.jsontext import DocumentJson
from .options import DEFAULT_OPTIONS, ParseOptions
from .reading import DEFAULT_MAX_SIZE, read_input, read_stream

# Every format gkparse reads (text, HTML pages, Word, Excel, PDF, legacy office files), and attachments
# it cannot read, which are taken so that each gets an error line rather than being passed over.
SUPPORTED_INCLUDE = (
    "*.txt", "*.text", "*.html", "*.htm", "*.shtml", "*.jhtml", "*.xhtml", "*.docx", "*.xlsx", "*.xls",
    "*.pdf", "*.doc", "*.wps", "*.et",
)
UNSUPPORTED_INCLUDE = ("*.odt", "*.ods", "*.ofd", "*.zip", "*.rar", "*.7z", "*.png", "*.jpg", "*.jpeg", "*.tif")
DEFAULT_INCLUDE = SUPPORTED_INCLUDE + UNSUPPORTED_INCLUDE
ERRORS_FILE = "errors.jsonl"
INDEX_FILE = ".gkparse-index"
TMP_PREFIX, TMP_SUFFIX = ".gkparse-", ".tmp"
# Temporary names of earlier versions (.NAME.json.XXXXXXXX.tmp), removed by sweep() too.
OLD_TMP_RE = re.compile(r"^\..+\.json\.[A-Za-z0-9_]{8}\.tmp$")
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


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _is_dir(entry: os.DirEntry[str], follow: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:  # a link that loops
        return False


def _walk(
    top: str, include: Sequence[str], exclude: Sequence[str], follow: bool = False, skip: frozenset = frozenset()
) -> Iterator[Item]:
    """The files of folder ``top``: its own files (sorted), then each subfolder's, depth first.

    ``skip``: identities (device, inode) of folders that are never walked into (the ``-o`` folder)."""
    top_id = _identity(top)
    stack: list[tuple[str, tuple[tuple[int, int] | None, ...]]] = [("", (top_id,))]
    while stack:
        rel_dir, ancestors = stack.pop()
        folder = os.path.join(top, rel_dir) if rel_dir else top
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield Item(folder, rel_dir or ".", ("unreadable", f"cannot list folder: {err.strerror or err}"))
            continue
        in_output = ancestors[-1] in skip
        subdirs = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            label = os.path.join(folder, entry.name)
            link = entry.is_symlink()
            if link and not follow:
                continue  # not followed in a walk: a link may point anywhere (~/.ssh/id_rsa)
            if _is_dir(entry, follow):
                ident = _identity(label)
                if ident in skip or _matches(entry.name, rel, exclude):
                    continue
                if ident in ancestors:
                    yield Item(label, rel, ("unreadable", "a symlink loop: the folder contains itself"))
                    continue
                subdirs.append((rel, (*ancestors, ident)))
                continue
            if in_output and (entry.name in (ERRORS_FILE, INDEX_FILE) or entry.name.endswith(TMP_SUFFIX)):
                continue
            if not _matches(entry.name, rel, include) or _matches(entry.name, rel, exclude):
                continue
            error = None
            try:
                if not stat.S_ISREG(os.stat(label).st_mode):
                    error = ("not_regular", "not a regular file")
            except OSError as err:  # a followed link that loops or points nowhere
                reason = "a symlink loop" if err.errno == errno.ELOOP else "a broken symlink"
                error = ("unreadable" if link else "not_found", f"cannot read: {reason}" if link else "no such file")
            yield Item(label, rel, error)
        stack.extend(reversed(subdirs))


def discover(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    follow: bool = False,
    out_dir: str | None = None,
) -> list[Item]:
    """The inputs named by ``paths``, in order: files as given, folders walked (see the module doc).

    Two inputs that would write the same output name get an error on the second one, unless they are
    the same file (then the second is dropped).
    """
    out_id = _identity(out_dir) if out_dir else None
    skip = frozenset([out_id] if out_id else [])
    items: list[Item] = []
    for path in paths:
        if path == STDIN:
            items.append(Item(STDIN, "stdin"))
        elif os.path.isdir(path):
            items.extend(_walk(path, include, exclude, follow, skip))
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
        max_size: the input size cap in bytes (0: none).
    """

    payload: str = "json"
    options: ParseOptions = DEFAULT_OPTIONS
    compact: bool = False
    out_dir: str | None = None
    force: bool = False
    rows: tuple[str, ...] = ("tasks",)
    max_size: int = DEFAULT_MAX_SIZE

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
    sha256: str = ""  # of the input, for the resume index
    size: int = 0

    @property
    def fatal(self) -> bool:
        """An output problem that stops a batch (disk full, folder not writable), not one of this input."""
        return self.exit_code == ExitCode.OUTPUT and self.code != "name_too_long"

    @property
    def record(self) -> str:
        """The ``errors.jsonl`` line of a failure."""
        return error_record(self.label, self.code, self.message)


def process(item: Item, job: Job, data: bytes | None = None) -> Outcome:
    """Do ``job`` on one input; every exception becomes a failed :class:`Outcome` (bar Ctrl-C)."""
    from .pipeline import clean_bytes, parse_bytes_with_text

    label = path_text(item.label)  # JSON and messages hold the name's undecodable bytes as \xff
    try:
        if item.error:
            raise InputError(label, *item.error)
        path = None if item.is_stdin else label
        raw = data if data is not None else read_input(item.label, job.max_size)
        if job.payload == "text":
            cleaned = clean_bytes(raw, path)
            return Outcome(label, "parsed", cleaned.text, format=cleaned.format)
        doc, text = parse_bytes_with_text(raw, path, job.options)
        outcome = Outcome(
            label, "parsed", tasks=len(doc.tasks), units=sum(len(t.units) for t in doc.tasks),
            format=doc.source.format, sha256=doc.source.sha256, size=len(raw),
        )  # fmt: skip
        if job.payload in ("rows", "doc", "review"):
            outcome.payload = make_payload(job.payload, job.rows, label, doc, text)
        else:
            json_text = DocumentJson(doc, job.compact)  # written piece by piece, or sent as one str
            del doc, text, raw
            if job.payload == "write":
                with _signals_held():  # the output and its index line, both or neither (bar kill -9)
                    with atomic_output(job.output_path(item)) as out:
                        for piece in json_text.pieces():
                            out.write(piece.encode("utf-8"))
                        out.write(b"\n")
                    record(job, item.rel, outcome.sha256, outcome.size)
            else:
                outcome.payload = json_text
        return outcome
    except GkparseError as err:
        return Outcome(label, "failed", code=err.code, message=err.reason, exit_code=int(err.exit_code))
    except Exception as err:  # a bug for one document must not stop the batch
        return Outcome(
            label, "failed", code="internal", message=f"internal error: {type(err).__name__}: {err}",
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


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (in the main thread, where they are handled)."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _init_worker(parent: int) -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops them after their current document, and
    die with it: the kernel kills them when their parent dies (Linux), and a watchdog thread checks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    if sys.platform == "linux":
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(os.getppid(), parent), daemon=True).start()


def _watch_parent(ppid: int, command: int) -> None:
    """Exit as soon as the worker's parent (the command, or the forkserver it started) is gone."""
    while True:
        if os.getppid() != ppid or not _alive(command):
            os._exit(ExitCode.INTERRUPTED)
        time.sleep(0.5)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


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


def run(
    items: Sequence[Item], job: Job, jobs: int = 1, stdin: BinaryIO | None = None, index: ResumeIndex | None = None
) -> Iterator[Outcome]:
    """Outcomes of ``items``, in input order. Use it in ``contextlib.closing`` so that workers stop
    (after finishing the document in hand) when the caller stops early or is interrupted.

    ``index``: the resume index of ``job.out_dir``; outputs it finds up to date are skipped."""
    stdin_data = None
    if stdin is not None and any(i.is_stdin for i in items):
        try:
            stdin_data = read_stream(stdin, job.max_size)
        except InputError as err:
            items = [Item(i.label, i.rel, (err.code, err.reason)) if i.is_stdin else i for i in items]
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            if _skip(item, job, index):
                yield Outcome(path_text(item.label), "skipped")
            else:
                yield process(item, job, stdin_data if item.is_stdin else None)
        return
    workers = min(jobs, len(items))
    size = chunk_size(len(items), workers)
    window: deque[tuple[list[Item], Future[list[Outcome]] | list[Outcome]]] = deque()
    executor = _pool(workers)
    try:
        for chunk in _chunks(items, job, size, index):
            if isinstance(chunk, Outcome):
                window.append(([], [chunk]))
            else:
                data = [stdin_data if item.is_stdin else None for item in chunk]
                try:
                    future = executor.submit(process_chunk, chunk, job, data)
                except BrokenProcessPool:  # a worker died earlier: start a fresh pool
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = _pool(workers)
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


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker, initargs=(os.getpid(),))


def _skip(item: Item, job: Job, index: ResumeIndex | None) -> bool:
    return (
        index is not None and job.payload == "write" and not job.force and item.error is None
        and not item.is_stdin and index.up_to_date(item, job.output_path(item), job.max_size)
    )  # fmt: skip


MAX_CHUNK = 16  # documents sent to a worker at once: fewer round trips, results still in order


def chunk_size(total: int, workers: int) -> int:
    """Documents per worker task: enough to keep the parent's share of the work small, few enough
    that every worker gets many tasks (so the work stays balanced to the end).

    >>> chunk_size(1000, 2), chunk_size(40, 2), chunk_size(3, 2)
    (16, 1, 1)
    """
    return max(1, min(MAX_CHUNK, total // (workers * 16)))


def _chunks(
    items: Sequence[Item], job: Job, size: int, index: ResumeIndex | None
) -> Iterator[list[Item] | Outcome]:
    """Runs of up to ``size`` items to parse, in input order, and an Outcome for each item skipped."""
    run: list[Item] = []
    for item in items:
        if _skip(item, job, index):
            if run:
                yield run
                run = []
            yield Outcome(path_text(item.label), "skipped")
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
        return [Outcome(path_text(i.label), "failed", code="worker_died", message=message, exit_code=3) for i in chunk]


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
