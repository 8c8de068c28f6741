"""repair_text and its named repairs: catalogues, seeds, line stability, lossy mojibake."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest

from gkparse.pipeline import clean_bytes
from gkparse.text.mojibake import fix_gbk_mojibake, fix_latin1_mojibake
from gkparse.text.pinyin import strip_pinyin_annotations
from gkparse.text.repair import repair_text

CASES = Path(__file__).parent / "cases"
SAMPLES = Path(__file__).parent.parent / "samples"
SEEDS = sorted(
    SAMPLES / f"{n}.txt"
    for n in ("jiangxi-2019-traditional", "xinle-2020-pinyin", "shangyou-2023-table-tabs",
              "pengjiang-2019-assessment-table", "jilin-2019-division-plan")
)
FIXERS = {"gbk": fix_gbk_mojibake, "latin1": fix_latin1_mojibake}
ANY_ANNOTATION_RE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def load(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def marks(cases: list[dict]) -> list:
    return [
        pytest.param(c, id=c["label"], marks=[pytest.mark.xfail] if c.get("expect") == "fail" else [])
        for c in cases
    ]


@pytest.mark.parametrize("case", marks(load("pinyin.json")))
def test_pinyin_catalogue(case: dict) -> None:
    assert strip_pinyin_annotations(case["input"]) == case["expected"]


@pytest.mark.parametrize("case", marks(load("mojibake.json")))
def test_mojibake_catalogue(case: dict) -> None:
    assert FIXERS[case["kind"]](case["input"]) == case["expected"]


@pytest.mark.parametrize("case", marks(load("normalize.json")))
def test_normalize_catalogue(case: dict) -> None:
    repaired = repair_text(case["input"])
    assert repaired.text == case["expected"]
    assert repaired.repairs == case["repairs"]


def test_seed_001_loses_all_1327_annotations_and_no_parenthesis() -> None:
    text = (SAMPLES / "xinle-2020-pinyin.txt").read_text(encoding="utf-8")
    assert len(ANY_ANNOTATION_RE.findall(text)) == 1327
    repaired = repair_text(text)
    assert repaired.repairs == ["pinyin_annotations"]
    assert not ANY_ANNOTATION_RE.search(repaired.text)
    assert text.count("(") - repaired.text.count("(") == 1327
    assert text.count(")") - repaired.text.count(")") == 1327


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_repair_keeps_line_numbers(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    assert repair_text(text).text.count("\n") == text.count("\n")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
@pytest.mark.parametrize("codec", ["latin-1", "sloppy-windows-1252"])
def test_latin1_mojibake_of_seed_cleans_to_the_same_text(seed: Path, codec: str) -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    raw = seed.read_bytes()
    mangled = raw.decode("utf-8").encode("utf-8").decode(codec).encode("utf-8")
    result = clean_bytes(mangled)
    assert "latin1_mojibake" in result.repairs
    assert result.text == clean_bytes(raw).text


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_lossy_gbk_mojibake_of_seed_mostly_comes_back(seed: Path) -> None:
    raw = seed.read_bytes()
    mangled = raw.decode("gb18030", errors="replace").encode("utf-8")
    result = clean_bytes(mangled)
    expected = clean_bytes(raw).text
    assert "gbk_mojibake" in result.repairs
    assert result.damaged > 0
    assert difflib.SequenceMatcher(None, expected, result.text, autojunk=False).ratio() >= 0.8


def test_damage_is_counted_and_left_in_place() -> None:
    repaired = repair_text("政务公开锟斤拷工作\ufffd要点")
    assert repaired.text == "政务公开锟斤拷工作\ufffd要点"
    assert repaired.damaged == 3
    assert repaired.repairs == []


def test_each_repair_is_listed_once() -> None:
    repaired = repair_text("當(dāng)前&nbsp;首頁(yè)&amp;ＡＰＰ\n鍏充簬(x)\n鍏充簬")
    assert repaired.repairs == [
        "html_entities", "gbk_mojibake", "invisible_spaces", "pinyin_annotations", "fullwidth_ascii"
    ]
