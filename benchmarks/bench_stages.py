"""Throughput of each stage and of the whole parse, on two corpora of about ``--mb`` MB built from the samples.

    python benchmarks/bench_stages.py            # two 50 MB corpora
    python benchmarks/bench_stages.py --mb 10    # smaller ones

The corpora: the full-size documents (samples of at least ``--min-kb`` KB, the size of a real scraped plan:
the goal of 5 MB/s is measured there), and all samples, most of them short documents written for one
difficulty each, where the cost per document dominates (compare their documents/s).

Prints MB/s (of input bytes) and documents/s, the best of ``--repeat`` runs, for: decode, repair, script,
clean, structure+extract (metadata, layout, tree, units, deadlines), and end to end (parse_bytes, validated
model + JSON dump).
One process, one core. Not a test: run it by hand and compare runs.

The corpus repeats the samples, so the parser's per-text caches (unit clauses) are emptied before every
document: the figures are those of documents seen for the first time.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from gkparse import parse_bytes
from gkparse.extract import units
from gkparse.extract.document import extract_metadata
from gkparse.options import ParseOptions
from gkparse.structure.segment import build_tasks
from gkparse.text.clean import clean
from gkparse.text.decode import decode_bytes
from gkparse.text.repair import repair_text
from gkparse.text.script import detect_script, to_simplified

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def load_samples() -> list[bytes]:
    return [p.read_bytes() for p in sorted(SAMPLES.glob("*.txt"))]


def build_corpus(docs: list[bytes], mb: float) -> list[bytes]:
    """Documents repeated until they add up to ``mb`` megabytes (each stays a whole document)."""
    out, size, i = [], 0, 0
    target = mb * 1_000_000
    while size < target:
        out.append(docs[i % len(docs)])
        size += len(out[-1])
        i += 1
    return out


def timed(fn: Callable[[bytes], object], docs: list[bytes]) -> float:
    start = time.perf_counter()
    for d in docs:
        fn(d)
    return time.perf_counter() - start


def run(name: str, docs: list[bytes], repeat: int) -> None:
    total = sum(len(d) for d in docs)
    # intermediate inputs of each stage, computed once
    texts = [decode_bytes(d).text for d in docs]
    repaired = [repair_text(t).text for t in texts]
    simple = [to_simplified(t) if detect_script(t) in ("traditional", "mixed") else t for t in repaired]
    cleaned = [clean(t).text for t in simple]
    by_index = dict(enumerate(docs))
    opts = ParseOptions()

    def forget() -> None:
        units.clear_caches()

    def structure(i: int) -> None:
        forget()
        meta = extract_metadata(cleaned[i], opts)
        build_tasks(cleaned[i], meta, opts)

    stages: list[tuple[str, Callable[[int], object]]] = [
        ("decode", lambda i: decode_bytes(by_index[i])),
        ("repair", lambda i: repair_text(texts[i])),
        ("script", lambda i: to_simplified(repaired[i]) if detect_script(repaired[i]) != "simplified" else None),
        ("clean", lambda i: clean(simple[i])),
        ("structure+extract", structure),
        ("end to end", lambda i: (forget(), parse_bytes(by_index[i]).model_dump_json())),
    ]
    print(f"\n{name}: {len(docs)} documents, {total / 1e6:.1f} MB")
    print(f"{'stage':<20}{'seconds':>10}{'MB/s':>10}{'docs/s':>10}")
    for label, fn in stages:
        secs = float("inf")
        for _ in range(repeat):  # the best of a few runs: other load on the machine only slows a run down
            start = time.perf_counter()
            for i in range(len(docs)):
                fn(i)
            secs = min(secs, time.perf_counter() - start)
        print(f"{label:<20}{secs:>10.2f}{total / 1e6 / secs:>10.1f}{len(docs) / secs:>10.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="size of the built corpus in MB (default 50)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each stage; the best is shown (default 3)")
    ap.add_argument("--min-kb", type=float, default=10.0, help="size of a full-size document (default 10 KB)")
    args = ap.parse_args()
    docs = load_samples()
    full = [d for d in docs if len(d) >= args.min_kb * 1000]
    run(f"full-size documents ({len(full)} samples of {args.min_kb:g} KB or more)", build_corpus(full, args.mb), args.repeat)
    run(f"all samples ({len(docs)})", build_corpus(docs, args.mb), args.repeat)


if __name__ == "__main__":
    main()
