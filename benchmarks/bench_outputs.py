"""Throughput of each output format next to JSON, on the same parsed documents, in one run, interleaved.

    python benchmarks/bench_outputs.py                 # samples/ parsed once, written 20 times over, 5 rounds
    python benchmarks/bench_outputs.py --copies 100 --rounds 3

The samples are parsed once; each round then writes them (``--copies`` times over) in every output format
in turn, from the documents' JSON data as a batch worker sends it, so that only the writers are timed and the
machine's state is shared; the best round counts. Prints, per format: documents/s and the time relative to
``json`` (``× json``). The database is written to a fresh file each round. Not a test: run it by hand and
compare runs.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from gkparse.export import Format, make_payload, open_writer, payload
from gkparse.pipeline import parse_bytes_with_text

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    ("json", Format.json, "tasks"), ("csv tasks", Format.csv, "tasks"), ("csv units", Format.csv, "units"),
    ("csv summary", Format.csv, "summary"), ("xlsx tasks", Format.xlsx, "tasks"),
    ("xlsx all", Format.xlsx, "all"), ("md tasks", Format.md, "tasks"),
    ("sqlite", Format.sqlite, "tasks"), ("html", Format.html, "tasks"),
]  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    parsed = [(str(p), *parse_bytes_with_text(p.read_bytes(), str(p))) for p in sorted((ROOT / "samples").glob("*.txt"))]
    payloads = {}
    for name, fmt, rows in CASES:
        kind, kinds = payload(fmt, rows)
        payloads[name] = [
            (f"{i}/{label}", doc.model_dump_json() if kind == "json" else make_payload(kind, kinds, label, doc, text))
            for i in range(args.copies) for label, doc, text in parsed
        ]  # fmt: skip
    best = {name: float("inf") for name, _, _ in CASES}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for name, fmt, rows in CASES:
                path = str(Path(tmp, f"{r}-{name}.db"))
                start = time.perf_counter()
                writer = open_writer(fmt, io.BytesIO(), many=True, rows=rows, path=path)
                for label, data in payloads[name]:
                    if fmt is Format.sqlite:  # distinct paths, so that every document is inserted
                        data = {**data, "source": {**data["source"], "path": label}}
                    writer.add(label, data)
                writer.close()
                best[name] = min(best[name], time.perf_counter() - start)
    count = len(parsed) * args.copies
    print(f"{count} documents ({len(parsed)} samples × {args.copies}), best of {args.rounds} rounds")
    print(f"{'format':<14}{'documents/s':>12}{'× json':>9}")
    for name, _, _ in CASES:
        print(f"{name:<14}{count / best[name]:>12.0f}{best[name] / best['json']:>9.2f}")


if __name__ == "__main__":
    main()
