"""A batch killed with ``kill -9`` midway and run again gives what an uninterrupted run gives.

    python benchmarks/kill_batch.py [--docs 2000] [--jobs 2]

Builds a scrape-like folder (under ``benchmarks/corpus/``, git-ignored) of ``--docs`` inputs: copies of the
samples in several encodings over nested folders, with 20 kinds of bad input mixed in. Then:

1. runs ``gkparse IN -o A`` to the end;
2. runs ``gkparse IN -o B``, kills it with SIGKILL when about half the outputs are written, checks that
   no worker survives it, and runs it again;
3. checks: parsed + skipped + failed = inputs on the re-run, no ``*.tmp`` left, and ``B`` holds the same
   files with the same bytes as ``A`` (outputs and ``errors.jsonl``; the resume index aside, which records
   the two runs).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
CORPUS = ROOT / "benchmarks" / "corpus" / "kill"
PLAN = "2021年政务公开工作要点\n一、加强政策解读\n（一）做好政策解读工作。（市政府办公室牵头，各县区配合）\n"
SUMMARY_RE = re.compile(r"(\d+) files: (\d+) parsed, (\d+) skipped, (\d+) failed")
OPTIONS = ["-j", "{jobs}", "--max-size", "1M"]


def bad_inputs(folder: Path, outside: Path) -> int:
    """20 kinds of bad input in ``folder``; returns how many of them are inputs of a walk (links are not)."""
    good = PLAN.encode("utf-8")
    files = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\n",
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "nul.txt": b"\x00" * 4096,
        "controls.txt": bytes(range(1, 9)) * 500,
        "zip.txt": b"PK\x03\x04" + bytes(200),
        "stray-byte.txt": good[:19] + b"\xff" + good[19:],
        "cut-last-char.txt": good + "（二）做好其他工作。".encode()[:-1],
        "half-gb18030.txt": good + PLAN.replace("2021年", "").encode("gb18030"),
        "utf32.txt": PLAN.encode("utf-32"),
        "deng-chain.txt": ("一、加强公开（市政府" + "等部门" * 40 + "办公室牵头）。\n").encode(),
        "too-large.txt": good * (2_000_000 // len(good)),
        os.fsdecode("规划".encode("gbk") + b".txt"): good,
        "长" * 83 + ".txt": good,  # its output's name is past NAME_MAX
        "a\x1b[2J\rforged.txt": b"",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "x.txt").mkdir()  # a folder named like a document, with a document inside
    (folder / "x.txt" / "inside.txt").write_bytes(good)
    os.mkfifo(folder / "fifo.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "up").symlink_to("..", target_is_directory=True)
    (folder / "secret.txt").symlink_to(outside)
    (folder / "broken.txt").symlink_to("nowhere.txt")
    return len(files) + 2  # the files, inside.txt and the FIFO; the four links are not walked


def build(n: int) -> tuple[Path, int]:
    shutil.rmtree(CORPUS, ignore_errors=True)
    src = CORPUS / "in"
    src.mkdir(parents=True)
    outside = CORPUS / "outside-secret.txt"
    outside.write_text("2021年工作要点\n一、不应读到的内容\n", encoding="utf-8")
    bad = bad_inputs(src, outside)
    raw = [p.read_bytes() for p in SAMPLES]
    for i in range(n - bad):
        sub = src / f"省 {i % 10}" / f"市 {i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        data = raw[i % len(raw)]
        if i % 5 == 4:
            try:
                data = data.decode("utf-8").encode("gb18030")
            except UnicodeDecodeError:
                pass
        (sub / f"{i:05d} 文件.txt").write_bytes(data)
    return src, n


def gkparse(src: Path, out: Path, jobs: int) -> subprocess.Popen:
    args = [a.replace("{jobs}", str(jobs)) for a in OPTIONS]
    return subprocess.Popen(
        [sys.executable, "-m", "gkparse", str(src), "-o", f"{out}/", *args], stderr=subprocess.PIPE, text=True
    )


def summary(proc: subprocess.Popen) -> tuple[int, ...]:
    _, stderr = proc.communicate(timeout=3600)
    found = SUMMARY_RE.findall(stderr)
    assert found, stderr
    return tuple(int(x) for x in found[-1])


def children(pid: int) -> list[int]:
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


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def snapshot(out: Path) -> dict[bytes, bytes]:
    return {
        os.fsencode(p.relative_to(out)): p.read_bytes()
        for p in out.rglob("*") if p.is_file() and p.name != ".gkparse-index"
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    src, inputs = build(args.docs)
    a, b = CORPUS / "A", CORPUS / "B"
    start = time.monotonic()
    whole = summary(gkparse(src, a, args.jobs))
    took = time.monotonic() - start
    print(f"uninterrupted: {whole[0]} files, {whole[1]} parsed, {whole[3]} failed in {took:.1f} s")
    assert whole[0] == inputs and whole[1] + whole[2] + whole[3] == inputs, (whole, inputs)
    proc = gkparse(src, b, args.jobs)
    workers: set[int] = set()
    while proc.poll() is None and len(list(b.rglob("*.json"))) < whole[1] // 2:
        workers.update(children(proc.pid))
        time.sleep(0.05)
    workers.update(children(proc.pid))
    written = len(list(b.rglob("*.json")))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.1)
    orphans = [w for w in workers if alive(w)]
    print(f"killed with SIGKILL after {written} outputs; {len(workers)} workers, {len(orphans)} still alive")
    rerun = summary(gkparse(src, b, args.jobs))
    print(f"re-run: {rerun[0]} files: {rerun[1]} parsed, {rerun[2]} skipped, {rerun[3]} failed")
    tmp = [p for p in b.rglob("*.tmp")]
    same = snapshot(a) == snapshot(b)
    secret = any(b"\xe4\xb8\x8d\xe5\xba\x94" in data for data in snapshot(b).values())  # 不应
    errors = [json.loads(line)["code"] for line in (b / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    print(f"failed inputs by code: {dict(sorted((c, errors.count(c)) for c in set(errors)))}")
    checks = {
        "parsed + skipped + failed = inputs": sum(rerun[1:]) == inputs == rerun[0],
        "no orphan worker": not orphans,
        "no .tmp left": not tmp,
        "identical to the uninterrupted run": same,
        "nothing read from outside the tree": not secret,
    }
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
