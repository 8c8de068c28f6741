"""Command-line conventions of the tools analysts use (jq, ripgrep, csvkit), through the real command."""

from __future__ import annotations

import codecs
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from gkparse.cli import app
from gkparse.export.rows import DEADLINE_COLUMNS, TASK_COLUMNS, UNIT_COLUMNS

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ONE = SAMPLES / "xinle-2020-pinyin.txt"
TWO = SAMPLES / "jilin-2019-division-plan.txt"


def gk(*args: object, input: bytes | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def run(*args: object) -> subprocess.CompletedProcess:
    """The installed command with stdout a pipe (not a terminal)."""
    return subprocess.run([sys.executable, "-m", "gkparse", *map(str, args)], capture_output=True)


def test_help_is_plain_text_with_examples_formats_and_exit_codes() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    text = proc.stdout.decode("utf-8")
    assert not any(ch in text for ch in "╭╮╰╯│─┃━")
    assert "<bool>" not in text and "<int" not in text and "list[str]" not in text
    assert "Examples:" in text and "gkparse scraped/ -o plans.db" in text
    for fmt in ("json", "jsonl", "text", "csv", "xlsx", "md", "table", "sqlite", "html"):
        assert f"\n    {fmt} " in text, fmt
    for code in ("0", "1", "2", "3", "4", "130", "141"):
        assert f"\n    {code} " in text, code


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "foo"], "--format: 'foo' is not a format: json, jsonl, text, csv, xlsx, md, table, sqlite, html"),
        (["-j", "0"], "--jobs: expected a number of workers, 1 or more, got '0'"),
        (["--year", "二〇二一"], "--year: expected a year such as 2021, got '二〇二一'"),
        (["--rows", "people"], "--rows: 'people' is not a row kind: tasks, units, deadlines, summary (all: xlsx only)"),
        (["--rows", "units"], "--rows is for csv, xlsx, md and table, not --format json"),
        (["-f", "csv", "--rows", "all"], "--rows all (a sheet of each kind) is for xlsx"),
        (["--bom"], "--bom and --no-bom are for csv, not --format json"),
    ],
)
def test_bad_values_in_our_own_words(args: list[str], message: str) -> None:
    result = gk(ONE, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"gkparse: error: {message}")
    assert result.stderr.count("\n") == 1
    for wording in ("Value error", "Input should be", "Invalid value for", "Traceback"):
        assert wording not in result.stderr


def test_dash_output_is_stdout() -> None:
    result = gk(ONE, "-o", "-", "--compact")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["year"] == 2020


def test_one_json_file_for_several_inputs(tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    result = gk(ONE, TWO, "-o", target, "-q")
    assert result.exit_code == 0 and result.stdout == ""
    docs = json.loads(target.read_text(encoding="utf-8"))
    assert [d["source"]["path"] for d in docs] == [str(ONE), str(TWO)]
    folder = tmp_path / "out"
    assert gk(ONE, TWO, "-o", f"{folder}/", "-q").exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == [".gkparse-index", f"{TWO.name}.json", f"{ONE.name}.json"]


def test_format_from_the_output_name(tmp_path: Path) -> None:
    for name, check in [
        ("tasks.csv", lambda p: p.read_bytes().startswith(codecs.BOM_UTF8 + b"file,document_title")),
        ("tasks.xlsx", lambda p: openpyxl.load_workbook(p).sheetnames == ["tasks"]),
        ("tasks.md", lambda p: p.read_text(encoding="utf-8").startswith("| file | document_title |")),
        ("docs.jsonl", lambda p: len(p.read_text(encoding="utf-8").splitlines()) == 2),
        ("review.html", lambda p: p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")),
    ]:
        target = tmp_path / name
        result = gk(ONE, TWO, "-o", target, "-q")
        assert result.exit_code == 0, (name, result.stderr)
        assert check(target), name


def test_csv_byte_order_mark_only_where_excel_needs_it(tmp_path: Path) -> None:
    piped = run(ONE, "-f", "csv")
    assert piped.returncode == 0 and piped.stdout.startswith(b"file,")
    assert run(ONE, "-f", "csv", "--bom").stdout.startswith(codecs.BOM_UTF8)
    assert gk(ONE, "-o", tmp_path / "a.csv").exit_code == 0
    assert (tmp_path / "a.csv").read_bytes().startswith(codecs.BOM_UTF8)
    assert gk(ONE, "-o", tmp_path / "b.csv", "--no-bom").exit_code == 0
    assert (tmp_path / "b.csv").read_bytes().startswith(b"file,")


@pytest.mark.parametrize(("kind", "columns"), [("tasks", TASK_COLUMNS), ("units", UNIT_COLUMNS), ("deadlines", DEADLINE_COLUMNS)])
def test_rows_of_each_kind_carry_the_document(kind: str, columns: tuple[str, ...]) -> None:
    result = gk(ONE, TWO, "-f", "csv", "--rows", kind, "-q")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(rows[0]) == list(columns)
    titles = {(r["file"], r["document_title"], r["year"]) for r in rows}
    assert (str(ONE), "新乐市2020年政务公开工作要点", "2020") in titles and len(titles) == 2
    if kind == "units":
        assert {r["role"] for r in rows} <= {"lead", "responsible", "cooperating"}
        docs = [json.loads(gk(p, "--compact").stdout) for p in (ONE, TWO)]
        names = [u["name"] for d in docs for t in d["tasks"] for u in t["units"]]
        assert [r["unit"] for r in rows] == names  # one unit per row, no joined strings
    if kind == "deadlines":
        assert all(r["date"] == "" or len(r["date"]) == 10 for r in rows)


def test_summary_table_and_xlsx_sheets(tmp_path: Path) -> None:
    summary = gk(ONE, TWO, "-f", "csv", "--rows", "summary", "-q")
    rows = list(csv.DictReader(io.StringIO(summary.stdout, newline="")))
    leads = [int(r["lead"]) for r in rows]
    assert leads == sorted(leads, reverse=True) and leads[0] > 0
    book = tmp_path / "plans.xlsx"
    assert gk(ONE, TWO, "-o", book, "--rows", "all", "-q").exit_code == 0
    assert openpyxl.load_workbook(book).sheetnames == ["tasks", "units", "deadlines", "summary"]


def test_table_on_a_pipe_is_never_cut() -> None:
    proc = run(ONE, "--format", "table")
    assert proc.returncode == 0
    text = proc.stdout.decode("utf-8")
    assert "…" not in text
    for title in ("加强政务公开目录清单管理", "提升市场监管规则和标准公开质量"):
        assert title in text  # whole, on one line
    assert "\x1b[" not in text
