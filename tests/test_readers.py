"""Readers by input format: each format of the same plan gives the tasks, units and deadlines of the
plan as clean text; merged cells, Word numbering, sheets, multi-page PDF tables; refusals by reason."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gkparse import clean_text, parse_bytes
from gkparse.errors import InputError
from gkparse.pipeline import clean_bytes
from gkparse.readers import detect_format
from gkparse.readers.html import decode_html

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plans

BUILDERS = {
    "html": plans.table_html,
    "docx": plans.table_docx,
    "xlsx": plans.table_xlsx,
    "xls": plans.table_xls,
    "pdf": plans.table_pdf,
}


def essentials(doc):  # type: ignore[no-untyped-def]
    """What must agree between formats: each task's place, title, units with roles, deadline dates."""
    return [
        (t.path, t.title, [(u.name, u.role) for u in t.units], [(d.kind, d.date) for d in t.deadlines])
        for t in doc.tasks
    ]


@pytest.fixture(scope="module")
def text_plan():  # type: ignore[no-untyped-def]
    return parse_bytes(plans.table_text().encode("utf-8"), "plan.txt")


def test_text_plan_has_the_merged_lead_on_both_rows(text_plan) -> None:  # type: ignore[no-untyped-def]
    assert len(text_plan.tasks) == 6
    assert text_plan.tasks[1].units[0].name == "县财政局" and text_plan.tasks[1].units[0].role == "lead"
    assert str(text_plan.tasks[0].deadlines[0].date) == "2024-06-30"


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_each_format_gives_the_tasks_of_the_text(fmt: str, text_plan) -> None:  # type: ignore[no-untyped-def]
    doc = parse_bytes(BUILDERS[fmt](), f"plan.{fmt}")
    assert doc.source.format == fmt
    assert essentials(doc) == essentials(text_plan)
    assert doc.document.title == plans.TITLE
    assert not [w for w in doc.warnings if w.code in ("table_rows_misfit", "most_text_dropped")]


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_task_lines_point_at_the_rendered_rows(fmt: str) -> None:
    data = BUILDERS[fmt]()
    lines = clean_text(data).split("\n")
    doc = parse_bytes(data, f"plan.{fmt}")
    for task in doc.tasks:
        row = lines[task.line - 1]
        assert "\t" in row and task.title[:8] in row


def test_html_page_chrome_spam_and_metadata() -> None:
    doc = parse_bytes(plans.table_html("gb2312"), "page.shtml")
    assert doc.source.encoding == "gb18030"  # a declared GB2312 read as its superset
    assert doc.document.issuer == "某县人民政府办公室"
    assert doc.document.doc_number == "某政办〔2024〕7号"
    assert str(doc.document.date) == "2024-03-15"  # 成文日期, not 发布日期
    text = clean_text(plans.table_html())
    for chrome in ("首页", "当前位置", "分享到", "网站标识码", "赌场", "var nav"):
        assert chrome not in text
    assert "发文机关：某县人民政府办公室" in text  # the metadata table, as fields
    assert "1\t公开财政预决算信息，细化到功能分类项级科目。\t县财政局\t县审计局\t2024年6月30日" in text
    assert "2\t做好政府债务信息公开，按季度更新债务限额和余额。\t\t县发展改革局" in text  # covered by the rowspan


def test_html_is_told_by_content_whatever_its_name() -> None:
    page = "<html><body><p>一、总体要求</p><p>（一）公开预算。（县财政局负责）</p></body></html>".encode()
    assert detect_format(page, "saved.txt") == "html"
    assert detect_format(page, None) == "html"
    doc = parse_bytes(page, "saved.txt")
    assert doc.source.format == "html" and doc.tasks[0].units[0].name == "县财政局"
    assert "<" not in clean_text(page)


def test_html_br_and_blocks_break_lines() -> None:
    page = "<div>一、加强公开<br>（一）公开预算。<span>（县财政局负责）</span><p>（二）公开决算。</p></div>"
    assert clean_text(page.encode()).split("\n") == ["一、加强公开", "（一）公开预算。（县财政局负责）", "（二）公开决算。"]


def test_html_charset_declared_wrongly_is_detected() -> None:
    page = '<meta charset="gb2312"><p>政务公开工作要点</p>'.encode()  # says GB2312, is UTF-8
    text, encoding = decode_html(page)
    assert encoding == "utf-8" and "政务公开工作要点" in text


def test_html_traditional_page_and_cells_are_simplified() -> None:
    page = ("<table><tr><td>序號</td><td>工作任務</td><td>牽頭單位</td></tr>"
            "<tr><td>1</td><td>推進預算公開。</td><td>縣財政局</td></tr></table>").encode()
    doc = parse_bytes(page, "t.html")
    assert doc.source.script == "traditional" and "t2s" in doc.source.repairs
    assert doc.tasks[0].title.startswith("推进预算公开") and doc.tasks[0].units[0].name == "县财政局"


def test_html_table_rows_that_do_not_fit_the_header_are_warned() -> None:
    page = ("<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr>"
            "<tr><td>1</td><td>公开预算。</td><td>县财政局</td></tr>"
            "<tr><td>2</td><td>公开决算。</td><td>县财政局</td><td>县审计局</td><td>年底前</td></tr></table>")
    doc = parse_bytes(page.encode(), "t.html")
    assert [w.code for w in doc.warnings] == ["table_rows_misfit"]
    assert doc.warnings[0].line == 3


def test_html_header_less_table_is_not_a_task_table() -> None:
    page = "<p>一、总体要求</p><table><tr><td>联系人</td><td>张三</td></tr><tr><td>电话</td><td>12345</td></tr></table>"
    cleaned = clean_bytes(page.encode(), "t.html")
    assert cleaned.grids == () and cleaned.text.split("\n")[-2:] == ["联系人\t张三", "电话\t12345"]
    doc = parse_bytes(page.encode(), "t.html")
    assert [t.units for t in doc.tasks] == [[]]


def test_html_most_text_dropped_is_warned() -> None:
    spam = "".join(f'<p class="footer">本网站由某单位主办维护，第{k}行版权所有，未经许可不得转载。</p>' for k in range(40))
    page = f"<body><div>{spam}</div><div><p>一、公开预算。（县财政局负责）</p></div></body>"
    doc = parse_bytes(page.encode(), "t.html")
    assert "most_text_dropped" in [w.code for w in doc.warnings]


def test_docx_numbering_is_rendered_and_text_boxes_headers_footers_left_out() -> None:
    data = plans.prose_docx()
    text = clean_text(data)
    assert "一、加强重点领域信息公开" in text and "（二）推进重大项目信息公开。" in text
    assert "1.规范解读程序" in text and "2.丰富解读形式" in text  # the third level restarts under （一）
    for outside in ("扫码查看解读", "第 1 页", "某市人民政府办公室 发"):
        assert outside not in text
    doc = parse_bytes(data, "plan.docx")
    assert essentials(doc) == essentials(parse_bytes(plans.prose_text().encode(), "plan.txt"))


def test_word_number_formats() -> None:
    from gkparse.readers.docx import chinese_number, format_counter

    assert [chinese_number(n) for n in (9, 12, 30, 99)] == ["九", "十二", "三十", "九十九"]
    assert format_counter(2, "ideographTraditional") == "乙" and format_counter(12, "decimalEnclosedCircle") == "⑫"
    assert format_counter(1, "bullet") == ""


def test_sheet_serials_and_dates() -> None:
    for fmt in ("xlsx", "xls"):
        text = clean_text(BUILDERS[fmt]())
        assert "\n1\t公开财政" in text and "1.0" not in text
        assert "2024年6月30日" in text and "00:00" not in text


def test_pdf_table_over_pages_continues_and_page_furniture_is_dropped() -> None:
    data = plans.table_pdf(repeat=5)
    import pdfplumber

    with pdfplumber.open(__import__("io").BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
    doc = parse_bytes(data, "long.pdf")
    assert essentials(doc) == essentials(parse_bytes(plans.table_text(repeat=5).encode(), "long.txt"))
    text = clean_text(data)
    assert "- 1 -" not in text and "- 2 -" not in text
    assert text.count("序号\t工作任务") == 1  # the header printed again on page 2 is not a row
    assert text.count("某县人民政府办公室") == 1  # the running header is gone; the signature stays


def test_scanned_pdf_is_refused() -> None:
    with pytest.raises(InputError, match="no text layer: OCR it first"):
        parse_bytes(plans.scanned_pdf(), "scan.pdf")


def test_legacy_word_file_without_libreoffice_names_the_command(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gkparse.readers import office

    monkeypatch.setattr(office, "soffice", lambda: None)
    data = plans.legacy_doc()
    assert detect_format(data, "old.wps") == "doc"
    with pytest.raises(InputError, match=r"soffice --headless --convert-to docx old\.wps"):
        parse_bytes(data, "old.wps")


def test_zip_that_is_no_office_document_is_refused() -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "一、总体要求")
    with pytest.raises(InputError, match="unpack it first"):
        parse_bytes(buf.getvalue(), "files.zip")


def test_own_xlsx_output_reads_back(tmp_path: Path) -> None:
    """gkparse's own --format xlsx output is an Excel workbook that it reads (not refused as ZIP)."""
    src = tmp_path / "plan.txt"
    src.write_text(plans.table_text(), encoding="utf-8")
    out = tmp_path / "tasks.xlsx"
    run = subprocess.run([sys.executable, "-m", "gkparse", src, "-f", "xlsx", "-o", out], capture_output=True)
    assert run.returncode == 0, run.stderr
    doc = parse_bytes(out.read_bytes(), str(out))
    assert doc.source.format == "xlsx"


def test_folder_of_mixed_formats_in_one_command(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "scraped"
    folder.mkdir()
    (folder / "plan.txt").write_text(plans.table_text(), encoding="utf-8")
    for fmt, build in BUILDERS.items():
        (folder / f"plan.{fmt}").write_bytes(build())
    (folder / "old.doc").write_bytes(plans.legacy_doc())
    (folder / "photos.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    env = {"PATH": "/nonexistent"}  # no LibreOffice on PATH
    run = subprocess.run([sys.executable, "-m", "gkparse", folder, "-o", f"{tmp_path / 'out'}/"],
                         capture_output=True, text=True, encoding="utf-8", env=env)
    assert run.returncode == 1, run.stderr  # some inputs failed
    assert "8 files: 6 parsed, 0 skipped, 2 failed; 1 docx, 1 html, 1 pdf, 1 text, 1 xls, 1 xlsx;" in run.stderr
    assert "old.doc: a legacy Word/WPS file" in run.stderr and "soffice --headless --convert-to docx" in run.stderr
    assert "photos.zip:" in run.stderr
    assert len(list((tmp_path / "out").glob("*.json"))) == 6


def test_format_text_prints_clean_text_of_any_format(tmp_path: Path) -> None:
    src = tmp_path / "plan.docx"
    src.write_bytes(plans.table_docx())
    run = subprocess.run([sys.executable, "-m", "gkparse", src, "-f", "text"], capture_output=True, text=True,
                         encoding="utf-8")
    assert run.returncode == 0
    assert run.stdout.startswith(plans.TITLE) and "1\t公开财政预决算信息" in run.stdout


def test_the_real_pages_read_natively() -> None:
    """The stored gov.cn pages, when they are there: metadata table to document fields."""
    page = Path(__file__).resolve().parents[3] / "shared" / "realdocs" / "html"
    pages = sorted(page.glob("*.html")) if page.is_dir() else []
    if not pages:
        pytest.skip("the stored pages are not beside this checkout")
    for p in pages:
        doc = parse_bytes(p.read_bytes(), str(p))
        assert doc.source.format == "html" and doc.document.issuer and doc.document.doc_number
        assert doc.document.date is not None


def test_legacy_file_is_converted_with_libreoffice_when_it_is_there(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The conversion contract: ``soffice --headless --convert-to docx --outdir DIR FILE`` writes
    DIR/<stem>.docx. A stand-in soffice that does just that (with a real .docx) shows what gkparse does
    with the result."""
    converted = tmp_path / "converted.docx"
    converted.write_bytes(plans.table_docx())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        'while [ "$#" -gt 1 ]; do case "$1" in --outdir) out="$2"; shift;; --convert-to) fmt="$2"; shift;; esac; shift; done\n'
        'src="$1"; stem=$(basename "$src"); stem="${stem%.*}"\n'
        f'[ "$fmt" = docx ] && cp "{converted}" "$out/$stem.docx"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{__import__('os').environ['PATH']}")
    doc = parse_bytes(plans.legacy_doc(), "old.doc")
    assert doc.source.format == "doc" and doc.source.repairs[0] == "libreoffice"
    assert essentials(doc) == essentials(parse_bytes(plans.table_text().encode(), "plan.txt"))


def test_word_numbering_levels_overrides_and_styles() -> None:
    """Counters per list and level; deeper levels restart; a startOverride starts a list anew; a heading
    style linked to a list numbers its paragraphs."""
    from docx import Document
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="70">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1部分"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {w} w:numId="70"><w:abstractNumId w:val="70"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num {w} w:numId="71"><w:abstractNumId w:val="70"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    ))
    style = doc.styles["Heading 1"].element
    style.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:numId w:val="70"/></w:numPr>'))

    def numbered(text: str, num: int, level: int | None = None) -> None:
        p = doc.add_paragraph(text)
        xml = f'<w:numPr {w}>' + (f'<w:ilvl w:val="{level}"/>' if level is not None else "") + f'<w:numId w:val="{num}"/></w:numPr>'
        p._p.get_or_add_pPr().append(parse_xml(xml))

    doc.add_heading("总体要求", level=1)  # numbered by its style
    numbered("公开预算", 70, 1)
    numbered("公开决算", 70, 1)
    numbered("重点任务", 70, 0)
    numbered("解读政策", 70, 1)  # restarts under the new part
    numbered("另一清单", 71, 0)  # the second list starts at 5
    out = __import__("io").BytesIO()
    doc.save(out)
    lines = clean_text(out.getvalue()).split("\n")
    assert lines == ["第一部分总体要求", "①公开预算", "②公开决算", "第二部分重点任务", "①解读政策", "第五部分另一清单"]


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_truncated_files_give_a_reason_not_a_traceback(fmt: str) -> None:
    data = BUILDERS[fmt]()
    for cut in (100, len(data) // 3, len(data) // 2 + 1, len(data) - 7):
        try:
            parse_bytes(data[:cut], f"cut.{fmt}")
        except InputError as err:
            assert err.reason and "\n" not in err.reason
            if fmt == "xls":
                assert "Excel" in err.reason  # told by its name when its directory is damaged


def test_html_page_cut_in_its_last_character_is_read() -> None:
    page = "<p>一、加强公开</p><p>（一）公开预算。（县财政局负责）</p><p>尾".encode()
    doc = parse_bytes(page[:-1], "cut.html")
    assert doc.source.encoding == "utf-8" and doc.tasks[0].units[0].name == "县财政局"


@pytest.mark.parametrize("part", ["word/document.xml", "xl/workbook.xml"])
def test_office_package_with_a_damaged_part_is_refused(part: str) -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(part, "<w:document><w:body><w:p>未闭合")
    with pytest.raises(InputError, match="not a readable"):
        parse_bytes(buf.getvalue(), "damaged")


def test_pdf_without_the_extra_names_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gkparse.readers import pdf

    monkeypatch.setattr(pdf, "_pdfplumber", lambda: None)
    with pytest.raises(InputError, match=r"pip install 'gkparse\[pdf\]'"):
        parse_bytes(plans.table_pdf(), "plan.pdf")


def test_html_title_outside_the_article_is_kept_without_the_date_beside_it() -> None:
    items = "".join(
        f"<p>（{n}）推进第{n}项公开工作，细化公开内容，及时更新发布。（县{u}负责）</p>"
        for n, u in zip("一二三四", ["财政局", "审计局", "统计局", "民政局"], strict=True)
    )
    page = (
        '<html><body><div class="top"><a>首页</a><a>政务公开</a></div><div class="wrap">'
        '<div class="detail-title"><h2>某县2024年政务公开工作要点</h2><span>发布时间：2024-03-01</span></div>'
        f'<div class="TRS_Editor"><p>一、加强信息公开</p>{items}</div></div>'
        '<div class="foot">版权所有：某县人民政府</div></body></html>'
    ).encode()
    assert clean_text(page).split("\n")[:2] == ["某县2024年政务公开工作要点", "一、加强信息公开"]
    doc = parse_bytes(page, "p.html")
    assert doc.document.title == "某县2024年政务公开工作要点" and len(doc.tasks) == 4


def test_pdf_prose_over_pages_reads_as_the_text() -> None:
    """Paragraphs wrapped at the page width and cut by a page break are one paragraph again; the running
    header and the page numbers are not text."""
    data = plans.prose_pdf(repeat=8)
    import pdfplumber

    with pdfplumber.open(__import__("io").BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
    doc = parse_bytes(data, "plan.pdf")
    assert essentials(doc) == essentials(parse_bytes(plans.prose_text(repeat=8).encode(), "plan.txt"))
    text = clean_text(data)
    assert "某市人民政府办公室文件" not in text and "第1页" not in text and "第2页" not in text
    assert text.split("\n") == clean_text(plans.prose_text(repeat=8)).split("\n")
