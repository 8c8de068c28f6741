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
# A numbering marker at the start of a line: 一、 （一） (一) 1. 1、 1． （1） ① 第一章 A.
NUMBERING_MARKER_RE = re.compile(
    r"""^\s*(?:
        [一二三四五六七八九十百零〇]+\s*[、.．]           # 一、
      | [(（]\s*[一二三四五六七八九十百零〇]+\s*[)）]    # （一） (一)
      | \d{1,3}\s*(?:[、．]|\.(?!\d)|\.(?=(?:19|20)\d\d\s*年)|[)）](?!\d))  # 1、 1． 1. (not 1.5) 1.2020年 1） 2)
      | [(（]\s*\d{1,3}\s*[)）]                          # （1） (1)
      | [\u2460-\u2473\u2776-\u277f\u2780-\u2793]       # ① … ⑳, ❶ …
      | 第[一二三四五六七八九十百零〇\d]+[章节条部分项]  # 第一章 第三条
      | [A-Za-z]\s*[、.．](?![A-Za-z0-9])               # A. a、
    )""",
    re.VERBOSE,
)
# A labelled field on a line of its own: 责任单位：…, 完成时限：…, 牵头单位:…
FIELD_LABEL_RE = re.compile(r"^\s*[\u4e00-\u9fff]{2,6}\s*[:：]")
# Opening and closing brackets whose balance tells an unfinished parenthetical unit clause.
OPENING = "（("
CLOSING = "）)"
# Body text: a line with a comma or full stop is prose, not a title.
BODY_PUNCT_RE = re.compile(r"[。，,]")  # ASCII commas too: some pages write them between Han characters
# A heading: a marker line with no full stop or semicolon.
HEADING_END_RE = re.compile(r"[。；]")
# The name of a notice: 关于印发…的通知 (a title line, not a sentence cut by a page break).
NOTICE_ENDINGS = ("的通知", "的函", "的意见", "的通报", "的批复", "的决定")
# A document number on a line of its own: 漯政办〔2022〕18号.
DOC_NUMBER_LINE_RE = re.compile(r"^\s*[（(]?[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号")
# A line this long is body text even without punctuation.
MIN_BODY_LEN = 40
# A row of a table exported as comma-separated values: a number or 序号, then an ASCII comma.
CSV_ROW_RE = re.compile(r"^\s*(?:\d{1,3}|序号|编号)\s*,")
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
        or CSV_ROW_RE.match(line) is not None
        or NUMBERING_MARKER_RE.match(line) is not None
        or FIELD_LABEL_RE.match(line) is not None
    )


def _unclosed(line: str) -> bool:
    return sum(line.count(ch) for ch in OPENING) > sum(line.count(ch) for ch in CLOSING)


def continues(previous: str, following: str) -> bool:
    """True when ``following`` continues the sentence that ``previous`` leaves unfinished.

        >>> continues("（三）推进行政执法信息公开。县级以上人民政府…信息的公开。（省", "司法厅牵头组织推动…）")
        True
        >>> continues("2019年全省政务公开工作重点任务分工方案", "2019年是中华人民共和国成立70周年。")
        False
    """
    body = previous.lstrip("\t")
    if not body or not following or previous.rstrip()[-1:] in LINE_END_CHARS:
        return False
    if starts_item(following) or "\t" in body or CELL_LINE_RE.match(following) or CSV_ROW_RE.match(body):
        return False
    if NUMBERING_MARKER_RE.match(body) and not HEADING_END_RE.search(body):
        return False
    if FIELD_LABEL_RE.match(body) and not _unclosed(body):
        return False  # a labelled field (责任单位：…) ends with its line
    if (body.endswith(NOTICE_ENDINGS) and "关于" in body) or DOC_NUMBER_LINE_RE.match(following):
        return False  # a notice's name, however long, ends with its line; so does the line before a 文号
    return _unclosed(body) or BODY_PUNCT_RE.search(body) is not None or len(body) >= MIN_BODY_LEN


def _glue(previous: str, following: str) -> str:
    if ASCII_LETTER_RE.match(previous[-1:]) and ASCII_LETTER_RE.match(following[:1]):
        return previous + " " + following
    return previous + following


def reflow(text: str) -> str:
    """Join lines broken in the middle of a sentence; the blank lines between them go too.

        >>> reflow("（一）强化组织领导。各级政务公开领导小组要定期听\\n\\n取汇报、研究解决重大问题。\\n\\n（二）执行条例。")
        '（一）强化组织领导。各级政务公开领导小组要定期听取汇报、研究解决重大问题。\\n\\n（二）执行条例。'
        >>> reflow("\\t运用5G技术，提升政务服务\\n效能，优化营商环境。\\n\\t责任单位：县行政审批局")
        '\\t运用5G技术，提升政务服务效能，优化营商环境。\\n\\t责任单位：县行政审批局'
    """
    out: list[str] = []
    last = -1  # index in ``out`` of the last non-blank line
    for line in text.split("\n"):
        if line.strip(" ") == "" and line != "\t":
            out.append(line)
            continue
        if last >= 0 and continues(out[last], line):
            out[last] = _glue(out[last], line)
            del out[last + 1 :]
            continue
        out.append(line)
        last = len(out) - 1
    return "\n".join(out)
