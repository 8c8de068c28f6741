"""The command through CliRunner, and the installed command through subprocess."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import gkparse
from gkparse import cli
from gkparse.cli import app
from gkparse.env import Environment
from gkparse.export import COLUMNS

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
SAMPLE = SAMPLES[0]


def gk(*args: object, input: bytes | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def test_one_file_prints_its_document() -> None:
    result = gk(SAMPLE)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc == json.loads(gkparse.parse_file(str(SAMPLE)).model_dump_json())
    assert result.stdout.startswith('{\n  "schema_version": 1')
    assert result.stderr == ""


def test_compact_is_one_line_and_not_ascii_escaped() -> None:
    result = gk(SAMPLE, "--compact")
    assert result.stdout.count("\n") == 1
    assert "\\u" not in result.stdout


def test_stdin() -> None:
    result = gk("-", input=SAMPLE.read_bytes())
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["source"]["path"] is None
    assert doc["tasks"] == json.loads(gkparse.parse_file(str(SAMPLE)).model_dump_json())["tasks"]


def test_output_file_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "new" / "doc.json"
    result = gk(SAMPLE, "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]


def test_single_file_into_existing_folder(tmp_path: Path) -> None:
    assert gk(SAMPLE, "-o", tmp_path).exit_code == 0
    assert (tmp_path / (SAMPLE.name + ".json")).exists()


def test_several_inputs_json_array() -> None:
    result = gk(*SAMPLES[:3], "-q")
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert [d["source"]["path"] for d in docs] == [str(p) for p in SAMPLES[:3]]
    assert result.stderr == ""


def test_summary_on_stderr_unless_quiet() -> None:
    result = gk(*SAMPLES[:2], "-f", "jsonl")
    assert "2 files: 2 parsed, 0 skipped, 0 failed" in result.stderr
    assert "documents/s" in result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_text_format() -> None:
    one = gk(SAMPLE, "-f", "text")
    assert one.stdout == gkparse.pipeline.clean_bytes(SAMPLE.read_bytes()).text.rstrip("\n") + "\n"
    two = gk(*SAMPLES[:2], "-f", "text", "-q")
    assert [line for line in two.stdout.splitlines() if line.startswith("==> ")] == [
        f"==> {p} <==" for p in SAMPLES[:2]
    ]


def test_csv_output_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "tasks.csv"
    result = gk(*SAMPLES, "-f", "csv", "-o", target, "-q")
    assert result.exit_code == 0, result.stderr
    raw = target.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    expected = sum(len(gkparse.parse_file(str(p)).tasks) for p in SAMPLES)
    assert len(rows) == expected > 0
    assert list(rows[0]) == list(COLUMNS)
    assert {r["file"] for r in rows} <= {str(p) for p in SAMPLES}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in rows[0]["title"])


def test_xlsx_output_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "tasks.xlsx"
    result = gk(*SAMPLES, "-f", "xlsx", "-o", target, "-q")
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(target).active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in rows[1][COLUMNS.index("title")])


def test_xlsx_refused_on_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr(cli, "environment", lambda: replace(Environment.from_sys(), stdout_isatty=True))
    result = gk(SAMPLE, "-f", "xlsx")
    assert result.exit_code == 2
    assert result.stderr.startswith("gkparse: error: --format xlsx is binary")


def test_md_and_table() -> None:
    md = gk(SAMPLE, "-f", "md")
    assert md.stdout.splitlines()[0] == "| " + " | ".join(COLUMNS) + " |"
    table = gk(SAMPLE, "-f", "table")
    assert table.exit_code == 0 and "title" in table.stdout


def test_options_reach_the_parser(monkeypatch) -> None:
    seen = []
    real = gkparse.pipeline.parse_bytes_with_text

    def spy(data, path=None, options=gkparse.ParseOptions()):
        seen.append(options)
        return real(data, path, options)

    monkeypatch.setattr(gkparse.pipeline, "parse_bytes_with_text", spy)
    result = gk(SAMPLE, "--year", "2021", "--no-removed")
    assert seen == [gkparse.ParseOptions(year=2021, keep_removed=False)]
    assert json.loads(result.stdout)["source"]["removed"] == []


def test_schema_and_version() -> None:
    schema = gk("--schema")
    assert schema.exit_code == 0
    assert json.loads(schema.stdout) == gkparse.json_schema()
    version = gk("--version")
    assert version.stdout == f"gkparse {gkparse.__version__}\n"


def test_debug_shows_the_traceback(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(gkparse.pipeline, "parse_bytes_with_text", broken)
    quiet = gk(SAMPLE)
    assert quiet.stderr == f"gkparse: error: {SAMPLE}: internal error: RuntimeError: kaput\n"
    loud = gk(SAMPLE, "--debug")
    assert "Traceback" in loud.stderr and "kaput" in loud.stderr


def _commands() -> list[list[str]]:
    commands = [[sys.executable, "-m", "gkparse"]]
    script = Path(sys.executable).with_name("gkparse")
    if script.exists():
        commands.append([str(script)])
    return commands


@pytest.mark.parametrize("command", _commands(), ids=lambda c: Path(c[-1]).name)
def test_installed_command(command: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""}  # UTF-8 whatever the locale
    result = subprocess.run([*command, str(SAMPLE)], capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("utf-8"))["tasks"]
    missing = subprocess.run([*command, str(tmp_path / "nope.txt")], capture_output=True, timeout=60)
    assert missing.returncode == 3
    assert missing.stderr.decode() == f"gkparse: error: {tmp_path / 'nope.txt'}: no such file\n"


@pytest.mark.skipif(not shutil.which("bash") or not shutil.which("head"), reason="needs bash and head")
def test_jsonl_into_head_exits_quietly(tmp_path: Path) -> None:
    for i in range(40):
        shutil.copy(SAMPLES[i % len(SAMPLES)], tmp_path / f"{i:02d}.txt")
    pipeline = f'"{sys.executable}" -m gkparse "{tmp_path}" -f jsonl -j 1 | head -1; echo "status=${{PIPESTATUS[0]}}" >&2'
    result = subprocess.run(["bash", "-c", pipeline], capture_output=True, timeout=120)
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert json.loads(result.stdout.decode("utf-8").splitlines()[0])["schema_version"] == 1
    assert f"status={cli.BROKEN_PIPE}" in stderr or "status=0" in stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_and_data_only_on_stdout(tmp_path: Path) -> None:
    """On a terminal, stderr shows a progress bar (files done of total) and then the summary line;
    stdout, a pipe here, carries the JSON Lines only."""
    import pty

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        shutil.copy(SAMPLES[i % len(SAMPLES)], folder / f"{i}.txt")
    (folder / "bad.txt").write_bytes(b"\x00" * 64)
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gkparse", str(folder), "-f", "jsonl", "-j", "1"],
        stdout=subprocess.PIPE, stderr=follower, env=env,
    )  # fmt: skip
    os.close(follower)
    stdout, _ = proc.communicate(timeout=120)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once the command has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))  # no colours
    assert proc.returncode == 1  # one input failed
    assert re.search(r"\b[0-7]/7\b", screen)  # the bar's "done/total"
    assert "7 files: 6 parsed, 0 skipped, 1 failed" in screen
    lines = stdout.decode("utf-8").splitlines()
    assert len(lines) == 6 and all(json.loads(line)["schema_version"] == 1 for line in lines)
