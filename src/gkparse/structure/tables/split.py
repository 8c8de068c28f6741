"""Lines → cells: how a flattened table writes the cells of one line.

- tab-separated cells: ``1\\t公开预算\\t市财政局\\t9月底前`` (a spreadsheet saved as text may quote them);
- pipe-separated cells: ``| 1 | 公开预算 | 市财政局 |`` (Markdown, or a page's table turned into text);
- comma-separated values: ``1,公开预算,市财政局,9月底前``;
- in a one-cell-per-line table, ``|`` on a line of its own between cells, a line of bare pipes (``||``,
  ``|||``) for empty cells, or ``公开预算 |``: a cell with the pipe that ends it.
"""

from __future__ import annotations

import csv
import re

from ...text.reflow import is_csv_row

PIPE_RE = re.compile(r"[|｜]")
PIPE_ONLY_RE = re.compile(r"^\s*[|｜]\s*$")
PIPES_ONLY_RE = re.compile(r"^\s*(?:[|｜]\s*)+$")  # |, ||, | | |: cell boundaries and nothing else
SEPARATOR_CELL_RE = re.compile(r"^\s*:?-{3,}:?\s*$")  # | --- | under a Markdown header
TRAILING_PIPE_RE = re.compile(r"\s*[|｜]\s*$")


def split_cells(line: str) -> list[str] | None:
    """The cells of a line that holds a table row, or None (a line of prose, or one cell alone).

    >>> split_cells("| 1 | 公开预算 | 市财政局 |"), split_cells("1\\t公开预算\\t市财政局")
    (['1', '公开预算', '市财政局'], ['1', '公开预算', '市财政局'])
    """
    body = line.strip("\n")
    if body.count(",") >= 2 and is_csv_row(body):  # 序号,工作任务,…: comma-separated values
        return [c.strip() for c in next(csv.reader([body.strip()]))]
    if "\t" in body.lstrip("\t"):
        # a spreadsheet saved as text quotes cells: "细化到功能分类项级科目。"
        return [c.strip().strip('"').strip() for c in body.lstrip("\t").split("\t")]
    if body.count("|") + body.count("｜") >= 2:
        return pipe_cells(body)
    return None


def pipe_cells(line: str) -> list[str]:
    """The cells of a line between pipes, the outer pipes dropped: ``a | b |`` → ``['a', 'b']``."""
    parts = PIPE_RE.split(line.strip())
    if parts and not parts[0].strip():
        parts = parts[1:]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    return [c.strip() for c in parts]


def empty_cells(line: str) -> int:
    """How many empty cells a line of bare pipes stands for between the cells around it (``||`` → 1)."""
    return max(0, len(PIPE_RE.findall(line)) - 1)
