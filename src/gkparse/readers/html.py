"""HTML pages: the charset, the article without the site's chrome, tables with their spans, and the
metadata table that gov.cn-style pages put above the text.

The page is parsed with lxml's HTML parser (libxml2's, made for the tag soup that scraped pages are); no regular
expression looks at markup. Steps, each a function below: decode (byte-order mark, the ``<meta>``
charset, else detection), drop what is never content (scripts, styles, hidden elements, navigation,
breadcrumbs, share widgets, footers), read the metadata table, find the article (the element that holds
most of the page's paragraph text), and walk it: block elements and ``<br>`` end lines, a data table
becomes a placeholder and rows of cells with their ``rowspan``/``colspan``, a layout table (one that
holds tables, or a single row or column) is read as blocks.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from lxml import etree

from ..errors import InputError
from ..structure.grid import SourceCell
from ..text.decode import decode_bytes
from .base import Reading, TextBuilder

# Declared charsets read as their superset: GB2312 and GBK pages are decoded as GB18030, Big5 as cp950.
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
                   "hz-gb-2312": "gb18030", "big5": "cp950", "big5-hkscs": "big5hkscs"}
PRESCAN = 4096  # bytes looked at for a <meta> charset, as browsers do
# Elements that are never the document's text.
DROP_TAGS = ("script", "style", "noscript", "iframe", "canvas", "svg", "object", "embed", "form", "button",
             "select", "input", "textarea", "nav", "footer", "aside", "map", "audio", "video", "template")
# Words in a class or id that name site chrome.
CHROME_WORDS = frozenset(
    [
        "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "position", "location",
        "share", "bdshare", "sharebox", "jiathis", "footer", "foot", "copyright", "qr", "qrcode",
        "erweima", "toolbar", "sidebar", "related", "banner", "ad", "ads",
    ]
)
CLASS_WORD_RE = re.compile(r"[a-z]+")
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
BLOCK_TAGS = frozenset(
    [
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
        "table", "section", "article", "header", "blockquote", "pre", "center", "hr", "address", "figure",
        "figcaption", "caption", "tbody", "thead", "tfoot", "main",
    ]
)
HEADING_TAGS = ("h1", "h2", "h3")
PARAGRAPH_MIN = 10  # characters of a text node that count as paragraph text (not a link or a label)
DESCEND_SHARE = 0.7  # the article is the deepest element holding this share of its parent's text
# Labels of the metadata table (索 引 号：, 发文机关： …), spaces inside them ignored.
META_LABELS = ("索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "主题词", "发布机构",
               "文号", "生成日期", "公开方式", "信息来源", "所属机构", "信息分类", "有效性")
META_MIN_LABELS = 3
LABEL_SPACE_RE = re.compile(r"[\s\u3000\xa0]+")


Element = etree._Element
PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


def parse(text: str) -> Element:
    """The page's element tree (lxml's HTML parser, which mends tag soup as browsers do)."""
    root = etree.fromstring(text.encode("utf-8", "replace"), PARSER)
    if root is None:
        raise ValueError("no elements")
    return root


def drop_tree(el: Element) -> None:
    """Remove ``el`` and what it holds; the text after it stays where it was."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def read_html(data: bytes, path: str | None = None) -> Reading:
    """Text with table placeholders, the tables, and the metadata table's fields of an HTML page."""
    text, encoding = decode_html(data, path)
    try:
        root = parse(text)
    except (etree.ParserError, ValueError):
        raise InputError(path, "undecodable", "an HTML page without any content") from None
    _drop_hidden(root)
    body = root.find("body") if root.find("body") is not None else root
    total = _weight(body)
    _drop_chrome(body)
    fields, meta_tables = _metadata(body)
    for table in meta_tables:
        total -= _weight(table)
        drop_tree(table)
    article = find_article(body)
    out = TextBuilder()
    for label, value in fields.items():
        out.para(f"{label}：{value}")
    heading = _heading_before(article, body)
    if heading:
        out.para(heading)
    _walk(article, out)
    kept = _weight(article)
    return Reading(out.text(), "html", encoding, out.tables, fields, dropped_chars=max(0, total - kept))


def decode_html(data: bytes, path: str | None = None) -> tuple[str, str]:
    """The page's text and encoding: a byte-order mark, else the ``<meta>`` charset (GB2312 and GBK read
    as GB18030) when the page decodes with it, else detection. Text that is valid UTF-8 is UTF-8 whatever
    the page declares: scrapers save pages as UTF-8 and keep the original ``<meta>``.

    >>> decode_html('<meta charset="gb2312"><p>政务公开</p>'.encode("gbk"))
    ('<meta charset="gb2312"><p>政务公开</p>', 'gb18030')
    """
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = declared_charset(data[:PRESCAN])
        if declared and declared != "utf-8" and not data.isascii():
            try:
                return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"), "utf-8"
            except UnicodeDecodeError:
                pass
        if declared:
            try:
                return data.decode(declared).replace("\r\n", "\n").replace("\r", "\n"), declared
            except UnicodeDecodeError:
                pass  # the declaration is wrong: detect
    try:
        decoded = decode_bytes(data, path)
    except InputError:
        try:  # a page cut off in the middle of its last UTF-8 character
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            if err.start < len(data) - 3:
                raise
            return decode_html(data[: err.start], path)
        raise
    return decoded.text, decoded.encoding


def declared_charset(head: bytes) -> str | None:
    """The charset a page's ``<meta charset>`` or ``<meta http-equiv="Content-Type">`` declares, as a
    Python codec name, or None."""
    try:
        doc = parse(head.decode("latin-1"))
    except (etree.ParserError, ValueError):
        return None
    if doc is None:
        return None
    for meta in doc.iter("meta"):
        name = meta.get("charset")
        if not name and (meta.get("http-equiv") or "").lower() == "content-type":
            content = meta.get("content") or ""
            name = content.lower().partition("charset=")[2].split(";")[0]
        name = (name or "").strip().strip("\"'").lower()
        if not name:
            continue
        name = CHARSET_ALIASES.get(name, name)
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def _drop_hidden(root: Element) -> None:
    """Out: what a reader never sees — scripts, styles, forms, comments, hidden elements (spam links for
    search engines hide with ``display:none``)."""
    _drop(root, lambda el: not isinstance(el.tag, str) or el.tag in DROP_TAGS or el.get("hidden") is not None
          or el.get("aria-hidden") == "true" or HIDDEN_STYLE_RE.search(el.get("style") or "") is not None)


def _drop_chrome(body: Element) -> None:
    """Out: the site's chrome, by the words its class or id names it with (nav, breadcrumb, share, footer …)."""
    _drop(body, lambda el: isinstance(el.tag, str) and el.tag not in ("html", "body") and _chrome_words(el))


def _drop(root: Element, doomed: Callable[[Element], bool]) -> None:
    for el in [el for el in root.iter() if doomed(el)]:
        if el.getparent() is not None:
            drop_tree(el)


def _chrome_words(el: Element) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return bool(names.strip()) and any(w in CHROME_WORDS for w in CLASS_WORD_RE.findall(names))


def _metadata(body: Element) -> tuple[dict[str, str], list[Element]]:
    """Fields of the metadata tables (label cell, value cell: 发文机关 | 国务院办公厅), and those tables."""
    fields: dict[str, str] = {}
    tables = []
    for table in body.iter("table"):
        if table.find(".//table") is not None:
            continue
        found: dict[str, str] = {}
        for tr in _rows(table):
            cells = [_inline_text(td) for td in _cells(tr)]
            for label, value in zip(cells, [*cells[1:], ""][: len(cells)], strict=True):
                key = LABEL_SPACE_RE.sub("", label).rstrip("：:")
                if key in META_LABELS and label.strip().endswith(("：", ":")):
                    found.setdefault(key, LABEL_SPACE_RE.sub(" ", value).strip())
        if len(found) >= META_MIN_LABELS:
            fields.update({k: v for k, v in found.items() if v and k not in fields})
            tables.append(table)
    return fields, tables


def _rows(table: Element) -> list[Element]:
    """The table's own rows (not those of a table inside one of its cells)."""
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(el: Element) -> Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cells(tr: Element) -> list[Element]:
    return [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]


def _weight(el: Element) -> int:
    """Characters of paragraph text inside ``el``: text runs of at least PARAGRAPH_MIN characters."""
    return sum(_piece(piece) for piece in el.itertext())


def find_article(body: Element) -> Element:
    """The element that holds the article: from the body down, into the child that holds most of its
    parent's paragraph text, while one holds most of it (and it is not a row or cell of a data table)."""
    weights: dict[Element, int] = {}
    _weigh(body, weights)
    node = body
    while weights.get(node, 0):
        children = [c for c in node if isinstance(c.tag, str)]
        best = max(children, key=lambda c: weights.get(c, 0), default=None)
        if best is None or weights.get(best, 0) < DESCEND_SHARE * weights[node]:
            break
        if best.tag in ("tbody", "thead", "tr", "td", "th") and _inside_data_table(best):
            break
        node = best
    return node


def _weigh(el: Element, weights: dict[Element, int]) -> int:
    """:func:`_weight` of ``el`` and of every element under it, in one pass."""
    total = _piece(el.text)
    for child in el:
        if isinstance(child.tag, str):
            total += _weigh(child, weights)
        total += _piece(child.tail)
    weights[el] = total
    return total


def _piece(text: str | None) -> int:
    n = len(text.strip()) if text else 0
    return n if n >= PARAGRAPH_MIN else 0


def _inside_data_table(el: Element) -> bool:
    table = _owner(el)
    return table is not None and _is_data_table(table)


def _heading_before(article: Element, body: Element) -> str:
    """The page's heading when it stands outside the article, before it: the nearest ``h1``–``h3``, else
    the nearest element whose class or id names a title (its first line: a date beside it is not)."""
    headings: list[Element] = []
    titled: list[Element] = []
    for el in body.iter():
        if el is article:
            break
        if not isinstance(el.tag, str) or _contains(article, el):
            continue
        if el.tag in HEADING_TAGS:
            headings.append(el)
        elif "title" in CLASS_WORD_RE.findall(f"{el.get('class') or ''} {el.get('id') or ''}".lower()):
            titled.append(el)
    for el in (headings or titled)[::-1]:
        if _contains(el, article):
            continue
        out = TextBuilder()
        _walk(el, out)
        if out.lines:
            return out.lines[0]
    return ""


def _contains(outer: Element, inner: Element) -> bool:
    return any(a is outer for a in inner.iterancestors())


def _is_data_table(table: Element) -> bool:
    """A table of data, not of page layout: no table inside it, and at least two rows of two cells."""
    if table.find(".//table") is not None:
        return False
    rows = _rows(table)
    return len(rows) >= 2 and max((len(_cells(tr)) for tr in rows), default=0) >= 2


def _walk(el: Element, out: TextBuilder) -> None:
    """Lines of ``el``'s text in document order; data tables as placeholders."""
    line: list[str] = []

    def flush() -> None:
        if line:
            out.para("".join(line))
            line.clear()

    def visit(node: Element) -> None:
        if node.tag == "table" and _is_data_table(node):
            flush()
            out.table(_table_rows(node))
        else:
            block = node.tag in BLOCK_TAGS or node.tag in ("td", "th")
            if block:
                flush()
            if node.tag == "br":
                flush()
            if node.text:
                line.append(node.text)
            for child in node:
                if isinstance(child.tag, str):
                    visit(child)
                if child.tail:
                    line.append(child.tail)
            if block:
                flush()

    visit(el)
    flush()


def _table_rows(table: Element) -> list[list[SourceCell]]:
    rows = []
    for tr in _rows(table):
        # a row of no cells of its own stays: the row spans above it cover it
        rows.append([SourceCell(_cell_text(td), _span(td, "rowspan"), _span(td, "colspan")) for td in _cells(tr)])
    return rows


def _span(td: Element, name: str) -> int:
    digits = "".join(ch for ch in (td.get(name) or "1") if ch.isdigit())
    return max(1, min(int(digits or 1), 1000))


def _cell_text(td: Element) -> str:
    """A cell's text with its paragraphs and ``<br>`` as line breaks."""
    out = TextBuilder()
    _walk(td, out)
    return out.text()


def _inline_text(el: Element) -> str:
    return LABEL_SPACE_RE.sub(" ", "".join(el.itertext())).strip()
