"""Large documents: the JSON text written piece by piece is the document's JSON byte for byte, and peak
memory stays within a multiple of the input's size (``pytest -m large``; figures: benchmarks/memory.py)."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gkparse
from gkparse.cli import app
from gkparse.export import jsontext
from gkparse.export.jsontext import DocumentJson
from gkparse.pipeline import stream_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bigdocs import BASELINE, MB, build, peak_rss  # noqa: E402

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))


@pytest.mark.parametrize("compact", [False, True], ids=["indented", "compact"])
def test_pieces_make_the_documents_json(compact: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsontext, "PIECE_CHARS", 300)  # many pieces per document
    for src in SAMPLES:
        doc = gkparse.parse_bytes(src.read_bytes(), src.name)
        pieces = list(DocumentJson(doc, compact).pieces())
        assert "".join(pieces) == doc.model_dump_json(indent=None if compact else 2), src.name
        assert len(pieces) > 1 or not doc.tasks or len(pieces[0]) < 600


# documents whose tasks depend on the whole document: a declared short name used before and after its
# declaration, a page cut off inside its last unit name, a plan with no tasks, a repeated scrape
STREAM_CASES = [
    "某市2024年政务公开工作要点\n一、加强解读。（市发改委负责）\n二、做好公开。由市发展和改革委员会（以下简称市发改委）"
    "牵头。\n三、规范发布。（市发改委、市财政局负责）\n",
    "某县2024年政务公开工作要点\n一、加强政策解读。（县政府办公室负责）\n二、做好数据发布。（县统计局、人民银",
    "某县2024年政务公开工作要点\n这一年没有列出任务。\n",
    "某县2024年政务公开工作要点\n一、加强政策解读。（县政府办公室负责）\n二、规范发布。（县财政局负责）\n"
    "某县2024年政务公开工作要点\n一、加强政策解读。（县政府办公室负责）\n二、规范发布。（县财政局负责）\n",
]


@pytest.mark.parametrize("compact", [False, True], ids=["indented", "compact"])
def test_the_tasks_made_as_they_are_written_make_the_documents_json(compact: bool) -> None:
    inputs = [src.read_bytes() for src in SAMPLES] + [text.encode("utf-8") for text in STREAM_CASES]
    for data in inputs:
        doc = gkparse.parse_bytes(data)
        held = [data]
        streamed = DocumentJson(stream_bytes(held), compact)
        assert held == []  # the bytes were taken: the caller's reference is the only one left
        assert str(streamed) == doc.model_dump_json(indent=None if compact else 2)
        assert (streamed.tasks, streamed.units) == (len(doc.tasks), sum(len(t.units) for t in doc.tasks))
    assert [w.code for w in gkparse.parse_text(STREAM_CASES[1]).warnings] == ["truncated"]


def test_writing_into_a_file_holds_less_than_the_whole_document(tmp_path: Path) -> None:
    """Peak memory of ``-o FILE``, where the tasks are made as they are written, against stdout, where the
    document is parsed whole first (README, Memory): a 3 MB plan, above the command's baseline."""
    small = tmp_path / "small.txt"
    small.write_text(BASELINE, encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(build("plans", 3 * MB))
    base = peak_rss(small)
    into_file = peak_rss(big) - base
    on_stdout = peak_rss(big, stdout=True) - base
    assert into_file < 0.75 * on_stdout, (into_file / MB, on_stdout / MB)  # 24 MB and 40 MB when written


def test_a_document_without_tasks_and_one_that_quotes_the_task_key() -> None:
    for text in ("没有任何编号的一段文字。\n", '某县2024年政务公开工作要点\n一、公开"tasks": []等字样。（县政府办公室负责）\n'):
        doc = gkparse.parse_text(text)
        assert str(DocumentJson(doc, False)) == doc.model_dump_json(indent=2)
        assert str(DocumentJson(doc, True)) == doc.model_dump_json()


def test_it_pickles_as_the_text() -> None:
    doc = gkparse.parse_bytes(SAMPLES[0].read_bytes())
    copy = pickle.loads(pickle.dumps(DocumentJson(doc, True)))
    assert type(copy) is str and copy == doc.model_dump_json()


@pytest.mark.parametrize("args", [[], ["--compact"], ["--format", "jsonl"], ["-j", "2"]], ids=str)
def test_the_command_writes_the_documents_json(tmp_path: Path, args: list[str]) -> None:
    src = tmp_path / "plans.txt"
    src.write_bytes(build("plans", 400_000))
    doc = gkparse.parse_file(src)
    compact = bool(args) and args[0] != "-j"
    expected = doc.model_dump_json(indent=None if compact else 2).replace(str(src), "PATH")
    one = CliRunner().invoke(app, [str(src), *args])
    assert one.exit_code == 0, one.output
    assert one.stdout_bytes.decode("utf-8").replace(str(src), "PATH") == expected + "\n"
    out = tmp_path / "out"
    folder = CliRunner().invoke(app, [str(src), "-o", f"{out}/", *args])
    assert folder.exit_code == 0, folder.output
    if not args or args[0] != "--format":
        written = (out / "plans.txt.json").read_text(encoding="utf-8").replace(str(src), "PATH")
        assert written == expected + "\n"
    file = CliRunner().invoke(app, [str(src), "-o", str(tmp_path / "one.json"), *args])
    assert file.exit_code == 0, file.output
    assert (tmp_path / "one.json").read_text(encoding="utf-8").replace(str(src), "PATH") == expected + "\n"


LARGE = 100 * MB  # a large document: 10 MB or more (README, Memory)
RATIO = 8  # peak memory above the command's baseline, as a multiple of the input's size (5.6 at 50 MB; 4 is not reached)


@pytest.mark.large
@pytest.mark.parametrize("kind", ["plans"])
def test_peak_memory_of_a_100_mb_document(tmp_path: Path, kind: str) -> None:
    small = tmp_path / "small.txt"
    small.write_text(BASELINE, encoding="utf-8")
    base = peak_rss(small)
    big = tmp_path / "big.txt"
    big.write_bytes(build(kind, LARGE))
    peak = peak_rss(big)
    assert peak - base <= RATIO * big.stat().st_size, f"{(peak - base) / big.stat().st_size:.1f}x"
