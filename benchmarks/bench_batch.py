"""Batch throughput: ``gkparse DIR -o OUT`` with --jobs 1 and --jobs 2, and one 100 MB document.

Run from the repository root (not collected by pytest: no ``test_`` prefix)::

    .venv/bin/python benchmarks/bench_batch.py            # 4,000 documents + the 100 MB file
    .venv/bin/python benchmarks/bench_batch.py --docs 200 --no-large

The corpus is built in ``benchmarks/corpus/`` (git-ignored) from ``samples/*.txt``: copies spread over
nested folders, every fifth one re-encoded as GB18030 to exercise decoding. Each run is a subprocess
(``--force --quiet``); peak memory is the largest child's ``ru_maxrss`` so far, measured after each run
(``resource.getrusage(RUSAGE_CHILDREN)`` keeps the maximum over all children that have ended).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from gkparse.extract.document import find_plan_start

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
CORPUS = ROOT / "benchmarks" / "corpus"
OUT = ROOT / "benchmarks" / "out"


def build_corpus(n: int) -> tuple[Path, int]:
    """``n`` documents under ``CORPUS/docs``; returns the folder and its size in bytes."""
    folder = CORPUS / f"docs-{n}"
    if not folder.exists():
        raw = [p.read_bytes() for p in SAMPLES]
        tmp = folder.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        for i in range(n):
            sub = tmp / f"省 {i % 10}" / f"市 {i % 7}"
            sub.mkdir(parents=True, exist_ok=True)
            data = raw[i % len(raw)]
            if i % 5 == 4:  # every fifth document in GB18030 (those in UTF-8; the others keep their encoding)
                data = _as_gb18030(data)
            (sub / f"{i:05d} 文件.txt").write_bytes(data)
        tmp.rename(folder)
    return folder, sum(p.stat().st_size for p in folder.rglob("*.txt"))


def _as_gb18030(data: bytes) -> bytes:
    try:
        return data.decode("utf-8").encode("gb18030")
    except UnicodeDecodeError:
        return data


def build_large(size: int) -> Path:
    """One document of about ``size`` bytes: the largest sample, its plan repeated under one title (a
    repeated title would be read as the page scraped twice, and only its first copy parsed)."""
    path = CORPUS / f"large-{size // 1_000_000}MB" / "large.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        text = max(SAMPLES, key=lambda p: p.stat().st_size).read_bytes().decode("utf-8")
        lines = text.split("\n")
        start = find_plan_start(lines)  # the line after the plan's title
        head, body = "\n".join(lines[:start]), "\n".join(lines[start:])
        copies = size // len(body.encode("utf-8")) + 1
        path.write_text(head + "\n" + "\n".join([body] * copies), encoding="utf-8")
    return path


def gkparse(*args: object) -> float:
    """Seconds taken by one run of the command."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "gkparse", *map(str, args)], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"gkparse failed ({result.returncode}): {result.stderr}")
    return elapsed


def peak_mb() -> float:
    """Largest resident set of any child so far, in MB (Linux reports kB)."""
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return rss / 1024 if sys.platform != "darwin" else rss / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=4000, help="documents in the corpus (default 4000)")
    parser.add_argument("--large-mb", type=int, default=100, help="size of the large document (default 100)")
    parser.add_argument("--no-large", action="store_true", help="skip the large document")
    args = parser.parse_args()

    folder, size = build_corpus(args.docs)
    print(f"corpus: {args.docs} documents, {size / 1e6:.1f} MB in {folder.relative_to(ROOT)}")
    timings = {}
    for jobs in (1, 2):
        out = OUT / f"jobs{jobs}"
        seconds = gkparse(folder, "-o", f"{out}/", "--jobs", jobs, "--force", "--quiet")
        timings[jobs] = seconds
        print(
            f"--jobs {jobs}: {seconds:6.1f} s  {args.docs / seconds:7.1f} documents/s  "
            f"{size / 1e6 / seconds:5.2f} MB/s  peak RSS so far {peak_mb():.0f} MB"
        )
    print(f"speed-up with 2 jobs: {timings[1] / timings[2]:.2f}x")
    if not args.no_large:
        large = build_large(args.large_mb * 1_000_000)
        seconds = gkparse(large, "-o", OUT / "large.json", "--no-removed")
        print(
            f"{args.large_mb} MB document: {seconds:.1f} s  {large.stat().st_size / 1e6 / seconds:.2f} MB/s  "
            f"peak RSS so far {peak_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
