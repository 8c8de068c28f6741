"""Properties of the native table readers: a table with any row and column spans comes out of HTML,
Word and Excel as exactly the grid it was written as (a table with at least one row of two cells: one
cell per row is a layout frame, read as text)."""

from __future__ import annotations

import io

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gkparse.readers.docx import read_docx
from gkparse.readers.html import read_html
from gkparse.readers.xlsx import read_xlsx
from gkparse.structure.grid import SourceCell, lay_out

WORDS = st.sampled_from(["县财政局", "公开预算", "年底前", "1", "市审计局、市统计局", "持续推进", "（一）做好解读"])


@st.composite
def spanned_tables(draw):  # type: ignore[no-untyped-def]
    """A rectangle of cells, some merged: each merged block is a rectangle no other block overlaps."""
    height, width = draw(st.integers(2, 6)), draw(st.integers(2, 5))
    taken = [[False] * width for _ in range(height)]
    blocks = []
    for r in range(height):
        for c in range(width):
            if taken[r][c]:
                continue
            max_w = 1
            while c + max_w < width and not taken[r][c + max_w]:
                max_w += 1
            w = draw(st.integers(1, min(max_w, 3)))
            h = draw(st.integers(1, min(height - r, 3)))
            for dr in range(h):
                for dc in range(w):
                    taken[r + dr][c + dc] = True
            blocks.append((r, c, h, w, draw(WORDS)))
    assume(any(sum(1 for b in blocks if b[0] == r) >= 2 for r in range(height)))  # a table, not a frame
    return height, width, blocks


def _rows(table) -> list[list[SourceCell]]:  # type: ignore[no-untyped-def]
    height, _, blocks = table
    rows: list[list[SourceCell]] = [[] for _ in range(height)]
    for r, _c, h, w, text in sorted(blocks, key=lambda b: (b[0], b[1])):
        rows[r].append(SourceCell(text, h, w))
    return rows


def _shape(rows: list[list[SourceCell]]) -> list[list[tuple[str, bool]]]:
    return [[(c.text, c.covered) for c in row] for row in lay_out(rows)]


@settings(max_examples=60, deadline=None)
@given(spanned_tables())
def test_html_spans_read_back_exactly(table) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(table)
    html = "<table>" + "".join(
        "<tr>" + "".join(f'<td rowspan="{c.rowspan}" colspan="{c.colspan}">{c.text}</td>' for c in row) + "</tr>"
        for row in rows
    ) + "</table>"
    read = read_html(html.encode("utf-8"))
    assert len(read.tables) == 1
    assert _shape(read.tables[0]) == _shape(rows)


@settings(max_examples=25, deadline=None)
@given(spanned_tables())
def test_word_merges_read_back_exactly(table) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    height, width, blocks = table
    doc = Document()
    grid = doc.add_table(rows=height, cols=width)
    for r, c, h, w, text in blocks:
        cell = grid.cell(r, c)
        if h > 1 or w > 1:
            cell = cell.merge(grid.cell(r + h - 1, c + w - 1))
        cell.text = text
    out = io.BytesIO()
    doc.save(out)
    read = read_docx(out.getvalue())
    assert _shape(read.tables[0]) == _shape(_rows(table))


@settings(max_examples=25, deadline=None)
@given(spanned_tables())
def test_excel_merged_ranges_read_back_exactly(table) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    height, _, blocks = table
    # rows of one text above and below a sheet's table are its title and notes, read as paragraphs
    assume(all(sum(1 for b in blocks if b[0] == r) >= 2 for r in (0, height - 1)))
    book = Workbook()
    sheet = book.active
    for r, c, h, w, text in blocks:
        sheet.cell(r + 1, c + 1, text)
        if h > 1 or w > 1:
            sheet.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + h, end_column=c + w)
    out = io.BytesIO()
    book.save(out)
    read = read_xlsx(out.getvalue())
    assert _shape(read.tables[0]) == _shape(_rows(table))
