"""clean: boilerplate and spam out, whitespace normalized, broken sentences rejoined; seeds and samples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gkparse.pipeline import clean_bytes
from gkparse.text.boilerplate import judge_line
from gkparse.text.clean import clean, normalize_whitespace
from gkparse.text.decode import decode_bytes
from gkparse.text.pinyin import strip_pinyin_annotations
from gkparse.text.reflow import reflow
from gkparse.text.runon import is_run_on, split_run_on
from gkparse.text.repair import repair_text
from gkparse.text.script import to_simplified, traditional_leftovers

CASES = Path(__file__).parent / "cases"
SAMPLES = Path(__file__).parent.parent / "samples"
SEEDS = [
    "jiangxi-2019-traditional",
    "xinle-2020-pinyin",
    "shangyou-2023-table-tabs",
    "pengjiang-2019-assessment-table",
    "jilin-2019-division-plan",
]
SYNTHETIC = [
    "gb18030-encoded",
    "big5-traditional",
    "utf16-bom",
    "pinyin-annotated",
    "gbk-mojibake",
    "latin1-mojibake",
    "seo-spam-footer",
    "page-breaks",
]
# A line that starts with a numbering marker: 一、 （一） (一) 1. 1、
NUMBERED_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))")
# Chrome and spam of the seeds, after script conversion: none may survive.
SEED_DROPS = {
    "jiangxi-2019-traditional": ["首页", "日期:2019-05-17 09:15", "来源:江西省人民政府办公厅", "相关解读", "无码"],
    "xinle-2020-pinyin": ["当前位置", "> 政府信息公开"],
}
# Content the seeds must keep.
SEED_KEEPS = {
    "jiangxi-2019-traditional": ["2019年5月13日", "(此件主动公开)", "着力抓好政策解读"],
    "jilin-2019-division-plan": [
        "索引号:\t11220000MB1726532P/2019-03791",
        "发文机关:\t吉林省政务公开",
        "标题:\t关于印发2019年全省政务公开工作重点任务分工方案的通知",
        "发文字号:\t吉政公组〔2019〕1号\t发布日期:\t2019年05月29日",
        "（省司法厅牵头组织推动",
        "等经济社会热点",
        "符合省情和客观实际",
        "定期听取汇报",
        "指导监督各地对口部门做好相关政府信息的公开工作)",
    ],
    "shangyou-2023-table-tabs": ["\t重点任务\n\t责任分工\n\t工作要求", "提升政务服务效能，优化营商环境。", "\n\t\n"],
}


def load(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def before_clean(data: bytes) -> str:
    """The input of clean: decoded, repaired and simplified (line numbers unchanged)."""
    return to_simplified(repair_text(decode_bytes(data).text).text)


def assert_no_leaks_and_numbered_lines_kept(data: bytes) -> str:
    source = before_clean(data)
    out = clean_bytes(data).text
    out_lines = [line.lstrip("\t") for line in out.split("\n")]
    assert traditional_leftovers(out) == []
    assert strip_pinyin_annotations(out) == out
    assert [line for line in out.split("\n") if judge_line(line).reason] == []
    for line in source.split("\n"):
        item = line.strip(" \t\u3000")
        if NUMBERED_RE.match(item):
            assert any(o.startswith(item[:20]) for o in out_lines), item
    return out


@pytest.mark.parametrize("case", load("boilerplate.json"), ids=lambda c: c["label"])
def test_boilerplate_catalogue(case: dict) -> None:
    assert judge_line(case["input"]).reason == case["reason"]


@pytest.mark.parametrize("case", load("spam_suffix.json"), ids=lambda c: c["label"])
def test_spam_suffix_catalogue(case: dict) -> None:
    verdict = judge_line(case["input"])
    assert (verdict.text, verdict.reason, verdict.dropped) == (case["kept"], "spam", case["dropped"])


@pytest.mark.parametrize("case", load("reflow.json"), ids=lambda c: c["label"])
def test_reflow_catalogue(case: dict) -> None:
    assert reflow(case["input"]) == case["expected"]
    assert clean(case["input"]).text == case["expected"]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_cleans_without_leaks(name: str) -> None:
    out = assert_no_leaks_and_numbered_lines_kept((SAMPLES / f"{name}.txt").read_bytes())
    for dropped in SEED_DROPS.get(name, []):
        assert dropped not in out
    for kept in SEED_KEEPS.get(name, []):
        assert kept in out


@pytest.mark.parametrize("name", SYNTHETIC)
def test_synthetic_sample_cleans_without_leaks(name: str) -> None:
    assert_no_leaks_and_numbered_lines_kept((SAMPLES / f"{name}.txt").read_bytes())


def test_removed_lines_point_at_the_input() -> None:
    data = (SAMPLES / "jiangxi-2019-traditional.txt").read_bytes()
    source = before_clean(data).split("\n")
    removed = clean_bytes(data).removed
    assert [(r.line, r.reason) for r in removed] == [
        (1, "boilerplate"), (2, "boilerplate"), (6, "boilerplate"), (69, "boilerplate"), (71, "boilerplate"),
        (73, "spam"),
    ]
    for r in removed:
        assert source[r.line - 1].strip() == r.text


def test_spam_glued_to_content_is_cut_and_recorded() -> None:
    cleaned = clean("（二）公开直达资金。（区财政局负责）久久精品国产亚洲AV无码| 中文字幕人妻丝袜\n")
    assert cleaned.text == "（二）公开直达资金。（区财政局负责）"
    assert [(r.line, r.reason, r.text) for r in cleaned.removed] == [
        (1, "spam", "久久精品国产亚洲AV无码| 中文字幕人妻丝袜")
    ]


def test_whitespace_keeps_tabs_and_one_blank_line() -> None:
    text = "\n\n\u3000\u3000一、总体要求  \n\n\n\n\t\n\t重点任务\n \u00a0\n\t责任分工\t\n\n"
    assert normalize_whitespace(text) == "一、总体要求\n\n\t\n\t重点任务\n\n\t责任分工\t"


def test_clean_is_idempotent_on_seeds() -> None:
    for name in SEEDS + SYNTHETIC:
        once = clean_bytes((SAMPLES / f"{name}.txt").read_bytes()).text
        assert clean(once).text == once, name


@pytest.mark.parametrize("case", load("runon.json"), ids=lambda c: c["label"])
def test_run_on_catalogue(case: dict) -> None:
    """A line holding several paragraphs is split where they were, by the evidence of its numbering;
    ``expected`` null: the line is one paragraph and stays whole."""
    line = case["input"]
    if case["expected"] is None:
        assert not is_run_on(line)
        assert clean(line).text == line
    else:
        assert is_run_on(line)
        assert split_run_on(line) == case["expected"]
        cleaned = clean(line)
        dropped = {r.text for r in cleaned.removed}  # page chrome goes as a line of its own
        assert cleaned.text == "\n".join(p for p in case["expected"] if p not in dropped)
