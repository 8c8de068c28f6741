"""The section/task tree: its nodes, and a task's title."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from ..extract.units import LABELLED_BRACKET_RE
from ..models import Role
from .numbering import Marker

# Headings of the sections that frame a plan rather than carry its work. Written alone (保障措施) or after a
# verb (强化保障措施, 加强组织领导); the plan's principles, goals and guiding ideas under any short name
# (基本原则, 分工原则, 主要预期目标, 2025年发展目标, 指导思想, 总体思路, 重要意义). Such a section holds tasks only when
# they name units (a 主要预期目标 section of targets, each with its 牵头单位).
GENERIC_VERBS = ("强化", "加强", "完善", "健全", "做好", "抓好", "狠抓", "严格", "压实", "落实", "注重")
GENERIC_WORDS = (
    "工作要求", "有关要求", "相关要求", "总体要求", "保障措施", "工作保障", "组织保障", "组织实施", "实施步骤", "时间安排",
    "进度安排", "其他事项", "附则", "组织领导", "督查考核", "监督考核", "考核评估", "督促检查", "监督检查", "责任落实",
    "工作落实",
)
FRAMING_WORDS = ("原则", "目标", "思想", "思路", "意义")  # after a short qualifier: 基本原则, 主要预期目标, 指导思想, 总体思路
GENERIC_SECTION_RE = re.compile(
    "^(?:(?:" + "|".join(GENERIC_VERBS) + r")\s*)?(?:" + "|".join(GENERIC_WORDS)
    + r"|(?:(?:19|20)\d{2}\s*年)?[\u4e00-\u9fff]{0,4}?(?:" + "|".join(FRAMING_WORDS) + "))[。，：]?$"
)
DAMAGED = "\N{REPLACEMENT CHARACTER}"


def is_generic_section(heading: str) -> bool:
    """Whether a heading names a section that frames the plan (保障措施, 加强组织领导), also when lossy
    mojibake left a character of it unknown (保障措�: U+FFFD stands for any one character)."""
    if GENERIC_SECTION_RE.match(heading):
        return True
    if DAMAGED not in heading:
        return False
    pattern = re.compile("".join("." if ch == DAMAGED else re.escape(ch) for ch in heading.strip().rstrip("。，：")))
    words = (*GENERIC_WORDS, "指导思想", "基本原则", "工作目标", "主要目标", "总体目标")
    return any(pattern.fullmatch(verb + word) for verb in ("", *GENERIC_VERBS) for word in words)


SENTENCE_END_RE = re.compile(r"[。！？!?]")
BRACKETED_HEADING_RE = re.compile(r"^【([^【】]{2,30})】")

NO_COLUMNS: Mapping[str, tuple[str, Role]] = MappingProxyType({})


@dataclass(slots=True)
class Node:
    marker: Marker
    level: int
    line: int
    parent: Node | None = None
    # A plan has tens of thousands of nodes, most of them leaves with no cells: what a node has none of is
    # the one shared empty tuple or mapping, and becomes a list or dict of its own at the first add_… call.
    children: Sequence[Node] = ()
    body: list[str] = field(default_factory=list)  # text after the marker, paragraph by paragraph
    unit_cells: Sequence[tuple[str, Role]] = ()
    unit_columns: Mapping[str, tuple[str, Role]] = field(default_factory=lambda: NO_COLUMNS)  # cells by column name
    note_cells: Sequence[str] = ()
    time_cells: Sequence[str] = ()
    in_table: bool = False
    is_section: bool = False  # a table's section row: never a task, even without children
    _heading: str | None = None
    closed: bool = False  # a trailing unit clause ended the task: later loose prose is not its text
    covering: str | None = None  # a unit clause on a line of its own after the task, which may cover its siblings

    def add_child(self, node: Node) -> None:
        if not self.children:
            self.children = []
        self.children.append(node)  # type: ignore[attr-defined]

    def add_unit_cell(self, cell: tuple[str, Role], column: str = "") -> None:
        """A unit cell; the first one of ``column`` (a named units column) is also its cell by name."""
        if not self.unit_cells:
            self.unit_cells = []
        self.unit_cells.append(cell)  # type: ignore[attr-defined]
        if column and column not in self.unit_columns:
            self.set_unit_column(column, cell)

    def set_unit_column(self, column: str, cell: tuple[str, Role]) -> None:
        if not self.unit_columns:
            self.unit_columns = {}
        self.unit_columns[column] = cell  # type: ignore[index]

    def add_time_cell(self, text: str) -> None:
        if not self.time_cells:
            self.time_cells = []
        self.time_cells.append(text)  # type: ignore[attr-defined]

    def add_note_cell(self, text: str) -> None:
        if not self.note_cells:
            self.note_cells = []
        self.note_cells.append(text)  # type: ignore[attr-defined]

    @property
    def heading(self) -> str:
        """The node's title (its first paragraph up to 。), computed once the paragraph is there."""
        if self._heading is None and self.body:
            self._heading = split_title(self.body[0])[0]
        return self._heading or ""


def split_title(text: str) -> tuple[str, str]:
    """A task's title (up to the first 。) and the rest.

    >>> split_title("深入解读重要政策。围绕2019年经济社会发展……")
    ('深入解读重要政策', '围绕2019年经济社会发展……')
    """
    text = text.strip()
    bracketed = BRACKETED_HEADING_RE.match(text)
    if bracketed:  # 【深化决策公开】严格执行……: the heading is in the brackets
        return bracketed.group(1).strip(), text[bracketed.end():].strip()
    m = SENTENCE_END_RE.search(text)
    labelled = LABELLED_BRACKET_RE.search(text, 0, m.start() if m else len(text)) if "：" in text else None
    if labelled and labelled.end() < (m.start() if m else len(text)):
        # 公开补贴发放情况（责任单位：财政所）每季度末: the title ends at the unit clause
        return text[: labelled.start()].strip(), text[labelled.start():].strip()
    if not m:
        return text.rstrip("：:").strip(), ""
    return text[: m.start()].strip(), text[m.end():].strip()
