"""Unit clauses → units with roles.

Work plans name the units of a task in a clause, most often in brackets at the end of the task
(``（省发展改革委、省财政厅分别牵头落实）``), as labelled fields (``牵头单位：…；责任单位：…``), as a
table cell, or inline (``由市财政局牵头，各区配合``). A clause is read left to right as a sequence of
*unit list + role phrase* pairs: the role phrase starts at the first role keyword after the list and
runs to the next comma; its words decide the role.

Roles (:func:`role_of`): 牵头 → lead; 配合 / 协助 / 参与 / 协同 → cooperating; anything else
(责任 / 负责 / 落实 / 抓好 …, or no role word at all) → responsible.

>>> [(u.name, u.role) for u in parse_unit_clause("区政府办公室牵头，各镇（街）、区政府各部门配合")]
[('区政府办公室', 'lead'), ('各镇（街）', 'cooperating'), ('区政府各部门', 'cooperating')]
>>> [u.name for u in parse_unit_clause("各市〔州〕、县〔市〕政府，省政府各部门、各单位分别落实")]
['各市（州）、县（市）政府', '省政府各部门', '各单位']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Role, Unit

# Field labels of labelled clauses and table headers, and the role each one gives.
LABELS: dict[str, Role] = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "牵头责任单位": "lead",
    "主责单位": "lead",
    "主办单位": "lead",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "责任科室": "responsible",
    "责任处室": "responsible",
    "责任股室": "responsible",
    "牵头科室": "lead",
    "牵头处室": "lead",
    "牵头股室": "lead",
    "配合科室": "cooperating",
    "配合处室": "cooperating",
    "配合股室": "cooperating",
    "协助科室": "cooperating",
    "落实单位": "responsible",
    "实施单位": "responsible",
    "承办单位": "responsible",
    "责任主体": "responsible",
    "配合单位": "cooperating",
    "协同单位": "cooperating",
    "协同部门": "cooperating",
    "配合部门": "cooperating",
    "协办单位": "cooperating",
    "参与单位": "cooperating",
    "协助单位": "cooperating",
}
# Role words used as labels, always with a colon: 牵头：党政办；配合：各村（社区）.
SHORT_LABELS: dict[str, Role] = {"牵头": "lead", "配合": "cooperating", "协助": "cooperating", "参与": "cooperating"}
LABELS_WITH_SHORT = {**LABELS, **SHORT_LABELS}
# Every label, longest first, for the places where a colon follows it.
COLON_LABELS = "|".join(sorted(LABELS_WITH_SHORT, key=len, reverse=True))
LABELLED_BRACKET_RE = re.compile(
    r"[（(]((?:" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]"
)
EMBEDDED_LABEL_RE = re.compile(
    r"(?<=[^；（])(?=(?:" + COLON_LABELS + r")[:：])"
)
# Labels of a time limit written with the units (牵头单位：…；完成时限：…).
TIME_LABELS = r"(?:完成时限|时限要求|完成时间|时间节点|时间要求|进度安排|完成期限)\s*[:：]\s*"
# A person named with the units (责任人：王建国、李明), up to the next part: people are not units.
PERSON_PART_RE = re.compile(r"\s*[；;，,]?\s*(?:责任人|联系人|分管领导|责任领导|具体责任人)\s*[:：][^；;（）()]*")
# A labelled time limit inside a unit clause, up to the next part: not units.
TIME_PART_RE = re.compile(r"\s*[；;，,]?\s*" + TIME_LABELS + r"[^；;（）()]*")
LABEL_RE = re.compile(
    r"^\s*(?:(?P<label>" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]?"
    r"|(?P<short>" + "|".join(SHORT_LABELS) + r")\s*[:：])\s*"
)

# Words that end a unit list and start its role phrase (the earliest one wins).
ROLE_START_RE = re.compile(
    r"""(?:对应?相关(?:工作|领域)|对应职能|按照?(?:各自)?职[责能]|根据职[责能]|依职责|结合职[责能]
        |分别|牵头|负责|配合|协助|协同|参与|落实|抓好|做好|共同|指导|组织实施|按要求|具体|按照)""",
    re.VERBOSE,
)
ROLE_START_TOKEN = f"(?x:{ROLE_START_RE.pattern})"  # the same, inside a larger pattern
LEAD_RE = re.compile(r"牵头")
COOP_RE = re.compile(r"配合|协助|参与|协同|协办")

# Separators of units inside a list (never inside brackets).
SPLIT_CHARS = "、，,；;/／"
OPEN, CLOSE = "（(〔[【“", "）)〕]】”"  # quotation marks too: 按照“谁起草、谁解读”原则
BRACKETS_RE = re.compile(r"[（(〔\[【“）)〕\]】”]")
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
TRAILING_BRACKET_RE = re.compile(r"（[^（）]*）$")
MAX_UNIT_LEN = 40
# A group of units described by what they do: 涉及公共资源配置、重大建设项目等领域的相关单位.
DESCRIBED_UNITS_RE = re.compile(r"(?:^|(?<=[、，,]))(?:涉及|承担)[^；;]*的(?:相关|有关)?(?:单位|部门|机构)$")


OTHER_BRACKETS_RE = re.compile(r"[〔〕()\[\]]")
FULLWIDTH_BRACKETS = str.maketrans({"〔": "（", "〕": "）", "(": "（", ")": "）", "[": "（", "]": "）"})
# What no unit's name holds: sentence punctuation, digits (dates), time words (长期坚持, 年底前完成).
NOT_A_NAME_RE = re.compile(
    r"[。；！？]|\d\s*(?:年|月|日|号|个|天|小时|%|％|\d*$)|长期|持续|完成|更新|年底|季度|月底|每[日天周月季年]|之前|以前"
)  # digits only as a date, a count or at the end: 市12345热线管理中心 is a name
MAX_SHORT_NAME = 12  # a short name in a clause with role words is a unit even with an unusual ending
SENTENCE_RE = re.compile(r"[^。；;]+[。；;]*")  # a sentence with its end punctuation
INLINE_LEAD_RE = re.compile(r"^由(.+?)(牵头|负责)(.*)$")
# 由X牵头 after a comma inside a sentence: ……热点问题，由县融媒体中心牵头、县委宣传部配合，……
INNER_LEAD_RE = re.compile(r"[，,]由(?=[^，,。；;]*?(?:牵头|负责))")
# The first label of labelled clauses that follow a task's text on its own line: …。牵头单位：…；配合单位：…
LABEL_AFTER_TEXT_RE = re.compile(
    r"[。；;]\s*(?=(?:" + COLON_LABELS + r")\s*[:：])"
)
# A task that opens with its units and a colon: 财政局、审计局：负责……
LEADING_UNITS_RE = re.compile(r"^([^：:，,。；;]{2,40})[：:]")
# A role written in brackets after a unit's name: 区发展改革局（牵头）.
BRACKET_ROLES = r"（(牵头|负责|配合|协助|参与|协同|牵头单位|配合单位)）"
BRACKET_ROLE_RE = re.compile(BRACKET_ROLES + "$")
BRACKET_ROLE_ANY_RE = re.compile(BRACKET_ROLES)
# How a unit's full name starts: its level (县财政局) or 各/有关 (各有关单位). 区农业农村和水利局 is one name.
JOINED_NAME_STARTS = ("各", "省", "市", "县", "区", "乡", "镇", "街道", "有关", "相关", "国家", "国务院")
# Words that join two unit names in running text: 县委宣传部和各有关单位.
JOIN_WORDS_RE = re.compile(r"[和及与会]")  # 会 only as 会同: checked where it matches
# Role words only: a role phrase made of them ends at 、 (县政府办牵头、县司法局配合).
ROLE_WORDS_ONLY_RE = re.compile(r"(?:牵头|负责|配合|协助|协同|参与|落实|共同|分别|具体)+")
MAX_INLINE_CLAUSE = 60  # an inline unit clause is a short sentence
CLAUSE_WINDOW = 800  # a unit clause sits in the last few hundred characters of a task


def to_fullwidth_brackets(s: str) -> str:
    """Unit names use full-width round brackets: 〔区〕 (区) → （区）."""
    return s.translate(FULLWIDTH_BRACKETS) if OTHER_BRACKETS_RE.search(s) else s


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
    name = to_fullwidth_brackets(name).strip(" \t\u3000。：:")
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
    text = to_fullwidth_brackets(text)
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
        else:
            names.extend(pending)
            names.append(piece)
        pending = []
    names.extend(pending)
    return tuple(n for n in names if n)


def _split_joined(pieces: list[str]) -> list[str]:
    """县委宣传部和各有关单位 → two names, when both halves read as unit names and the second starts as
    one (市自然资源和规划局 and 区农业农村和水利局 stay whole). Also at 及, 与 and 会同.

    >>> _split_joined(["国务院有关部门及各地区", "市司法局会同市各行政执法部门", "区农业农村和水利局"])
    ['国务院有关部门', '各地区', '市司法局', '市各行政执法部门', '区农业农村和水利局']
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
            and right.startswith(JOINED_NAME_STARTS)  # a second name of its own: 各有关单位, 县财政局
        ):
            return [left, *_split_joined_piece(right)]
    return [piece]


def looks_like_unit(name: str) -> bool:
    """Whether ``name`` reads as the name of a unit (一个单位名称), not prose."""
    if not name or len(name) > MAX_UNIT_LEN:
        return False
    if NOT_A_NAME_RE.search(name):
        return False
    if name.endswith("）"):
        name = TRAILING_BRACKET_RE.sub("", name)
    return name.endswith(UNIT_SUFFIXES)


def role_of(phrase: str, default: Role = "responsible") -> Role:
    """Role given by a role phrase such as 牵头抓好相关工作 or 分别落实."""
    if LEAD_RE.search(phrase):
        return "lead"
    if COOP_RE.search(phrase):
        return "cooperating"
    return default


def _normalize_clause(text: str) -> str:
    text = to_fullwidth_brackets(text.strip())
    if "时限" in text or "时间" in text or "期限" in text or "时" in text and "要求" in text or "进度" in text:
        text = TIME_PART_RE.sub("", text)  # 责任单位：县财政局 完成时限：9月底前 → 责任单位：县财政局
    if "责任人" in text or "联系人" in text or "领导：" in text or "领导:" in text:
        text = PERSON_PART_RE.sub("", text)  # 责任单位：党政办，责任人：张某某 → 责任单位：党政办
    text = text.replace(":", "：").replace(";", "；")
    text = _join_spaced(text)
    # 牵头单位：A 配合单位：B — a label inside the clause starts a new part
    return EMBEDDED_LABEL_RE.sub("；", text) if "：" in text else text


# Words a unit's name can end with that are never a unit alone: 区 人民政府 is one name, not two.
NAME_TAILS = ("人民政府", "政府", "办公室", "办公厅", "党委", "管委会", "委员会", "等")
LIST_SEPARATORS_RE = re.compile(r"[、，,；;：:]")
WHITESPACE_RE = re.compile(r"\s")
HAN_RE = re.compile(r"[\u3400-\u9fff]")
NO_UNIT_WORDS = frozenset({"无", "暂无", "略"})


def _join_spaced(text: str) -> str:
    """Remove whitespace, except between two unit names, where it is a separator (table cells write
    ``县直各部门 各乡镇人民政府``).

    >>> _join_spaced("县直各部门 各乡镇人民政府"), _join_spaced("市政府 办公室"), _join_spaced("市发改委 牵头")
    ('县直各部门、各乡镇人民政府', '市政府办公室', '市发改委牵头')
    """
    if not WHITESPACE_RE.search(text):
        return text
    pieces = text.split()
    if len(pieces) < 2:
        return "".join(pieces)
    out = pieces[0]
    for piece in pieces[1:]:
        left = LIST_SEPARATORS_RE.split(out)[-1]
        right = LIST_SEPARATORS_RE.split(piece)[0]
        role = ROLE_START_RE.search(right)
        right = right[: role.start()] if role else right  # 各街道办事处负责
        between_names = (
            looks_like_unit(left)
            and looks_like_unit(right)
            and not right.startswith(NAME_TAILS)
            and not ROLE_START_RE.match(right)
        )
        out += ("、" if between_names else "") + piece
    return out


def parse_unit_clause(clause: str, default: Role = "responsible", strict: bool = False) -> list[Unit]:
    """Units of a clause, with roles.

    ``strict``: every unit must look like a unit name, else nothing is returned (used for text
    that may not be a unit clause at all, such as a bracket at the end of a sentence).

    >>> [(u.name, u.role) for u in parse_unit_clause("牵头单位：市政府办公室,市委编办;责任单位：市政府各部门")]
    [('市政府办公室', 'lead'), ('市委编办', 'lead'), ('市政府各部门', 'responsible')]
    >>> parse_unit_clause("试行", strict=True)
    []
    """
    return list(_parse_clause(clause, default, strict))


@lru_cache(maxsize=1024)
def _parse_clause(clause: str, default: Role, strict: bool) -> tuple[Unit, ...]:
    """The work of :func:`parse_unit_clause`, once per distinct clause: a plan repeats its clauses
    (各市、县〔区〕人民政府按职责分别负责落实 after task after task)."""
    text = _normalize_clause(clause)
    if text.startswith("（") and text.endswith("）"):
        text = text[1:-1]
    units: list[Unit] = []
    seen: set[tuple[str, str]] = set()
    for part in split_top(text, "；。"):
        for name, role in _parse_part(part, default):
            if strict and not looks_like_unit(name):
                return ()
            if (name, role) not in seen and len(name) <= 60:
                seen.add((name, role))
                units.append(Unit(name=name, role=role))
    return tuple(units)


def _parse_part(part: str, default: Role) -> list[tuple[str, Role]]:
    out: list[tuple[str, Role]] = []
    label = LABEL_RE.match(part)
    if label:
        default = LABELS_WITH_SHORT[label.group("label") or label.group("short")]
        part = part[label.end():]
    pos = 0
    while pos < len(part):
        m = _find_role_start(part, pos)
        if m is None:
            out.extend((n, default) for n in split_units(part[pos:]))
            break
        comma = _last_comma(part, pos, m)
        if comma is not None:  # 责任单位：A、B，C配合: the role phrase covers C only
            out.extend((n, default if label else "responsible") for n in split_units(part[pos:comma]))
            pos = comma + 1
        names = split_units(part[pos:m])
        phrase_end = _next_comma(part, m)
        pause = part.find("、", m, phrase_end)
        if pause != -1 and ROLE_WORDS_ONLY_RE.fullmatch(part, m, pause):
            phrase_end = pause  # 县政府办牵头、县司法局配合: the role phrase is just 牵头
        # a label's role holds for its own list, not for a clause of its own after a comma
        role = role_of(part[m:phrase_end], default if label and comma is None else "responsible")
        out.extend((n, role) for n in names)
        pos = phrase_end + 1
    if "）" in part and BRACKET_ROLE_ANY_RE.search(part):
        return [_bracket_role(name, role) for name, role in out]
    return out


def _bracket_role(name: str, role: Role) -> tuple[str, Role]:
    """区发展改革局（牵头） → (区发展改革局, lead)."""
    m = BRACKET_ROLE_RE.search(name) if name.endswith("）") else None
    if m is None:
        return name, role
    return name[: m.start()], role_of(m.group(1), "responsible")


def _find_role_start(part: str, pos: int) -> int | None:
    if not BRACKETS_RE.search(part, pos):
        m = ROLE_START_RE.search(part, pos)
        return m.start() if m else None
    return _first_top_level(part, pos, ROLE_START_TOKEN)


def _last_comma(part: str, start: int, end: int) -> int | None:
    """The last comma outside brackets between ``start`` and ``end``, or None."""
    found = None
    pos = start
    while True:
        nxt = _next_comma(part[:end], pos)
        if nxt >= end:
            return found
        found, pos = nxt, nxt + 1


def _next_comma(part: str, start: int) -> int:
    if not BRACKETS_RE.search(part, start):
        m = COMMA_RE.search(part, start)
        return m.start() if m else len(part)
    found = _first_top_level(part, start, "[，,]")
    return len(part) if found is None else found


TRAILING_CLAUSE_RE = re.compile(r"[（(〔]([^（）()〔〕]*(?:[（(〔][^（）()〔〕]*[）)〕][^（）()〔〕]*)*)[）)〕][）)]*[。.；;]?\s*$")


@lru_cache(maxsize=256)
def trailing_clause(text: str) -> tuple[str, str] | None:
    """The bracketed clause at the end of a task's text and the text before it.

    >>> trailing_clause("做好信息公开。（各市、县〔区〕人民政府按职责分别负责落实）")
    ('做好信息公开。', '各市、县〔区〕人民政府按职责分别负责落实')
    """
    text = text.rstrip()
    offset = max(0, len(text) - CLAUSE_WINDOW)
    m = TRAILING_CLAUSE_RE.search(text, offset)
    if not m:
        return None
    return text[: m.start()], m.group(1)


def extract_units(text: str) -> list[Unit]:
    """Units of a task from its text: the trailing bracketed clause, else a final labelled or
    inline sentence (由X牵头，Y配合 / 责任单位：X)."""
    return list(_extract_units(text))


@lru_cache(maxsize=1024)
def _extract_units(text: str) -> tuple[Unit, ...]:
    return tuple(_find_units(text))


def _find_units(text: str) -> list[Unit]:
    tc = trailing_clause(text)
    if tc:
        units = _clause_units(tc[1])
        if units:
            return units
    # a labelled clause in brackets elsewhere: 加强政策解读（牵头单位：市政府办；配合单位：各县区）。围绕……
    labelled = LABELLED_BRACKET_RE.search(text)
    if labelled:
        units = parse_unit_clause(labelled.group(1))
        if units:
            return units
    tail = text.strip()[-CLAUSE_WINDOW:]
    # labelled clauses after the task's text: …。牵头单位：…；配合单位：…；完成时限：…
    first_label = LABEL_AFTER_TEXT_RE.search(tail) if "：" in tail or ":" in tail else None
    if first_label:
        units = _clause_units(tail[first_label.end():].split("\n", 1)[0])  # to the end of its line
        if units:
            return units
    # a labelled clause or an inline clause as the last sentence(s)
    sentences = [s for s in SENTENCE_RE.findall(tail) if s.strip()]
    for sentence in reversed(sentences[-2:]):
        s = sentence.strip().rstrip("。；;")
        if LABEL_RE.match(s):
            units = parse_unit_clause(s)
            if units:
                return units
        m = INLINE_LEAD_RE.match(s)
        if m:
            units = parse_unit_clause(s[1:], strict=False)
            units = [u for u in units if looks_like_unit(u.name)]
            if units:
                return units
        units = _inline_clause(s)
        if units:
            return units
    return _inner_lead_clause(sentences) or _leading_clause(text)


def _leading_clause(text: str) -> list[Unit]:
    """Units named first, before the work: 党政办：负责…… / 综治办牵头，司法所配合，做好…… /
    社会事务办,退役军人服务站负责优抚政策公开."""
    first = SENTENCE_RE.match(text.strip())
    if first is None:
        return []
    sentence = _normalize_clause(first.group().rstrip("。；;"))
    colon = LEADING_UNITS_RE.match(sentence)
    if colon:
        names = split_units(colon.group(1))
        return [Unit(name=n, role="responsible") for n in names] if names and all(map(looks_like_unit, names)) else []
    kept: list[str] = []
    for part in split_top(sentence, "，,"):
        start = _find_role_start(part, 0)
        names = split_units(part[:start] if start is not None else part)
        if not names or not all(looks_like_unit(n) for n in names):
            break
        kept.append(part if start is None else part[: _next_comma(part, start)])
        if start is not None and not ROLE_WORDS_ONLY_RE.fullmatch(part, start):
            break  # 退役军人服务站负责优抚政策公开: the role phrase runs into the work
    if not kept or not any(_find_role_start(p, 0) for p in kept):
        return []
    clause = "，".join(kept)
    role_end = ROLE_START_RE.search(kept[-1])
    if role_end and not ROLE_WORDS_ONLY_RE.fullmatch(kept[-1], role_end.start()):
        clause = "，".join([*kept[:-1], kept[-1][: role_end.end()]])  # keep 负责, not the work after it
    return [u for u in parse_unit_clause(clause) if looks_like_unit(u.name)]


def _inner_lead_clause(sentences: list[str]) -> list[Unit]:
    """由X牵头 after a comma: the parts from 由 on that hold a role word are the clause."""
    for sentence in reversed(sentences[-2:]):
        m = INNER_LEAD_RE.search(sentence)
        if m is None:
            continue
        parts = []
        for part in split_top(sentence[m.end():].rstrip("。；;"), "，,"):
            if not ROLE_START_RE.search(part):
                break
            parts.append(part)
        units = [u for u in parse_unit_clause("，".join(parts)) if looks_like_unit(u.name)]
        if units:
            return units
    return []


def _inline_clause(sentence: str) -> list[Unit]:
    """A last sentence that is nothing but units and their roles: 县教育局牵头，各乡镇配合.

    Every part must open with units that look like units and hold a role word, so that prose such as
    牵头起草部门要认真做好…… is not read as a clause.
    """
    if len(sentence) > MAX_INLINE_CLAUSE or not ROLE_START_RE.search(sentence):
        return []
    kept = []
    for part in split_top(_normalize_clause(sentence), "，,；"):
        start = _find_role_start(part, 0)
        if not start and NOT_A_NAME_RE.search(part) and kept:
            continue  # a time limit after the units: ……配合，长期坚持
        if not start or not all(looks_like_unit(n) for n in split_units(part[:start])):
            return []
        kept.append(part)
    units = parse_unit_clause("，".join(kept))
    return units if units and all(looks_like_unit(u.name) for u in units) else []


def _clause_units(clause: str) -> list[Unit]:
    norm = _normalize_clause(clause)
    if LABEL_RE.match(norm) or ROLE_START_RE.search(norm):
        units = parse_unit_clause(norm)
        units = [
            u for u in units
            if looks_like_unit(u.name) or (len(u.name) <= MAX_SHORT_NAME and not NOT_A_NAME_RE.search(u.name))
        ]
        return units
    return parse_unit_clause(norm, strict=True)


def clear_caches() -> None:
    """Forget every clause, list and name seen so far (benchmarks measure documents seen first)."""
    for cached in (_extract_units, _parse_clause, _split_units, clean_unit, trailing_clause):
        cached.cache_clear()
