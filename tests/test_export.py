"""Output formats, on documents built by hand (no parser involved)."""

from __future__ import annotations

import codecs
import csv
import io
import json

import openpyxl
import pytest

from gkparse.export import COLUMNS, Format, open_writer, task_rows
from gkparse.export.rows import DEADLINE_COLUMNS, UNIT_COLUMNS, build
from gkparse.export.summary import SUMMARY_COLUMNS
from gkparse.models import Deadline, DocumentMeta, ParsedDocument, Recurrence, Source, Task, Unit


def make_doc(path: str = "省级 文件/2019年 要点.txt", tasks: int = 2) -> ParsedDocument:
    """A small document with Chinese text, every unit role, a dated and an undated deadline."""
    return ParsedDocument(
        gkparse_version="0.1.0",
        source=Source(path=path, sha256="0" * 64, size=100, encoding="gb18030", script="simplified"),
        document=DocumentMeta(title="2019年全省政务公开工作要点", year=2019, issuer="省政府办公厅"),
        tasks=[
            Task(
                id=f"1.{i}",
                path=["一", f"({'一二三'[i - 1]})"],
                headings=["加强政策解读"],
                title=f"深入解读重要政策|第{i}项",
                text="围绕经济社会发展，深入解读。\n（省发展改革委牵头，省财政厅、省统计局配合）",
                units=[
                    Unit(name="省发展改革委", role="lead"),
                    Unit(name="各市人民政府", role="responsible"),
                    Unit(name="省财政厅", role="cooperating"),
                    Unit(name="省统计局", role="cooperating"),
                ],
                deadlines=[
                    Deadline(text="年底前", date="2019-12-31", kind="by"),
                    Deadline(text="长期坚持", kind="ongoing"),
                ],
                recurrence=[Recurrence(text="每季度至少更新一次", period="quarterly")],
                requirements="按要求\n公开" if i == 1 else None,
                line=10 + i,
            )
            for i in range(1, tasks + 1)
        ],
    )


def rows_of(doc: ParsedDocument, label: str = "a.txt") -> list[list]:
    return task_rows(label, doc.model_dump(mode="json"))


def payload_of(doc: ParsedDocument, label: str = "a.txt") -> dict:
    return build(("tasks", "units", "deadlines"), label, doc.model_dump(mode="json"))


def write(fmt: Format, docs: list[tuple[str, object]], many: bool = True, **options) -> bytes:
    out = io.BytesIO()
    writer = open_writer(fmt, out, many=many, **options)
    for label, payload in docs:
        writer.add(label, payload)
    writer.close()
    return out.getvalue()


def test_task_rows_columns_and_joins() -> None:
    row = rows_of(make_doc())[0]
    assert dict(zip(COLUMNS, row)) == {
        "file": "a.txt",
        "document_title": "2019年全省政务公开工作要点",
        "year": 2019,
        "issuer": "省政府办公厅",
        "id": "1.1",
        "path": "一 (一)",
        "headings": "加强政策解读",
        "title": "深入解读重要政策|第1项",
        "lead": "省发展改革委",
        "responsible": "各市人民政府",
        "cooperating": "省财政厅、省统计局",
        "due": "2019-12-31",
        "deadlines": "年底前；长期坚持",
        "recurrence": "每季度至少更新一次",
        "requirements": "按要求\n公开",
        "line": 11,
    }


def test_document_without_tasks_has_no_rows() -> None:
    assert rows_of(make_doc(tasks=0)) == []


def test_json_array_is_streamed_and_valid() -> None:
    docs = [make_doc(), make_doc(tasks=0)]
    out = write(Format.json, [(d.source.path, d.model_dump_json(indent=2)) for d in docs])
    parsed = json.loads(out.decode("utf-8"))
    assert [len(d["tasks"]) for d in parsed] == [2, 0]
    assert "省发展改革委" in out.decode("utf-8")  # not \u-escaped


def test_json_array_of_nothing_is_empty_array() -> None:
    assert json.loads(write(Format.json, [])) == []


def test_jsonl_one_document_per_line() -> None:
    docs = [make_doc(), make_doc(tasks=1)]
    lines = write(Format.jsonl, [("a", d.model_dump_json()) for d in docs]).decode("utf-8").splitlines()
    assert [len(json.loads(line)["tasks"]) for line in lines] == [2, 1]


def test_text_headers_only_with_several_inputs() -> None:
    assert write(Format.text, [("a.txt", "正文")], many=False) == "正文\n".encode()
    many = write(Format.text, [("a.txt", "甲\n"), ("b.txt", "乙")]).decode("utf-8")
    assert many == "==> a.txt <==\n甲\n\n==> b.txt <==\n乙\n"


def test_unit_and_deadline_rows_are_tidy() -> None:
    payload = payload_of(make_doc(tasks=1))
    units = [dict(zip(UNIT_COLUMNS, row)) for row in payload["units"]]
    assert [(u["unit"], u["role"], u["position"]) for u in units] == [
        ("省发展改革委", "lead", 1), ("各市人民政府", "responsible", 2), ("省财政厅", "cooperating", 3),
        ("省统计局", "cooperating", 4),
    ]  # fmt: skip
    assert {(u["document_title"], u["year"], u["issuer"], u["task"]) for u in units} == {
        ("2019年全省政务公开工作要点", 2019, "省政府办公厅", "1.1")
    }
    deadlines = [dict(zip(DEADLINE_COLUMNS, row)) for row in payload["deadlines"]]
    assert [(d["text"], d["date"], d["kind"]) for d in deadlines] == [("年底前", "2019-12-31", "by"), ("长期坚持", "", "ongoing")]


def test_summary_counts_tasks_per_role_across_documents() -> None:
    docs = [("a.txt", payload_of(make_doc("a.txt"), "a.txt")), ("b.txt", payload_of(make_doc("b.txt", tasks=1), "b.txt"))]
    out = write(Format.csv, docs, rows="summary")
    rows = {r["unit"]: r for r in csv.DictReader(io.StringIO(out.decode("utf-8"), newline=""))}
    assert list(rows) == ["省发展改革委", "各市人民政府", "省统计局", "省财政厅"]  # most leads first, then by name
    lead = rows["省发展改革委"]
    assert (lead["lead"], lead["responsible"], lead["cooperating"], lead["tasks"], lead["documents"]) == ("3", "0", "0", "3", "2")
    assert rows["省财政厅"]["cooperating"] == "3" and rows["省财政厅"]["lead"] == "0"
    assert lead["document_titles"] == "2019年全省政务公开工作要点"
    assert lead["first_due"] == "2019-12-31"
    assert list(next(csv.reader(io.StringIO(out.decode("utf-8"))))) == list(SUMMARY_COLUMNS)


def test_csv_without_bom_unless_asked() -> None:
    plain = write(Format.csv, [("a.txt", payload_of(make_doc()))])
    assert not plain.startswith(codecs.BOM_UTF8) and plain.startswith(b"file,")
    assert write(Format.csv, [], bom=True).startswith(codecs.BOM_UTF8)


def test_csv_has_bom_header_and_chinese() -> None:
    out = write(Format.csv, [("甲.txt", payload_of(make_doc(), "甲.txt")), ("乙.txt", {"tasks": []})], bom=True)
    assert out.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 3
    assert rows[1][0] == "甲.txt"
    assert rows[1][COLUMNS.index("cooperating")] == "省财政厅、省统计局"
    assert rows[1][COLUMNS.index("requirements")] == "按要求\n公开"  # quoted, newline kept


def test_markdown_escapes_pipes_and_newlines() -> None:
    out = write(Format.md, [("a.txt", payload_of(make_doc()))]).decode("utf-8")
    lines = out.splitlines()
    assert lines[0].startswith("| file | document_title | year | issuer | id |")
    assert lines[1].startswith("| --- |")
    assert len(lines) == 4
    assert "深入解读重要政策\\|第1项" in lines[2]
    assert "按要求<br>公开" in lines[2]
    assert all(line.count(" | ") == len(COLUMNS) - 1 for line in lines)


def test_xlsx_header_frozen_and_chinese(tmp_path) -> None:
    data = write(Format.xlsx, [("甲.txt", payload_of(make_doc(), "甲.txt"))])
    target = tmp_path / "t.xlsx"
    target.write_bytes(data)
    sheet = openpyxl.load_workbook(target).active
    assert sheet.freeze_panes == "A2"
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == list(COLUMNS)
    assert values[1][COLUMNS.index("lead")] == "省发展改革委"
    assert values[1][COLUMNS.index("line")] == 11
    assert sheet.column_dimensions["H"].width >= 30  # title
    assert sheet.cell(row=2, column=COLUMNS.index("title") + 1).alignment.wrap_text


def test_rich_table_renders_chinese() -> None:
    out = io.BytesIO()
    writer = open_writer(Format.table, out, many=True, no_color=True, width=200)
    writer.add("a.txt", payload_of(make_doc()))
    writer.close()
    text = out.getvalue().decode("utf-8")
    assert "省发展改革委" in text
    assert "\x1b[" not in text


def test_xlsx_all_has_a_sheet_of_each_kind(tmp_path) -> None:
    data = write(Format.xlsx, [("甲.txt", payload_of(make_doc(), "甲.txt"))], rows="all")
    (tmp_path / "t.xlsx").write_bytes(data)
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["tasks", "units", "deadlines", "summary"]
    assert len(list(book["units"].iter_rows(values_only=True))) == 1 + 2 * 4
    assert list(book["deadlines"].iter_rows(values_only=True))[0] == DEADLINE_COLUMNS
    assert list(book["summary"].iter_rows(values_only=True))[1][:2] == ("省发展改革委", 2)


def test_table_off_a_terminal_never_cuts_cells() -> None:
    long_title = "加强重点领域信息公开" * 12
    doc = make_doc(tasks=1)
    doc.tasks[0] = doc.tasks[0].model_copy(update={"title": long_title})
    out = write(Format.table, [("a.txt", payload_of(doc))], many=False, no_color=True)
    text = out.decode("utf-8")
    assert long_title in text and "…" not in text


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_writes_an_empty_batch(fmt: Format) -> None:
    out = io.BytesIO()
    if fmt is Format.sqlite:
        open_writer(fmt, None, many=True, path=":memory:").close()
        return
    open_writer(fmt, out, many=True).close()
    assert out.getvalue() or fmt in (Format.jsonl, Format.text)
