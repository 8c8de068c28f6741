"""One test per exit status (as httpie's test_exit_status.py), and the one-line error contract."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkparse import ExitCode, batch
from gkparse.cli import BROKEN_PIPE, app

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
SAMPLE = SAMPLES[0]


def gk(*args: object, input: bytes | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("gkparse: error: ")
    assert "Traceback" not in stderr
    return lines[0]


def test_ok() -> None:
    assert gk(SAMPLE).exit_code == ExitCode.OK == 0


def test_partial_batch_missing_path_is_a_failed_input(tmp_path: Path) -> None:
    result = gk(SAMPLE, tmp_path / "missing.txt", "-q")
    assert result.exit_code == ExitCode.PARTIAL == 1
    assert one_error_line(result.stderr) == f"gkparse: error: {tmp_path / 'missing.txt'}: no such file"
    assert len(__import__("json").loads(result.stdout)) == 1  # the good one is still done


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-option", "x.txt"],
        ["--format", "xml", "x.txt"],
        ["--jobs", "0", "x.txt"],
        ["SAMPLE", "-f", "table", "-o", "out.txt"],
        ["-", "-"],
    ],
    ids=["bad-option", "bad-format", "bad-jobs", "table-to-file", "stdin-twice"],
)
def test_usage(args: list[str]) -> None:
    result = gk(*(str(SAMPLE) if a == "SAMPLE" else a for a in args))
    assert result.exit_code == ExitCode.USAGE == 2
    one_error_line(result.stderr)


def test_usage_no_path_shows_help() -> None:
    result = gk()
    assert result.exit_code == ExitCode.USAGE
    assert "Usage" in result.stderr and result.stdout == ""


def test_usage_output_folder_is_a_file(tmp_path: Path) -> None:
    existing = tmp_path / "out"
    existing.write_text("x")
    result = gk(SAMPLE, SAMPLES[1], "-o", f"{existing}/")
    assert result.exit_code == ExitCode.USAGE
    assert "is an existing file" in one_error_line(result.stderr)


@pytest.mark.parametrize(
    "content", [None, b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 50], ids=["missing", "empty", "png"]
)
def test_input(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    target = tmp_path / "out.json"
    result = gk(path, "-o", target)
    assert result.exit_code == ExitCode.INPUT == 3
    assert one_error_line(result.stderr).startswith(f"gkparse: error: {path}: ")
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["bad.txt"] if content is not None else [])


def test_input_from_stdin() -> None:
    result = gk("-", input=b"")
    assert result.exit_code == ExitCode.INPUT
    assert one_error_line(result.stderr).startswith("gkparse: error: <stdin>: ")


def test_output_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    single = gk(SAMPLE, "-o", blocker / "out.json")
    assert single.exit_code == ExitCode.OUTPUT == 4
    assert one_error_line(single.stderr).startswith(f"gkparse: error: {blocker / 'out.json'}: cannot write")
    folder = gk(SAMPLE, SAMPLES[1], "-o", blocker / "dir", "-q")
    assert folder.exit_code == ExitCode.OUTPUT
    one_error_line(folder.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_stdout_full() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "gkparse", str(SAMPLE)], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    assert result.returncode == ExitCode.OUTPUT
    assert one_error_line(result.stderr.decode()).endswith("No space left on device")


@pytest.mark.parametrize("paths", [[SAMPLE], SAMPLES[:3]], ids=["single", "batch"])
def test_interrupted(monkeypatch, tmp_path: Path, paths: list[Path]) -> None:
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "process", interrupt)
    result = gk(*paths, "-o", f"{tmp_path / 'out'}/", "-j", "1")
    assert result.exit_code == ExitCode.INTERRUPTED == 130
    assert "Traceback" not in result.stderr
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_broken_pipe_code_is_documented() -> None:
    assert BROKEN_PIPE == 128 + 13  # 141, as the shell reports a writer killed by SIGPIPE
