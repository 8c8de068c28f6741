"""Worst-case time: each pathological pattern parsed at N and 2N bytes, N from 1 MB to 8 MB.

    python benchmarks/worstcase.py [--sizes 1 2 4 8] [--only NAME]

Prints seconds per size and the doubling ratio t(2N) / t(N): about 2 means linear time. Each run is one
``parse_bytes`` in a fresh process (so caches and memory start cold), best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

MB = 1_000_000

# name -> (one repeat of the pattern, prefix, suffix)
PATTERNS: dict[str, tuple[str, str, str]] = {
    "trailing 等 chain": ("一、加强公开（市政府" + "等部门" * 30 + "办公室牵头）。\n", "", ""),
    "spam term then one long line": ("加强政策解读。", "久久中文字幕", "\n"),
    "hard-wrapped paragraph": ("加强政策解读，推进政务公开标准化规范化建设提升服务\n", "", ""),
    "open brackets, one per line": ("（\n", "", ""),
    "CSV table rows": ("{i},推进第{i}项政务服务事项标准化建设,市政府办公室,2021年底前\n", "序号,工作任务,责任单位,完成时限\n", ""),
    "one-cell-per-line table": ("{i}\n推进第{i}项政务服务事项标准化。\n市行政审批局\n2021年6月底前\n\n", "序号\n工作任务\n责任单位\n完成时限\n\n", ""),
    "pipe lines": ("|\n", "", ""),
    "deadlines in one task": (
        "第{i}项6月底前完成；", "某市2021年政务公开工作要点\n一、推进重点工作\n1.完善制度。", "（市政府办公室负责）\n"),
    "plan repeated after a cell table": (
        "关于印发某市第{i}批政务公开重点任务的通知\n\n一、推进决策公开\n（一）完善第{i}批重大决策预公开制度。（市政府办公室牵头）\n\n"
        "序号\n工作任务\n责任单位\n完成时限\n\n1\n推进第{i}批政务服务事项标准化。\n市行政审批局\n2021年6月底前\n\n", "", ""),
}


def build(name: str, size: int) -> bytes:
    unit, prefix, suffix = PATTERNS[name]
    parts, total, i = [prefix], len(prefix.encode()), 1
    while total < size:
        piece = unit.replace("{i}", str(i))
        parts.append(piece)
        total += len(piece.encode())
        i += 1
    parts.append(suffix)
    return "".join(parts).encode("utf-8")


CHILD = """
import sys, time, gkparse
data = sys.stdin.buffer.read()
start = time.perf_counter()
gkparse.parse_bytes(data)
print(time.perf_counter() - start)
"""


def timed(data: bytes, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", CHILD], input=data, capture_output=True, check=True)
        best = min(best, float(out.stdout))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="sizes in MB")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", help="run the patterns whose name contains this")
    args = parser.parse_args()
    names = [n for n in PATTERNS if not args.only or args.only in n]
    print(f"{'pattern':34}" + "".join(f"{s:>8g} MB" for s in args.sizes) + "   ratios t(2N)/t(N)", flush=True)
    worst = 0.0
    for name in names:
        times = [timed(build(name, int(s * MB)), args.repeat) for s in args.sizes]
        ratios = [b / a if a > 0 else float("nan") for a, b in zip(times, times[1:])]
        worst = max([worst, *ratios])
        cells = "".join(f"{t:>9.2f}s" for t in times)
        print(f"{name:34}{cells}   " + "  ".join(f"{r:.2f}" for r in ratios), flush=True)
    print(f"worst ratio {worst:.2f} (linear: about 2)")
    return 0 if worst <= 2.5 else 1


if __name__ == "__main__":
    start = time.monotonic()
    code = main()
    print(f"{time.monotonic() - start:.0f} s")
    sys.exit(code)
