"""Peak memory of one large document through the real command, as a multiple of the input's size.

    python benchmarks/memory.py [--sizes 10 20 50] [--only NAME]

Each run is ``gkparse FILE -o FILE.json`` in a fresh process; its peak resident memory (``VmHWM`` of that
process, read as it exits) less the command's baseline (the peak of the same command on a short
document that loads every table the text stages build on first use: the interpreter, the libraries and the
parser's tables) is divided by the input's size. The
documents are built by ``tests/bigdocs.py``: realistic plan text
(the UTF-8 samples, each copy with its own numbers) and the pathological pattern of a ``|`` on every line.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bigdocs import BASELINE, DOCUMENTS, MB, build, peak_rss  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 20, 50], help="sizes in MB")
    parser.add_argument("--only", help="run the documents whose name contains this")
    args = parser.parse_args()
    names = [n for n in DOCUMENTS if not args.only or args.only in n]
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp, "small.txt")
        small.write_text(BASELINE, encoding="utf-8")
        base = peak_rss(small)
        print(f"baseline (a short document that loads every table): {base / MB:.0f} MB", flush=True)
        print(f"{'document':28}{'size':>8}{'peak':>10}{'peak-base':>11}{'ratio':>8}{'time':>8}", flush=True)
        worst = 0.0
        for name in names:
            for size in args.sizes:
                path = Path(tmp, "doc.txt")
                path.write_bytes(build(name, int(size * MB)))
                n = path.stat().st_size
                started = time.perf_counter()
                peak = peak_rss(path)
                elapsed = time.perf_counter() - started
                ratio = (peak - base) / n
                worst = max(worst, ratio)
                print(f"{name:28}{n / MB:>6.1f}MB{peak / MB:>8.0f}MB{(peak - base) / MB:>9.0f}MB"
                      f"{ratio:>7.2f}x{elapsed:>7.1f}s", flush=True)
                path.unlink()
    print(f"worst ratio (peak - baseline) / size: {worst:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
