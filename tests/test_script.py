"""Script detection and traditional → simplified with gkparse's OpenCC config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkparse.text.repair import repair_text
from gkparse.text.script import detect_script, to_simplified, traditional_leftovers

CASES = json.loads((Path(__file__).parent / "cases" / "script.json").read_text(encoding="utf-8"))
SAMPLES = Path(__file__).parent.parent / "samples"
SCRIPTS = {
    "jiangxi-2019-traditional": "traditional",
    "xinle-2020-pinyin": "traditional",
    "shangyou-2023-table-tabs": "simplified",
    "pengjiang-2019-assessment-table": "simplified",
    "jilin-2019-division-plan": "simplified",
}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["label"])
def test_script_catalogue(case: dict) -> None:
    assert to_simplified(case["input"]) == case["expected"]
    assert traditional_leftovers(case["expected"]) == []


@pytest.mark.parametrize(("name", "script"), SCRIPTS.items())
def test_detect_script_of_seeds(name: str, script: str) -> None:
    text = repair_text((SAMPLES / f"{name}.txt").read_text(encoding="utf-8")).text
    assert detect_script(text) == script


def test_seed_000_writes_zhuoli_with_zhe() -> None:
    text = (SAMPLES / "jiangxi-2019-traditional.txt").read_text(encoding="utf-8")
    assert text.count("著力") == 8
    simplified = to_simplified(text)
    assert simplified.count("着力") == 8
    assert "著" not in simplified


def test_detect_script_mixed_and_unknown() -> None:
    assert detect_script("政務公開工作要點" * 3 + "政务公开工作要点" * 3) == "mixed"
    assert detect_script("IPv6 2019-05-17 一二") == "unknown"


def test_leftovers_reports_each_character_once() -> None:
    assert traditional_leftovers("衞生衞生、政務") == ["衞", "務"]
    assert traditional_leftovers("乾坤、於是") == []


def test_script_classes_agree_with_the_per_character_rules() -> None:
    from gkparse.text import script

    classes = script._script_classes()
    sample = [chr(cp) for cp in range(0x4E00, 0x9FFF, 7)] + list("著衞乾於后干發發現")
    for ch in sample:
        assert (classes.traditional.fullmatch(ch) is not None) == script._traditional_only(ch), ch
        expected_simplified = script._simplified_only(ch) and not script._traditional_only(ch)
        assert (classes.simplified.fullmatch(ch) is not None) == expected_simplified, ch
