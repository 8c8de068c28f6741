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

from gkparse.extract.clauses import ROLE_START_RE
from gkparse.extract.conventions import FIRST_IS_LEAD_RE, read_conventions
from gkparse.extract.deadlines import DEADLINE_PATTERNS, WITHIN_RE, _within_spans, scan
from gkparse.extract.units import TRAILING_CLAUSE_RE, trailing_clause
from gkparse.text.boilerplate import (
    CHROME_ANYWHERE_RE, CHROME_RES, CHROME_START_RE, SPAM_START_RE, SPAM_STRONG_RE, _may_open_chrome,
)
from gkparse.text.clean import _lines_matching
from gkparse.text.pinyin import strip_pinyin_annotations
from gkparse.text.reflow import ASCII_LETTER_RE, CSV_ROW_RE, _Line, is_csv_row, reflow
from gkparse.text.runon import MARKER_HINT_RE, SPACE_RUN_RE, _inner_marker_hint, inner_hint_lines
from gkparse.text.script import SUPPLEMENTARY_HAN_RE, has_supplementary

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


@settings(max_examples=600)
@given(st.text(alphabet="一二十19、.．)）①⑴⒈加（( \u3000\t\n", max_size=50))
def test_lines_with_inner_hints_are_those_of_the_line_by_line_rule(text: str) -> None:
    expected = {n for n, line in enumerate(text.split("\n"), start=1) if _inner_marker_hint(line)}
    assert inner_hint_lines(text) == expected


@settings(max_examples=600)
@given(st.text(alphabet="不超得过 12五十两个工作日天月小时内以\u3000", max_size=30))
def test_within_spans_are_the_plain_pattern_s(text: str) -> None:
    assert list(_within_spans(text)) == [m.span() for m in WITHIN_RE.finditer(text)]


PLAIN_ROLE_START_RE = re.compile(
    r"""(?:对应?相关(?:工作|领域)|对应职能|按照?(?:各自)?职[责能]|根据职[责能]|依职责|结合职[责能]
        |(?:作为|为)(?=牵头|配合|协助|协同|参与|协办|主责|责任|负责|具体)
        |分别|牵头|负总责|负责|配合|协助|协同|参与|落实|抓好|做好|共同|组织实施|按要求|具体|按照
        |(?:统筹|指导|督导)(?![局委办厅署处科站所院部室组]|中心))""",
    re.VERBOSE,
)


@settings(max_examples=600)
@given(st.text(alphabet="作为牵头配合负责统筹指导督导局中心按照各自职责对应相关工作市", max_size=24), st.integers(0, 3))
def test_role_start_is_found_where_the_grouped_pattern_finds_it(text: str, pos: int) -> None:
    a, b = PLAIN_ROLE_START_RE.search(text, pos), ROLE_START_RE.search(text, pos)
    assert (a and a.span()) == (b and b.span())


@settings(max_examples=400)
@given(st.text(alphabet="2019年度0 16月日号底末前之以旬上中下半季第一二三四今本内完成至—每历", max_size=30), st.integers(0, 4))
def test_deadline_scans_give_the_plain_patterns_matches(text: str, start: int) -> None:
    for kind, pattern in DEADLINE_PATTERNS:
        plain = [(m.span(), m.groupdict()) for m in pattern.finditer(text, start)]
        scanned = [(m.span("all"), {k: v for k, v in m.groupdict().items() if k != "all"})
                   for m in scan(kind, text, start)]
        assert scanned == plain


@settings(max_examples=400)
@given(st.text(alphabet="无码中文字幕AVav bet365Bet12\n成人影网址加强", max_size=40))
def test_spam_lines_are_those_the_strong_pattern_finds(text: str) -> None:
    assert _lines_matching(SPAM_START_RE, text) == _lines_matching(SPAM_STRONG_RE, text)


@settings(max_examples=200)
@given(st.text(alphabet="國国這这a\n。的", max_size=300), st.sampled_from([1, 7, 64]))
def test_script_counts_by_chunks_are_the_counts_of_the_whole_text(text: str, chunk: int) -> None:
    import gkparse.text.script as script

    classes = script._script_classes()
    old = script.COUNT_CHUNK
    try:
        script.COUNT_CHUNK = chunk
        for pattern in (classes.traditional, classes.simplified, classes.han):
            assert script._count(pattern, text) == len(pattern.findall(text))
    finally:
        script.COUNT_CHUNK = old


# What chrome lines are made of: the runs of Han characters in the rules anchored at the line start,
# the signs before and after them, and what a line opens with otherwise.
CHROME_START_WORDS = sorted(
    {word for r in CHROME_RES if r.pattern.startswith("^") for word in re.findall(r"[\u3400-\u9fff]+", r.pattern)}
)
CHROME_START_SIGNS = sorted(set("网>»›＞【《》-—–－•·* \u3000\t:：/|1") | {"2019-05-17", "a.docx", ".pdf", "\n", "一、"})


@settings(max_examples=1500)
@given(
    st.lists(st.sampled_from(CHROME_START_SIGNS), max_size=2),
    st.lists(st.sampled_from(CHROME_START_WORDS), min_size=1, max_size=2),
    st.lists(st.sampled_from(CHROME_START_SIGNS + CHROME_START_WORDS), max_size=4),
)
def test_lines_passed_over_by_the_chrome_gate_match_no_rule_at_their_start(
    before: list[str], words: list[str], after: list[str]
) -> None:
    line = "".join(before + words + after)
    assert _may_open_chrome(line) or not CHROME_START_RE.match(line)


def test_chrome_gate_passes_over_no_line_a_rule_matches_at_its_start() -> None:
    ends = ["", ":", "：2019-05-17 09:15", " > 政务公开", "目录政府信息公开指南", " 1 2 下一页", "1页 共3页", "3页 第1页",
            "：DOCX", "：31页", "：1.5MB", "：大 中 小", "》由会员分享", " - 2 -"]
    lines = [x.strip() for x in SAMPLE_LINES] + [
        f"{before}{word}{end}" for before in ("", "-", "- ", "* ", "【", "• ", "·", " ", "网站", "首页", "文档")
        for word in CHROME_START_WORDS for end in ends
    ] + ["- 2 -", "—2—", "《某市政务公开工作要点.docx》由会员分享", "某市政务公开工作要点.docx", "a.pdf\n", "> 通知"]
    assert all(_may_open_chrome(x) for x in lines if CHROME_START_RE.match(x))
    assert sum(1 for x in lines if CHROME_START_RE.match(x)) > 500
    assert not all(_may_open_chrome(x) for x in lines)


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(["a", "政", "\uffff", "\U00010000", "\U00020000", "\U0003ffff", "\ud800"]), max_size=12))
def test_supplementary_gate_is_a_test_of_every_character(text: str) -> None:
    import gkparse.text.script as script

    old = script.COUNT_CHUNK
    try:
        for chunk in (old, 3):  # the whole text at once, and a few characters at a time
            script.COUNT_CHUNK = chunk
            assert has_supplementary(text) == any(ord(ch) > 0xFFFF for ch in text)
            assert has_supplementary(text) or not SUPPLEMENTARY_HAN_RE.search(text)
    finally:
        script.COUNT_CHUNK = old


def _plain_reflow(text: str) -> str:
    """reflow with a _Line made for every line, as :func:`~gkparse.text.reflow.reflow` did before."""
    out: list[str] = []
    last, current = -1, None
    for line in text.split("\n"):
        if line.strip(" ") == "" and line != "\t":
            out.append(line)
            continue
        if current is not None and current.continued_by(line):
            glue = " " if ASCII_LETTER_RE.match(current.tail[-1:]) and ASCII_LETTER_RE.match(line[:1]) else ""
            current.add(glue + line if glue else line)
            del out[last + 1 :]
            continue
        if current is not None:
            out[last] = current.text()
        out.append(line)
        last, current = len(out) - 1, _Line(line)
    if current is not None:
        out[last] = current.text()
    return "\n".join(out)


@settings(max_examples=600)
@given(st.text(alphabet="加强公开。，（）(a)一、1.\t \n：责任单位的通知", max_size=60))
def test_reflow_makes_a_line_object_only_where_it_decides_as_the_plain_loop(text: str) -> None:
    assert reflow(text) == _plain_reflow(text)


def test_reflow_of_the_samples_is_the_plain_loop_s() -> None:
    for path in sorted(SAMPLES.glob("*.txt"))[:40]:
        text = path.read_bytes().decode("utf-8", "replace")
        assert reflow(text) == _plain_reflow(text)
