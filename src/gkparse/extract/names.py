"""Unit names: a unit list split into names, each cleaned of role words and trailing 等部门.

A list is split at 、，；/ outside brackets; a shared-suffix list (各市、县（区）人民政府) stays one name,
and 和 / 及 / 与 / 会同 separate two full names (县委宣传部和各有关单位).

>>> split_units("各市〔州〕、县〔市〕政府，省政府各部门、各单位")
['各市（州）、县（市）政府', '省政府各部门', '各单位']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..caching import text_cache
from . import brackets
from .brackets import to_round

# Separators of units inside a list (never inside brackets).
SPLIT_CHARS = "、，,；;/／"

OPEN, CLOSE = brackets.OPEN + "“", brackets.CLOSE + "”"  # quotation marks too: 按照“谁起草、谁解读”原则

BRACKETS_RE = re.compile(f"[{re.escape(OPEN + CLOSE)}]")

COMMA_RE = re.compile(r"[，,]")

# Trailing words that are not part of a unit's name.
# 等部门, 等有关单位, 等8个部门, 等群团组织, 等市直部门, 等部门和单位, or 等 alone.
# One such word each, from one 等 to the next, so that a chain of them is stripped in linear time.
TRAIL_RE = re.compile(
    r"等(?:[\d一二三四五六七八九十]+个)?(?:(?![的等])[\u4e00-\u9fff]){0,10}?(?:部门|单位|机构|组织)"
    r"(?:[和及、](?:有关|相关)?(?:部门|单位))?|等"
)

LEAD_WORDS_RE = re.compile(r"^(?:由|请|会同|各自)")

LEAD_WORD_STARTS = frozenset("由请会各")

# A bare level word (各市, 县, 各县（市）) that shares the suffix of the next item: 各市、县（区）人民政府.
BARE_LEVEL_RE = re.compile(r"^各?(?:直管|自治)?(?:[省市县区乡镇州旗]|[市县区州]{2})(?:（[^（）]*）)?$")

# The last item of such a list, which carries the suffix: 县（区）人民政府, 自治县人民政府, 神农架林区自然资源和规划局.
LEVEL_GOV_RE = re.compile(
    r"^[省市县区乡镇州旗](?:（[^（）]*）)?(?:人民)?(?:政府|党委|管委会)$"
    r"|^[\u4e00-\u9fff]{0,4}?[省市县区州旗](?:（[^（）]*）)?(?![直级属各])(?!(?:人民)?政府.)(?:人民)?(?:政府|党委|管委会"
    r"|[\u4e00-\u9fff]{2,14}?(?:局|委|厅|办|办公室|部门|机构))$"
)

# Suffixes of unit names: used to accept an unlabelled list as units.
UNIT_SUFFIXES = (
    "局", "委", "厅", "办", "府", "部", "室", "处", "科", "院", "所", "中心", "单位", "部门", "机构", "机关", "组",
    "会", "团", "队", "站", "社", "公司", "集团", "银行", "镇", "乡", "街道", "街", "村", "区", "县", "市", "州",
    "盟", "旗", "政府", "党委", "人大", "政协", "联", "协", "学校", "大学", "医院", "海关", "台", "馆", "厂",
    "企业", "分行", "支行", "法院", "检察院",
)

# 各 written once for the governments of two levels: 各乡镇人民政府、街道办事处.
SHARED_EACH_RE = re.compile(r"^各[\u4e00-\u9fff]{1,6}(?:人民)?政府$")
SHARED_EACH_NEXT = frozenset({"街道办事处", "街道", "办事处", "社区", "管委会"})
TRAILING_BRACKET_RE = re.compile(r"（[^（）]*）$")

MAX_UNIT_LEN = 40

# A group of units described by what they do: 涉及公共资源配置、重大建设项目等领域的相关单位.
DESCRIBED_UNITS_RE = re.compile(r"(?:^|(?<=[、，,]))(?:涉及|承担)[^；;]*的(?:相关|有关)?(?:单位|部门|机构)$")

# The suffix of an organ's name (局, 委, 办, 中心 …).
ORGAN_SUFFIX = "[局委办厅署处科站所院部室]|中心"
# What no unit's name holds: sentence punctuation, digits (dates), time words (长期坚持, 年底前完成).
NOT_A_NAME_RE = re.compile(
    r"[。；！？]|\d\s*(?:年|月|日|号|个(?:工作日|自然日|月|小时|季度|以内|内)|天|小时|%|％|\d*$)"
    r"|(?:长期|持续|完成|更新|年底|季度|月底|每[日天周月季年]|之前|以前)(?!" + ORGAN_SUFFIX + ")"
)  # digits only as a date, a time or at the end: 市12345热线管理中心, 市直26个试点领域主管部门 are names;
# a time word right before an organ's suffix is part of its name: 市城市更新局, 市住房和城市更新局

# How a unit's full name starts: its level (县财政局) or 各/有关 (各有关单位). 区农业农村和水利局 is one name.
JOINED_NAME_STARTS = ("各", "省", "市", "州", "盟", "县", "区", "旗", "乡", "镇", "街道", "有关", "相关", "国家", "国务院")

# Words that join two unit names in running text: 县委宣传部和各有关单位.
JOIN_WORDS_RE = re.compile(r"[和及与会]")  # 会 only as 会同: checked where it matches

@lru_cache(maxsize=16)
def _separators_re(seps: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(seps)}]")

def split_top(text: str, seps: str) -> list[str]:
    """Split on any of ``seps`` outside brackets.

    >>> split_top("各乡（镇、街道）、县直单位", "、")
    ['各乡（镇、街道）', '县直单位']
    """
    if not BRACKETS_RE.search(text):  # the common case, at C speed
        return _separators_re(seps).split(text)
    parts, depth, last = [], 0, 0
    for m in _token_re(_char_class(seps)).finditer(text):
        if m.lastgroup == "open":
            depth += 1
        elif m.lastgroup == "close":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[last: m.start()])
            last = m.end()
    parts.append(text[last:])
    return parts

@lru_cache(maxsize=16)
def _char_class(chars: str) -> str:
    return f"[{re.escape(chars)}]"

@lru_cache(maxsize=32)
def _token_re(hit: str) -> re.Pattern[str]:
    """Brackets, or what ``hit`` matches: the tokens a bracket-aware scan has to look at."""
    return re.compile(f"(?P<open>[{re.escape(OPEN)}])|(?P<close>[{re.escape(CLOSE)}])|(?P<hit>{hit})")

def _first_top_level(text: str, start: int, hit: str) -> int | None:
    """Where ``hit`` first matches outside brackets from ``start`` on, or None."""
    depth = 0
    for m in _token_re(hit).finditer(text, start):
        if m.lastgroup == "open":
            depth += 1
        elif m.lastgroup == "close":
            depth = max(0, depth - 1)
        elif depth == 0:
            return m.start()
    return None

@lru_cache(maxsize=4096)
def clean_unit(name: str) -> str:
    """A unit's name without role words, trailing 等部门, or stray punctuation."""
    name = to_round(name).strip(" \t\u3000。：:")
    if name[:1] in LEAD_WORD_STARTS:
        name = LEAD_WORDS_RE.sub("", name)
    end = len(name)
    while (at := name.rfind("等", 0, end)) >= 0 and TRAIL_RE.fullmatch(name, at, end):
        end = at
    name = name[:end]
    # brackets left unbalanced by the clause boundary
    while name.endswith("）") and name.count("（") < name.count("）"):
        name = name[:-1]
    while name.startswith("（") and name.count("（") > name.count("）"):
        name = name[1:]
    return name.strip()

def split_units(text: str) -> list[str]:
    """Names of a unit list, keeping shared-suffix lists (各市、县（区）人民政府) as one name.

    >>> split_units("各市、县（区）人民政府，省政府各部门")
    ['各市、县（区）人民政府', '省政府各部门']
    >>> split_units("市发改局、市自然资源和规划局等部门")
    ['市发改局', '市自然资源和规划局']
    """
    return list(_split_units(text))

@lru_cache(maxsize=2048)
def _split_units(text: str) -> tuple[str, ...]:
    """The work of :func:`split_units`, once per distinct list (plans repeat their lists)."""
    names: list[str] = []
    pending: list[str] = []
    text = to_round(text)
    described = DESCRIBED_UNITS_RE.search(text) if "涉及" in text or "承担" in text else None
    if described:  # "涉及A、B、C等领域的相关单位" names one group of units, commas and all
        return (*_split_units(text[: described.start()]), clean_unit(described.group(0)))
    pieces = split_top(text, SPLIT_CHARS)
    for raw in _split_joined(pieces) if JOIN_WORDS_RE.search(text) else pieces:
        piece = clean_unit(raw)
        if not piece or not HAN_RE.search(piece) or piece in NO_UNIT_WORDS:
            continue  # a dash or 无 in an empty cell
        if BARE_LEVEL_RE.match(piece):
            pending.append(piece)
            continue
        if pending and LEVEL_GOV_RE.match(piece):
            names.append("、".join([*pending, piece]))
        elif piece in SHARED_EACH_NEXT and names and not pending and SHARED_EACH_RE.match(names[-1]):
            names[-1] += "、" + piece  # 各乡镇人民政府、街道办事处: 各 covers both, one entry as written
        else:
            names.extend(pending)
            names.append(piece)
        pending = []
    names.extend(pending)
    return tuple(filter(None, names))

def _split_joined(pieces: list[str]) -> list[str]:
    """县委宣传部和各有关单位 → two names, when both halves read as unit names and the second starts as
    one (市自然资源和规划局 and 区农业农村和水利局 stay whole). Also at 及, 与 and 会同.

    >>> _split_joined(["国务院有关部门及各地区", "市司法局会同市各行政执法部门", "区农业农村和水利局"])
    ['国务院有关部门', '各地区', '市司法局', '市各行政执法部门', '区农业农村和水利局']
    >>> _split_joined(["青溪镇人民政府会同团县委", "碧水湖风景区管委会会同青溪镇人民政府"])
    ['青溪镇人民政府', '团县委', '碧水湖风景区管委会', '青溪镇人民政府']
    """
    out: list[str] = []
    for piece in pieces:
        out.extend(_split_joined_piece(piece))
    return out

def _split_joined_piece(piece: str) -> list[str]:
    """One list item at its join words, tried left to right; each half is split again."""
    if len(piece) <= 6:
        return [piece]
    for m in JOIN_WORDS_RE.finditer(piece):
        end = m.end() + 1 if m.group() == "会" else m.end()
        if m.group() == "会" and piece[m.end(): end] != "同":
            continue
        left, right = piece[: m.start()], piece[end:]
        if (
            len(left) >= 3
            and len(right) >= 3
            and looks_like_unit(clean_unit(left))
            and looks_like_unit(clean_unit(right))
            # a second name of its own: 各有关单位, 县财政局; after 会同 (never inside a name) any unit's name
            and (m.group() == "会" or right.startswith(JOINED_NAME_STARTS))
        ):
            return [left, *_split_joined_piece(right)]
    return [piece]

@text_cache(maxsize=4096)  # a plan names its units again and again
def looks_like_unit(name: str) -> bool:
    """Whether ``name`` reads as the name of a unit (一个单位名称), not prose."""
    if not name or len(name) > MAX_UNIT_LEN:
        return False
    if NOT_A_NAME_RE.search(name):
        return False
    if name.endswith("）"):
        name = TRAILING_BRACKET_RE.sub("", name)
    return name.endswith(UNIT_SUFFIXES)

HAN_RE = re.compile(r"[\u3400-\u9fff]")

NO_UNIT_WORDS = frozenset({"无", "暂无", "略"})
