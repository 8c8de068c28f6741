"""The fast paths of the text rules decide exactly as the plain rules they stand in front of.

Each fast path (a gate that skips a scan, a pattern rewritten so that the regex engine can skip text by
its first characters, a search around gate words) is checked against the plain form of the same rule on
random text drawn from the characters that matter to it, and on the lines of the samples.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gkparse.extract.conventions import FIRST_IS_LEAD_RE, read_conventions
from gkparse.extract.units import TRAILING_CLAUSE_RE, trailing_clause
from gkparse.text.boilerplate import CHROME_ANYWHERE_RE, CHROME_RES
from gkparse.text.pinyin import strip_pinyin_annotations
from gkparse.text.reflow import CSV_ROW_RE, is_csv_row
from gkparse.text.runon import MARKER_HINT_RE, SPACE_RUN_RE

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_LINES = [
    line for path in sorted(SAMPLES.glob("*.txt"))
    for line in path.read_bytes().decode("utf-8", "replace").split("\n")
]

# the plain forms: every position tried
PLAIN_MARKER_HINT_RE = re.compile(r"[一二三四五六七八九十0-9][、.．)）]|[\u2460-\u249b]")
PLAIN_SPACE_RUN_RE = re.compile(r"(?:[ \u3000]{2,}|\u3000)+")
PLAIN_CHROME_RE = re.compile("|".join(f"(?:{r.pattern})" for r in CHROME_RES if not r.pattern.startswith("^")))


@settings(max_examples=400)
@given(st.text(alphabet="一二十三19、.．)）①⑴⒈加强（", max_size=40), st.integers(0, 6))
def test_marker_hint_matches_where_the_plain_pattern_does(text: str, pos: int) -> None:
    a, b = PLAIN_MARKER_HINT_RE.search(text, pos), MARKER_HINT_RE.search(text, pos)
    assert (a and a.span()) == (b and b.span())


@settings(max_examples=400)
@given(st.text(alphabet=" \u3000公开a", max_size=40))
def test_space_runs_are_the_plain_pattern_s(text: str) -> None:
    assert [m.span() for m in SPACE_RUN_RE.finditer(text)] == [m.span() for m in PLAIN_SPACE_RUN_RE.finditer(text)]


@settings(max_examples=400)
@given(st.text(alphabet="1２,，序号编号 加强解读0", max_size=30))
def test_csv_row_is_the_plain_search(text: str) -> None:
    assert is_csv_row(text) == (CSV_ROW_RE.search(text) is not None)


@settings(max_examples=400)
@given(st.text(alphabet="（）()【】[]〔〕。；.;市财政局负责 ", max_size=30))
def test_trailing_clause_is_the_plain_search(text: str) -> None:
    stripped = text.rstrip()
    m = TRAILING_CLAUSE_RE.search(stripped, max(0, len(stripped) - 800))
    assert trailing_clause(text) == (None if m is None else (stripped[: m.start()], m.group(1)))


@settings(max_examples=300)
@given(st.text(alphabet="，列排在第一位首者的单位为牵头部门其余配合下同。市", max_size=60))
def test_conventions_are_found_as_by_a_search_of_the_whole_text(text: str) -> None:
    m = FIRST_IS_LEAD_RE.search(text)
    found = read_conventions(text)
    assert found.first_is_lead == (m is not None)
    if m is not None:
        others = m.group("others")
        assert found.others == (None if others is None else "responsible" if others == "责任" else "cooperating")


def test_chrome_words_are_found_on_the_lines_the_plain_pattern_finds() -> None:
    lines = [*SAMPLE_LINES, "浏览次数：12", "打印本页 关闭窗口", "本网站由某市人民政府办公室主办", "加强政府网站首页建设。"]
    assert [bool(CHROME_ANYWHERE_RE.search(x)) for x in lines] == [bool(PLAIN_CHROME_RE.search(x)) for x in lines]
    assert any(CHROME_ANYWHERE_RE.search(x) for x in lines)


def test_pinyin_gate_passes_over_pages_without_annotations_and_not_over_annotations() -> None:
    # nothing to strip: English abbreviations and Chinese words in brackets
    for text in ("推进IPv6(IPv6)部署（试行）(一)", "（一）加强公开（市政府办公室负责）"):
        assert strip_pinyin_annotations(text) == text
    # annotations right after their character, and with a page break or a space inside the bracket
    assert strip_pinyin_annotations("當(dāng)前") == "當前"
    assert strip_pinyin_annotations("當（ dāng）前") == "當前"
    assert "dāng" not in strip_pinyin_annotations("當(\ndāng)前")
