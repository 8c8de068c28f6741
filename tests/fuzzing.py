"""What the fuzz tests feed the parser: documents assembled from the pieces that real plans and scrapes
are made of (markers, unit clauses, table rows, deadlines, chrome, spam, broken bytes), and the check that
every input ends as a valid document or an ``InputError``. Used by ``test_fuzz.py`` and by
``benchmarks/fuzz.py`` (the same check, for minutes or hours)."""

from __future__ import annotations

import json
import time
from functools import lru_cache

from hypothesis import strategies as st

import gkparse
from gkparse.errors import InputError

PIECES = [
    "一、", "二、", "（一）", "（二）", "1.", "2、", "（3）", "①", "第一章", "A.", "\n", "\n\n", "\t", "|", " | ",
    "，", "。", "；", "：", "、", "（", "）", "(", ")", "〔", "〕", "“", "”", "《", "》",
    "加强政策解读", "推进政务公开", "市政府办公室", "各县区人民政府", "市财政局", "牵头", "负责", "配合", "等部门",
    "等", "责任单位：", "牵头单位：", "配合单位：", "完成时限：", "2021年6月底前", "年底前", "长期坚持", "每季度",
    "12月底前", "序号", "工作任务", "责任单位", "完成时限", "1", "2", "3", "1000", ",", "关于印发", "的通知",
    "工作要点", "附件", "首页 > 政务公开 > ", "来源：", "浏览次数：", "久久中文字幕", "彩票", "&amp;", "&#x4e00;",
    "\ufffd", "\u3000", " ", "zhèng", "政（zhèng）", "鏀垮姟", "Ã©", "\x00", "\x1b[2J", "\r\n", "\u200b",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=400).map("".join)
ENCODED = st.tuples(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-32", "big5"])).map(
    lambda p: p[0].encode(p[1], "replace")
)
# Whole encodings, cut or damaged at one place, or plain random bytes.
DAMAGED = st.tuples(ENCODED, st.integers(0, 4000), st.binary(max_size=4)).map(
    lambda p: p[0][: p[1]] + p[2] + p[0][p[1] :]
)
DOCUMENTS = st.one_of(ENCODED, DAMAGED, st.binary(max_size=1024))
MAX_SECONDS_PER_KB = 1.0


@lru_cache(maxsize=1)
def validator():
    import jsonschema

    schema = gkparse.json_schema()
    return jsonschema.Draft202012Validator(schema)


def check(data: bytes) -> float:
    """Parse ``data``: a document valid against the schema, or an InputError; the seconds it took."""
    start = time.perf_counter()
    try:
        doc = gkparse.parse_bytes(data, "fuzz.txt")
    except InputError as err:
        assert err.code and err.reason
        return time.perf_counter() - start
    elapsed = time.perf_counter() - start
    validator().validate(json.loads(doc.model_dump_json()))
    return elapsed
