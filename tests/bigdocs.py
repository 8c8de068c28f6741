"""Large documents for the memory checks, and the peak memory of the real command on one.

``build("plans", size)`` is realistic plan text: the UTF-8 samples one after another, over and over, each
copy with its own numbers (every run of digits in copy ``k`` shifted by ``k``: years, serial numbers and
dates differ from copy to copy, as in a folder of plans pasted into one file). ``build("pipe lines", size)``
is the pathological pattern of a scraped table whose cells are all empty: a ``|`` on every line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

MB = 1_000_000
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DIGITS_RE = re.compile(r"\d+")


def _plan_texts() -> list[str]:
    texts = []
    for path in sorted(SAMPLES.glob("*.txt")):
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue  # the samples in other encodings: one encoding per document
    return texts


# The baseline of the memory checks: a short document that loads every table the text stages build on
# first use (traditional script, pinyin, GBK and latin-1 mojibake), so that what is measured above it is
# what grows with the input.
BASELINE = (
    "當(dāng)前位置:首頁(yè)\n2020年政務公開工作要點\n一、加強公開\n"
    "（一）公開預算。年底前完成。（市財政局牽頭，各區配合）\n"
    "鍏充簬鍗板彂2019骞村叏鐪佹斂鍔″叕寮�宸ヤ綔閲嶇偣浠诲姟鐨勯�氱煡\næ”¿åŠ¡å…¬å¼€\n"
)


def _plans(size: int) -> bytes:
    texts = _plan_texts()
    parts: list[bytes] = []
    total, k = 0, 0
    while total < size:
        text = texts[k % len(texts)]
        shift = k // len(texts)
        if shift:
            text = DIGITS_RE.sub(lambda m: str(int(m[0]) + shift), text)
        piece = (text.rstrip("\n") + "\n\n").encode("utf-8")
        parts.append(piece)
        total += len(piece)
        k += 1
    return b"".join(parts)


def _pipes(size: int) -> bytes:
    return b"|\n" * (size // 2)


DOCUMENTS = {"plans": _plans, "pipe lines": _pipes}


def build(name: str, size: int) -> bytes:
    """About ``size`` bytes (at least) of the document kind ``name`` (a key of :data:`DOCUMENTS`)."""
    return DOCUMENTS[name](size)


# Runs the command and writes its peak resident memory (VmHWM: of this program, from its exec on) to stderr
# as it exits. ru_maxrss of the child would not do: Linux counts in it the parent's resident memory at the
# exec, so under a large test run every child would seem as large as the runner.
_MEASURED = """
import atexit, runpy, sys
def _report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    sys.stderr.write("\\npeak-kb " + peak + "\\n")
atexit.register(_report)
sys.argv[0] = "gkparse"
runpy.run_module("gkparse", run_name="__main__")
"""


def peak_rss(path: Path, *args: str, stdout: bool = False) -> int:
    """Peak resident memory in bytes of ``gkparse PATH -o PATH.json ARGS`` (``stdout``: ``gkparse PATH ARGS``,
    its output thrown away) in a fresh process (Linux); raises when the command fails."""
    out = str(path) + ".json"
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(path), *([] if stdout else ["-o", out]), "-q", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
    )  # fmt: skip
    err = proc.stderr.decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"gkparse failed ({proc.returncode}): {err}")
    if not stdout:
        os.unlink(out)
    return int(err.rsplit("peak-kb ", 1)[1].split()[0]) * 1024
