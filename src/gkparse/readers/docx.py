"""Word ``.docx``: paragraphs in order with Word's automatic numbering written out, tables with their
merged cells, and nothing of text boxes, headers and footers.

Many plans number their sections and tasks (``一、`` ``（一）`` ``1.``) through Word's numbering, which
is not in the paragraphs' text: :class:`Numbering` renders it from ``numbering.xml`` — each level's
``lvlText`` (``%1、``, ``（%1）``), ``numFmt`` (decimal, chineseCounting, ideographTraditional …) and
start, with one counter per list and level, deeper levels restarting when a level above advances.
Merged cells come from ``gridSpan`` (columns) and ``vMerge`` (rows) and become spans of the table model.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml.ns import qn

from ..errors import InputError
from ..structure.grid import SourceCell
from .base import Reading, TextBuilder

CN_DIGITS = "零一二三四五六七八九"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
LEVEL_REF_RE = re.compile(r"%([1-9])")
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese_number(n: int) -> str:
    """A counter in Chinese numerals, as Word's chineseCounting writes it.

    >>> [chinese_number(n) for n in (1, 10, 11, 20, 25, 100, 108)]
    ['一', '十', '十一', '二十', '二十五', '一百', '一百零八']
    """
    if n <= 0:
        return "零"
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + chinese_number(rest) if rest < 10 else
                                     (("一" + chinese_number(rest)) if rest < 20 else chinese_number(rest)))
        return CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def format_counter(n: int, fmt: str) -> str:
    """A counter in a Word ``numFmt``.

    >>> formats = ("decimal", "chineseCounting", "ideographTraditional", "decimalEnclosedCircle", "upperLetter")
    >>> [format_counter(3, f) for f in (*formats, "lowerRoman")]
    ['3', '三', '丙', '③', 'C', 'iii']
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "chineseLegalSimplified", "ideographLegalTraditional", "taiwaneseCountingThousand"):
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return HEAVENLY_STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return EARTHLY_BRANCHES[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", n
        for value, digits in ROMAN:
            while rest >= value:
                out, rest = out + digits, rest - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _val(el, tag: str) -> str | None:  # type: ignore[no-untyped-def]
    child = el.find(qn(tag)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


class Numbering:
    """Word's list numbering of one document, rendered paragraph by paragraph."""

    def __init__(self, numbering_el) -> None:  # type: ignore[no-untyped-def]
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → level → (start, fmt, text)
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_el is None:
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for a in numbering_el.findall(qn("w:abstractNum")):
            abstract[a.get(qn("w:abstractNumId"))] = {
                int(lvl.get(qn("w:ilvl")) or 0): self._level(lvl) for lvl in a.findall(qn("w:lvl"))
            }
        for num in numbering_el.findall(qn("w:num")):
            levels = dict(abstract.get(_val(num, "w:abstractNumId") or "", {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl")) or 0)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                start = _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start), *levels[ilvl][1:])
            self.levels[num.get(qn("w:numId"))] = levels

    @staticmethod
    def _level(lvl) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
        return int(_val(lvl, "w:start") or 1), _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or ""

    def marker(self, num_id: str, ilvl: int) -> str:
        """The marker of the next paragraph of list ``num_id`` at level ``ilvl``; the counter advances."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start, fmt, text = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            k_start, k_fmt, _ = levels.get(k, (1, "decimal", ""))
            n = counters.get(k, k_start)
            return format_counter(n, fmt if k == ilvl else k_fmt)

        return "" if fmt in ("bullet", "none") else LEVEL_REF_RE.sub(value, text)


def read_docx(data: bytes, path: str | None = None) -> Reading:
    """Paragraphs (numbering written out) and tables of a ``.docx``, in document order."""
    try:
        doc = Document(io.BytesIO(data))
    except Exception as err:  # a damaged package or part: python-docx and lxml raise many types
        raise InputError(path, "unreadable", f"not a readable Word document ({type(err).__name__})") from None
    part = doc.part
    try:
        numbering_el = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_el = None
    numbering = Numbering(numbering_el)
    styles = _style_numbering(doc)
    out = TextBuilder()
    for el in _body_items(doc.element.body):
        if el.tag == qn("w:p"):
            out.para(_paragraph(el, numbering, styles))
        elif el.tag == qn("w:tbl"):
            out.table(_table(el, numbering, styles))
    return Reading(out.text(), "docx", "binary", out.tables)


def _body_items(body):  # type: ignore[no-untyped-def]
    """Paragraphs and tables of the body in order, including those inside content controls."""
    for el in body:
        if el.tag == qn("w:sdt"):
            content = el.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(content)
        elif el.tag in (qn("w:p"), qn("w:tbl")):
            yield el


def _style_numbering(doc) -> dict[str, tuple[str, int]]:  # type: ignore[no-untyped-def]
    """numId and level of the paragraph styles that carry numbering (a heading style linked to a list)."""
    found: dict[str, tuple[str, int]] = {}
    for style in doc.styles.element.findall(qn("w:style")):
        ppr = style.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is not None and _val(num_pr, "w:numId"):
            found[style.get(qn("w:styleId"))] = (_val(num_pr, "w:numId") or "", int(_val(num_pr, "w:ilvl") or 0))
    return found


def _paragraph(p, numbering: Numbering, styles: dict[str, tuple[str, int]]) -> str:  # type: ignore[no-untyped-def]
    text = _runs_text(p)
    ppr = p.find(qn("w:pPr"))
    num_id, ilvl = None, 0
    if ppr is not None:
        num_pr = ppr.find(qn("w:numPr"))
        style = _val(ppr, "w:pStyle")
        if num_pr is not None and _val(num_pr, "w:numId") is not None:
            num_id, ilvl = _val(num_pr, "w:numId"), int(_val(num_pr, "w:ilvl") or 0)
            if ilvl == 0 and _val(num_pr, "w:ilvl") is None and style in styles:
                ilvl = styles[style][1]
        elif style in styles:
            num_id, ilvl = styles[style]
    if num_id and num_id != "0" and text.strip():
        return numbering.marker(num_id, ilvl) + text.lstrip()
    return text


def _runs_text(p) -> str:  # type: ignore[no-untyped-def]
    """The paragraph's own text: runs (also inside hyperlinks, smart tags, insertions), tabs, breaks;
    not text boxes (their text sits in a drawing inside a run) nor deleted text."""
    parts: list[str] = []
    for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if _in_textbox_or_deleted(el, p):
            continue
        if el.tag == qn("w:t"):
            parts.append(el.text or "")
        elif el.tag == qn("w:tab"):
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


TEXTBOX_TAGS = frozenset(qn(t) for t in ("w:txbxContent", "w:del", "w:drawing", "w:pict", "w:object"))


def _in_textbox_or_deleted(el, p) -> bool:  # type: ignore[no-untyped-def]
    parent = el.getparent()
    while parent is not None and parent is not p:
        if parent.tag in TEXTBOX_TAGS or parent.tag.endswith("}AlternateContent"):
            return True
        parent = parent.getparent()
    return False


def _table(tbl, numbering: Numbering, styles: dict[str, tuple[str, int]]) -> list[list[SourceCell]]:  # type: ignore[no-untyped-def]
    """Rows of cells with spans: gridSpan → colspan; a vMerge run → one cell whose rowspan covers it."""
    rows: list[list[SourceCell]] = []
    open_merges: dict[int, SourceCell] = {}  # grid column → the cell a vMerge started there
    for tr in tbl.findall(qn("w:tr")):
        row: list[SourceCell] = []
        col = 0
        trpr = tr.find(qn("w:trPr"))
        col += int(_val(trpr, "w:gridBefore") or 0) if trpr is not None else 0
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span = int(_val(tcpr, "w:gridSpan") or 1) if tcpr is not None else 1
            merge_el = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
            merge = None if merge_el is None else (merge_el.get(qn("w:val")) or "continue")
            if merge == "continue" and col in open_merges:
                open_merges[col].rowspan += 1
            else:
                cell = SourceCell(_cell_text(tc, numbering, styles), colspan=span)
                row.append(cell)
                if merge == "restart":
                    open_merges[col] = cell
                else:
                    open_merges.pop(col, None)
            col += span
        rows.append(row)
    return rows


def _cell_text(tc, numbering: Numbering, styles: dict[str, tuple[str, int]]) -> str:  # type: ignore[no-untyped-def]
    lines = []
    for el in tc.iter(qn("w:p")):
        text = _paragraph(el, numbering, styles)
        if text.strip():
            lines.append(text)
    return "\n".join(lines)
