"""Load the parser's tables once, so that processes forked afterwards share them.

The text stages build their tables on first use: the OpenCC converters, the everyday-character sets
of the mojibake and script checks, pypinyin's readings, charset-normalizer. That costs a few tenths of a
second per process. The batch runner's forkserver imports this module before it forks any worker, so
every worker starts warm instead of paying that cost again.

>>> warm_up() >= 1
True
"""

from __future__ import annotations

from .pipeline import parse_bytes

# A short plan that goes through every table: traditional script, pinyin, a unit clause, a deadline.
SAMPLE = "當(dāng)前位置:首頁(yè)\n2020年政務公開工作要點\n一、加強公開\n（一）公開預算。年底前完成。（市財政局牽頭，各區配合）\n"


def warm_up() -> int:
    """Parse the sample in UTF-8, Big5 and GB18030; returns the number of tasks found."""
    tasks = 0
    for codec in ("utf-8", "big5", "gb18030"):
        data = SAMPLE.replace("(dāng)", "").replace("(yè)", "").encode(codec) if codec != "utf-8" else SAMPLE.encode()
        tasks = len(parse_bytes(data).tasks)
    return tasks


warm_up()
