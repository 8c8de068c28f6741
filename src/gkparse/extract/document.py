"""Document metadata: the plan's title, issuer, document number, date and work year.

- title: the plan's own title line (``2019年江西省政务公开工作要点``), which is also where the plan
  starts; else the title inside the notice's name (关于印发《…》的通知).
- issuer: the 发文机关 field, else the organ before 关于 in the notice's name, else the signature
  line above the date.
- doc_number: the 发文字号 field or a number on a line of its own (``（吉政公组〔2019〕1号）``); numbers
  cited inside sentences belong to other documents.
- date: the 成文日期 field, else the first date written on a line of its own.
- year: from the title, else the date, else the most frequent year in the text.

>>> meta = extract_metadata("新乐市人民政府办公室\\n2020年8月24日\\n新乐市2020年政务公开工作要点\\n一、加强公开", None)
>>> (meta.title, meta.issuer, str(meta.date), meta.year)
('新乐市2020年政务公开工作要点', '新乐市人民政府办公室', '2020-08-24', 2020)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..models import DocumentMeta
from ..options import ParseOptions
from ..structure.numbering import parse_marker

# Endings of a plan's title, the one list of the genre's names: a division of tasks (…任务分工, …责任分解,
# …目标任务分解落实, with a form after it or not: 方案, 表, 清单, 一览表, 台账), a list or ledger (…任务清单,
# …责任清单, …工作台账, …一览表), and the plans themselves (…工作要点, …实施方案, …行动计划, …).
_DIVISION = r"(?:分工|分解)(?:落实)?"
_FORM = r"(?:方案|一览表|表|清单|台账)"
_OF = r"(?:任务|责任|工作|目标|问题|事项)"  # what is divided or listed: 责任分解, 任务清单 (明确分工 is no title)
PLAN_SUFFIX = (
    rf"(?:{_OF}{_DIVISION}{_FORM}?|{_DIVISION}{_FORM}|{_OF}(?:清单|台账)|一览表"
    r"|工作要点|要点|考核方案|实施方案|工作方案|工作计划|行动方案|行动计划|重点任务|任务表|细则|工作安排"
    r"|重点工作|工作任务|任务安排)"
)
# What may follow the name in brackets: （试行）, （2021—2023年）.
TITLE_BRACKET = r"[（(](?:试行|征求意见稿|修订|(?:19|20)\d{2}\s*[—–\-－~至]{1,2}\s*(?:19|20)\d{2}\s*年?)[）)]"
TITLE_BRACKET_RE = re.compile(TITLE_BRACKET + "$")
PLAN_TITLE_RE = re.compile(
    rf"^(?:附件\s*\d*\s*[:：]?\s*(?:\d{{1,2}}\s*[.．、]\s*)?)?《?(?P<title>(?:[^\s，。；：:,;《》]|《[^《》]{{1,60}}》){{2,80}}?{PLAN_SUFFIX}"
    rf"(?:{TITLE_BRACKET})?)》?$"
)
# A cited document's name inside a plan title: 2022年《政府工作报告》重点工作责任分工方案.
CITED_NAME_RE = re.compile(r"《[^《》]*》")
MAX_TITLE_LEN = 60
MAX_FRAGMENT_LEN = 6  # a title line this short (三年行动计划) is the end of a name begun on the line above
# A line that cannot be the first half of a broken title: punctuation, a notice's name, 附件.
TITLE_BREAK_STOP_RE = re.compile(r"[，。；：:,;（）()《》]|关于|通知|^附件|\s")
# The last characters a plan title can end with (of PLAN_SUFFIX, or a closing bracket): a cheap test first.
PLAN_TITLE_ENDINGS = tuple("点案表工单划务账则排作解实）)》")
NOTICE_RE = re.compile(r"关于(?:印发|转发|下发)|通知|的函|意见$")
# A document's name: 某市人民政府办公室关于印发……的通知 names the plan it sends; 国务院办公厅关于……的指导意见
# or 某省人民政府办公厅关于……的通知 without 印发 is itself the plan, and its whole name is the title.
NOTICE_TITLE_RE = re.compile(
    r"^(?P<issuer>[^，。；;《》]*?)关于(?P<verb>印发|转发|下发)?(?P<title>.+?)"
    r"(?P<end>的(?:通知|(?:指导|实施|若干)?意见|决定|办法|通报|函))$"
)
NAME_END_RE = re.compile(NOTICE_TITLE_RE.pattern.rsplit("(?P<end>", 1)[1].rstrip("$)") + ")$")
HASHTAG_TITLE_RE = re.compile(rf"#(?P<title>[^#\s]{{2,60}}?{PLAN_SUFFIX}(?:范本|范文|模板)?)#")
# The notice's sentence that sends the plan: 《……实施方案》已经县政府同意，现印发给你们.
SENT_PLAN_RE = re.compile(rf"《(?P<title>[^《》]{{2,60}}?{PLAN_SUFFIX}(?:[（(][^（）()]{{2,12}}[）)])?)》[^。《》]{{0,24}}印发")
ORGAN_RE = re.compile(
    r"(?:办公厅|办公室|人民政府|政府|领导小组|委员会|管理局|局|厅|委|办|中心|小组|办事处|学区|管委会|党工委)(?:（[^）]*）)?$"
)
# 发文字号：… or 发文字号<TAB>…; several fields may share a line, apart by a tab or two spaces.
FIELD_RE = re.compile(
    r"(?P<key>发文机关|成文日期|发文字号|发布机构|文号)\s*(?:[:：]|\t)[\s|｜]*(?P<value>[^\t|｜]+?)(?=\t|[|｜]|\s{2,}|\u3000|$)"
)
DOC_NUMBER_RE = re.compile(
    r"(?P<num>[\u3400-\u9fff]{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号)"
)
OWN_LINE_NUMBER_RE = re.compile(r"^[（(]?\s*" + DOC_NUMBER_RE.pattern + r"\s*[）)]?$")
DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
CN_DATE_RE = re.compile(r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日")
ISO_DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
MAX_DATE_LINE_LEN = 20
DATE_LINE_SUFFIX_RE = re.compile(r"(?:印发|发布|签发)$")
TITLE_KEY_RE = re.compile(r"^(?:标题|名称|文件名称)\s*(?:[:：]|\t)\s*")  # 标题<TAB>…关于印发……的通知
# 附件：1.……工作要点 — a list of attachments in the notice, not the attachment itself.
ATTACHMENT_LIST_RE = re.compile(r"^附件\s*[:：]")
_CN = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _is_plan_title(lines: list[str], i: int) -> str | None:
    line = lines[i].strip()
    if not line.endswith(PLAN_TITLE_ENDINGS):
        return None
    m = PLAN_TITLE_RE.match(line)
    if not m or NOTICE_RE.search(CITED_NAME_RE.sub("", m.group("title"))) or parse_marker(line) is not None:
        return None  # a section heading such as 二、重点工作 is not the plan's title
    nxt = next((x.strip() for x in lines[i + 1: i + 3] if x.strip()), "")
    prev = next((x.strip() for x in reversed(lines[max(0, i - 2): i]) if x.strip()), "")
    if nxt.startswith(("的通知", "的函", "通知")) or prev.endswith(("关于印发", "关于", "印发")):
        return None  # a line of a notice's name broken over several lines
    return m.group("title")


def find_plan_title(lines: list[str]) -> tuple[int, str] | None:
    """Index and text of the plan's title line, or None. A title named in the notice's list of attachments
    (附件：1.……工作要点) counts only when no title line of the attachment itself follows."""
    listed: tuple[int, str] | None = None
    for i, line in enumerate(lines):
        if len(line) > 80 or not line.strip():
            continue
        title = _is_plan_title(lines, i)
        if not title:
            continue
        if listed is not None:  # the attachment named in the list, with its own title line
            return i, _with_first_line(lines, i, title)
        if ATTACHMENT_LIST_RE.match(line.strip()):
            if listed is None:
                listed = i, title
            continue
        if listed is None:
            return _fuller_repeat(lines, i, _with_first_line(lines, i, title))
    return listed


def _fuller_repeat(lines: list[str], i: int, title: str) -> tuple[int, str]:
    """The title line, or the one right after it when that repeats it in full (a sharing site's heading
    潍坊政务公开工作要点实施方案 over the document's own 潍坊市2017年政务公开工作要点实施方案)."""
    j = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].strip()), None)
    if j is None or len(lines[j]) > 80:
        return i, title
    fuller = _is_plan_title(lines, j)
    if fuller and len(fuller) > len(title) and _is_subsequence(title, fuller):
        return j, fuller
    return i, title


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _with_first_line(lines: list[str], i: int, title: str) -> str:
    """The title with the lines a page broke it onto: its first line (某市2021年政务公开 / 工作要点, or any
    two lines that make the name the notice gives the plan: 关于印发……的通知, 《……》; or any line before a
    title line too short to name a plan on its own: 某区全力打造“数字某区” / 三年行动计划), and a bracket on
    the line after it (/ （2021—2023年）)."""
    after = next((x.strip() for x in lines[i + 1: i + 3] if x.strip()), "")
    if TITLE_BRACKET_RE.fullmatch(after) and not TITLE_BRACKET_RE.search(title):
        title += after
    prev = next((x.strip() for x in reversed(lines[max(0, i - 2): i]) if x.strip()), "")
    if (
        prev
        and len(prev) + len(title) <= MAX_TITLE_LEN
        and not TITLE_BREAK_STOP_RE.search(prev)
        and not date_line(prev)
        and not PLAN_TITLE_RE.match(prev)
        and (
            (YEAR_RE.search(prev) and not YEAR_RE.search(title))
            or _named_in_notice(lines[:i], prev + title)
            or (len(TITLE_BRACKET_RE.sub("", title)) <= MAX_FRAGMENT_LEN and not ORGAN_RE.search(prev))
        )
    ):
        return prev + title
    return title


def _named_in_notice(head: list[str], name: str) -> bool:
    """Whether the lines before the plan name it: 关于印发<name>的通知, 《<name>》."""
    return any(f"《{name}》" in line or f"印发{name}的通知" in line for line in head[-40:])


def find_plan_start(lines: list[str]) -> int:
    """1-based line number where the plan starts (its title line), or 0 for the whole text."""
    found = find_plan_title(lines)
    return found[0] + 1 if found else 0


def _fields(lines: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines[:40]:
        for m in FIELD_RE.finditer(line):
            out.setdefault(m.group("key"), m.group("value").strip())
    return out


def _parse_date(text: str) -> dt.date | None:
    for pattern in (DATE_RE, ISO_DATE_RE):
        m = pattern.search(text)
        if m:
            try:
                return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                return None
    m = CN_DATE_RE.search(text)
    if m:
        from ..structure.numbering import cn_to_int

        y = int("".join(str(_CN[c]) for c in m.group("y")))
        mo, d = cn_to_int(m.group("m")), cn_to_int(m.group("d"))
        if mo and d:
            try:
                return dt.date(y, mo, d)
            except ValueError:
                return None
    return None


def date_line(line: str) -> dt.date | None:
    """The date when ``line`` is nothing but a date (2021年3月1日, 二〇二一年三月一日)."""
    s = line.strip()
    if len(s) > MAX_DATE_LINE_LEN:
        return None
    s = DATE_LINE_SUFFIX_RE.sub("", s).strip("（）()")  # also （2021年3月1日）, 2021年3月1日印发
    if len(s) > 14:
        return None
    if DATE_RE.fullmatch(s) or CN_DATE_RE.fullmatch(s) or ISO_DATE_RE.fullmatch(s):
        return _parse_date(s)
    return None


def extract_metadata(text: str, options: ParseOptions | None) -> DocumentMeta:
    """Title, issuer, document number, date and year of the document in ``text`` (clean text)."""
    lines = text.split("\n")
    fields = _fields(lines)
    found = find_plan_title(lines)
    head = lines[: found[0]] if found else lines[:30]
    title = found[1] if found else None

    notice = _notice_title(lines)
    if title is None and notice and notice[2]:
        title = notice[1].strip("《》") or None  # the plan the notice sends
    if title is None:
        sent = next((m for line in lines[:60] for m in [SENT_PLAN_RE.search(line)] if m), None)
        title = sent.group("title") if sent else None
    if title is None:  # a template site's tags over the text: 【#工作计划# #2019年政务工作计划范本#】
        tagged = next((m for line in lines[:5] for m in [HASHTAG_TITLE_RE.search(line)] if m), None)
        title = tagged.group("title") if tagged else None
    if title is None and notice:
        title = notice[1]  # the document is itself the plan

    issuer = fields.get("发文机关") or fields.get("发布机构")
    if not issuer and notice and notice[0] and ORGAN_RE.search(notice[0]):
        issuer = notice[0]

    date = _parse_date(fields["成文日期"]) if "成文日期" in fields else None
    date_index = None
    if date is None:
        for i, line in enumerate(lines):
            date = date_line(line)
            if date and not _after_field_label(lines, i):
                date_index = i
                break
            date = None
    if date_index and (not issuer or "发文机关" not in fields):
        prev = next((x.strip() for x in reversed(lines[max(0, date_index - 2): date_index]) if x.strip()), "")
        signed = prev and len(prev) <= 30 and ORGAN_RE.search(prev) and not re.search(r"[，。：:]", prev)
        if signed and (not issuer or (prev != issuer and prev.endswith(issuer))):
            issuer = prev  # the signature, also when it names the organ in full (湖北省自然资源厅办公室)

    doc_number = None
    raw_number = fields.get("发文字号") or fields.get("文号")
    if raw_number and DOC_NUMBER_RE.search(raw_number):
        doc_number = DOC_NUMBER_RE.search(raw_number).group("num")
    else:
        for line in head:
            m = OWN_LINE_NUMBER_RE.match(line.strip())
            if m:
                doc_number = m.group("num")
                break
    if doc_number:
        doc_number = re.sub(r"\s+", "", doc_number)
        doc_number = doc_number.translate(str.maketrans("[［【(（]］】)）", "〔〔〔〔〔〕〕〕〕〕"))

    year = options.year if options and options.year else None
    if year is None and title:
        m = YEAR_RE.search(title)
        year = int(m.group(1)) if m else None
    if year is None and date:
        year = date.year
    if year is None:
        counts = Counter(int(y) for y in YEAR_RE.findall(text[:20000]))
        year = counts.most_common(1)[0][0] if counts else None
    return DocumentMeta(title=title, issuer=issuer, doc_number=doc_number, date=date, year=year)


def _after_field_label(lines: list[str], i: int) -> bool:
    """Whether the line before ``i`` is a page field's label (生成日期, 发布日期): its date is the page's."""
    prev = next((x.strip() for x in reversed(lines[max(0, i - 2): i]) if x.strip()), "")
    return prev.rstrip("：:").endswith(("日期", "时间"))


def _notice_title(lines: list[str]) -> tuple[str, str, bool] | None:
    """(issuer, title, sent) of the document's name, which may be broken over up to three lines or sit in
    a cell of the page's metadata table (名称: | ……的通知 |). ``sent``: the name is a notice that sends
    the plan (关于印发……的通知) and ``title`` is the plan's; else ``title`` is the whole name."""
    for i, line in enumerate(lines[:40]):
        if "关于" not in line or len(line) > 160:
            continue
        cells = [c.strip() for c in re.split(r"[|｜]", line)] if "|" in line or "｜" in line else [line.strip()]
        for cell in cells:
            if "关于" not in cell:
                continue
            joined = cell
            if len(cells) == 1:
                for k in range(i + 1, min(i + 5, len(lines))):
                    if NAME_END_RE.search(joined):
                        break
                    if lines[k].strip():
                        joined += lines[k].strip()
            m = NOTICE_TITLE_RE.match(TITLE_KEY_RE.sub("", joined).strip())
            if not m or len(m.group("title")) > 80:
                continue
            issuer = m.group("issuer")
            prev = next((x.strip() for x in reversed(lines[max(0, i - 2): i]) if x.strip()), "")
            if not issuer and prev and len(prev) <= 30 and ORGAN_RE.search(prev) and not re.search(r"[，。：:]", prev):
                issuer = prev  # the organ on the line above: 某县人民政府办公室 / 关于印发……的通知
            if m.group("verb"):
                return issuer, m.group("title"), True
            return issuer, m.group(0), False
    return None
