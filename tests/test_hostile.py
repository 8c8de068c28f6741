"""Hostile and broken inputs through the real command: no hang, no lost document, nothing read from
outside the tree, one clear line per bad file."""

from __future__ import annotations

import json
import os
import pickle
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import gkparse
from gkparse.errors import InputError

PLAN = "2021年政务公开工作要点\n一、加强政策解读\n（一）做好政策解读工作。（市政府办公室牵头，各县区配合）\n"
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file system features")


def gk(*args: object, timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gkparse", *map(os.fsencode, map(str, args))], capture_output=True, timeout=timeout, **kw
    )


def counts(stderr: bytes) -> tuple[int, ...]:
    """Files, parsed, skipped, failed, from the summary line."""
    found = re.search(r"(\d+) files: (\d+) parsed, (\d+) skipped, (\d+) failed", stderr.decode("utf-8", "replace"))
    assert found, stderr
    return tuple(int(g) for g in found.groups())


@posix
def test_a_fifo_named_on_the_command_line_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    proc = gk(fifo, timeout=30)
    assert proc.returncode == 3
    assert proc.stderr.decode().strip() == f"gkparse: error: {fifo}: not a regular file (a FIFO, socket or device)"


@posix
def test_a_device_is_refused() -> None:
    proc = gk("/dev/zero", timeout=30)
    assert proc.returncode == 3 and b"not a regular file" in proc.stderr


def test_inputs_over_the_size_cap_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(PLAN * 100, encoding="utf-8")
    proc = gk(big, "--max-size", "2K")
    assert proc.returncode == 3
    assert proc.stderr.decode().strip().endswith("larger than the input size cap of 2 KB (see --max-size)")
    assert gk(big, "--max-size", "0").returncode == 0
    stdin = gk("-", "--max-size", "2K", input=big.read_bytes())
    assert stdin.returncode == 3 and b"<stdin>: larger than the input size cap" in stdin.stderr
    assert gk(big, "--max-size", "lots").returncode == 2


@posix
def test_a_symlink_loop_is_one_failed_input_and_the_rest_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(PLAN, encoding="utf-8")
    (src / "sub" / "b.txt").write_text(PLAN, encoding="utf-8")
    (src / "loop.txt").symlink_to("loop.txt")
    (src / "sub" / "up").symlink_to("..", target_is_directory=True)
    plain = gk(src, "-o", f"{tmp_path / 'o1'}/")
    assert plain.returncode == 0 and counts(plain.stderr) == (2, 2, 0, 0)  # links are not followed
    followed = gk(src, "-o", f"{tmp_path / 'o2'}/", "--follow")
    assert followed.returncode == 1, followed.stderr
    assert counts(followed.stderr) == (4, 2, 0, 2)
    errors = [json.loads(line) for line in (tmp_path / "o2" / "errors.jsonl").read_text().splitlines()]
    assert sorted((e["code"], Path(e["path"]).name) for e in errors) == [("unreadable", "loop.txt"), ("unreadable", "up")]


@posix
def test_a_symlink_out_of_the_tree_is_not_followed_in_a_walk(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("2021年工作要点\n一、机密内容不可外泄\n", encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(PLAN, encoding="utf-8")
    (src / "x.txt").symlink_to(secret)
    proc = gk(src, "-f", "jsonl", "-q")
    assert proc.returncode == 0
    assert "机密" not in proc.stdout.decode() and len(proc.stdout.splitlines()) == 1
    followed = gk(src, "-f", "jsonl", "-q", "--follow")
    assert "机密" in followed.stdout.decode()
    named = gk(src / "x.txt")  # named on the command line: read as named
    assert named.returncode == 0 and "机密" in named.stdout.decode()


@posix
def test_a_name_that_is_not_utf8_is_parsed_and_written_losslessly(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    name = "规划".encode("gbk") + b".txt"
    (src.joinpath(os.fsdecode(name))).write_text(PLAN, encoding="utf-8")
    (src / "bad.txt").write_bytes(b"")
    (src / os.fsdecode(b"\xff.txt")).write_bytes(b"")
    out = tmp_path / "out"
    proc = gk(src, "-o", f"{out}/")
    assert proc.returncode == 1 and counts(proc.stderr) == (3, 1, 0, 2)
    assert os.fsencode(out / os.fsdecode(name + b".json")) in [os.fsencode(p) for p in out.iterdir()]
    doc = json.loads((out / os.fsdecode(name + b".json")).read_text(encoding="utf-8"))
    assert doc["source"]["path"].endswith(name.decode("utf-8", "backslashreplace")) and doc["tasks"]
    assert "\\xb9" in doc["source"]["path"]
    errors = (out / "errors.jsonl").read_text(encoding="utf-8")
    assert "\\\\xff.txt" in errors  # JSON of the text \xff.txt
    assert b"\\xff.txt: the file is empty" in proc.stderr


@posix
def test_a_name_near_name_max_is_a_per_file_error_and_jobs_agree(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    long = "长" * 83 + ".txt"  # 253 bytes: the output's name (+ .json) is past NAME_MAX (255)
    fits = "政" * 81 + ".txt"  # 247 bytes: its output fits, a temporary name .NAME.json.XXXXXXXX.tmp did not
    for name in (long, fits, "a.txt"):
        (src / name).write_text(PLAN, encoding="utf-8")
    results = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        proc = gk(src, "-o", f"{out}/", "-j", jobs)
        assert proc.returncode == 1, proc.stderr.decode()
        assert counts(proc.stderr) == (3, 2, 0, 1)
        assert b"cannot write: the output's name is too long" in proc.stderr
        results.append(sorted(p.name for p in out.iterdir()))
    assert results[0] == results[1]
    assert f"{fits}.json" in results[0]


def test_one_bad_byte_does_not_refuse_a_document(tmp_path: Path) -> None:
    good = PLAN.encode("utf-8")
    cases = {
        "stray.txt": good[:19] + b"\xff" + good[19:],  # between two characters
        "cut.txt": good + "（二）做好其他工作。".encode()[:-1],  # cut in the middle of its last character
        "mixed.txt": good + PLAN.replace("2021年", "").encode("gb18030"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        proc = gk(tmp_path / name)
        assert proc.returncode == 0, (name, proc.stderr)
        doc = json.loads(proc.stdout)
        assert doc["tasks"][0]["units"][0]["name"] == "市政府办公室"
        if name == "mixed.txt":
            assert doc["source"]["encoding"] == "utf-8+gb18030" and doc["source"]["damaged_chars"] == 0
        else:
            assert doc["source"]["damaged_chars"] == 1
            assert [w["code"] for w in doc["warnings"]][:1] == ["lossy_decode"]


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_is_decoded(tmp_path: Path, codec: str) -> None:
    data = PLAN.encode(codec)
    if codec == "utf-32-be":
        data = b"\x00\x00\xfe\xff" + data
    (tmp_path / "a.txt").write_bytes(data)
    proc = gk(tmp_path / "a.txt")
    doc = json.loads(proc.stdout)
    assert doc["source"]["encoding"].startswith("utf-32") and "\x00" not in json.dumps(doc)
    assert doc["tasks"][0]["title"] == "做好政策解读工作"


def _tree(tmp_path: Path, files: int) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(files):
        (src / f"{i:03d}.txt").write_text(PLAN.replace("做好", f"第{i}项做好") * 40, encoding="utf-8")
    return src


@posix
def test_killing_the_parent_kills_the_workers(tmp_path: Path) -> None:
    src = _tree(tmp_path, 300)
    proc = subprocess.Popen([sys.executable, "-m", "gkparse", src, "-o", f"{tmp_path / 'out'}/", "-j", "2", "-q"])
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and (not workers or len(list((tmp_path / "out").glob("*.json"))) < 20):
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert workers, "no worker started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)
    rerun = gk(src, "-o", f"{tmp_path / 'out'}/", "-j", "2")
    files, parsed, skipped, failed = counts(rerun.stderr)
    assert files == parsed + skipped == 300 and skipped > 0 and failed == 0
    assert not list((tmp_path / "out").rglob("*.tmp"))


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@posix
def test_sigterm_is_handled_like_ctrl_c_and_leaves_no_tmp(tmp_path: Path) -> None:
    src = _tree(tmp_path, 200)
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / ".gkparse-stale0001.tmp").write_bytes(b"")  # left by a killed run
    (out / "sub" / ".000.txt.json.abcd1234.tmp").write_bytes(b"")  # the older naming
    proc = subprocess.Popen(
        [sys.executable, "-m", "gkparse", src, "-o", f"{out}/", "-j", "1"], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.json"))) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert "Traceback" not in stderr and "interrupted;" in stderr
    assert [p for p in out.rglob("*.tmp")] == []


@pytest.mark.parametrize("mode", ["resume-by-content", "options"])
def test_resume_compares_content_and_options(tmp_path: Path, mode: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    doc = src / "a.txt"
    doc.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out"
    assert counts(gk(src, "-o", f"{out}/").stderr) == (1, 1, 0, 0)
    if mode == "resume-by-content":
        old = doc.stat()
        doc.write_text(PLAN.replace("2021", "2022"), encoding="utf-8")
        os.utime(doc, (old.st_atime, old.st_mtime - 86400))  # restored with an old mtime: tar x, cp -p
        assert counts(gk(src, "-o", f"{out}/").stderr) == (1, 1, 0, 0)
        assert json.loads((out / "a.txt.json").read_text(encoding="utf-8"))["document"]["year"] == 2022
    else:
        assert counts(gk(src, "-o", f"{out}/", "--no-removed").stderr) == (1, 1, 0, 0)
        assert counts(gk(src, "-o", f"{out}/", "--no-removed").stderr) == (1, 0, 1, 0)
        assert counts(gk(src, "-o", f"{out}/", "--no-removed", "--year", "2020").stderr) == (1, 1, 0, 0)


def test_the_output_folder_inside_the_input_is_not_walked(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(PLAN, encoding="utf-8")
    for _ in range(3):
        proc = gk(src, "-o", f"{src / 'out'}/", "--include", "*")
        assert counts(proc.stderr)[0] == 1, proc.stderr
    assert sorted(p.relative_to(src).as_posix() for p in src.rglob("*.json")) == ["out/a.txt.json"]


def test_input_errors_cross_a_process_boundary() -> None:
    err = pickle.loads(pickle.dumps(InputError("a.txt", "empty", "the file is empty")))
    assert (err.path, err.code, err.reason, str(err)) == ("a.txt", "empty", "the file is empty", "a.txt: the file is empty")
    with ProcessPoolExecutor(1) as pool:
        future = pool.submit(gkparse.parse_bytes, b"")
        with pytest.raises(InputError) as info:
            future.result(timeout=60)
    assert info.value.code == "empty"


@posix
def test_control_characters_in_names_are_escaped(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a\x1b[2J\rgkparse: 9 files: 9 parsed.txt").write_bytes(b"")
    proc = gk(src)
    text = proc.stderr.decode()
    assert "\x1b" not in text and "\r" not in text
    assert "a\\x1b[2J\\rgkparse: 9 files: 9 parsed.txt: the file is empty" in text


def test_private_use_characters_of_the_input_beside_lost_bytes() -> None:
    """A plane-15 private-use character written in the input is kept as it is, also in a text with lost
    bytes (where gkparse marks undecided characters with private-use placeholders)."""
    import gkparse

    data = b"\x01\x01" + b" " * 26 + "\u3000   \U000f0040    %".encode() + b"\x9e\xa8\xa8\xde\xde\x80\xe1\xde"
    doc = gkparse.parse_bytes(data)
    assert "\U000f0040" in gkparse.clean_text(data)
    assert doc.tasks == []
