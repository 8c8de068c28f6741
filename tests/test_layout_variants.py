"""Metamorphic tests: the same real plan, flattened the ways scrapers flatten it, gives the same tasks.

Each seed sample is rewritten as a scraper might have saved it (blank lines lost or doubled, tabs lost,
every line indented, one-cell-per-line tables turned into pipe rows, long lines cut by page breaks, page
chrome around the text) and must still give the same task paths, titles, units and deadline dates as the
sample itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import gkparse

SAMPLES = Path(__file__).parent.parent / "samples"
SEEDS = [
    "jiangxi-2019-traditional.txt",
    "xinle-2020-pinyin.txt",
    "shangyou-2023-table-tabs.txt",
    "pengjiang-2019-assessment-table.txt",
    "jilin-2019-division-plan.txt",
]


def _pipes(text: str) -> str:
    """One-cell-per-line tab tables → pipe rows (a row per blank-line group of tab cells)."""
    out: list[str] = []
    row: list[str] = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            row.append(line[1:].strip())
        elif row and line.strip():
            row[-1] += line.strip()  # a cell broken over two lines
        else:
            if row:
                out.append("| " + " | ".join(row) + " |")
                row = []
            out.append(line)
    if row:
        out.append("| " + " | ".join(row) + " |")
    return "\n".join(out)


BREAK_AVOID = "。；，、：）)」”(（"


def _page_breaks(text: str) -> str:
    """Every long line cut in the middle by a page break (a blank line), not next to punctuation."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) > 60:
            k = len(line) // 2
            while k < len(line) - 1 and (line[k - 1] in BREAK_AVOID or line[k] in BREAK_AVOID or line[k].isascii()):
                k += 1
            out += [line[:k], "", line[k:]]
        else:
            out.append(line)
    return "\n".join(out)


CHROME_HEAD = "首页 > 政务公开 > 通知公告\n当前位置：首页 > 政府信息公开\n【字体：大 中 小】 打印本页 关闭窗口\n"
CHROME_TAIL = "\n上一篇：关于做好春节期间工作的通知\n主办单位：某市人民政府办公室\n网站标识码：1234000012 ICP备12345678号\n"

VARIANTS: dict[str, Callable[[str], str]] = {
    "page breaks in long lines": _page_breaks,
    "page chrome around it": lambda t: CHROME_HEAD + t + CHROME_TAIL,
    "blank lines lost": lambda t: re.sub(r"\n\s*\n", "\n", t),
    "blank line after every line": lambda t: t.replace("\n", "\n\n"),
    "tabs lost": lambda t: t.replace("\t", ""),
    "every line indented": lambda t: "\n".join("    " + line if line.strip() else line for line in t.split("\n")),
    "tables as pipe rows": _pipes,
}


def summary(text: str) -> list[tuple]:
    doc = gkparse.parse_text(text)
    return [
        (t.path, t.title, sorted((u.name, u.role) for u in t.units), sorted(str(d.date) for d in t.deadlines if d.date))
        for t in doc.tasks
    ]


BASE = {name: summary((SAMPLES / name).read_text(encoding="utf-8")) for name in SEEDS}


@pytest.mark.parametrize("variant", VARIANTS, ids=str)
@pytest.mark.parametrize("name", SEEDS, ids=lambda n: n.split("-")[0])
def test_flattening_variants_give_the_same_tasks(name: str, variant: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert summary(VARIANTS[variant](text)) == BASE[name]
