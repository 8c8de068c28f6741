"""Folders as scraped: discovery, hostile files, resume, Ctrl-C, workers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkparse import __version__, batch
from gkparse.cli import app


def _utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# the samples written in UTF-8 (others are in GB18030, Big5, UTF-16 on purpose)
SAMPLES = [p for p in sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt")) if _utf8(p)]
SAMPLE = SAMPLES[0].read_text(encoding="utf-8")


def gk(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def scrape(tmp_path: Path) -> Path:
    """A folder like a real scrape: nested Chinese names with spaces, four encodings, hostile files."""
    root = tmp_path / "scrape"
    (root / "省级 文件" / "子 目录").mkdir(parents=True)
    (root / "x.txt").mkdir()  # a folder named like a document
    (root / "x.txt" / "inside.txt").write_text(SAMPLE, encoding="utf-8")
    (root / "省级 文件" / "2019年 要点.txt").write_text(SAMPLE, encoding="utf-8")
    (root / "省级 文件" / "子 目录" / "gb18030.txt").write_bytes(SAMPLE.encode("gb18030"))
    (root / "utf16-bom.txt").write_bytes(SAMPLE.encode("utf-16"))  # with BOM
    (root / "utf8-bom.text").write_bytes(SAMPLE.encode("utf-8-sig"))
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (root / "nul.txt").write_bytes(b"\x00" * 4096)
    (root / "notes.md").write_text("not taken: not *.txt", encoding="utf-8")
    (root / "省级 文件" / "loop").symlink_to("..", target_is_directory=True)  # a symlink loop
    return root


EXPECTED = {
    "x.txt/inside.txt",
    "省级 文件/2019年 要点.txt",
    "省级 文件/子 目录/gb18030.txt",
    "utf16-bom.txt",
    "utf8-bom.text",
    "empty.txt",
    "image.txt",
    "nul.txt",
}


def test_discover_walks_sorted_without_loops(scrape: Path) -> None:
    items = batch.discover([str(scrape)])
    assert [i.rel for i in items] == [  # a folder's own files first, then its subfolders, sorted
        "empty.txt", "image.txt", "nul.txt", "utf16-bom.txt", "utf8-bom.text",
        "x.txt/inside.txt", "省级 文件/2019年 要点.txt", "省级 文件/子 目录/gb18030.txt",
    ]  # fmt: skip
    assert {i.rel for i in items} == EXPECTED
    assert all(i.label == os.path.join(str(scrape), *i.rel.split("/")) for i in items)


def test_discover_include_exclude_and_explicit_files(scrape: Path) -> None:
    items = batch.discover([str(scrape)], include=["*.md"])
    assert [i.rel for i in items] == ["notes.md"]
    items = batch.discover([str(scrape)], exclude=["省级 文件", "*.text"])
    assert {i.rel for i in items} == EXPECTED - {
        "省级 文件/2019年 要点.txt", "省级 文件/子 目录/gb18030.txt", "utf8-bom.text"
    }  # fmt: skip
    named = batch.discover([str(scrape / "notes.md"), str(scrape / "missing.txt")])
    assert [i.rel for i in named] == ["notes.md", "missing.txt"]  # named files are always taken


def test_discover_skips_fifos(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (item,) = batch.discover([str(tmp_path)])
    assert item.error and item.error[0] == "not_regular"


def test_discover_name_collisions(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in "ab":
        (tmp_path / d / "same.txt").write_text(SAMPLE, encoding="utf-8")
    items = batch.discover([str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "a" / "same.txt")])
    assert len(items) == 2  # the repeated file is dropped
    assert items[1].error and items[1].error[0] == "name_collision"


def test_scrape_batch_every_input_accounted_for(scrape: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = gk(scrape, "-o", f"{out}/", "--jobs", "1")
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = {Path(r["path"]).relative_to(scrape).as_posix() for r in records}
    written = {p.relative_to(out).as_posix()[: -len(".json")] for p in out.rglob("*.json")}
    assert failed | written == EXPECTED
    assert not failed & written
    assert {"empty.txt", "image.txt"} <= failed
    assert {"省级 文件/2019年 要点.txt", "省级 文件/子 目录/gb18030.txt", "utf16-bom.txt", "utf8-bom.text"} <= written
    assert all(set(r) == {"path", "code", "message"} for r in records)
    for path in out.rglob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["gkparse_version"] == __version__
    assert "skipped" in result.stderr and f"{len(failed)} failed" in result.stderr


def test_resume_skips_done_and_force_redoes(scrape: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = gk(scrape, "-o", f"{out}/", "-j", "1")
    done = len(list(out.rglob("*.json")))
    second = gk(scrape, "-o", f"{out}/", "-j", "1")
    assert f"0 parsed, {done} skipped" in second.stderr
    assert second.exit_code == first.exit_code == 1
    # a touched input is not redone (same bytes); changed bytes, an input restored with an old mtime
    # (cp -p, tar x), other options, a deleted output or an index of another version are redone
    os.utime(scrape / "utf16-bom.txt", (time.time() + 10, time.time() + 10))
    assert f"0 parsed, {done} skipped" in gk(scrape, "-o", f"{out}/", "-j", "1").stderr
    restored = scrape / "省级 文件" / "2019年 要点.txt"
    stat = restored.stat()
    restored.write_text(SAMPLE + "\n", encoding="utf-8")
    os.utime(restored, (stat.st_atime, stat.st_mtime - 3600))
    (out / "utf8-bom.text.json").unlink()
    third = gk(scrape, "-o", f"{out}/", "-j", "1")
    assert f"2 parsed, {done - 2} skipped" in third.stderr
    assert f"{done} parsed, 0 skipped" in gk(scrape, "-o", f"{out}/", "-j", "1", "--year", "2020").stderr
    assert f"{done} parsed, 0 skipped" in gk(scrape, "-o", f"{out}/", "-j", "1").stderr
    assert f"{done} parsed, 0 skipped" in gk(scrape, "-o", f"{out}/", "-j", "1", "--no-removed").stderr
    index = out / ".gkparse-index"
    index.write_text(index.read_text(encoding="utf-8").replace(__version__, "0.0.0-old"), encoding="utf-8")
    assert f"{done} parsed, 0 skipped" in gk(scrape, "-o", f"{out}/", "-j", "1", "--no-removed").stderr
    forced = gk(scrape, "-o", f"{out}/", "-j", "1", "--force")
    assert f"{done} parsed, 0 skipped" in forced.stderr


def test_jobs_do_not_change_results(scrape: Path, tmp_path: Path) -> None:
    one = gk(scrape, "-f", "jsonl", "-j", "1", "-q")
    two = gk(scrape, "-f", "jsonl", "-j", "2", "-q")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stdout
    gk(scrape, "-o", tmp_path / "o1", "-j", "1", "-q")
    gk(scrape, "-o", tmp_path / "o2", "-j", "2", "-q")
    files1 = {p.relative_to(tmp_path / "o1"): p.read_bytes() for p in (tmp_path / "o1").rglob("*") if p.is_file()}
    files2 = {p.relative_to(tmp_path / "o2"): p.read_bytes() for p in (tmp_path / "o2").rglob("*") if p.is_file()}
    assert files1 == files2


def test_internal_error_is_a_record_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    """A bug met while the tasks are made and written, after the first ones are out: no output file, no
    temporary file, a record, and the rest of the batch."""
    import gkparse.structure.segment as segment

    real = segment._to_task

    def flaky(node, *args, **kwargs):
        if "故障" in "".join(node.body):
            raise RuntimeError("boom")
        return real(node, *args, **kwargs)

    monkeypatch.setattr(segment, "_to_task", flaky)
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "c.txt"):
        (tmp_path / "in" / name).write_text(SAMPLE, encoding="utf-8")
    bad = SAMPLE.rstrip("\n") + "\n九十九、处理测试故障。（县政府办公室负责）\n"
    (tmp_path / "in" / "bad.txt").write_text(bad, encoding="utf-8")
    result = gk(tmp_path / "in", "-o", f"{tmp_path / 'out'}/", "-j", "1")
    assert result.exit_code == 1
    (record,) = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert record["code"] == "internal" and "boom" in record["message"]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["a.txt.json", "c.txt.json"]
    assert not list((tmp_path / "out").glob("*.tmp"))
    assert "Traceback" not in result.stderr
    single = gk(tmp_path / "in" / "bad.txt", "-o", tmp_path / "one.json")
    assert single.exit_code == 3 and "internal error: RuntimeError: boom" in single.stderr
    assert not (tmp_path / "one.json").exists() and not list(tmp_path.glob("*.tmp"))
    assert "Traceback" not in single.stderr


def test_atomic_output_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.json"
    with pytest.raises(KeyboardInterrupt), batch.atomic_output(target) as f:
        f.write(b"{partial")
        raise KeyboardInterrupt
    assert list(tmp_path.rglob("*.*")) == []
    with batch.atomic_output(target) as f:
        f.write(b"{}")
    assert target.read_bytes() == b"{}"
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]


@pytest.mark.large
def test_100_mb_file_in_a_folder(tmp_path: Path) -> None:
    """A 100 MB document beside a small one, through the real command: both end as outputs
    (benchmarks/bench_batch.py times the same case)."""
    (tmp_path / "in").mkdir()
    big = tmp_path / "in" / "big.txt"
    big.write_text(SAMPLE * (100_000_000 // len(SAMPLE.encode("utf-8")) + 1), encoding="utf-8")
    assert big.stat().st_size >= 100_000_000
    (tmp_path / "in" / "small.txt").write_text(SAMPLE, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "gkparse", tmp_path / "in", "-o", f"{tmp_path / 'out'}/", "-j", "2", "-q", "--no-removed"],
        capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".gkparse-index", "big.txt.json", "small.txt.json"]
    with (tmp_path / "out" / "big.txt.json").open(encoding="utf-8") as f:
        head = f.read(300)
    assert '"gkparse_version"' in head
    assert "Traceback" not in proc.stderr


def _run(*args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gkparse", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip


def test_ctrl_c_then_resume(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(40):
        text = SAMPLES[i % len(SAMPLES)].read_text(encoding="utf-8")
        (src / f"{i:02d} 文件.txt").write_text(text * 8, encoding="utf-8")
    proc = _run(src, "-o", f"{out}/", "--jobs", "1")
    deadline = time.monotonic() + 60
    while not list(out.glob("*.json")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    leftovers = [p.name for p in out.iterdir() if not p.name.endswith(".json") and p.name != ".gkparse-index"]
    assert leftovers == []  # no *.tmp, no partial file
    done = list(out.glob("*.json"))
    assert 0 < len(done) < 40
    for path in done:
        assert json.loads(path.read_text(encoding="utf-8"))["tasks"] is not None
    rerun = _run(src, "-o", f"{out}/", "--jobs", "1")
    _, stderr = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, stderr
    assert f"{40 - len(done)} parsed, {len(done)} skipped" in stderr
    assert len(list(out.glob("*.json"))) == 40
