"""Folders: discovery, parallel workers, atomic writes, resume and error records.

The rules, in the order a batch meets them:

* **Discovery** (:func:`discover`, in :mod:`gkparse.discovery`): files as named, folders walked without
  following links unless ``--follow``; only regular files, up to the size cap (:mod:`gkparse.reading`).
* **Work** (:func:`run`): ``jobs`` worker processes with a bounded window of work in flight, so memory
  stays flat over thousands of files; outcomes come back in input order whatever ``jobs`` is. A worker
  never raises: every failure becomes an :class:`Outcome` with a code (``internal`` for a bug).
* **Atomic writes** (:func:`atomic_output`; it, the index and the error log are in :mod:`gkparse.outdir`):
  a temporary file ``.gkparse-XXXXXXXX.tmp`` (short, whatever the target's name) in the target's folder,
  then ``os.replace``: an interrupted run leaves whole files or none, and the temporary files a killed run
  left are removed when the next run starts (:func:`sweep`).
* **Resume** (:class:`ResumeIndex`): an output is not redone (unless ``--force``) when ``DIR/.gkparse-index``
  records that it was made from input bytes of the same SHA-256, with the same options, by this version.
* **Workers** die with the command: each one watches its parent and exits when it is gone (``kill -9``,
  the OOM killer), and leaves SIGINT / SIGTERM to the parent, which stops them after their document.
* **Error records** (:class:`ErrorLog`): ``errors.jsonl`` in the output folder, one line per failed
  input, appended and flushed as failures happen.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .discovery import (  # noqa: F401  (the batch API: discovery and the output folder, re-exported)
    DEFAULT_INCLUDE, ERRORS_FILE, INDEX_FILE, STDIN, SUPPORTED_INCLUDE, UNSUPPORTED_INCLUDE, Item, discover,
)
from .errors import ExitCode, GkparseError, InputError, path_text
from .export import error_record, make_payload
from .export.jsontext import DocumentJson
from .options import DEFAULT_OPTIONS, ParseOptions
from .outdir import ErrorLog, ResumeIndex, atomic_output, record, sweep  # noqa: F401
from .reading import DEFAULT_MAX_SIZE, read_input, read_stream

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
    from .pipeline import clean_bytes, parse_bytes_with_text, stream_bytes

    label = path_text(item.label)  # JSON and messages hold the name's undecodable bytes as \xff
    try:
        if item.error:
            raise InputError(label, *item.error)
        path = None if item.is_stdin else label
        raw = data if data is not None else read_input(item.label, job.max_size)
        del data
        if job.payload == "text":
            cleaned = clean_bytes(raw, path)
            return Outcome(label, "parsed", cleaned.text, format=cleaned.format)
        if job.payload in ("write", "stream"):  # the tasks made as they are written: see stream_bytes
            size, held = len(raw), [raw]
            del raw
            streamed = stream_bytes(held, path, job.options)
            json_text = DocumentJson(streamed, job.compact)
            outcome = Outcome(label, "parsed", format=streamed.source.format, sha256=streamed.source.sha256, size=size)
            if job.payload == "stream":
                outcome.payload = json_text  # for the caller to write (in this process)
                return outcome
            _write_atomically(job, item, json_text, outcome)
            outcome.tasks, outcome.units = json_text.tasks, json_text.units
            return outcome
        doc, text = parse_bytes_with_text(raw, path, job.options)
        outcome = Outcome(
            label, "parsed", tasks=len(doc.tasks), units=sum(len(t.units) for t in doc.tasks),
            format=doc.source.format, sha256=doc.source.sha256, size=len(raw),
        )  # fmt: skip
        if job.payload in ("rows", "doc", "review"):
            outcome.payload = make_payload(job.payload, job.rows, label, doc, text)
        else:
            outcome.payload = DocumentJson(doc, job.compact)  # written piece by piece, or sent as one str
        return outcome
    except GkparseError as err:
        return Outcome(label, "failed", code=err.code, message=err.reason, exit_code=int(err.exit_code))
    except Exception as err:  # a bug for one document must not stop the batch
        return internal_failure(label, err)


def internal_failure(label: str, err: Exception) -> Outcome:
    """The failed outcome of a bug met while doing one input (with the traceback, for --debug)."""
    return Outcome(
        label, "failed", code="internal", message=f"internal error: {type(err).__name__}: {err}",
        exit_code=3, detail=traceback.format_exc(),
    )  # fmt: skip


def _write_atomically(job: Job, item: Item, json_text: DocumentJson, outcome: Outcome) -> None:
    """The document's JSON into its output file, then its line in the resume index: both or neither (bar
    kill -9). Ctrl-C and SIGTERM stop the writing (the temporary file goes), but wait for the rename and
    the index line."""
    held = _SignalsHeld()
    try:
        with atomic_output(job.output_path(item)) as out:
            for piece in json_text.pieces():
                out.write(piece.encode("utf-8"))
            out.write(b"\n")
            held.start()
        record(job, item.rel, outcome.sha256, outcome.size)
    finally:
        held.stop()


class _SignalsHeld:
    """Ctrl-C and SIGTERM wait from :meth:`start` to :meth:`stop` (in the main thread, where they are
    handled; elsewhere this does nothing)."""

    HELD = {signal.SIGINT, signal.SIGTERM}

    def __init__(self) -> None:
        self.before: set[signal.Signals] | None = None

    def start(self) -> None:
        if hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread():
            self.before = signal.pthread_sigmask(signal.SIG_BLOCK, self.HELD)

    def stop(self) -> None:
        if self.before is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.before)
            self.before = None


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
