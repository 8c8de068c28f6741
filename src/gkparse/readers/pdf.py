"""PDF with a text layer (pdfplumber, an extra: ``pip install 'gkparse[pdf]'``): text in reading order,
ruled tables as tables with their merged cells, page headers, footers and page numbers left out.

Each page gives its text lines outside tables and its ruled tables, ordered by their position. A table
that starts a page where the previous page ended with a table of the same columns continues it (a header
row printed again on the new page is dropped). A line in a page's top or bottom margin is a running
header or footer when it is a page number (``- 3 -``, ``第3页``) or when it repeats on other pages. A PDF
without text (a scan) is refused: ``no text layer: OCR it first``.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..errors import InputError
from ..structure.grid import SourceCell
from .base import Reading, TextBuilder

MARGIN_SHARE = 0.1  # top and bottom share of a page where running headers and footers are
PAGE_NUMBER_RE = re.compile(
    r"^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–－\s]*$"
)
DIGITS_RE = re.compile(r"\d+")
REPEAT_MIN_PAGES = 2  # a margin line on at least this many pages (and half of them) is running text
SNAP = 2.0  # points within which two rule positions are the same
WRAP_SLACK = 1.5  # a cell line ending within this many character widths of the cell's edge wrapped


def _pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError:
        return None
    return pdfplumber


def read_pdf(data: bytes, path: str | None = None) -> Reading:
    """Text and ruled tables of a PDF's pages, in reading order."""
    pdfplumber = _pdfplumber()
    if pdfplumber is None:
        raise InputError(path, "needs_extra", "PDF input needs the pdf extra: pip install 'gkparse[pdf]'")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as err:  # pdfminer raises many types for damaged files
        raise InputError(path, "unreadable", f"not a readable PDF ({type(err).__name__})") from None
    with pdf:
        try:
            pages = [_page_items(page) for page in pdf.pages]
        except Exception as err:  # a damaged page stream
            raise InputError(path, "unreadable", f"a PDF page cannot be read ({type(err).__name__})") from None
    if not any(items for items, _ in pages):
        raise InputError(path, "no_text", "no text layer: OCR it first")
    running = _running_lines(pages)
    out = TextBuilder()
    last_table: list[list[SourceCell]] | None = None
    last_width = 0
    for items, _ in pages:
        for kind, _top, value, in_margin in items:
            if kind == "line":
                if in_margin and (PAGE_NUMBER_RE.match(value) or _key(value) in running):
                    continue
                out.para(value)
                last_table = None
            else:
                rows, width = value
                if last_table is not None and width == last_width:
                    if rows and last_table and _texts(rows[0]) == _texts(last_table[0]):
                        rows = rows[1:]  # the header printed again on the next page
                    last_table.extend(rows)
                    continue
                out.table(rows)
                last_table, last_width = (out.tables[-1] if out.tables else None), width
    return Reading(out.text(), "pdf", "binary", out.tables)


def _texts(row: list[SourceCell]) -> list[str]:
    return [c.text for c in row]


def _key(line: str) -> str:
    """A margin line with its numbers blanked: 第3页 and 第4页 are the same running footer."""
    return DIGITS_RE.sub("#", line.replace(" ", ""))


def _running_lines(pages: list[tuple[list[tuple[str, float, Any, bool]], int]]) -> set[str]:
    counts: dict[str, int] = {}
    for items, _ in pages:
        for key in {_key(v) for kind, _t, v, margin in items if kind == "line" and margin}:
            counts[key] = counts.get(key, 0) + 1
    need = max(REPEAT_MIN_PAGES, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= need}


def _page_items(page: Any) -> tuple[list[tuple[str, float, Any, bool]], int]:
    """The page's text lines outside tables and its tables, by their top: (kind, top, value, in margin)."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[str, float, Any, bool]] = []
    for table in tables:
        rows, width = _table_rows(page, table)
        if rows:
            items.append(("table", table.bbox[1], (rows, width), False))
    height = float(page.height)
    for line in page.extract_text_lines(keep_blank_chars=False):
        mid_x = (line["x0"] + line["x1"]) / 2
        mid_y = (line["top"] + line["bottom"]) / 2
        if any(x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes):
            continue
        text = line["text"].strip()
        if text:
            margin = line["bottom"] < height * MARGIN_SHARE or line["top"] > height * (1 - MARGIN_SHARE)
            items.append(("line", line["top"], text, margin))
    items.sort(key=lambda item: item[1])
    return items, page.page_number


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _table_rows(page: Any, table: Any) -> tuple[list[list[SourceCell]], int]:
    """Rows of cells with spans from the cells' boxes: a cell spans the column and row rules it crosses."""
    cells = table.cells
    if not cells:
        return [], 0
    xs = _snap([c[0] for c in cells] + [c[2] for c in cells])
    ys = _snap([c[1] for c in cells] + [c[3] for c in cells])
    x0, top, x1, bottom = table.bbox
    chars = sorted((ch for ch in page.chars if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1
                    and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom), key=lambda ch: ch["top"])
    placed: dict[int, list[tuple[int, SourceCell]]] = {}
    for box in cells:
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        text = _cell_text(chars, box)
        placed.setdefault(r0, []).append((c0, SourceCell(text, max(1, r1 - r0), max(1, c1 - c0))))
    rows = [[cell for _, cell in sorted(placed[r], key=lambda p: p[0])] for r in sorted(placed)]
    return rows, len(xs) - 1


def _cell_text(chars: list[dict[str, Any]], box: tuple[float, float, float, float]) -> str:
    """A cell's text from the characters inside its box, line by line: lines that the cell's width
    wrapped are joined, lines that end early keep their break."""
    x0, top, x1, bottom = box
    inside = [ch for ch in chars if top <= (ch["top"] + ch["bottom"]) / 2 <= bottom
              and x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1]
    lines: list[list[dict[str, Any]]] = []
    for ch in inside:  # sorted by top
        if lines and abs(ch["top"] - lines[-1][0]["top"]) <= ch.get("size", 10) / 2:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = ""
    wrapped = False
    for line in lines:
        line.sort(key=lambda ch: ch["x0"])
        text = _line_text(line).strip()
        if not text:
            continue
        if out:
            out += "" if wrapped else "\n"
        out += text
        size = max(ch.get("size", 10) for ch in line)
        wrapped = line[-1]["x1"] >= x1 - WRAP_SLACK * size - 2
    return out


def _line_text(line: list[dict[str, Any]]) -> str:
    """Characters of one line, with a space where a gap wider than half a character separates two."""
    out = []
    previous = None
    for ch in line:
        if previous is not None and ch["x0"] - previous["x1"] > ch.get("size", 10) / 2:
            out.append(" ")
        out.append(ch["text"])
        previous = ch
    return "".join(out)
