"""Header rows: column names → columns with roles.

A table starts at its header row, recognised by its column names (``HEADER_WORDS``): each column gets a
role, ``seq`` (序号), ``task`` (the task and its text), ``units`` (with the role its name implies: 牵头单位 →
lead), ``time`` (完成时限) or ``note`` (a text column after the units, such as 工作要求, and columns of no
interest such as 责任领导).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...extract.units import LABELS
from ...models import Role
from .split import PIPE_ONLY_RE, PIPE_RE, split_cells

# Unit columns are named by a role word and a kind of unit: 牵头单位, 协作部门, 配合科室, 参加单位.
UNIT_COLUMN_ROLES = ("责任", "牵头", "主责", "落实", "配合", "协同", "协助", "协作", "协办", "参与", "参加")
UNIT_COLUMN_NOUNS = ("单位", "部门", "科室", "处室", "股室")
# Column names and the role of their column. Checked longest first.
HEADER_WORDS: dict[str, str] = {
    "序号": "seq",
    "编号": "seq",
    "重点任务": "task",
    "工作任务": "task",
    "主要任务": "task",
    "具体任务": "task",
    "任务内容": "task",
    "工作内容": "task",
    "主要内容": "task",
    "具体内容": "task",
    "工作事项": "task",
    "重点工作": "task",
    "目标任务": "task",
    "工作措施": "task",
    "具体措施": "task",
    "任务分工": "task",
    "具体要求": "task",
    "工作要求": "task",
    "任务": "task",
    "事项": "task",
    "内容": "task",
    "工作目标": "task",
    "目标": "task",
    "责任分工": "units",
    "责任主体": "units",
    **{role + noun: "units" for role in UNIT_COLUMN_ROLES for noun in UNIT_COLUMN_NOUNS},
    "完成时限": "time",
    "时限要求": "time",
    "完成时间": "time",
    "时间节点": "time",
    "时间安排": "time",
    "进度安排": "time",
    "完成期限": "time",
    "时限": "time",
    "备注": "note",
}
_HEADER_RE = re.compile("|".join(sorted(HEADER_WORDS, key=len, reverse=True)))
SPACES_RE = re.compile(r"\s+")
MAX_HEADER_EXTRA = 4  # characters a header cell may hold beyond its column name
MAX_HEADER_CELLS = 12  # a header written one cell per line has at most this many cells
MAX_HEADER_LEN = 12  # and each of them is a short column name
MAX_OTHER_COLUMN_LEN = 8  # a column gkparse has no role for (责任领导, 进展情况) has a short name
OTHER_COLUMN_RE = re.compile(r"^[\u4e00-\u9fff]+$")  # and no digits or punctuation
COOPERATING_HEADER_RE = re.compile(r"配合|协同|协助|协作|协办|参与|参加")
TABLE_TITLE_END_RE = re.compile(r"(?:表|清单|一览)$")  # 重点任务分工表: the table's title, not a column


@dataclass
class Column:
    """A table column: its header text, role, and the unit role its header implies."""

    name: str
    kind: str  # seq, task, units, time, note
    unit_role: Role = "responsible"


def header_columns(cells: list[str], single: bool = False) -> list[Column] | None:
    """Columns of a header row, or None when the cells are not a header (``single``: whether one cell
    is a column name).

    >>> [c.kind for c in header_columns(["序号", "重点任务", "牵头单位", "完成时限"])]
    ['seq', 'task', 'units', 'time']
    """
    cols: list[Column] = []
    hits = others = 0
    for raw in cells:
        text = SPACES_RE.sub("", raw)
        m = _HEADER_RE.search(text)
        # a column name, perhaps with a word or two around it (主要工作任务), never "label：value"
        if m and len(text) - len(m.group(0)) <= MAX_HEADER_EXTRA and "：" not in text and ":" not in text \
                and not (text != m.group(0) and TABLE_TITLE_END_RE.search(text)):
            hits += 1
            kind = HEADER_WORDS[m.group(0)]
            role: Role = LABELS.get(m.group(0), "responsible")
            if kind == "units" and COOPERATING_HEADER_RE.search(text):
                role = "cooperating"
            elif kind == "units" and "牵头" in text:
                role = "lead"
            cols.append(Column(text, kind, role))
        elif not text:
            cols.append(Column("", "note"))
        elif not single and len(text) <= MAX_OTHER_COLUMN_LEN and OTHER_COLUMN_RE.match(text):
            others += 1  # a column of no interest (责任领导, 完成情况): kept as a note
            cols.append(Column(text, "note"))
        else:
            return None
    if single:  # one cell: whether it is a column name at all
        return cols if hits == 1 else None
    if hits < 2 or others > 2 * hits or (not any(c.kind == "units" for c in cols) and not any(c.kind == "time" for c in cols)):
        return None
    # text columns after the units column are notes (工作要求 after 责任单位)
    seen_units = False
    for c in cols:
        if c.kind == "units":
            seen_units = True
        elif seen_units and c.kind == "task":
            c.kind = "note"
    return cols


def line_subheader(cols: list[Column], line: str) -> list[Column] | None:
    """The columns when the header's unit column spans a second header row of unit columns only."""
    following = split_cells(line) or [c.strip() for c in PIPE_RE.split(line.strip().strip("|｜")) if c.strip()]
    return unit_subheader_columns(cols, following)


def unit_subheader_columns(cols: list[Column], following: list[str], aligned: bool = False) -> list[Column] | None:
    """The columns when the header's unit column spans a second header row of unit column names only.

    ``aligned``: the second row's cells stand under the header's columns (a native table, where the cells
    under the other columns are empty); otherwise they are the unit names alone, in order.
    """
    named = [(k, header_columns([f], single=True)) for k, f in enumerate(following) if f.strip()]
    sub = [(k, c[0]) for k, c in named if c]
    if len(sub) < 2 or len(sub) != len(named) or not all(c.kind == "units" for _, c in sub):
        return None
    if aligned:
        # under the unit column, or under an unnamed column beside it (the unit header's span, flattened)
        if len(following) != len(cols) or any(cols[k].kind != "units" and cols[k].name for k, _ in sub):
            return None
        out = list(cols)
        for k, col in sub:
            out[k] = col
        return out
    k = next((i for i, c in enumerate(cols) if c.kind == "units"), None)
    return None if k is None else [*cols[:k], *(c for _, c in sub), *cols[k + 1:]]


def is_header_cell(text: str) -> bool:
    return (
        0 < len(text.strip()) <= MAX_HEADER_LEN
        and not PIPE_ONLY_RE.match(text)
        and split_cells(text) is None
        and header_columns([text], single=True) is not None
    )


def header_cell_line(lines: list[str], j: int) -> str | None:
    """The column name on line ``j`` of a one-cell-per-line header, or written over two lines (责任 / 单位)."""
    if len(lines[j]) > 2 * MAX_HEADER_LEN:
        return None  # prose: the common case, decided at once
    if is_header_cell(lines[j]):
        return lines[j].strip()
    if j + 1 < len(lines) and 0 < len(lines[j].strip()) <= 4 and 0 < len(lines[j + 1].strip()) <= 4:
        joined = lines[j].strip() + lines[j + 1].strip()
        if is_header_cell(joined):
            return joined
    return None


def two_line_header(cells: list[str] | None, following: list[str] | None) -> list[Column] | None:
    """Columns of a header whose names wrapped onto the next line: cell by cell from the right (牵头 / 单位
    under each other), or the last cell of the first line continued by the first of the second."""
    if not cells or not following or len(following) > len(cells):
        return None
    padded = [""] * (len(cells) - len(following)) + following
    for merged in ([a + b for a, b in zip(cells, padded)], [*cells[:-1], cells[-1] + following[0], *following[1:]]):
        cols = header_columns(merged)
        if cols:
            return cols
    return None
