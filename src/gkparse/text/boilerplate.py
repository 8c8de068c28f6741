"""Boilerplate and spam: the lines of a scraped page that are not the document.

Page chrome (breadcrumbs, date/source/view-count lines, print and font-size widgets, share buttons,
related links, footers, wrappers of document-sharing sites) is recognized by rules anchored at the start
of short lines, so a task that *mentions* 首页 or 主办单位 stays. SEO spam is recognized by its vocabulary.
The document's own metadata block (索引号, 发文机关, 成文日期 …) is content and stays.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..scanning import by_first_chars

# Longest line that page chrome occupies; longer lines are content.
MAX_CHROME_LEN = 80
# A chain of breadcrumb items: at least this many short items separated by > » › ＞.
MIN_CRUMBS = 3
MAX_CRUMB_LEN = 24
BREADCRUMB_SEP_RE = re.compile(r"\s*(?:>>?|»|›|\N{FULLWIDTH GREATER-THAN SIGN}|→)\s*")
BREADCRUMB_CHAR_RE = re.compile(r"[>»›\N{FULLWIDTH GREATER-THAN SIGN}→]")  # a line without one has no crumbs
# Sentence punctuation: a line with it is prose, not chrome or a keyword run.
SENTENCE_PUNCT_RE = re.compile(r"[。，；！？]")
# A date, with an optional time: 2019-05-17 09:15, 2019年05月17日.
DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"

# Chrome rules, each anchored on the stripped line; all apply to short lines only.
CHROME_RES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"^(?:网站)?(?:首页|主页)$",  # 首页 alone
        r"^(?:网站)?(?:首页|主页)\s*(?:>|»|›|＞|/|→)",  # 首页 > 政务公开 > …
        r"^(?:>|»|›|＞)",  # a breadcrumb continued on its own line: > 政府信息公开
        r"^(?:当前位置|您现在的位置|您的位置|你的位置|你现在的位置|现在位置|所在位置)",  # location bar
        rf"^(?:日期|时间|发布日期|发布时间|更新时间|发表时间|信息时间)\s*[:：]\s*{DATE}",  # page date
        r"^(?:来源|信息来源|文章来源|稿件来源|作者|编辑|责任编辑|供稿|审核)\s*[:：]",  # source/author
        r"(?:浏览次数|阅读次数|点击数|点击次数|点击量|访问量|浏览量|阅读量|访问次数)",  # view counters
        r"打印本页|关闭窗口|打印此页|关闭本页|【\s*(?:打印|关闭|收藏|返回顶部)\s*】|\[\s*(?:打印|关闭)\s*\]",
        r"(?:字体|字号)\s*[:：]?\s*[【\[]?\s*大\s*中\s*小",  # font-size widget
        r"^(?:【\s*)?(?:字体|字号)\s*[:：]?\s*[【\[]?\s*(?:大|中|小|默认)",  # 【字号 大 中 小】
        r"^(?:分享到|分享至|扫一扫|微信扫一扫|手机扫一扫|扫描二维码|用手机扫描)",  # share widgets
        r"^(?:相关解读|相关链接|相关文章|相关阅读|相关新闻|相关文件|解读链接|附件下载)\s*[:：]?",  # links
        r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|返回顶部|返回首页|返回列表)",  # navigation
        r"^(?:首页\s*)?上一页.*下一页",  # a pager: 首页 上一页 1 2 3 下一页 尾页
        r"^[-—–－]\s*\d{1,3}\s*[-—–－]$",  # a page number left by a page break: - 2 -, —2—
        r"^(?:地址|联系电话|联系方式|电话|邮编|传真|电子邮箱|邮箱)\s*[:：]",  # the site's address block
        r"^(?:图片解读|文字解读|视频解读|图解|音频解读)\s*[:：]",  # links to the plan's explanations
        r"分辨率|浏览器浏览|以上版本浏览器|您是本站第",  # 建议使用1920×1080分辨率, 您是本站第…位访问者
        r"^(?:政府信息公开(?:目录|指南|制度|年报)\s*){2,}",  # the open-government navigation bar
        r"^(?:第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页|共\s*\d+\s*页\s*[/／,，]?\s*第\s*\d+\s*页)$",  # 第1页 共3页
        r"^(?:主办|承办|协办|主管|维护|主办单位|承办单位|协办单位|网站维护|技术支持|运维单位)\s*[:：]",
        r"ICP\s*备|ICP证|公网安备|公安备案|网站标识码|版权所有|Copyright|©",  # footer identifiers
        r"^(?:联系我们|网站地图|网站声明|隐私声明|关于我们|使用帮助|设为首页|加入收藏)(?:$|\s|\|)",
        r"下载本文档|本文档由.{0,30}上传|全文阅读已结束|阅读已结束|免费下载|立即下载|文档贡献者",  # doc sites
        r"还剩\s*\d+\s*页未读|继续阅读|V(?<![A-Za-z]V)IP(?![A-Za-z])|原创力文档|道客巴巴|豆丁网|百度文库|人人文库",
        r"^《[^《》]{2,80}》\s*由会员分享",  # 《…docx》由会员分享，可在线阅读
        # the file's card on a document-sharing site: - 文档编号:5328372, - 上传时间:…, - 格式:DOCX, - 页数:31
        r"^[-•·*]?\s*(?:文档编号|文档ID|上传时间|上传日期|上传人|上传者|下载次数|下载积分|浏览次数)\s*[:：]",
        r"^[-•·*]?\s*(?:格式|文档格式|文件格式)\s*[:：]\s*[A-Za-z]{2,5}$",
        r"^[-•·*]?\s*(?:页数|文档页数)\s*[:：]\s*\d{1,5}\s*页?$",
        r"^[-•·*]?\s*(?:大小|文档大小|文件大小)\s*[:：]\s*[\d.]+\s*[KMG]i?B$",
        # the shared file's name as the page's heading: 某市政务公开工作要点实施方案.docx
        r"^[^\s。，；：:]{2,70}\.(?:docx?|DOCX?|pdf|PDF|wps|WPS|xlsx?|XLSX?|pptx?|PPTX?)$",
    )
)

# The rules as two alternations: those anchored at the line start are tried there only (match), the
# others anywhere in the line (search).
CHROME_START_RE = re.compile("|".join(f"(?:{r.pattern[1:]})" for r in CHROME_RES if r.pattern.startswith("^")))
# The characters a line can open with when a rule anchored at its start matches it (the words of the
# rules, their brackets, dashes and bullets), but for the shared file's name, which may start with any
# character and is told by its extension: a line that opens with another character is not tried.
CHROME_FIRST_CHARS = frozenset(
    "网首主>»›＞当您你现所日时发更信来文稿作编责供审【字分扫微手用相解附上下返-—–－"
    "地联电邮传图视音政第共承协维技运隐关使设加《•·*浏格页大"
)
_FILE_EXTENSIONS = ("doc", "docx", "DOC", "DOCX", "pdf", "PDF", "wps", "WPS", "xls", "xlsx", "XLS", "XLSX",
                    "ppt", "pptx", "PPT", "PPTX")
FILE_NAME_ENDS = tuple(f".{ext}{end}" for ext in _FILE_EXTENSIONS for end in ("", "\n"))  # $ allows a last \n
# Whether a line holds one of them, scanned for by the characters its words start with.
CHROME_ANYWHERE_RE = by_first_chars(
    "[浏阅点访打关【\\[字ICP公网版C©下本全免立文还继V原道豆百人分以您]",
    "|".join(f"(?:{r.pattern})" for r in CHROME_RES if not r.pattern.startswith("^")),
)

# Spam vocabulary that never occurs in a work plan: one of these marks a line.
# AV / av only as a word; the look-behind follows the first letter, so that the scan can jump from one
# A or a to the next instead of trying the look-behind at every position.
SPAM_STRONG_RE = re.compile(
    r"无码|中文字幕|人妻|丝袜|色欲|内射|毛片|一区二区|久久精品|国产精品|日韩精品|欧美精品"
    r"|A(?<![A-Za-z]A)[Vv](?![A-Za-z])|a(?<![A-Za-z]a)v(?![A-Za-z])|Aⅴ|成人影|成人网|黄色网|裸聊|约炮"
    r"|葡京|六合彩|威尼斯人|百家乐|娱乐城|老虎机|时时彩|真人荷官|申博|太阳城|网上赌场|在线赌场|赌场网址|最新网址"
    r"|棋牌游戏|体育投注|皇冠体育|彩票平台|娱乐官网"
)
# Betting brands: 365bet, bet365, beat365. Apart from the words above, so that a page without "bet" is
# scanned for those alone (see :func:`spam_possible`).
BETTING = r"(?:bet|BET|Bet|beat)\d{2,}|\d{2}(?:bet|BET|Bet)"
BETTING_RE = re.compile(r"(?=[bB\d])(?:" + BETTING + ")")
# The words alone: every branch starts with a literal character, so the regex engine skips other text
# by that set of first characters at C speed (a page without spam is scanned in one pass).
SPAM_WORDS_RE = re.compile(SPAM_STRONG_RE.pattern)
# With the betting brands, whose digits break that set, a look-ahead for the first characters lets the
# scan skip other text (about 8 times as fast as the alternation tried at every position).
_SPAM_FIRST = "".join(sorted({branch[0] for branch in SPAM_STRONG_RE.pattern.split("|")}))
SPAM_STRONG_RE = re.compile(f"(?=[{re.escape(_SPAM_FIRST)}bB\\d])(?:{SPAM_STRONG_RE.pattern}|{BETTING})")
# Where strong spam terms start, for a scan of a whole page (overlapping starts are reported too).
SPAM_START_RE = by_first_chars(f"[{re.escape(_SPAM_FIRST)}bB\\d]", f"{SPAM_WORDS_RE.pattern}|{BETTING}")
# SEO words that end a spam run written where a place name was (…bet365体育登陆网址2022年政务公开……).
SPAM_RUN_END_RE = re.compile(r"[_|｜]|官网|官方网站|网址|登录|登陆|入口|平台|在线|下载|(?i:app)")
# A label before the spam run that stays: 附件：.
KEPT_LABEL_RE = re.compile(r"^\s*(?:附件\s*\d*\s*[:：]\s*)?")
# The longest spam run in the place of a name: no sentence punctuation or spaces.
MAX_SPAM_RUN = 60
# Spam vocabulary that a work plan may use once (福利彩票, 打击赌场): two of these mark a line.
SPAM_WEAK_RE = re.compile(r"午夜|赌场|博彩|彩票|在线观看|免费观看|在线播放|国产|日韩|欧美|亚洲|福利|精品|高清")
# Where a glued spam suffix may start: after the last sentence-final or closing punctuation.
CONTENT_END_RE = re.compile(r"[。！？；）)」”》]")


def spam_possible(text: str) -> bool:
    """Whether ``text`` holds any strong spam term (one fast scan of a whole page)."""
    if SPAM_WORDS_RE.search(text):
        return True
    return ("bet" in text or "BET" in text or "Bet" in text) and BETTING_RE.search(text) is not None


class LineVerdict(NamedTuple):
    """What to do with one line: keep ``text`` (possibly shortened) and drop ``dropped`` for ``reason``."""

    text: str
    reason: str | None  # None: nothing dropped; "boilerplate" or "spam"
    dropped: str


def is_chrome(line: str) -> bool:
    """True when a (stripped) line is page chrome: breadcrumb, date, widget, footer, doc-site wrapper.

        >>> is_chrome("首页 > 政务公开 > 通知公告"), is_chrome("日期:2019-05-17 09:15"), is_chrome("来源：市政府办")
        (True, True, True)
        >>> is_chrome("加强政府网站首页建设，优化栏目设置。"), is_chrome("主办单位要落实安全责任。")
        (False, False)
    """
    if not line or len(line) > MAX_CHROME_LEN or "\t" in line:
        return False
    if _may_open_chrome(line) and CHROME_START_RE.match(line) or CHROME_ANYWHERE_RE.search(line):
        return True
    if not BREADCRUMB_CHAR_RE.search(line):
        return False
    crumbs = BREADCRUMB_SEP_RE.split(line)
    return (
        len(crumbs) >= MIN_CRUMBS
        and all(0 < len(c) <= MAX_CRUMB_LEN for c in crumbs)
        and not SENTENCE_PUNCT_RE.search(line)
    )


def _may_open_chrome(line: str) -> bool:
    """Whether a rule anchored at the start of ``line`` can match it (see :data:`CHROME_FIRST_CHARS`)."""
    first = line[:1]
    return first in CHROME_FIRST_CHARS or first.isspace() or line.endswith(FILE_NAME_ENDS)


def spam_score(text: str) -> int:
    """Two points per strong spam term, one per weak one.

        >>> spam_score("久久中文字幕人妻丝袜"), spam_score("福利彩票公益金使用情况")
        (6, 2)
    """
    return 2 * len(SPAM_STRONG_RE.findall(text)) + len(SPAM_WEAK_RE.findall(text))


def _is_spam(text: str) -> bool:
    score = spam_score(text)
    has_strong = SPAM_STRONG_RE.search(text) is not None
    return (score >= 4 and has_strong) or (has_strong and not SENTENCE_PUNCT_RE.search(text))


def judge_line(line: str) -> LineVerdict:
    """Keep, drop, or cut the spam glued to the end of a content line.

        >>> judge_line("并向社会公开。久久中文字幕人妻丝袜| 亚洲中文字幕无码")
        LineVerdict(text='并向社会公开。', reason='spam', dropped='久久中文字幕人妻丝袜| 亚洲中文字幕无码')
        >>> judge_line("相关解读:解读《2019年江西省政务公开工作要点的通知》").reason
        'boilerplate'
    """
    stripped = line.strip()
    if is_chrome(stripped):
        return LineVerdict("", "boilerplate", line)
    if not SPAM_STRONG_RE.search(stripped):
        return LineVerdict(line, None, "")
    # A cut leaves no spam term in the head and no sentence punctuation in the tail: only the ends after the
    # last sentence punctuation and before the first strong term can be one, so each is judged once.
    first_strong = SPAM_STRONG_RE.search(line)
    last_punct = max((m.start() for m in SENTENCE_PUNCT_RE.finditer(line)), default=-1)
    window = (max(last_punct, 0), first_strong.start() if first_strong else 0)
    for m in reversed(list(CONTENT_END_RE.finditer(line, *window))):
        head, tail = line[: m.end()], line[m.end() :]
        if tail.strip() and _is_spam(tail) and not SPAM_STRONG_RE.search(head):
            return LineVerdict(head, "spam", tail.strip())
    cut = _spam_run_cut(line)
    if cut is not None:
        return cut
    if _is_spam(stripped):
        return LineVerdict("", "spam", line)
    return LineVerdict(line, None, "")


def _spam_run_cut(line: str) -> LineVerdict | None:
    """A spam run that replaced the name at the start of a title or an issuer line: the run goes, the
    rest of the line stays.

        >>> _spam_run_cut("附件：bet365体育_365bet官网2021年政务公开工作要点").text
        '附件：2021年政务公开工作要点'
    """
    label = KEPT_LABEL_RE.match(line).end()
    end = None
    for m in SPAM_STRONG_RE.finditer(line, label):
        if m.start() - label > MAX_SPAM_RUN or SENTENCE_PUNCT_RE.search(line, label, m.start()):
            break
        end = m.end()
    if end is None:
        return None
    for m in SPAM_RUN_END_RE.finditer(line, end):
        if m.start() - end > 12 or SENTENCE_PUNCT_RE.search(line, end, m.start()):
            break
        end = m.end()
    rest = line[end:].lstrip("_|｜ ")
    if len(rest) < 4 or _is_spam(rest) or SPAM_STRONG_RE.search(rest):
        return None
    return LineVerdict(line[:label] + rest, "spam", line[label:end])
