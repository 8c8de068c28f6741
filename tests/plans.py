"""Two small plans, written for these tests, and builders of the same plan in every input format.

``TABLE_PLAN`` is a task-division table with merged cells (a lead unit over two rows, section rows across
the table); ``PROSE_PLAN`` is a plan numbered 一、 （一） 1. as Word numbers it. Each builder writes real
files with the libraries that make them (python-docx, openpyxl, xlwt, reportlab), so the readers see what
an office suite would save.
"""

from __future__ import annotations

import datetime as dt
import io

TITLE = "某县2024年政务公开重点工作任务分工"
HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
# Rows of (text, rowspan, colspan); None is a place a merged cell above covers.
Row = list[tuple[str, int, int] | None]
TABLE_ROWS: list[Row] = [
    [("一、深化重点领域信息公开", 1, 5)],
    [("1", 1, 1), ("公开财政预决算信息，细化到功能分类项级科目。", 1, 1), ("县财政局", 2, 1), ("县审计局", 1, 1),
     ("2024年6月30日", 1, 1)],
    [("2", 1, 1), ("做好政府债务信息公开，按季度更新债务限额和余额。", 1, 1), None, ("县发展改革局", 1, 1),
     ("2024年9月30日", 1, 1)],
    [("3", 1, 1), ("推进重大建设项目批准和实施信息公开。", 1, 1), ("县发展改革局", 1, 1),
     ("县自然资源局、县住房城乡建设局", 1, 1), ("2024年12月31日", 1, 1)],
    [("二、加强政策解读和回应关切", 1, 5)],
    [("4", 1, 1), ("落实政策文件与解读材料同步起草、同步审签、同步发布。", 1, 1), ("县政府办公室", 1, 1),
     ("县司法局", 1, 1), ("2024年10月31日", 1, 1)],
    [("5", 1, 1), ("建立健全舆情收集研判和回应机制，及时回应社会关切。", 1, 1), ("县委网信办", 1, 1),
     ("县融媒体中心", 1, 1), ("2024年11月30日", 1, 1)],
    [("6", 1, 1), ("规范政府网站和政务新媒体管理，清理整合功能相近的账号。", 1, 1), ("县政府办公室", 1, 1),
     ("各乡镇人民政府", 1, 1), ("2024年8月31日", 1, 1)],
]
SIGNATURE = ["某县人民政府办公室", "2024年3月15日"]


def table_rows(repeat: int = 1) -> list[Row]:
    """The body rows, ``repeat`` times over with the serials running on (a table long enough for pages)."""
    rows: list[Row] = []
    for k in range(repeat):
        for row in TABLE_ROWS:
            rows.append([None if c is None else (str(int(c[0]) + 6 * k) if c[0].isdigit() else c[0], c[1], c[2])
                         for c in row])
    return rows


def table_text(repeat: int = 1) -> str:
    """The table plan as clean text: one row per line, cells apart by tabs, a merged cell's text in its
    first row (what the readers render)."""
    lines = [TITLE, "\t".join(HEADER)]
    for row in table_rows(repeat):
        cells: list[str] = []
        for cell in row:
            if cell is None:
                cells.append("")
            else:
                cells.extend([cell[0]] + [""] * (cell[2] - 1))
        lines.append("\t".join(cells))
    return "\n".join([*lines, *SIGNATURE]) + "\n"


def _body() -> list[list[tuple[str, int, int] | None]]:
    return [[(h, 1, 1) for h in HEADER], *TABLE_ROWS]


def table_html(charset: str = "utf-8") -> bytes:
    """The table plan as a scraped page: site chrome, hidden spam, a metadata table, GB2312 if asked."""
    rows = []
    for row in _body():
        tds = "".join(
            f'<td rowspan="{c[1]}" colspan="{c[2]}"><p>{c[0]}</p></td>' for c in row if c is not None
        )
        rows.append(f"<tr>{tds}</tr>")
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{TITLE}_某县人民政府</title><script>var nav = "首页";</script><style>p {{ margin: 0 }}</style></head>
<body>
<div class="header"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hd">互动交流</a></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 通知公告</div>
<div class="main">
 <table class="meta">
  <tr><td>索 引 号：</td><td>11000000/2024-00031</td><td>主题分类：</td><td>政务公开</td></tr>
  <tr><td>发文机关：</td><td>某县人民政府办公室</td><td>成文日期：</td><td>2024年03月15日</td></tr>
  <tr><td>标　　题：</td><td>{TITLE}</td></tr>
  <tr><td>发文字号：</td><td>某政办〔2024〕7号</td><td>发布日期：</td><td>2024年03月18日</td></tr>
 </table>
 <div class="article">
  <h1 class="title">{TITLE}</h1>
  <div style="display:none"><a href="http://spam.example">澳门赌场 彩票平台 在线投注 百家乐</a></div>
  <table border="1" cellspacing="0">{"".join(rows)}</table>
  <p style="text-align:right">{SIGNATURE[0]}</p><p style="text-align:right">{SIGNATURE[1]}</p>
 </div>
 <div class="share">分享到：<a>微信</a><a>微博</a></div>
</div>
<div class="footer">主办单位：某县人民政府办公室　网站标识码：1100000001　ICP备00000000号</div>
</body></html>
"""
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset)


def table_docx() -> bytes:
    """The table plan as Word saves it: the merged lead cell and the section rows are merged cells."""
    from docx import Document

    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "某县人民政府办公室文件"
    doc.sections[0].footer.paragraphs[0].text = "— 1 —"
    doc.add_paragraph(TITLE)
    body = _body()
    table = doc.add_table(rows=len(body), cols=len(HEADER))
    for r, row in enumerate(body):
        c = 0
        for cell in row:
            if cell is None:
                c += 1
                continue
            text, rowspan, colspan = cell
            while table.cell(r, c).text and c < len(HEADER) - 1:
                c += 1
            target = table.cell(r, c)
            target.text = text
            if rowspan > 1 or colspan > 1:
                target.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            c += colspan
    for line in SIGNATURE:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _sheet_cells() -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """Values (serials as floats, time limits as dates) and merged ranges (first row, last row, first
    column, last column), with the title merged across the table above the header."""
    values: list[list[object]] = [[TITLE, "", "", "", ""], list(HEADER)]
    merges = [(0, 0, 0, 4)]
    for r, row in enumerate(TABLE_ROWS, start=2):
        out: list[object] = []
        for cell in row:
            if cell is None:
                out.append("")
                continue
            text, rowspan, colspan = cell
            value: object = text
            if text.isdigit():
                value = float(text)  # as spreadsheets store serials
            elif text.endswith("日") and text[:4].isdigit():
                y, rest = text.split("年")
                m, d = rest.rstrip("日").split("月")
                value = dt.datetime(int(y), int(m), int(d))
            out.append(value)
            out.extend([""] * (colspan - 1))
            if rowspan > 1 or colspan > 1:
                merges.append((r, r + rowspan - 1, len(out) - colspan, len(out) - 1))
        values.append(out)
    values.extend([[line, "", "", "", ""] for line in SIGNATURE])
    return values, merges


def table_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    values, merges = _sheet_cells()
    for r, row in enumerate(values, start=1):
        for c, value in enumerate(row, start=1):
            if value != "":
                sheet.cell(r, c, value).number_format = "yyyy/m/d" if isinstance(value, dt.datetime) else "General"
    for r0, r1, c0, c1 in merges:
        sheet.merge_cells(start_row=r0 + 1, end_row=r1 + 1, start_column=c0 + 1, end_column=c1 + 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_xls() -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("分工表")
    date_style = xlwt.easyxf(num_format_str="YYYY/M/D")
    values, merges = _sheet_cells()
    starts = {(r0, c0): (r1, c1) for r0, r1, c0, c1 in merges}
    covered = {(r, c) for r0, r1, c0, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            style = date_style if isinstance(value, dt.datetime) else xlwt.Style.default_style
            if (r, c) in starts:
                r1, c1 = starts[(r, c)]
                sheet.write_merge(r, r1, c, c1, value, style)
            elif (r, c) not in covered and value != "":
                sheet.write(r, c, value, style)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_pdf(repeat: int = 1) -> bytes:
    """The table plan as a PDF with a text layer: ruled table with the merged cells, a running header and
    page numbers; ``repeat`` times the rows (renumbered) to run the table over several pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # a standard CJK font: nothing embedded
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    data: list[list[object]] = [list(HEADER)]
    spans = []
    for row in table_rows(repeat):
        r = len(data)
        out: list[object] = []
        for cell in row:
            if cell is None:
                out.append("")
                continue
            text, rowspan, colspan = cell
            out.append(Paragraph(text, style) if len(text) > 6 else text)
            out.extend([""] * (colspan - 1))
            if rowspan > 1 or colspan > 1:
                c = len(out) - colspan
                spans.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
        data.append(out)
    table = Table(data, colWidths=[30, 210, 80, 100, 80], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("FONTSIZE", (0, 0), (-1, -1), 10),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *spans]))

    def page_furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 30, "某县人民政府办公室")
        canvas.drawCentredString(A4[0] / 2, 25, f"- {doc.page} -")

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, topMargin=60, bottomMargin=60)
    story = [Paragraph(TITLE, ParagraphStyle("t", parent=style, fontSize=14, leading=20)), table,
             *[Paragraph(line, style) for line in SIGNATURE]]
    doc.build(story, onFirstPage=page_furniture, onLaterPages=page_furniture)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A page with a picture of text and no text layer, as a scanner saves it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for k in range(40):
        c.rect(72, 700 - 14 * k, 400 - 3 * k, 8, fill=1)  # lines of "text" as ink
    c.showPage()
    c.save()
    return out.getvalue()


# The prose plan: (level, text) with level 0 numbered 一、, level 1 （一）, level 2 1.; None for a plain paragraph.
PROSE_TITLE = "某市2024年政务公开工作要点"
PROSE: list[tuple[int | None, str]] = [
    (None, "为深入推进政务公开，结合本市实际，制定本要点。"),
    (0, "加强重点领域信息公开"),
    (1, "推进财政信息公开。全面公开部门预决算，细化公开“三公”经费。（市财政局牵头，各区政府配合，2024年6月底前完成）"),
    (1, "推进重大项目信息公开。及时公开项目审批和招标投标信息。（市发展改革委负责）"),
    (0, "提升政策解读回应质量"),
    (1, "做好政策解读。"),
    (2, "规范解读程序，解读材料与政策文件同步报审。（市政府办公室负责，2024年9月底前）"),
    (2, "丰富解读形式，运用图表、视频等方式解读政策。（市融媒体中心负责）"),
    (1, "加强回应关切。建立舆情快速反应机制，对重大舆情在24小时内回应。（市委网信办牵头，市公安局配合）"),
]
PROSE_MARKERS = {0: lambda n: f"{'一二三四五六七八九十'[n - 1]}、", 1: lambda n: f"（{'一二三四五六七八九十'[n - 1]}）",
                 2: lambda n: f"{n}."}


PADDING = "坚持问题导向，细化工作举措，明确时间节点，确保各项任务落到实处、取得实效。"


def prose_text(repeat: int = 1) -> str:
    """The prose plan as clean text, its numbering written out; with ``repeat`` above 1 each task's text
    grows by sentences (before its unit clause) to fill pages."""
    lines = [PROSE_TITLE]
    counters = [0, 0, 0]
    for level, text in PROSE:
        if level is None:
            lines.append(text)
            continue
        if repeat > 1 and "（" in text and text.endswith("）") and "。" in text:
            head, _, clause = text.rpartition("（")
            text = head + PADDING * (repeat - 1) + "（" + clause
        counters[level] += 1
        for deeper in range(level + 1, 3):
            counters[deeper] = 0
        lines.append(PROSE_MARKERS[level](counters[level]) + text)
    return "\n".join([*lines, "某市人民政府办公室", "2024年2月20日"]) + "\n"


NUMBERING_XML = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="90">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
</w:numbering>"""


def prose_docx() -> bytes:
    """The prose plan as Word saves it: the numbering in numbering.xml, not in the text; a text box and a
    header and footer that are not the plan's text."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    doc = Document()
    numbering = doc.part.numbering_part.element
    for child in parse_xml(NUMBERING_XML):
        if child.tag == qn("w:abstractNum"):
            first_num = numbering.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(child)
            else:
                numbering.append(child)
        else:
            numbering.append(child)
    doc.sections[0].header.paragraphs[0].text = "某市人民政府办公室 发"
    doc.sections[0].footer.paragraphs[0].text = "第 1 页"
    doc.add_paragraph(PROSE_TITLE)
    for level, text in PROSE:
        p = doc.add_paragraph(text)
        if level is not None:
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(
                f'<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f'<w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            ))
    box = doc.paragraphs[1].add_run()
    box._r.append(parse_xml(
        '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
        "<w:t>扫码查看解读</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
    ))
    doc.add_paragraph("某市人民政府办公室")
    doc.add_paragraph("2024年2月20日")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def legacy_doc() -> bytes:
    """An OLE2 compound file of a word processor (no workbook stream), as .doc and .wps are."""
    data = table_xls()
    return data.replace("Workbook".encode("utf-16-le"), "Document".encode("utf-16-le"))


def prose_pdf(repeat: int = 1) -> bytes:
    """The prose plan as a PDF: paragraphs wrapped at the page width, a running header and page numbers;
    ``repeat`` pads each task with more sentences so that the plan runs over pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=11, leading=18, wordWrap="CJK")
    story = []
    for line in prose_text(repeat).rstrip("\n").split("\n"):
        story.append(Paragraph(line, style))

    def page_furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(72, A4[1] - 36, "某市人民政府办公室文件")
        canvas.drawCentredString(A4[0] / 2, 30, f"第{doc.page}页")

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, topMargin=72, bottomMargin=72).build(
        story, onFirstPage=page_furniture, onLaterPages=page_furniture
    )
    return out.getvalue()
