"""Unit tests of the numbering grammar, the unit splitter and the deadline normalizer, driven by the
case catalogues in tests/cases/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkparse.extract.deadlines import extract_deadlines, extract_recurrence
from gkparse.extract.units import extract_units, parse_unit_clause, split_units
from gkparse.structure.numbering import cn_to_int, int_to_cn, parse_marker

CASES = Path(__file__).parent / "cases"


def load(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", load("numbering.json"), ids=lambda c: c["input"])
def test_markers(case: dict) -> None:
    m = parse_marker(case["input"])
    if case["expected"] is None:
        assert m is None
    else:
        assert m is not None
        assert [m.style, m.value, m.norm] == case["expected"]


@pytest.mark.parametrize("n", [*range(1, 120), 200, 305, 999])
def test_chinese_numerals_round_trip(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n


@pytest.mark.parametrize("case", load("units.json"), ids=lambda c: c["label"])
def test_unit_clauses(case: dict) -> None:
    got = [[u.name, u.role] for u in parse_unit_clause(case["input"])]
    assert got == case["expected"]


@pytest.mark.parametrize("case", load("unit_texts.json"), ids=lambda c: c["label"])
def test_units_of_task_text(case: dict) -> None:
    got = [[u.name, u.role] for u in extract_units(case["input"])]
    assert got == case["expected"]


def test_shared_suffix_lists() -> None:
    assert split_units("各市（州）、县（市）政府、省直各部门") == ["各市（州）、县（市）政府", "省直各部门"]
    assert split_units("各市、县、区人民政府") == ["各市、县、区人民政府"]
    # a complete unit before a government is not a shared suffix
    assert split_units("各乡（镇）、县政府各部门") == ["各乡（镇）", "县政府各部门"]


@pytest.mark.parametrize("case", load("deadlines.json"), ids=lambda c: c["label"])
def test_deadlines(case: dict) -> None:
    got = [[str(d.date) if d.date else None, d.kind] for d in extract_deadlines(case["input"], case["year"], time_cell=case.get("time_cell", False))]
    assert got == case["expected"]


def test_deadline_in_time_cell_accepts_a_bare_date() -> None:
    (d,) = extract_deadlines("2023年7月30日", 2023, time_cell=True)
    assert (str(d.date), d.kind) == ("2023-07-30", "by")
    (d,) = extract_deadlines("持续推进", 2023, time_cell=True)
    assert d.kind == "ongoing" and d.date is None


def test_deadline_without_any_year_has_no_date() -> None:
    assert extract_deadlines("12月底前完成", None) == []


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("政府网站相应栏目确保每月至少更新一次", ["monthly"]),
        ("每年至少更新一次；审计公开栏目每季度至少更新一次", ["yearly", "quarterly"]),
        ("每半年至少开展一次专题研究", ["half-yearly"]),
        ("每周通报，每日监测", ["weekly", "daily"]),
        ("及时公开相关信息", []),
        ("1月31日前公开上一年度政府信息公开工作年度报告", []),  # the annual report is published once
        ("城乡居民基础养老金最低标准每人每月提高10元", []),  # a rate, not a monthly action
    ],
)
def test_recurrence(text: str, periods: list[str]) -> None:
    assert [r.period for r in extract_recurrence(text)] == periods
