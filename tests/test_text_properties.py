"""Property tests of the text stages (hypothesis), with alphabets that look like the real documents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gkparse.errors import InputError
from gkparse.text.clean import clean
from gkparse.text.decode import decode_bytes
from gkparse.text.repair import repair_text
from gkparse.text.script import detect_script, to_simplified

# Common characters of work plans, plus the punctuation and ASCII they are written with.
COMMON_CJK = "政务公开工作要点推进加强建设管理服务信息发展制度规范完善落实监督重点领域人民政府厅省市县区部门单位年月日"
ALPHABET = COMMON_CJK + "、，。：；（）()〔〕" + "abcXYZ0123456789" + "\n"
# Simplified characters with no traditional counterpart and no chrome or spam vocabulary.
CLEAN_CJK = "工作要点推进加强建设管理制度规范完善落实监督重点领域人民政府省市部门单位年月日和的在对"
SENTENCE = st.text(st.sampled_from(CLEAN_CJK + "，、"), min_size=1, max_size=30).filter(
    lambda s: s[0] in CLEAN_CJK
)
CLEAN_DOC = st.lists(SENTENCE.map(lambda s: s + "。"), min_size=1, max_size=8).map("\n".join)
ANY_TEXT = st.text(
    st.one_of(st.sampled_from(ALPHABET + "\t \u3000\ufffd&#;>|首页来源（一）"), st.characters()), max_size=200
)
SETTINGS = settings(max_examples=60, deadline=None)


@SETTINGS
@given(st.text(st.sampled_from(ALPHABET), min_size=1, max_size=80).filter(str.strip),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_decode_gives_back_what_was_encoded(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)).text == text


@SETTINGS
@given(st.binary(max_size=300))
def test_decode_raises_only_input_error(data: bytes) -> None:
    try:
        decode_bytes(data)
    except InputError:
        pass


@SETTINGS
@given(CLEAN_DOC)
def test_stages_leave_clean_simplified_text_unchanged(text: str) -> None:
    assert repair_text(text).text == text
    assert repair_text(text).repairs == []
    assert to_simplified(text) == text
    assert clean(text).text == text
    assert clean(text).removed == []


@SETTINGS
@given(ANY_TEXT)
def test_no_stage_raises_and_lines_stay(text: str) -> None:
    repaired = repair_text(text)
    assert repaired.text.count("\n") == text.count("\n")
    detect_script(repaired.text)
    simplified = to_simplified(repaired.text)
    cleaned = clean(simplified)
    assert clean(cleaned.text).text == cleaned.text


# A well-formed plan: title, a goal section, numbered tasks with unit clauses, a closing section.
UNIT_NAMES = ["县财政局", "县教育局", "县司法局", "县统计局", "县审计局", "县融媒体中心", "县行政审批服务局"]
# a task's title opens with a verb (推进…, 加强…); text after a bracketed number that opens with 的 or 中
# is a cross-reference (本方案（一）的要求), not a task
TASK_WORDS = st.tuples(st.sampled_from(["推进", "加强", "完善", "落实", "规范", "建设", "监督"]),
                       st.text(st.sampled_from(CLEAN_CJK), min_size=2, max_size=10)).map("".join)
TASK = st.tuples(
    TASK_WORDS, SENTENCE,
    st.lists(st.sampled_from(UNIT_NAMES), min_size=1, max_size=3, unique=True),
    st.one_of(st.none(), st.integers(1, 12)),
)
PLAN = st.tuples(
    st.sampled_from(["（{}）", "{}."]),
    st.lists(st.lists(TASK, min_size=1, max_size=4), min_size=1, max_size=3),
)


def _plan_lines(style: str, sections: list[list[tuple]]) -> list[str]:
    from gkparse.structure.numbering import int_to_cn

    lines = ["某县2024年政务公开工作要点", "一、工作目标", "全面提升政务公开质量。"]
    for s, tasks in enumerate(sections, start=2):
        lines.append(f"{int_to_cn(s)}、推进重点领域公开")
        for t, (title, sentence, units, month) in enumerate(tasks, start=1):
            number = style.format(int_to_cn(t) if style.startswith("（") else t)
            due = f"2024年{month}月底前完成。" if month else ""
            lines.append(f"{number}{title}。{sentence}。{due}（责任单位：{'、'.join(units)}）")
    lines += [f"{int_to_cn(len(sections) + 2)}、保障措施", "各单位要加强组织领导。"]
    return lines


def _tasks(text: str) -> list[tuple]:
    from gkparse import parse_text

    return [(t.path, t.title, sorted((u.name, u.role) for u in t.units), [str(d.date) for d in t.deadlines])
            for t in parse_text(text).tasks]


@settings(max_examples=40, deadline=None)
@given(PLAN, st.sampled_from(["", " "]))
def test_a_plan_joined_into_one_line_gives_the_same_tasks(plan: tuple, joint: str) -> None:
    lines = _plan_lines(*plan)
    tasks = _tasks("\n".join(lines))
    assert len(tasks) == sum(len(s) for s in plan[1])  # the goal and closing sections are not tasks
    assert _tasks(joint.join(lines)) == tasks
