"""The command line's own words: its help text, the parsers of option values, one-line usage errors.

Option values are parsed here rather than by the argument library, so that a bad value is reported in
gkparse's words (``--year: expected a year such as 2021, got 'abc'``), never in a library's.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand

from .env import Environment
from .errors import ExitCode
from .export import KINDS, Format

try:  # typer >= 0.20 vendors click
    from typer._click.exceptions import BadParameter, UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import BadParameter, UsageError  # type: ignore[no-redef]

EPILOG = """\b
Examples:
  gkparse plan.txt                          the plan as JSON on stdout
  gkparse plan.txt --format table           its tasks as a table
  gkparse scraped/ -o out/                  one JSON file per input (errors in out/errors.jsonl)
  gkparse scraped/ -o all.json              one JSON array of every document
  gkparse scraped/ -o plans.db              a SQLite database (updated on re-runs)
  gkparse scraped/ -f csv --rows units      one row per task and unit, on stdout
  gkparse scraped/ -o review.html           a review page to open in a browser

\b
Formats (-f; else taken from the -o file name: .json .jsonl .txt .csv .xlsx .md .db .html):
  json    one document, or an array of them (default)
  jsonl   one document per line
  text    the clean simplified text
  csv     a table (--rows); a byte-order mark for Excel in files (--bom/--no-bom)
  xlsx    a workbook (--rows; --rows all: a sheet of each)
  md      a Markdown table (--rows)
  table   a table for the terminal (--rows)
  sqlite  a database: documents, tasks, units, deadlines, recurrences, warnings
  html    a self-contained review page

\b
Rows of the table formats (--rows):
  tasks      one row per task (default)
  units      one row per task and unit, with its role
  deadlines  one row per deadline: text, date, kind
  summary    one row per unit: tasks it leads, answers for, cooperates on; documents; due dates

\b
Exit codes:
  0    every input parsed
  1    some inputs of a batch failed (the rest are done), or an internal error
  2    usage error
  3    the input cannot be read as a document
  4    the output cannot be written
  130  interrupted
  141  stdout closed by its reader
"""


class Command(TyperCommand):
    """Usage errors of the argument parser as one line, like every other error."""

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as err:
            Environment.from_sys().log_error(f"{usage_message(err)} (see 'gkparse --help')")
            raise typer.Exit(ExitCode.USAGE) from None

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """Options only: PATH is described in the text above them."""
        records = [p.get_help_record(ctx) for p in self.get_params(ctx) if p.param_type_name == "option"]
        with formatter.section("Options"):
            formatter.write_dl([r for r in records if r])


def usage_message(err: UsageError) -> str:
    """``--year: expected a year such as 2021, got 'abc'``: the option and our own words."""
    param = getattr(err, "param", None)
    if isinstance(err, BadParameter) and param is not None and getattr(param, "opts", None):
        return f"{max(param.opts, key=len)}: {err.message}"
    return err.format_message()


def parse_format(value: str) -> Format:
    try:
        return Format(value.lower())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a format: {', '.join(f.value for f in Format)}") from None


def parse_rows(value: str) -> str:
    if value.lower() not in (*KINDS, "all"):
        raise typer.BadParameter(f"{value!r} is not a row kind: {', '.join(KINDS)} (all: xlsx only)")
    return value.lower()


def whole_number(least: int, what: str) -> Any:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise typer.BadParameter(f"expected {what}, got {value!r}") from None
        if number < least:
            raise typer.BadParameter(f"expected {what}, got {value!r}")
        return number

    return parse
