"""Reflow: rejoin sentences that page breaks and hard wraps cut in two, across blank lines.

A line P and the next non-blank line N are one sentence when P does not end a sentence, N does not start
a new item (a numbering marker or a table cell), and P is body text rather than a title, heading, date or
salutation. No space goes between joined Han characters.
"""

from __future__ import annotations

import re

# Characters that end a sentence or close a clause: a line ending with one is complete. U+FFFD too:
# a character lost at the end of a line may have been any of them, and joining would guess.
LINE_END_CHARS = "。！？；：…）)」』”’》〉】〕]!?;:\N{REPLACEMENT CHARACTER}"
# A numbering marker at the start of a line: 一、 （一） (一) 1. 1、 1． （1） ① ⑴ ⒈ 第一章 A.
NUMBERING_MARKER_RE = re.compile(
    r"""^\s*(?:
        [一二三四五六七八九十百零〇]+\s*[、.．]           # 一、
      | [(（]\s*[一二三四五六七八九十百零〇]+\s*[)）]    # （一） (一)
      | \d{1,3}\s*(?:[、．]|\.(?!\d)|\.(?=(?:19|20)\d\d\s*年)|[)）](?!\d))  # 1、 1． 1. (not 1.5) 1.2020年 1） 2)
      | [(（]\s*\d{1,3}\s*[)）]                          # （1） (1)
      | [\u2460-\u249b\u2776-\u277f\u2780-\u2793]       # ① … ⑳, ⑴ … ⒇, ⒈ … ⒛, ❶ …
      | 第[一二三四五六七八九十百零〇\d]+[章节条部分项]  # 第一章 第三条
      | [A-Za-z]\s*[、.．](?![A-Za-z0-9])               # A. a、
    )""",
    re.VERBOSE,
)
# A labelled field on a line of its own: 责任单位：…, 完成时限：…, 牵头单位:…
FIELD_LABEL_RE = re.compile(r"^\s*[\u4e00-\u9fff]{2,6}\s*[:：]")
# Body text: a line with a comma or full stop is prose, not a title.
BODY_PUNCT_RE = re.compile(r"[。，,]")  # ASCII commas too: some pages write them between Han characters
# A heading: a marker line with no full stop or semicolon.
HEADING_END_RE = re.compile(r"[。；]")
# The name of a notice: 关于印发…的通知 (a title line, not a sentence cut by a page break).
NOTICE_ENDINGS = ("的通知", "的函", "的意见", "的通报", "的批复", "的决定")
NOTICE_WORDS = ("关于", "印发")  # …关于…的通知, …印发《…》的通知
# A document number on a line of its own: 漯政办〔2022〕18号.
DOC_NUMBER_LINE_RE = re.compile(r"^\s*[（(]?[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号")
# A line this long is body text even without punctuation.
MIN_BODY_LEN = 40
# A row of a table exported as comma-separated values: a serial number or 序号 as one of its fields.
# The serial field may stand in any column (a table may put 工作任务 before 序号), between ASCII commas;
# the digit groups of 12,345,678 are not one (a year in the next field is: 1,2024年6月底前).
CSV_ROW_RE = re.compile(r"(?:^\s*|(?<!\d),\s*)(?:\d{1,5}|序号|编号)\s*(?:,(?!\d{3}(?!\d))|$)")  # serial up to 99999
# Its serial field after a comma alone, written to open with the comma: a literal the engine finds fast.
_CSV_FIELD_RE = re.compile(r",(?<!\d,)\s*(?:\d{1,5}|序号|编号)\s*(?:,(?!\d{3}(?!\d))|$)")


def is_csv_row(line: str) -> bool:
    """Whether ``line`` is a row of comma-separated values (its serial field after a comma, or the line a
    serial number alone): :data:`CSV_ROW_RE` at the line's start, then its serial field after any comma.

        >>> is_csv_row("1,加强政策解读,市政府办公室"), is_csv_row("加强解读,12,办公室"), is_csv_row("12"), is_csv_row("加强解读12")
        (True, True, True, False)
    """
    return CSV_ROW_RE.match(line) is not None or ("," in line and _CSV_FIELD_RE.search(line) is not None)


# A line that is a table cell of its own (one cell per line): a serial number, or a short time limit.
CELL_LINE_RE = re.compile(
    r"^\s*(?:\d{1,3}|(?:19|20)\d{2}\s*年[^。，；）)]{0,16}|\d{1,2}\s*月[^。，；）)]{0,12}|第?[一二三四]季度[^。，；）)]{0,8}"
    r"|[上下]半年[^。，；）)]{0,6}|年底前?|长期坚持|持续推进|长期|每(?:月|季度|半年|年)[^。，；）)]{0,8})\s*$"
)
# ASCII letters on both sides of a join need a space between them (an English word wrap).
ASCII_LETTER_RE = re.compile(r"[A-Za-z]")


def starts_item(line: str) -> bool:
    """True when ``line`` starts a new item: a numbering marker, or a table cell.

        >>> starts_item("（一）强化组织领导。"), starts_item("\\t责任单位"), starts_item("1.5亿元资金已下达。")
        (True, True, False)
        >>> starts_item("完成时限：2021年6月底前")
        True
    """
    return (
        line.startswith("\t")
        or "\t" in line
        or "|" in line
        or is_csv_row(line)
        or NUMBERING_MARKER_RE.match(line) is not None
        or FIELD_LABEL_RE.match(line) is not None
    )


def _balance(text: str) -> int:
    """Opening less closing round brackets in ``text``: above 0, a parenthetical unit clause is unfinished."""
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


HEAD_LEN = 256  # the start of a line that the anchored patterns look at
TAIL_LEN = 16  # the end of a line that the endings (的通知, an ASCII letter) look at


class _Line:
    """A line being joined, with what ``continues`` asks of it kept up to date piece by piece, so that
    joining a long hard-wrapped paragraph costs time linear in its length."""

    def __init__(self, line: str) -> None:
        self.parts = [line]
        self.last_char = line.rstrip()[-1:]
        self.ready = False  # the rest is worked out when first needed: most lines end a sentence

    def _prepare(self) -> None:
        body = self.parts[0].lstrip("\t")
        self.size = len(body)
        self.head, self.tail = body[:HEAD_LEN], body[-TAIL_LEN:]
        self.tab = "\t" in body
        self.balance = _balance(body)
        self.punct = BODY_PUNCT_RE.search(body) is not None
        self.heading_end = HEADING_END_RE.search(body) is not None
        self.about = any(word in body for word in NOTICE_WORDS)
        self.ready = True

    def add(self, piece: str) -> None:
        if not self.ready:
            self._prepare()
        self.about = self.about or any(word in self.tail[-1:] + piece[:1] or word in piece for word in NOTICE_WORDS)
        self.parts.append(piece)
        self.size += len(piece)
        if len(self.head) < HEAD_LEN:
            self.head = (self.head + piece)[:HEAD_LEN]
        self.tail = (self.tail + piece)[-TAIL_LEN:]
        self.last_char = piece.rstrip()[-1:] or self.last_char
        self.tab = self.tab or "\t" in piece
        self.balance += _balance(piece)
        self.punct = self.punct or BODY_PUNCT_RE.search(piece) is not None
        self.heading_end = self.heading_end or HEADING_END_RE.search(piece) is not None

    def text(self) -> str:
        return "".join(self.parts)

    def continued_by(self, following: str) -> bool:
        if not following or self.last_char in LINE_END_CHARS:
            return False
        if starts_item(following) or CELL_LINE_RE.match(following):
            return False  # what the next line is settles most lines: it starts an item or is a cell
        if not self.ready:
            self._prepare()
        if not self.size:
            return False
        head = self.head
        if self.tab or is_csv_row(head):
            return False
        if NUMBERING_MARKER_RE.match(head) and not self.heading_end:
            return False
        unclosed = self.balance > 0
        if FIELD_LABEL_RE.match(head) and not unclosed:
            return False  # a labelled field (责任单位：…) ends with its line
        if (self.tail.endswith(NOTICE_ENDINGS) and self.about) or DOC_NUMBER_LINE_RE.match(following):
            return False  # a notice's name, however long, ends with its line; so does the line before a 文号
        return unclosed or self.punct or self.size >= MIN_BODY_LEN


def continues(previous: str, following: str) -> bool:
    """True when ``following`` continues the sentence that ``previous`` leaves unfinished.

        >>> continues("（三）推进行政执法信息公开。县级以上人民政府…信息的公开。（省", "司法厅牵头组织推动…）")
        True
        >>> continues("2019年全省政务公开工作重点任务分工方案", "2019年是中华人民共和国成立70周年。")
        False
    """
    return _Line(previous).continued_by(following)


def reflow(text: str) -> str:
    """Join lines broken in the middle of a sentence; the blank lines between them go too.

        >>> reflow("（一）强化组织领导。各级政务公开领导小组要定期听\\n\\n取汇报、研究解决重大问题。\\n\\n（二）执行条例。")
        '（一）强化组织领导。各级政务公开领导小组要定期听取汇报、研究解决重大问题。\\n\\n（二）执行条例。'
        >>> reflow("\\t运用5G技术，提升政务服务\\n效能，优化营商环境。\\n\\t责任单位：县行政审批局")
        '\\t运用5G技术，提升政务服务效能，优化营商环境。\\n\\t责任单位：县行政审批局'
    """
    out: list[str] = []
    last = -1  # index in ``out`` of the last non-blank line, ``current`` its pieces
    # ``current`` is made when a line may be continued: most lines end a sentence, and stay as they are
    current: _Line | None = None
    for line in text.split("\n"):
        if line.strip(" ") == "" and line != "\t":
            out.append(line)
            continue
        if current is None and last >= 0 and out[last].rstrip()[-1:] not in LINE_END_CHARS:
            current = _Line(out[last])
        if current is not None and current.continued_by(line):
            glue = " " if ASCII_LETTER_RE.match(current.tail[-1:]) and ASCII_LETTER_RE.match(line[:1]) else ""
            current.add(glue + line if glue else line)
            del out[last + 1 :]
            continue
        if current is not None:
            out[last] = current.text()
        out.append(line)
        last, current = len(out) - 1, None
    if current is not None:
        out[last] = current.text()
    return "\n".join(out)
