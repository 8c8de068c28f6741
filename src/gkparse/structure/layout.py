"""Prose versus table rows: clean text → blocks.

Scraped tables arrive flattened in several ways; each becomes rows of cells:

- tab-separated cells on one line: ``1\\t公开预算\\t市财政局\\t9月底前``;
- pipe-separated cells: ``| 1 | 公开预算 | 市财政局 |``;
- one cell per line (often tab-indented), rows separated by blank lines, ``\\t`` alone being an empty
  (merged) cell; or ``|`` on lines of its own between cells.

A table starts at its header row, recognised by its column names (``HEADER_WORDS``): each column
gets a role, ``task`` (the task and its text), ``units`` (with the role its name implies: 牵头单位 →
lead), ``time`` (完成时限) or ``note`` (a text column after the units, such as 工作要求). Everything
else is prose: one block per paragraph.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..extract.document import NOTICE_TITLE_RE, date_line
from ..text.reflow import CSV_ROW_RE
from ..extract.units import LABELS
from ..models import Role
from .numbering import CIRCLED, Marker, cn_to_int, normalize, parse_marker

if TYPE_CHECKING:
    from .grid import Grid

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
    "责任分工": "units",
    "责任单位": "units",
    "牵头单位": "units",
    "配合单位": "units",
    "责任部门": "units",
    "牵头部门": "units",
    "配合部门": "units",
    "协同单位": "units",
    "协同部门": "units",
    "协助单位": "units",
    "责任科室": "units",
    "牵头科室": "units",
    "配合科室": "units",
    "责任处室": "units",
    "牵头处室": "units",
    "配合处室": "units",
    "责任股室": "units",
    "责任主体": "units",
    "协办单位": "units",
    "参与单位": "units",
    "落实单位": "units",
    "主责单位": "units",
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
PIPE_RE = re.compile(r"[|｜]")
PIPE_ONLY_RE = re.compile(r"^\s*[|｜]\s*$")
SEPARATOR_CELL_RE = re.compile(r"^\s*:?-{3,}:?\s*$")
SENTENCE_END_RE = re.compile(r"[。！？；;.!?）)」”]")
MAX_HEADER_EXTRA = 4  # characters a header cell may hold beyond its column name
MAX_HEADER_CELLS = 12  # a header written one cell per line has at most this many cells
MAX_HEADER_LEN = 12  # and each of them is a short column name
MAX_SIGNATURE_LEN = 30
SIGNATURE_ORGAN_RE = re.compile(r"^[\u4e00-\u9fff（）]{2,28}(?:办公室|办公厅|人民政府|委员会|领导小组|管理局|局|厅)$")
MAX_OTHER_COLUMN_LEN = 8  # a column gkparse has no role for (责任领导, 进展情况) has a short name
OTHER_COLUMN_RE = re.compile(r"^[\u4e00-\u9fff]+$")  # and no digits or punctuation
COOPERATING_HEADER_RE = re.compile(r"配合|协同|协助|协办|参与")


@dataclass
class Column:
    """A table column: its header text, role, and the unit role its header implies."""

    name: str
    kind: str  # seq, task, units, time, note
    unit_role: Role = "responsible"


@dataclass
class Cell:
    text: str
    line: int


@dataclass
class Block:
    """A paragraph of prose, or a table row (cells aligned to ``columns`` where known)."""

    kind: str  # "para" or "row"
    line: int
    text: str = ""
    cells: list[Cell] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    aligned: bool = True  # the cells stand in column order (else: tell them apart by content)


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
        if m and len(text) - len(m.group(0)) <= MAX_HEADER_EXTRA and "：" not in text and ":" not in text:
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


def _unit_subheader(cols: list[Column], line: str) -> list[Column] | None:
    """The columns when the header's unit column spans a second header row of unit columns only."""
    following = _split_cells(line) or [c.strip() for c in PIPE_RE.split(line.strip().strip("|｜")) if c.strip()]
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


def _is_header_cell(text: str) -> bool:
    return (
        0 < len(text.strip()) <= MAX_HEADER_LEN
        and not PIPE_ONLY_RE.match(text)
        and _split_cells(text) is None
        and header_columns([text], single=True) is not None
    )


def _header_cell_line(lines: list[str], j: int) -> str | None:
    """The column name on line ``j`` of a one-cell-per-line header, or written over two lines (责任 / 单位)."""
    if len(lines[j]) > 2 * MAX_HEADER_LEN:
        return None  # prose: the common case, decided at once
    if _is_header_cell(lines[j]):
        return lines[j].strip()
    if j + 1 < len(lines) and 0 < len(lines[j].strip()) <= 4 and 0 < len(lines[j + 1].strip()) <= 4:
        joined = lines[j].strip() + lines[j + 1].strip()
        if _is_header_cell(joined):
            return joined
    return None


def _two_line_header(cells: list[str] | None, following: list[str] | None) -> list[Column] | None:
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


def _split_cells(line: str) -> list[str] | None:
    body = line.strip("\n")
    if CSV_ROW_RE.match(body) and body.count(",") >= 2:  # 序号,工作任务,…: comma-separated values
        return [c.strip() for c in next(csv.reader([body.strip()]))]
    if "\t" in body.lstrip("\t"):
        # a spreadsheet saved as text quotes cells: "细化到功能分类项级科目。"
        return [c.strip().strip('"').strip() for c in body.lstrip("\t").split("\t")]
    if body.count("|") + body.count("｜") >= 2:
        parts = PIPE_RE.split(body.strip())
        if parts and not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        return [c.strip() for c in parts]
    return None


def split_blocks(text: str, grids: Sequence[Grid] = ()) -> list[Block]:
    """Blocks of the clean text: paragraphs and table rows, with 1-based line numbers.

    ``grids`` are tables a native reader already read (HTML, Word, Excel, PDF), each over its lines
    ``line``–``end_line`` of the text: their rows are taken as they are, and those lines are not read again.
    """
    from .grid import grid_blocks

    lines = text.split("\n")
    blocks: list[Block] = []
    native = {g.line: g for g in grids if g.line > 0}
    i, n = 0, len(lines)
    while i < n:
        grid = native.get(i + 1)
        if grid is not None:
            blocks.extend(grid_blocks(grid))
            i = max(i + 1, grid.end_line)
            continue
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        # a header on one line (tabs or pipes)
        cells = _split_cells(line)
        cols = header_columns(cells) if cells else None
        if cols:
            sub = _unit_subheader(cols, lines[i + 1] if i + 1 < n else "")
            if sub is not None:  # 责任单位 over 牵头单位 | 配合单位 on a second header row
                cols, i = sub, i + 1
            i = _read_inline_table(lines, i + 1, cols, blocks)
            continue
        cols = _two_line_header(cells, _split_cells(lines[i + 1]) if i + 1 < n else None)
        if cols:  # a header whose cells wrapped onto a second line: 牵头 / 单位
            i = _read_inline_table(lines, i + 2, cols, blocks)
            continue
        # a header written one cell per line
        j, names = i, []
        while j < n and j - i < MAX_HEADER_CELLS:
            name = _header_cell_line(lines, j)
            if name is None:
                break
            names.append(name)
            j += 2 if name != lines[j].strip() else 1
            while j < n and PIPE_ONLY_RE.match(lines[j]):
                j += 1
            if j + 1 < n and not lines[j].strip() and header_columns([lines[j + 1]], single=True):
                j += 1  # header cells one blank line apart
        cols = header_columns(names) if len(names) >= 2 else None
        if cols:
            i = _read_cell_table(lines, j, cols, blocks)
            continue
        blocks.append(Block("para", i + 1, text=line.strip()))
        i += 1
    return blocks


def _read_inline_table(lines: list[str], i: int, cols: list[Column], blocks: list[Block]) -> int:
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        cells = _split_cells(line)
        if cells is None:
            if _starts_with_marker(line):
                if not _row_follows(lines, i + 1):
                    return i  # a numbered paragraph with no row after it: the plan's prose goes on
                # a section row written as one cell
                blocks.append(Block("row", i + 1, cells=[Cell(line.strip(), i + 1)], columns=cols))
                i += 1
                continue
            last = blocks[-1].cells[-1] if blocks and blocks[-1].kind == "row" and blocks[-1].cells else None
            if _signature_line(line):
                return i  # the signature under the table: 天门市人民政府办公室 / 2020年6月3日
            if last is not None and last.text and not SENTENCE_END_RE.search(last.text[-1]):
                last.text += _cell_joint(blocks[-1].cells, cols) + line.strip()  # a cell broken over two lines
                i += 1
                continue
            return i
        if all(SEPARATOR_CELL_RE.match(c) for c in cells):  # | --- | --- | under a Markdown header
            i += 1
            continue
        if _continues_row(blocks, cells, len(cols)):
            # a row whose cell wrapped onto the next line: 1	推进……完成县级部门目 / 录编制……	县政府办公室
            last = blocks[-1].cells
            last[-1].text += _cell_joint(last, cols) + cells[0]
            last.extend(Cell(c, i + 1) for c in cells[1:])
            i += 1
            continue
        blocks.append(Block("row", i + 1, cells=[Cell(c, i + 1) for c in cells], columns=cols))
        i += 1
    return i


def _cell_joint(cells: list[Cell], cols: list[Column]) -> str:
    """What joins a cell to its continuation on the next line: a space in a unit cell (one unit per line:
    the unit clause reader splits there when both sides are names, and drops the space otherwise), else
    nothing (Chinese text wraps anywhere)."""
    index = len(cells) - 1 - max(0, len(cells) - len(cols))
    return " " if 0 <= index < len(cols) and cols[index].kind == "units" else ""


def _row_follows(lines: list[str], i: int) -> bool:
    """Whether the next non-blank line from ``i`` is a table row."""
    for line in lines[i:]:
        if line.strip():
            return _split_cells(line) is not None
    return False


def _signature_line(line: str) -> bool:
    """A line of the signature block: a date alone, or an organ's name alone."""
    text = line.strip()
    return len(text) <= MAX_SIGNATURE_LEN and (date_line(text) is not None or bool(SIGNATURE_ORGAN_RE.match(text)))


def _continues_row(blocks: list[Block], cells: list[str], width: int) -> bool:
    """Whether ``cells`` finish the row above: it is short of cells, its last cell stops mid-sentence, this
    line opens with no number, and both together fit the header."""
    if not blocks or blocks[-1].kind != "row" or not cells or not cells[0]:
        return False
    last = blocks[-1].cells
    return (
        len(last) < width
        and len(last) + len(cells) - 1 <= width
        and bool(last[-1].text)
        # a break after a sentence too, when this line is short of cells as well
        and (not SENTENCE_END_RE.search(last[-1].text[-1]) or len(cells) < width)
        and serial_marker(cells[0]) is None
        and parse_marker(cells[0]) is None
    )


def _table_ends(lines: list[str], i: int) -> bool:
    """Whether a one-cell-per-line table ends before line ``i``: a notice's name (the next document), or
    the header of the next table, two column names on lines of their own."""
    text = lines[i].strip()
    if len(text) <= MAX_SIGNATURE_LEN and NOTICE_TITLE_RE.match(text) and not SENTENCE_END_RE.search(text):
        return True
    if _header_cell_line(lines, i) is None:
        return False
    j = i + (2 if _header_cell_line(lines, i) != text else 1)
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j < len(lines) and _header_cell_line(lines, j) is not None


def _starts_with_marker(line: str) -> bool:
    return parse_marker(line.strip()) is not None


def _read_cell_table(lines: list[str], i: int, cols: list[Column], blocks: list[Block]) -> int:
    """Rows of a one-cell-per-line table.

    Rows are the groups of lines between blank lines, when the groups look like rows. Scrapes also
    lose those blank lines, or put one after every cell: then a row starts at each task number, and
    the cells are told apart by what they hold (``Block.aligned`` is False).
    """
    n = len(lines)
    tabbed = i > 0 and lines[i - 1].startswith("\t")
    groups: list[list[Cell]] = [[]]
    while i < n:
        line = lines[i]
        if PIPE_ONLY_RE.match(line):
            i += 1
            continue
        if not line.strip() and "\t" not in line:
            if groups[-1]:
                groups.append([])
            i += 1
            continue
        if _table_ends(lines, i):
            break
        row = groups[-1]
        if tabbed and row and row[-1].text and not line.startswith("\t") and not _starts_with_marker(line):
            row[-1].text += line.strip()  # a cell broken over two lines (the cells are tab-indented)
        elif tabbed and not row and len(groups) > 1 and groups[-2][-1].text and not line.startswith("\t") \
                and not _starts_with_marker(line):
            groups[-2][-1].text += line.strip()  # the same, with a blank line in between
            groups.pop()
        else:
            row.append(Cell(line.strip(), i + 1))
        i += 1
    groups = [g for g in groups if any(c.text for c in g)]
    serial = any(c.kind == "seq" for c in cols)  # a bare number is a marker: the 序号 of a row
    if _groups_are_rows(groups, len(cols), serial):
        blocks.extend(Block("row", g[0].line, cells=g, columns=cols) for g in groups)
    else:
        cells = [c for g in groups for c in g]
        rows = _rows_by_marker(cells, serial)
        blocks.extend(Block("row", r[0].line, cells=r, columns=cols, aligned=False) for r in rows)
    return i


BARE_NUMBER_RE = re.compile(r"^\s*(\d{1,5})\s*[.．、]?\s*$")  # a serial number up to 99999
# A Chinese numeral alone in a 序号 column (一, 二、, （三）): a section whose heading is in the next cell.
SEQ_CN_RE = re.compile(r"^\s*(?P<open>[（(])?\s*(?P<num>[一二三四五六七八九十百零〇两]{1,5})\s*(?(open)[）)])\s*[、.．]?\s*$")


def serial_marker(text: str) -> Marker | None:
    """The number alone in a 序号 cell (``3``, ``二``, ``（三）``) as a marker, or None."""
    m = BARE_NUMBER_RE.match(text)
    if m:
        return Marker("arabic", int(m.group(1)), m.group(1).lstrip("0") or "0", text.strip(), "")
    if text.strip() and text.strip() in CIRCLED:
        return Marker("circled", CIRCLED.index(text.strip()) + 1, text.strip(), text.strip(), "")
    m = SEQ_CN_RE.match(text)
    value = cn_to_int(m.group("num")) if m else None
    if m and value:
        style = "paren_cn" if m.group("open") else "cn"
        return Marker(style, value, normalize(style, value, m.group("num")), text.strip(), "")
    return None


SECTION_STYLES = ("part", "cn", "paren_cn")  # the styles of section rows written with their heading


def _cell_marker(text: str, serial: bool) -> Marker | None:
    """A cell's marker; with a 序号 column, a number alone (``3``, ``二``) is one, and a numbered line
    with text is one only in a section's style (一、加强……)."""
    marker = parse_marker(text)
    if serial and marker is not None and marker.style not in SECTION_STYLES:
        return None  # under a 序号 header, 1.集中公开…… is a numbered line inside a cell
    if marker is None and serial:
        found = serial_marker(text)
        return found if found is not None and found.value > 0 else None
    return marker


def _groups_are_rows(groups: list[list[Cell]], width: int, serial: bool = False) -> bool:
    """Blank-line groups are rows unless one holds several task numbers, or most hold a single cell
    where the header has several columns."""
    if not groups:
        return True
    for g in groups:
        if len(g) <= width + 2:
            continue
        styles = [m.style for m in (_cell_marker(c.text, serial) for c in g) if m is not None]
        if len(styles) != len(set(styles)):
            return False  # more cells than a row holds, with two numbers of one style: rows run together
    singles = sum(1 for g in groups if len([c for c in g if c.text]) == 1)
    return width < 2 or singles <= len(groups) // 2


def _rows_by_marker(cells: list[Cell], serial: bool = False) -> list[list[Cell]]:
    """Rows of a cell stream: a numbered cell starts a row when its number continues its style's
    sequence (or repeats it: a repeated section row). Other numbered cells are content, such as
    ``1.预算……；2.财政……`` in a requirements cell. A section cell and its first task share a row."""
    rows: list[list[Cell]] = []
    last: dict[str, int] = {}
    order: list[str] = []  # marker styles by first appearance: sections before their tasks
    for cell in cells:
        marker = _cell_marker(cell.text, serial) if cell.text else None
        if marker is not None and _opens_row(marker, last, rows, serial):
            last[marker.style] = marker.value
            if marker.style not in order:
                order.append(marker.style)
            current = rows[-1] if rows else []
            markers = [_cell_marker(c.text, serial) for c in current if c.text]
            if (
                current
                and all(m is not None for m in markers)
                and all(order.index(m.style) < order.index(marker.style) for m in markers if m)
            ):
                current.append(cell)  # the first task of the section just opened
            else:
                rows.append([cell])
        elif not rows:
            rows.append([cell])
        else:
            rows[-1].append(cell)
    return rows


def _opens_row(marker: Marker, last: dict[str, int], rows: list[list[Cell]], serial: bool = False) -> bool:
    previous = last.get(marker.style)
    if previous is None or marker.value in (previous, previous + 1):
        return True
    if marker.value == 1 and rows:  # numbering restarted under a section opened in this row
        opened = [_cell_marker(c.text, serial) for c in rows[-1] if c.text]
        return bool(opened) and all(m is not None and m.style != marker.style for m in opened)
    return False
