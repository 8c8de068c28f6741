"""What a cell holds: table rows → cells paired with column kinds.

A row whose cells stand in column order is paired by position (extra leading cells, such as a section
cell, belong to the first column). A row that lost cells, or whose cells were regrouped from a stream
(:attr:`~gkparse.structure.grid.Block.aligned` is False), is read by content: the numbered cells that
open it are its section and task, a labelled or plain unit list is units, a short time expression is a
time limit, text after the units is a note, other text belongs to the task ("body").

Column kinds: ``seq`` (序号), ``task``, ``body`` (task text that is never a number), ``units``, ``time``,
``note``.
"""

from __future__ import annotations

import re

from ...caching import text_cache
from ...extract.deadlines import extract_deadlines, extract_recurrence
from ...extract.units import LABEL_RE, looks_like_unit, parse_unit_clause
from ..grid import Cell
from ..numbering import CHAR_STYLES, Marker, cn_to_int, normalize, parse_marker
from .header import Column

SENTENCE_END_RE = re.compile(r"[。！？!?]")
MAX_TIME_CELL = 40  # a time-limit cell is short: 2021年6月底前, 长期坚持, 每季度更新
BARE_NUMBER_RE = re.compile(r"^\s*(\d{1,5})\s*[.．、]?\s*$")  # a serial number up to 99999
# A Chinese numeral alone in a 序号 column (一, 二、, （三）): a section whose heading is in the next cell.
SEQ_CN_RE = re.compile(r"^\s*(?P<open>[（(])?\s*(?P<num>[一二三四五六七八九十百零〇两]{1,5})\s*(?(open)[）)])\s*[、.．]?\s*$")


@text_cache(maxsize=4096)  # each cell of a 序号 column is asked by the reader, the columns and the rows
def serial_marker(text: str) -> Marker | None:
    """The number alone in a 序号 cell (``3``, ``二``, ``（三）``) as a marker, or None."""
    m = BARE_NUMBER_RE.match(text)
    if m:
        return Marker("arabic", int(m.group(1)), m.group(1).lstrip("0") or "0", text.strip(), "")
    bare = text.strip()
    for style, chars in CHAR_STYLES.items():  # ① ⑴ ⒈ alone
        if len(bare) == 1 and bare in chars:
            value = chars.index(bare) + 1
            return Marker(style, value, normalize(style, value, bare), bare, "")
    m = SEQ_CN_RE.match(text)
    value = cn_to_int(m.group("num")) if m else None
    if m and value:
        style = "paren_cn" if m.group("open") else "cn"
        return Marker(style, value, normalize(style, value, m.group("num")), text.strip(), "")
    return None



def cell_marker(text: str, col: Column) -> Marker | None:
    """The marker of a cell; in a 序号 column a bare number is one (its text is in the next cell).

    >>> seq = Column("序号", "seq")
    >>> cell_marker("3", seq).norm, cell_marker("二", seq).norm, cell_marker("（二）", seq).norm
    ('3', '二', '(二)')
    """
    if col.kind == "seq":
        found = serial_marker(text)
        if found is not None:
            return found
    return parse_marker(text)


def assign_columns(cells: list[Cell], cols: list[Column], aligned: bool = True) -> list[tuple[Cell, Column]]:
    """Pair the cells of a row with columns; extra leading cells that are numbered (a section cell) belong
    to the first column. A row with fewer cells than columns, other extra cells (a cell broken over two
    lines), or out of column order, is read by content (:func:`_by_content`)."""
    extra = len(cells) - len(cols)
    # extra cells that are not section markers: a cell broken over several lines, read by content
    if aligned and extra >= 0 and all(c.text and parse_marker(c.text) for c in cells[:extra]):
        first = cols[0] if cols[0].kind != "seq" else Column("", "task")
        pairs = [(c, first) for c in cells[:extra]] + list(zip(cells[extra:], cols))
        # a labelled unit cell (责任单位：…) outside the unit column: this row lost a cell somewhere
        if not any(LABEL_RE.match(c.text) and col.kind != "units" for c, col in pairs):
            return pairs
    return _by_content(cells, cols)


def _by_content(cells: list[Cell], cols: list[Column]) -> list[tuple[Cell, Column]]:
    """Columns by what the cells hold: the numbered cells that open the row are its section and task;
    after them, a labelled or plain unit list is units (with the role of the table's unit column), a
    short time expression is a time limit when the table has such a column, text after the units is a
    note, other text ("body") belongs to the task, numbered or not."""
    unit_cols = [c for c in cols if c.kind == "units"] or [Column("", "units")]
    has_time = any(c.kind == "time" for c in cols)
    out: list[tuple[Cell, Column]] = []
    seen_task = seen_units = seen_text = seen_body = False
    unit_lists = 0
    for c in cells:
        text = c.text
        serial = bool(text) and serial_marker(text) is not None
        if not text or (not seen_text and (serial or parse_marker(text) is not None)):
            out.append((c, Column("", "seq" if serial else "task")))
            seen_task = seen_task or bool(text)
            continue
        seen_text = True  # from here on a number starts no task: 1.预算……；2.财政…… in a requirements cell
        if LABEL_RE.match(text):
            out.append((c, Column("", "units")))
            seen_units = True
        elif seen_task and is_unit_list(text):
            # unit lists fill the unit columns in order (牵头, then 配合); more lists than columns
            # are a cell that ran over several lines: they go to the last column
            out.append((c, unit_cols[min(unit_lists, len(unit_cols) - 1)]))
            unit_lists += 1
            seen_units = True
        elif seen_task and has_time and seen_body and is_time_limit(text):
            out.append((c, Column("", "time")))  # after the task's text: 每季度 inside the text stays text
        else:
            out.append((c, Column("", "note" if seen_units else "body")))
            seen_body = True
    return out


@text_cache(maxsize=4096)  # a table repeats its unit cells row after row
def is_unit_list(text: str) -> bool:
    if SENTENCE_END_RE.search(text):
        return False
    units = parse_unit_clause(text)
    return bool(units) and all(looks_like_unit(u.name) for u in units)


def is_unit_cell(text: str) -> bool:
    """A unit list, perhaps cut off at the end by the page (its last name may be partial)."""
    if SENTENCE_END_RE.search(text):
        return False
    units = parse_unit_clause(text)
    return bool(units) and all(looks_like_unit(u.name) for u in units[:-1]) and (
        len(units) > 1 or looks_like_unit(units[0].name))


@text_cache(maxsize=4096)  # and its time-limit cells
def is_time_limit(text: str) -> bool:
    return len(text) <= MAX_TIME_CELL and bool(
        extract_deadlines(text, 2000, time_cell=True) or extract_recurrence(text)
    )
