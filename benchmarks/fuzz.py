"""Long fuzzing run: the suite's fuzz check (tests/fuzzing.py) for minutes instead of seconds.

    python benchmarks/fuzz.py --minutes 10

Any bytes must give a document valid against the published schema or an InputError, and no input of up to
1 KB may take more than a second. Hypothesis shrinks any finding to a small reproducer and prints it.
Prints, at the end, how long it ran, how many inputs it tried, their sizes, and the slowest ones.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from fuzzing import DOCUMENTS, MAX_SECONDS_PER_KB, TEXT, check  # noqa: E402

stats = {"inputs": 0, "bytes": 0, "slowest": []}


def one(data: bytes) -> None:
    elapsed = check(data)
    stats["inputs"] += 1
    stats["bytes"] += len(data)
    stats["slowest"] = sorted([*stats["slowest"], (elapsed, len(data))], reverse=True)[:5]
    if len(data) <= 1024:
        assert elapsed <= MAX_SECONDS_PER_KB, f"{len(data)} bytes took {elapsed:.2f} s: {data!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--round", type=int, default=2000, help="inputs per hypothesis run")
    args = parser.parse_args()
    strict = settings(
        max_examples=args.round, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    by_bytes = strict(given(DOCUMENTS)(one))
    by_text = strict(given(TEXT)(lambda text: one(text.encode("utf-8", "surrogatepass"))))
    start = time.monotonic()
    rounds = 0
    while time.monotonic() - start < args.minutes * 60:
        (by_bytes if rounds % 2 == 0 else by_text)()
        rounds += 1
        print(f"{time.monotonic() - start:7.0f} s  {stats['inputs']:,} inputs", flush=True)
    took = time.monotonic() - start
    print(f"ran {took / 60:.1f} min, {rounds} rounds, {stats['inputs']:,} inputs, {stats['bytes'] / 1e6:.1f} MB,"
          f" no finding; slowest (s, bytes): " + ", ".join(f"{s:.3f}/{n}" for s, n in stats["slowest"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
