"""The ``gkparse`` command: arguments, output formats, exit codes, progress. No parsing logic here.

Every failure ends as one stderr line ``gkparse: error: PATH: REASON`` and an
:class:`~gkparse.errors.ExitCode` (a traceback only with ``--debug``); stdout carries data only.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, BinaryIO

import typer

from . import __version__, batch
from .cliargs import EPILOG, parse_format, parse_rows, whole_number
from .cliargs import Command as _Command
from .env import Environment
from .errors import ExitCode, GkparseError, OutputError, Terminated
from .export import KINDS, Format, Writer, format_for_path, open_writer
from .export import payload as export_payload
from .options import ParseOptions
from .progress import Progress
from .reading import DEFAULT_MAX_SIZE, human_size, parse_size

BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a reader that went away (`| head -1`)

environment = Environment.from_sys
"""Factory of the run's :class:`Environment`; tests replace it (e.g. to pretend stdout is a terminal)."""


class Usage(Exception):
    """A usage error found after parsing the arguments (exit 2)."""


app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain-text help, as jq and ripgrep print it
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"gkparse {__version__}")
        raise typer.Exit(ExitCode.OK)


@dataclass
class Settings:
    """The parsed command line."""

    paths: list[str]
    fmt: Format = Format.json
    output: str | None = None
    rows: str = "tasks"
    bom: bool | None = None  # None: a byte-order mark in a csv file, none on stdout
    include: list[str] = field(default_factory=lambda: list(batch.DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    force: bool = False
    jobs: int = 1
    quiet: bool = False
    compact: bool = False
    options: ParseOptions = field(default_factory=ParseOptions)
    debug: bool = False
    follow: bool = False
    max_size: int = DEFAULT_MAX_SIZE


@app.command(cls=_Command, epilog=EPILOG, no_args_is_help=False)
def gkparse(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", show_default=False),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT", parser=parse_format, show_default=False,
            help="Output format (below); default: from the -o file name, else json.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="PATH",
            help="Output file ('-': stdout); a folder (existing, or ending in /) for one JSON per input.",
        ),
    ] = None,
    rows: Annotated[
        str,
        typer.Option(
            "--rows", metavar="KIND", parser=parse_rows,
            help="Rows of csv, xlsx, md and table: tasks, units, deadlines, summary (xlsx: all).",
        ),
    ] = "tasks",
    bom: Annotated[
        bool | None,
        typer.Option(
            "--bom/--no-bom", show_default=False,
            help="CSV with a byte-order mark (for Excel); default: in a file, not on stdout.",
        ),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(metavar="GLOB", help="Take folder files matching GLOB (repeatable); default every supported format (see README)."),
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(metavar="GLOB", help="Skip folder files and folders matching GLOB.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo outputs that are up to date (-o DIR).")] = False,
    follow: Annotated[bool, typer.Option("--follow", "-L", help="Follow symlinks met in folders.")] = False,
    max_size: Annotated[
        str,
        typer.Option(
            metavar="SIZE", help=f"Refuse inputs larger than SIZE (300M, 2G; 0: no cap); default {human_size(DEFAULT_MAX_SIZE)}."
        ),
    ] = str(DEFAULT_MAX_SIZE),
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", metavar="N", parser=whole_number(1, "a number of workers, 1 or more"),
            help="Worker processes; 1 runs in-process; default: the number of CPUs.",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    year: Annotated[
        int | None,
        typer.Option(metavar="YEAR", parser=whole_number(1, "a year such as 2021"), help="Work year for deadlines that omit it."),
    ] = None,
    no_removed: Annotated[
        bool, typer.Option("--no-removed", help="Leave dropped lines out of source.removed.")
    ] = False,
    compact: Annotated[bool, typer.Option("--compact", help="JSON on one line.")] = False,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of the output and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn scraped Chinese government work plans into JSON of tasks, units and deadlines.

    Each PATH is a file, a folder (walked recursively) or '-' for stdin.
    """
    env = environment()
    if schema:
        env.stdout.write(json.dumps(gkparse_schema(), ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
        env.stdout.flush()
        raise typer.Exit(ExitCode.OK)
    if not paths:
        with contextlib.redirect_stdout(env.stderr):
            typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(ExitCode.USAGE)
    if output == "-":  # stdout, as for every tool that writes files
        output = None
    settings = Settings(
        paths=paths, fmt=fmt or format_for_path(output) or Format.json, output=output, rows=rows, bom=bom,
        include=include or list(batch.DEFAULT_INCLUDE),
        exclude=exclude or [], force=force, jobs=jobs or os.cpu_count() or 1, quiet=quiet, compact=compact,
        options=ParseOptions(year=year, keep_removed=not no_removed), debug=debug, follow=follow,
        max_size=_size_option(max_size),
    )  # fmt: skip
    raise typer.Exit(execute(settings, env))


def _size_option(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as err:
        Environment.from_sys().log_error(f"--max-size: {err} (see 'gkparse --help')")
        raise typer.Exit(ExitCode.USAGE) from None


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def gkparse_schema() -> dict[str, object]:
    from .models import json_schema

    return json_schema()


def execute(s: Settings, env: Environment) -> int:
    """Run the command; returns the exit status. Only ``--debug`` lets an exception through.

    SIGTERM and SIGHUP stop it as Ctrl-C does (exit 143 instead of 130)."""
    for name in ("SIGTERM", "SIGHUP"):
        with contextlib.suppress(AttributeError, ValueError):  # no such signal, or not the main thread
            signal.signal(getattr(signal, name), _terminate)
    try:
        return _dispatch(s, env)
    except Usage as err:
        env.log_error(f"{err} (see 'gkparse --help')")
        return ExitCode.USAGE
    except GkparseError as err:
        if s.debug:
            raise
        env.log_error(str(err))
        return int(err.exit_code)
    except KeyboardInterrupt as err:
        return ExitCode.TERMINATED if isinstance(err, Terminated) else ExitCode.INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return BROKEN_PIPE
    except OSError as err:  # writing stdout failed (disk full, closed)
        if s.debug:
            raise
        env.log_error(f"{getattr(err, 'filename', None) or '<stdout>'}: cannot write: {err.strerror or err}")
        return ExitCode.OUTPUT
    except Exception as err:
        if s.debug:
            raise
        env.log_error(f"internal error: {type(err).__name__}: {err} (run with --debug for the traceback)")
        return ExitCode.PARTIAL


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that the final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _dispatch(s: Settings, env: Environment) -> int:
    single = len(s.paths) == 1 and not os.path.isdir(s.paths[0])
    to_dir = s.output is not None and s.fmt is Format.json and (
        os.path.isdir(s.output) or s.output.endswith(("/", os.sep))
    )
    _check_format(s)
    if s.output is None and s.fmt is Format.sqlite:
        raise Usage("--format sqlite writes a database: name its file with -o FILE")
    if s.output is None and s.fmt.binary and env.stdout_isatty:
        raise Usage(f"--format {s.fmt.value} is binary: write it to a file with -o FILE")
    if s.output is not None and s.fmt is Format.table:
        raise Usage("--format table is for the terminal: use md, csv or xlsx with -o")
    folder = s.output.rstrip("/" + os.sep) if s.output else None
    if folder and to_dir and os.path.exists(folder) and not os.path.isdir(folder):
        raise Usage(f"-o {s.output}: is an existing file, but a folder is needed for several JSON documents")
    if s.output is not None and not to_dir and os.path.isdir(s.output):
        raise Usage(f"-o {s.output}: is a folder; --format {s.fmt.value} writes one file")
    if s.paths.count(batch.STDIN) > 1:
        raise Usage("'-' (stdin) can be given only once")
    if single:
        if to_dir and s.output is not None:  # one file into a folder: FOLDER/NAME.json
            item = batch.discover(s.paths)[0]
            s = replace(s, output=os.path.join(s.output, item.rel + ".json"))
        return _single(s, env)
    return _batch(s, env, to_dir)


def _check_format(s: Settings) -> None:
    """Options that only some formats take."""
    if s.rows != "tasks" and not s.fmt.tabular:
        raise Usage(f"--rows is for csv, xlsx, md and table, not --format {s.fmt.value}")
    if s.rows == "all" and s.fmt is not Format.xlsx:
        raise Usage("--rows all (a sheet of each kind) is for xlsx; choose one of " + ", ".join(KINDS))
    if s.bom is not None and s.fmt is not Format.csv:
        raise Usage(f"--bom and --no-bom are for csv, not --format {s.fmt.value}")


def _payload(s: Settings, to_dir: bool = False) -> batch.Job:
    kind, kinds = export_payload(s.fmt, s.rows)
    compact = s.compact or s.fmt is Format.jsonl
    return batch.Job(
        "write" if to_dir else kind, s.options, compact, s.output if to_dir else None, s.force, kinds, s.max_size
    )


def _writer(s: Settings, env: Environment, stream: BinaryIO | None, many: bool) -> Writer:
    """The writer of the run's format; a CSV file gets a byte-order mark unless --no-bom, stdout only with --bom."""
    bom = s.bom if s.bom is not None else s.output is not None
    return open_writer(
        s.fmt, stream, many=many, rows=s.rows, bom=bom, no_color=env.no_color, terminal=env.stdout_isatty,
        path=s.output,
    )  # fmt: skip


@contextlib.contextmanager
def _destination(s: Settings, env: Environment) -> Iterator[BinaryIO | None]:
    """stdout, or the ``-o`` file written atomically (nothing for sqlite: a database is updated in place)."""
    if s.fmt is Format.sqlite:
        yield None  # type: ignore[misc]
    elif s.output is None:
        yield env.stdout
        env.stdout.flush()
    else:
        from pathlib import Path

        with batch.atomic_output(Path(s.output)) as stream:
            yield stream


def _single(s: Settings, env: Environment) -> int:
    """One file or stdin: the document on stdout (or -o FILE); a bad input is exit 3, no output file."""
    label = s.paths[0]
    item = batch.discover([label])[0]
    job = _payload(s)
    if job.payload == "json" and s.output is not None:  # into a file: the tasks made as they are written
        job = replace(job, payload="stream")
    outcome = next(batch.run([item], job, 1, env.stdin))
    if outcome.status == "failed":
        _report_failure(outcome, s, env.log_error, env)
        return outcome.exit_code or ExitCode.INPUT
    try:
        with _destination(s, env) as stream:
            writer = _writer(s, env, stream, many=False)
            writer.add(outcome.label, outcome.payload)
            writer.close()
    except Exception as err:
        if job.payload != "stream" or isinstance(err, (GkparseError, OSError)):
            raise  # an output error: handled as for every command
        # a bug met while the tasks were made as they were written: the output file was not made
        failed = batch.internal_failure(outcome.label, err)
        _report_failure(failed, s, env.log_error, env)
        return failed.exit_code
    _note(s, env, writer)
    return ExitCode.OK


def _note(s: Settings, env: Environment, writer: Writer | None) -> None:
    """What a database writer did (added, updated, unchanged documents), on stderr."""
    note = getattr(writer, "note", None)
    if note and not s.quiet:
        env.stderr.write(f"gkparse: {note()}\n")
        env.stderr.flush()


def _report_failure(outcome: batch.Outcome, s: Settings, log: Any, env: Environment) -> None:
    where = "<stdin>" if outcome.label == batch.STDIN else outcome.label
    log(f"{where}: {outcome.message}")
    if s.debug and outcome.detail:
        env.stderr.write(outcome.detail)


def _batch(s: Settings, env: Environment, to_dir: bool) -> int:
    """Several inputs or a folder: streamed output, progress, error records, a summary."""
    items = batch.discover(s.paths, s.include, s.exclude, s.follow, s.output if to_dir else None)
    summary = batch.Summary()
    progress = Progress(env, len(items)) if env.stderr_isatty and not s.quiet else None
    log = progress.log_error if progress else env.log_error
    status = ExitCode.OK
    errors = batch.ErrorLog(s.output) if to_dir and s.output else None
    writer = None
    job = _payload(s, to_dir)
    index = batch.ResumeIndex(s.output, job) if to_dir and s.output else None
    try:
        with contextlib.ExitStack() as stack:
            if progress:
                stack.enter_context(progress)
            writer = None
            if not to_dir:
                stream = stack.enter_context(_destination(s, env))
                writer = _writer(s, env, stream, many=True)
            elif s.output:
                try:
                    os.makedirs(s.output, exist_ok=True)
                except OSError as err:
                    raise OutputError(s.output, "unwritable", f"cannot make folder: {err.strerror}") from None
                batch.sweep(s.output)
            outcomes = stack.enter_context(contextlib.closing(batch.run(items, job, s.jobs, env.stdin, index)))
            for outcome in outcomes:
                summary.add(outcome)
                if outcome.status == "failed":
                    if outcome.fatal:
                        raise OutputError(outcome.label, outcome.code, outcome.message)
                    _report_failure(outcome, s, log, env)
                    if errors:
                        errors.append(outcome)
                elif outcome.status == "parsed" and writer:
                    writer.add(outcome.label, outcome.payload)
                if progress:
                    progress.advance(summary)
            if writer:
                writer.close()
    except KeyboardInterrupt as err:
        status = ExitCode.TERMINATED if isinstance(err, Terminated) else ExitCode.INTERRUPTED
    finally:
        if errors:
            errors.close()
    _note(s, env, writer)
    if not s.quiet:
        note = f" (errors in {errors.path})" if errors and summary.failed else ""
        interrupted = "interrupted; " if status in (ExitCode.INTERRUPTED, ExitCode.TERMINATED) else ""
        env.stderr.write(f"gkparse: {interrupted}{summary.line()}{note}\n")
        env.stderr.flush()
    if status:
        return status
    return ExitCode.PARTIAL if summary.failed else ExitCode.OK


def main() -> None:
    """Console-script entry point (``gkparse``), also ``python -m gkparse``."""
    try:
        app(prog_name="gkparse")
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(BROKEN_PIPE)
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as err:  # outside the command (argument parsing): still one line
        if "--debug" in sys.argv:
            traceback.print_exc()
        Environment.from_sys().log_error(f"internal error: {type(err).__name__}: {err}")
        sys.exit(ExitCode.PARTIAL)
