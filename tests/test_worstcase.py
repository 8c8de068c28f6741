"""Pathological inputs finish in time linear in their size: each case hung or took minutes before.

Each document goes through the installed command in a subprocess with a generous time limit, so that a
regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gkparse.pipeline import clean_text
from gkparse.structure.layout import split_blocks

LIMIT = 90  # seconds; each case takes a few seconds now, and minutes or hours before


def run(tmp_path: Path, text: str) -> dict:
    src = tmp_path / "doc.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "doc.json"
    proc = subprocess.run(
        [sys.executable, "-m", "gkparse", str(src), "-o", str(out)], capture_output=True, timeout=LIMIT
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_long_chain_of_trailing_deng_words(tmp_path: Path) -> None:
    # each further 等部门 doubled the time of the trailing-words pattern: 30 took about six minutes
    doc = run(tmp_path, "一、加强公开（市政府" + "等部门" * 30 + "办公室牵头）。\n")
    assert doc["tasks"] and doc["tasks"][0]["title"].startswith("加强公开")


def test_a_spam_term_before_a_long_line(tmp_path: Path) -> None:
    # the spam tail was judged again at every sentence end: quadratic in the line
    doc = run(tmp_path, "久久中文字幕" + "加强政策解读。" * 50_000 + "\n")
    assert doc["source"]["size"] > 1_000_000


@pytest.mark.parametrize(
    "line", ["（", "加强政策解读，推进政务公开标准化规范化建设提升服务"], ids=["open-bracket", "hard-wrap"]
)
def test_a_hard_wrapped_paragraph(tmp_path: Path, line: str) -> None:
    # the joined line's brackets were counted again for every line joined to it
    text = (line + "\n") * (1_000_000 // len((line + "\n").encode()))
    doc = run(tmp_path, text)
    assert doc["source"]["size"] > 900_000


def test_a_csv_table_of_many_rows(tmp_path: Path) -> None:
    # each row copied its siblings to find the row above; rows numbered past 999 were joined as prose
    rows = "".join(f"{i},推进第{i}项政务服务事项标准化建设,市政府办公室,2021年底前\n" for i in range(1, 30_001))
    doc = run(tmp_path, "序号,工作任务,责任单位,完成时限\n" + rows)
    assert len(doc["tasks"]) == 30_000
    assert doc["tasks"][-1]["units"] == [{"name": "市政府办公室", "role": "responsible"}]


def _notice_with_cell_table(batch: int) -> str:
    rows = "".join(
        f"{r}\n推进第{batch}批第{r}项政务服务事项标准化。\n市行政审批局\n2021年6月底前\n\n" for r in range(1, 4)
    )
    return (
        f"关于印发某市第{batch}批政务公开重点任务的通知\n\n一、推进决策公开\n"
        f"（一）完善第{batch}批重大决策预公开制度，扩大公众参与。（市政府办公室牵头）\n\n"
        "附件\n\n重点任务分工表\n\n序号\n工作任务\n责任单位\n完成时限\n\n" + rows
    )


def test_a_cell_per_line_table_ends_where_the_next_document_starts() -> None:
    # the table was read to the end of the text: every later line became a cell
    text = clean_text("".join(_notice_with_cell_table(b) for b in range(1, 4)))
    blocks = split_blocks(text)
    rows = [b for b in blocks if b.kind == "row"]
    assert len(rows) == 9
    filled = [[c.text for c in r.cells if c.text] for r in rows]
    assert all(len(cells) == 4 and cells[1].startswith("推进第") for cells in filled)
    notices = [b for b in blocks if b.kind == "para" and b.text.startswith("关于印发")]
    assert len(notices) == 3


def test_thousands_of_deadlines_in_one_task(tmp_path: Path) -> None:
    # each deadline found was checked against every one found before it: quadratic in their number
    phrases = "".join(f"第{i}项{i % 12 + 1}月底前完成；" for i in range(80_000))
    doc = run(tmp_path, "某市2021年政务公开工作要点\n一、推进重点工作\n1.完善制度。" + phrases + "（市政府办公室负责）\n")
    (task,) = doc["tasks"]
    assert [d["date"] for d in task["deadlines"]] == [f"2021-{m:02d}-{[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]}" for m in range(1, 13)]
    assert task["units"] == [{"name": "市政府办公室", "role": "responsible"}]


class _Lines(list):
    """The text's lines, refusing to be copied from a line to the end: a copy for each of many tables
    made a document of many tables quadratic."""

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        if isinstance(key, slice) and key.stop is None and (key.start or 0) > 0:
            raise AssertionError(f"the lines from {key.start} on were copied")
        return super().__getitem__(key)


def test_many_tables_do_not_copy_the_rest_of_the_text() -> None:
    text = clean_text("".join(_notice_with_cell_table(b) for b in range(1, 4)) + "".join(
        f"序号\t工作任务\t责任单位\n{i}\t推进第{i}项政务服务事项标准化。\t市政府办公室\n\n说明第{i}项。\n\n" for i in range(1, 4)
    ))
    lines = _Lines(text.split("\n"))
    blocks = split_blocks(text, (), lines)
    assert blocks == split_blocks(text)
    rows = [b for b in blocks if b.kind == "row"]
    assert [b.line for b in rows if b.cells[0].text == "1"] == [15, 44, 73] and len(rows) == 15
