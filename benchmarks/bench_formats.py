"""Throughput of each input format next to the text path, on the same plan, in one run, interleaved.

    python benchmarks/bench_formats.py                 # the table plan 10 times over, 5 rounds
    python benchmarks/bench_formats.py --repeat 40 --rounds 3 --html ../shared/realdocs/html

Every format holds the same document: the task-division table of ``tests/plans.py`` (its rows ``--repeat``
times over, so that the PDF runs over several pages), written with python-docx, openpyxl, xlwt and
reportlab, and its clean text. Each round parses every format once, in turn, so that the machine's state
is shared; the best round counts. Prints, per format: input size, MB/s of input bytes, documents/s, and
the time of a document relative to the text path (``× text``). ``--html DIR`` adds a row for a folder of
real pages (read as they are, not the same document). Not a test: run it by hand and compare runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from gkparse import parse_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import plans


def corpus(repeat: int) -> dict[str, list[bytes]]:
    docs = {
        "text": [plans.table_text(repeat).encode("utf-8")],
        "html": [_html(repeat)],
        "docx": [_docx(repeat)],
        "xlsx": [_sheet(repeat, "xlsx")],
        "xls": [_sheet(repeat, "xls")],
        "pdf": [plans.table_pdf(repeat)],
    }
    return docs


def _scaled(repeat: int, build):  # type: ignore[no-untyped-def]
    """A builder of tests/plans.py run on the table ``repeat`` times over."""
    saved = plans.TABLE_ROWS
    plans.TABLE_ROWS = plans.table_rows(repeat)
    try:
        return build()
    finally:
        plans.TABLE_ROWS = saved


def _html(repeat: int) -> bytes:
    return _scaled(repeat, plans.table_html)


def _docx(repeat: int) -> bytes:
    return _scaled(repeat, plans.table_docx)


def _sheet(repeat: int, fmt: str) -> bytes:
    return _scaled(repeat, plans.table_xlsx if fmt == "xlsx" else plans.table_xls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10, help="the table's rows this many times over")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--docs", type=int, default=5, help="parses of each document per round")
    parser.add_argument("--html", type=Path, help="a folder of real HTML pages to add as a row")
    args = parser.parse_args()
    docs = corpus(args.repeat)
    if args.html:
        docs["html (real pages)"] = [p.read_bytes() for p in sorted(args.html.glob("*.htm*"))]
    tasks = {name: len(parse_bytes(d[0], f"x.{name}").tasks) for name, d in docs.items()}
    best = {name: float("inf") for name in docs}
    for _ in range(args.rounds):
        for name, items in docs.items():  # interleaved: every format once per round
            start = time.perf_counter()
            for _ in range(args.docs):
                for data in items:
                    parse_bytes(data, f"x.{name.split()[0]}")
            best[name] = min(best[name], time.perf_counter() - start)
    text_per_doc = best["text"] / args.docs
    print(f"the table plan x{args.repeat} ({tasks['text']} tasks), best of {args.rounds} rounds of {args.docs} parses")
    print(f"{'format':<18} {'KB':>8} {'tasks':>6} {'MB/s':>8} {'docs/s':>8} {'x text':>8}")
    for name, items in docs.items():
        size = sum(len(d) for d in items)
        seconds = best[name]
        n = args.docs * len(items)
        mbs = size * args.docs / seconds / 1e6
        per_doc = seconds / n
        ratio = per_doc / text_per_doc if len(items) == 1 else float("nan")
        print(f"{name:<18} {size / 1000:>8.1f} {tasks[name]:>6} {mbs:>8.2f} {n / seconds:>8.1f} {ratio:>8.1f}")


if __name__ == "__main__":
    main()
