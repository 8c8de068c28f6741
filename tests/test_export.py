"""Output formats, on documents built by hand (no parser involved)."""

from __future__ import annotations

import codecs
import csv
import io
import json

import openpyxl
import pytest

from gkparse.export import COLUMNS, Format, open_writer, task_rows
from gkparse.models import Deadline, DocumentMeta, ParsedDocument, Recurrence, Source, Task, Unit


def make_doc(path: str = "省级 文件/2019年 要点.txt", tasks: int = 2) -> ParsedDocument:
    """A small document with Chinese text, every unit role, a dated and an undated deadline."""
    return ParsedDocument(
        gkparse_version="0.1.0",
        source=Source(path=path, sha256="0" * 64, size=100, encoding="gb18030", script="simplified"),
        document=DocumentMeta(title="2019年全省政务公开工作要点", year=2019),
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


def write(fmt: Format, docs: list[tuple[str, object]], many: bool = True) -> bytes:
    out = io.BytesIO()
    writer = open_writer(fmt, out, many=many)
    for label, payload in docs:
        writer.add(label, payload)
    writer.close()
    return out.getvalue()


def test_task_rows_columns_and_joins() -> None:
    row = rows_of(make_doc())[0]
    assert dict(zip(COLUMNS, row)) == {
        "file": "a.txt",
        "id": "1.1",
        "path": "一 (一)",
        "headings": "加强政策解读",
        "title": "深入解读重要政策|第1项",
        "lead": "省发展改革委",
        "responsible": "各市人民政府",
        "cooperating": "省财政厅、省统计局",
        "deadlines": "2019-12-31；长期坚持",
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


def test_csv_has_bom_header_and_chinese() -> None:
    out = write(Format.csv, [("甲.txt", rows_of(make_doc(), "甲.txt")), ("乙.txt", [])])
    assert out.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 3
    assert rows[1][0] == "甲.txt"
    assert rows[1][COLUMNS.index("cooperating")] == "省财政厅、省统计局"
    assert rows[1][COLUMNS.index("requirements")] == "按要求\n公开"  # quoted, newline kept


def test_markdown_escapes_pipes_and_newlines() -> None:
    out = write(Format.md, [("a.txt", rows_of(make_doc()))]).decode("utf-8")
    lines = out.splitlines()
    assert lines[0].startswith("| file | id |")
    assert lines[1].startswith("| --- |")
    assert len(lines) == 4
    assert "深入解读重要政策\\|第1项" in lines[2]
    assert "按要求<br>公开" in lines[2]
    assert all(line.count(" | ") == len(COLUMNS) - 1 for line in lines)


def test_xlsx_header_frozen_and_chinese(tmp_path) -> None:
    data = write(Format.xlsx, [("甲.txt", rows_of(make_doc(), "甲.txt"))])
    target = tmp_path / "t.xlsx"
    target.write_bytes(data)
    sheet = openpyxl.load_workbook(target).active
    assert sheet.freeze_panes == "A2"
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == list(COLUMNS)
    assert values[1][COLUMNS.index("lead")] == "省发展改革委"
    assert values[1][COLUMNS.index("line")] == 11
    assert sheet.column_dimensions["E"].width >= 30
    assert sheet.cell(row=2, column=COLUMNS.index("title") + 1).alignment.wrap_text


def test_rich_table_renders_chinese() -> None:
    out = io.BytesIO()
    writer = open_writer(Format.table, out, many=True, no_color=True, width=200)
    writer.add("a.txt", rows_of(make_doc()))
    writer.close()
    text = out.getvalue().decode("utf-8")
    assert "省发展改革委" in text
    assert "\x1b[" not in text


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_writes_an_empty_batch(fmt: Format) -> None:
    out = io.BytesIO()
    open_writer(fmt, out, many=True).close()
    assert out.getvalue() or fmt in (Format.jsonl, Format.text)
