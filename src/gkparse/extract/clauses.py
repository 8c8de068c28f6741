"""One unit clause → units with roles.

A clause is read left to right as a sequence of *unit list + role phrase* pairs: the role phrase starts at
the first role keyword after the list and runs to the next comma; its words decide the role. Labelled
fields (``牵头单位：…；责任单位：…``) give the role of their list.

Roles (:func:`role_of`): 牵头, 负总责 → lead; 配合 / 协助 / 参与 / 协同 → cooperating; anything else
(责任 / 负责 / 落实 / 抓好 …, or no role word at all) → responsible.

>>> [(u.name, u.role) for u in parse_unit_clause("区政府办公室牵头，各镇（街）、区政府各部门配合")]
[('区政府办公室', 'lead'), ('各镇（街）', 'cooperating'), ('区政府各部门', 'cooperating')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..caching import text_cache
from ..models import Role, Unit
from .brackets import CLAUSE_BODY, CLOSE_CLASS, OPEN_CLASS, to_round
from .conventions import strip_declarations
from .names import BRACKETS_RE, COMMA_RE, _first_top_level, looks_like_unit, split_top, split_units

# Field labels of labelled clauses and table headers, and the role each one gives.
LABELS: dict[str, Role] = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "牵头责任单位": "lead",
    "主责单位": "responsible",  # 主要责任单位
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
    "协作单位": "cooperating",
    "协作部门": "cooperating",
}
# A label may carry a qualifier that leaves its role as it is: 主要责任单位, 其他责任单位, 具体牵头单位.
LABEL_QUALIFIERS = ("主要", "其他", "其它", "具体", "直接")
BASE_LABELS = dict(LABELS)
LABELS.update({q + label: role for q in LABEL_QUALIFIERS for label, role in BASE_LABELS.items()})

# Role words used as labels, always with a colon: 牵头：党政办；配合：各村（社区）.
SHORT_LABELS: dict[str, Role] = {"牵头": "lead", "配合": "cooperating", "协助": "cooperating", "参与": "cooperating"}

LABELS_WITH_SHORT = {**LABELS, **SHORT_LABELS}

# The labels as one pattern: an optional qualifier, then a label, longest first (a short alternation:
# the patterns below are tried at many places of a text).
LABEL_WORDS = (
    "(?:" + "|".join(LABEL_QUALIFIERS) + ")?(?:" + "|".join(sorted(BASE_LABELS, key=len, reverse=True)) + ")"
)
# Every label, short ones last, for the places where a colon follows it.
COLON_LABELS = LABEL_WORDS + "|" + "|".join(SHORT_LABELS)
_LABEL_FIRST = "".join(sorted({w[0] for w in (*BASE_LABELS, *LABEL_QUALIFIERS, *SHORT_LABELS)}))

LABELLED_BRACKET_RE = re.compile(f"{OPEN_CLASS}((?:{LABEL_WORDS})\\s*[:：]{CLAUSE_BODY}){CLOSE_CLASS}")

# The place before a label inside a clause (not inside a qualified label: 其他|责任单位).
EMBEDDED_LABEL_RE = re.compile(
    f"(?=[{_LABEL_FIRST}])(?=(?:{COLON_LABELS})[:：])(?<=[^；（])" + "".join(f"(?<!{q})" for q in LABEL_QUALIFIERS)
)

# Labels of a time limit written with the units (牵头单位：…；完成时限：…).
TIME_LABELS = r"(?:完成时限|时限要求|完成时间|时间节点|时间要求|进度安排|完成期限)\s*[:：]\s*"

# A person named with the units (责任人：王建国、李明), up to the next part: people are not units.
PERSON_PART_RE = re.compile(r"\s*[；;，,]?\s*(?:责任人|联系人|分管领导|责任领导|具体责任人)\s*[:：][^；;（）()]*")

# A labelled time limit inside a unit clause, up to the next part: not units.
TIME_PART_RE = re.compile(r"\s*[；;，,]?\s*" + TIME_LABELS + r"[^；;（）()]*")

LABEL_RE = re.compile(
    r"^\s*(?:(?P<label>" + LABEL_WORDS + r")\s*[:：]?"
    r"|(?P<short>" + "|".join(SHORT_LABELS) + r")\s*[:：])\s*"
)

# Words that end a unit list and start its role phrase (the earliest one wins). A role phrase may open
# with 为 / 作为 (县财政局为牵头单位) and end in 单位 / 部门 / 工作; 负总责, 统筹, 指导, 督导 are role words
# (but not before an organ's suffix).
# Every alternative opens with a literal character, so that a search skips other text by the set of them.
_ROLE_AFTER_AS = "(?=牵头|配合|协助|协同|参与|协办|主责|责任|负责|具体)"  # 作为牵头单位, 为责任单位
_NOT_AN_ORGAN = "(?![局委办厅署处科站所院部室组]|中心)"  # 教育督导室, 就业指导中心 are names
ROLE_START_RE = re.compile(
    r"""(?:对应?相关(?:工作|领域)|对应职能|按照?(?:各自)?职[责能]|根据职[责能]|依职责|结合职[责能]
        |作为""" + _ROLE_AFTER_AS + "|为" + _ROLE_AFTER_AS + r"""
        |分别|牵头|负总责|负责|配合|协助|协同|参与|落实|抓好|做好|共同|组织实施|按要求|具体|按照
        |统筹""" + _NOT_AN_ORGAN + "|指导" + _NOT_AN_ORGAN + "|督导" + _NOT_AN_ORGAN + ")",
    re.VERBOSE,
)

ROLE_START_TOKEN = f"(?x:{ROLE_START_RE.pattern})"  # the same, inside a larger pattern

LEAD_RE = re.compile(r"牵头|负总责")  # 负总责: the unit answers for the whole task, as a lead does

COOP_RE = re.compile(r"配合|协助|参与|协同|协办")

# A role phrase written in brackets after a unit's name: 区发展改革局（牵头）, 县财政局（按职责分工）.
BRACKET_ROLES = f"（((?:{ROLE_START_TOKEN})[^（）、，,；;]{{0,10}})）"

BRACKET_ROLE_RE = re.compile(BRACKET_ROLES + "$")

BRACKET_ROLE_ANY_RE = re.compile(BRACKET_ROLES)

# Role words only: a role phrase made of them ends at 、 (县政府办牵头、县司法局配合).
ROLE_WORDS_ONLY_RE = re.compile(r"(?:牵头|负总责|负责|配合|协助|协同|参与|落实|共同|分别|具体|统筹|指导|督导)+")

def role_of(phrase: str, default: Role = "responsible") -> Role:
    """Role given by a role phrase such as 牵头抓好相关工作 or 分别落实."""
    if LEAD_RE.search(phrase):
        return "lead"
    if COOP_RE.search(phrase):
        return "cooperating"
    return default

@lru_cache(maxsize=2048)
def _normalize_clause(text: str) -> str:
    """A clause in one form: round brackets, full-width ``：`` ``；``, no declaration, time limit or
    person, labels inside it as parts of their own. Once per distinct clause: the finders and the
    parser of a clause ask for it in turn."""
    text = strip_declarations(to_round(text.strip()))
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
                units.append(_unit(name, role))
    return tuple(units)

@text_cache(maxsize=4096)
def _unit(name: str, role: Role) -> Unit:
    """One object per unit and role: a plan names the same units clause after clause, and a Unit is frozen."""
    return Unit(name=name, role=role)

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
            out.extend(_named(part[pos:], default))
            break
        comma = _last_comma(part, pos, m)
        if comma is not None:  # 责任单位：A、B，C配合: the role phrase covers C only
            out.extend((n, default if label else "responsible") for n in split_units(part[pos:comma]))
            pos = comma + 1
        names = part[pos:m]
        phrase_end = _next_comma(part, m)
        pause = part.find("、", m, phrase_end)
        if pause != -1 and ROLE_WORDS_ONLY_RE.fullmatch(part, m, pause):
            phrase_end = pause  # 县政府办牵头、县司法局配合: the role phrase is just 牵头
        # a label's role holds for its own list, not for a clause of its own after a comma
        role = role_of(part[m:phrase_end], default if label and comma is None else "responsible")
        out.extend(_named(names, role))
        pos = phrase_end + 1
    if "）" in part and BRACKET_ROLE_ANY_RE.search(part):
        return [_bracket_role(name, role) for name, role in out]
    return out

def _named(names: str, role: Role) -> list[tuple[str, Role]]:
    """The units of a list with their role (和 / 及 / 会同 between two names separate them; a document's
    convention may make the first of them the lead)."""
    return [(n, role) for n in split_units(names)]


def _bracket_role(name: str, role: Role) -> tuple[str, Role]:
    """区发展改革局（牵头） → (区发展改革局, lead); 县财政局（按职责分工）: the list's own role."""
    m = BRACKET_ROLE_RE.search(name) if name.endswith("）") else None
    if m is None:
        return name, role
    words = m.group(1)
    return name[: m.start()], role_of(words, "responsible" if "负责" in words else role)

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
