"""End-to-end throughput of several revisions of gkparse, side by side, on the same corpus, in one run.

    python benchmarks/compare_revisions.py f9b30e2 HEAD            # the first is the reference
    python benchmarks/compare_revisions.py v0.3.0 main --mb 10 --rounds 7

Each revision's ``src/`` is exported with ``git archive`` into a temporary folder. The corpus is the full-size
documents of *this* checkout's ``samples/`` (at least ``--min-kb`` KB each; repeated up to about ``--mb``
MB), so every revision parses the same bytes. A round times each revision once, in a fresh process
(``parse_bytes`` and the JSON dump of every document, per-text caches emptied before each one, as in
``bench_stages.py``), and the order of the revisions alternates from round to round: load on a shared
machine falls on all of them alike. Prints the best MB/s and documents/s of each revision and its ratio
to the first (above 1: faster).

``--instructions`` counts instead of timing: each revision parses the full-size samples once (after a
warm-up pass) under Valgrind's callgrind, which counts the instructions of that pass alone (the import and
the warm-up are not collected; the hash seed is fixed). The count is the same from run to run, whatever
the load on the machine: the figure to settle a small difference that timing on a shared machine cannot.
It takes about a minute per revision and needs ``valgrind`` on the PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What both workers start with: the revision's gkparse (sys.argv[1] is its src/), and its per-text caches
# to empty before each document (a revision without them has none).
PRELUDE = r"""
import itertools, sys, time
import gkparse
from gkparse import parse_bytes
try:
    from gkparse.extract.units import clear_caches
except ImportError:
    clear_caches = lambda: None
assert gkparse.__file__.startswith(sys.argv[1]), gkparse.__file__
"""

WORKER = PRELUDE + r"""
docs = [open(p, "rb").read() for p in sys.argv[3:]]
docs = docs * int(sys.argv[2])
parse_bytes(docs[0]).model_dump_json()
start = time.perf_counter()
for d in docs:
    clear_caches()
    parse_bytes(d).model_dump_json()
print(time.perf_counter() - start)
"""


# One pass over the documents, inside itertools.starmap: callgrind collects only while starmap's
# iterator runs (--toggle-collect), so neither the import nor the warm-up pass is counted.
COUNT_WORKER = PRELUDE + r"""
docs = [open(p, "rb").read() for p in sys.argv[2:]]
for d in docs:
    parse_bytes(d).model_dump_json()
def one_pass(_):
    for d in docs:
        clear_caches()
        parse_bytes(d).model_dump_json()
list(itertools.starmap(one_pass, [(0,)]))
"""


def count_once(src: Path, files: list[str]) -> int:
    """Instructions of one pass of ``src`` over ``files``, counted by callgrind."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=starmap_next",
         "--callgrind-out-file=/dev/null", sys.executable, "-c", COUNT_WORKER, str(src), *files],
        capture_output=True, text=True, env=env,
    )
    found = [line for line in out.stderr.splitlines() if "Collected" in line]
    if out.returncode != 0 or not found:
        raise SystemExit(f"compare_revisions: {src}: callgrind failed: {out.stderr.strip().splitlines()[-1:]}")
    return int(found[-1].split()[-1])


def export(rev: str, into: Path) -> Path:
    """``rev``'s ``src/`` folder, unpacked under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True).stdout
    target = into / rev.replace("/", "_")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def time_once(src: Path, copies: int, files: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, "-c", WORKER, str(src), str(copies), *files], capture_output=True, text=True, env=env
    )
    if out.returncode != 0:
        raise SystemExit(f"compare_revisions: {src}: {out.stderr.strip().splitlines()[-1]}")
    return float(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("revisions", nargs="+", help="git revisions; the first is the reference")
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds; the best of each revision is shown (default 5)")
    ap.add_argument("--min-kb", type=float, default=10.0, help="size of a full-size document (default 10 KB)")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions of one pass with callgrind instead of timing (needs valgrind)")
    args = ap.parse_args()
    files = [str(p) for p in sorted((ROOT / "samples").glob("*.txt")) if p.stat().st_size >= args.min_kb * 1000]
    if args.instructions:
        count(args.revisions, files)
        return
    size = sum(os.path.getsize(f) for f in files)
    copies = max(1, round(args.mb * 1e6 / size))
    total_mb, total_docs = size * copies / 1e6, len(files) * copies
    print(f"corpus: {len(files)} full-size samples x {copies} = {total_docs} documents, {total_mb:.1f} MB")
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sources = {rev: export(rev, Path(tmp)) for rev in args.revisions}
        for r in range(args.rounds):
            order = args.revisions if r % 2 == 0 else args.revisions[::-1]
            for rev in order:
                secs = time_once(sources[rev], copies, files)
                best[rev] = min(best.get(rev, float("inf")), secs)
            print(f"round {r + 1}: " + "  ".join(f"{rev} {best[rev]:.2f}s" for rev in args.revisions), flush=True)
    ref = best[args.revisions[0]]
    print(f"\n{'revision':<24}{'MB/s':>8}{'docs/s':>9}{'vs first':>10}")
    for rev in args.revisions:
        print(f"{rev:<24}{total_mb / best[rev]:>8.2f}{total_docs / best[rev]:>9.0f}{ref / best[rev]:>9.2f}x")


def count(revisions: list[str], files: list[str]) -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("compare_revisions: --instructions needs valgrind on the PATH")
    size = sum(os.path.getsize(f) for f in files)
    print(f"corpus: {len(files)} full-size samples, {size / 1e6:.2f} MB, one pass each under callgrind")
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rev in revisions:
            counts[rev] = count_once(export(rev, Path(tmp)), files)
            print(f"{rev}: {counts[rev] / 1e6:.1f} M instructions", flush=True)
    ref = counts[revisions[0]]
    print(f"\n{'revision':<24}{'M instr':>10}{'instr/byte':>12}{'vs first':>10}")
    for rev in revisions:
        print(f"{rev:<24}{counts[rev] / 1e6:>10.1f}{counts[rev] / size:>12.0f}{ref / counts[rev]:>9.2f}x")


if __name__ == "__main__":
    main()
