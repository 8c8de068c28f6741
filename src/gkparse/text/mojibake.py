"""Mojibake: UTF-8 bytes that a scraper decoded with the wrong codec.

Two kinds are common on Chinese government sites:

* UTF-8 read as GBK/GB18030 (``鍏充簬`` for ``关于``), often lossy: bytes that GBK could not pair became
  U+FFFD, or "?" once the page was saved as GBK again. ftfy does not know this case; it is undone here by
  encoding back to GB18030 and decoding as UTF-8, and kept only when the result is clearly better. A lost
  byte is restored only where the bytes or the document tell which it was (:mod:`.lostbytes`); elsewhere
  the character stays U+FFFD and counts as damage.
* UTF-8 read as latin-1/cp1252 (``æ”¿åŠ¡`` for ``政务``), which ``ftfy.fix_encoding`` undoes.

Both work line by line, so line numbers never move.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

import ftfy

from .lines import fix_lines, line_at
from .lostbytes import PENDING_BASE, LostChars
from .pinyin import toned_readings

# One run of non-ASCII characters: the unit judged when a whole line is not clearly mojibake.
NON_ASCII_RUN_RE = re.compile(r"[^\x00-\x7f]{2,}")
# Smaller units still, for a run that mixes good text and mojibake: split at spaces and CJK punctuation.
WORD_RE = re.compile(r"[^\x00-\x7f\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]{2,}")
# A character GBK decoding of UTF-8 produces: CJK, GBK symbols, private use area, U+FFFD.
GBK_MOJIBAKE_HINT_RE = re.compile(r"[\u3000-\u9fff\ue000-\uf8ff\ufffd]")
# Latin-1 Supplement letters: every UTF-8 lead byte of a CJK character reads as one of them (ä…é).
# The lead byte of a UTF-8 sequence read as latin-1/cp1252 (Â…ï), followed by a continuation byte read
# the same way (U+0080–U+00BF, or cp1252's € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ);
# pinyin tone letters (dāng, yè) are followed by ASCII and do not match.
LATIN1_MOJIBAKE_HINT_RE = re.compile(r"[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
# A lost byte in lossy GBK mojibake: U+FFFD, or "?" after a non-ASCII character (saved as GBK again).
LOST_BYTE_RE = re.compile(r"\ufffd|\?(?<=[^\x00-\x7f]\?)")
REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")

# Score of a character: how typical it is of real Chinese text (higher) versus mojibake (lower).
SCORE_COMMON_HAN = 1.0  # GB2312 level 1 or Big5 frequent characters: the ~6,000 everyday characters
SCORE_OTHER_HAN = -0.5  # GB2312 level 2 and rarer ideographs: mojibake is full of them
SCORE_SYMBOL = -1.0  # GBK symbol rows (㈠ ⒈ ⅰ …), Hangul, Kana: what odd UTF-8 bytes pair into
SCORE_PRIVATE_USE = -3.0  # private use area: GB18030 maps unassigned GBK codes there
SCORE_DAMAGE = -1.0  # U+FFFD
# Relative gain a repair must bring: at least this share of the line's non-ASCII characters.
MIN_GAIN_SHARE = 0.25
MIN_ODD_CHARS = 2  # fewer rare characters than this: the line is not mojibake
MIN_ODD_SHARE = 0.15  # nor when they are under this share of its non-ASCII characters


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The everyday characters: GB2312 level 1 (rows 0xB0–0xD7) and Big5 frequent (0xA440–0xC67E)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        chars.update(bytes([lead, trail]).decode("gb2312", "ignore") for trail in range(0xA1, 0xFF))
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            chars.add(bytes([lead, trail]).decode("big5", "ignore"))
    chars.discard("")
    return frozenset(chars)


def _char_score(ch: str, common: frozenset[str]) -> float:
    if ch < "\u0080":
        return 0.0
    if ch in common:
        return SCORE_COMMON_HAN
    cp = ord(ch)
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF:
        return SCORE_OTHER_HAN
    if 0xE000 <= cp <= 0xF8FF:
        return SCORE_PRIVATE_USE
    if ch == REPLACEMENT:
        return SCORE_DAMAGE
    if cp >= PENDING_BASE:
        return SCORE_COMMON_HAN  # a lost byte whose candidates are all everyday characters
    if 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF or 0x2010 <= cp <= 0x2027:
        return 0.0  # CJK and full-width punctuation, quotes, dashes: neutral
    return SCORE_SYMBOL


def text_score(text: str) -> float:
    """How much ``text`` looks like real Chinese: + for everyday characters, − for rare ones and damage.

        >>> text_score("关于") > text_score("鍏充簬")
        True
    """
    common = _common_han()
    return sum(_char_score(ch, common) for ch in text)


def _next_byte(text: str, at: int) -> int | None:
    """The byte that followed a lost byte: the first byte of the next character (None at the end of the
    text or before another lost byte)."""
    if at >= len(text) or LOST_BYTE_RE.match(text, at):
        return None
    return text[at].encode("gb18030")[0]


def _undo_gbk(text: str, chars: LostChars) -> tuple[str, int] | None:
    """Encode as GB18030 and decode as UTF-8, each lost byte decided by :class:`LostChars`; ``None`` when
    ``text`` cannot come from that. Also the number of decoding errors the lost bytes do not explain."""
    try:
        parts = []
        lost: list[tuple[int, int | None]] = []
        size = 0
        last = 0
        for match in LOST_BYTE_RE.finditer(text):
            part = text[last : match.start()].encode("gb18030")
            parts.append(part)
            size += len(part)
            lost.append((size, _next_byte(text, match.end())))
            parts.append(b"\x80")
            size += 1
            last = match.end()
        parts.append(text[last:].encode("gb18030"))
    except UnicodeEncodeError:
        return None
    return chars.decode(bytearray(b"".join(parts)), lost)


def _clearly_better(before: str, after: str, errors: int) -> bool:
    """Whether ``after`` (decoded with ``errors`` errors beyond the lost bytes) is the text ``before`` was.
    UTF-8 is strict: text that decodes without an unexplained error and reads better was UTF-8."""
    if after == before or "\n" in after or errors > 0 and after.count(REPLACEMENT) > len(LOST_BYTE_RE.findall(before)):
        return False
    non_ascii = sum(1 for ch in before if ch >= "\u0080")
    gain = text_score(after) - text_score(before)
    if errors == 0 and non_ascii >= MIN_ODD_CHARS:
        return gain > 0
    return gain >= 1.0 and gain >= MIN_GAIN_SHARE * non_ascii


def _fix_gbk_piece(piece: str, chars: LostChars) -> str:
    candidate = _undo_gbk(piece, chars)
    return candidate[0] if candidate is not None and _clearly_better(piece, *candidate) else piece


@lru_cache(maxsize=1)
def _odd_re() -> re.Pattern[str]:
    """Characters good text is not made of: anything but ASCII and Latin (pinyin tone letters),
    everyday characters, Chinese punctuation, full-width forms and typographic quotes. Mojibake is
    made of them. One character class, matched at C speed."""
    everyday = "".join(sorted(_common_han()))
    return re.compile(
        "[^\u0000-\u024f\u3000-\u303f\uff00-\uffef“”‘’…—·–" + re.escape(everyday) + "]"
    )


def _odd_count(text: str) -> int:
    return len(_odd_re().findall(text))


def _looks_clean(line: str) -> bool:
    """Cheap test run before any repair: a line with almost no rare characters is left alone."""
    odd = _odd_count(line)
    return odd < MIN_ODD_CHARS or odd < MIN_ODD_SHARE * sum(1 for ch in line if ch >= "\u0080")


def _fix_gbk_line(line: str, chars: LostChars) -> str:
    if not GBK_MOJIBAKE_HINT_RE.search(line) or _looks_clean(line):
        return line
    fixed = _fix_gbk_piece(line, chars)
    if fixed != line:
        return fixed
    return NON_ASCII_RUN_RE.sub(lambda m: _fix_gbk_run(m.group(), chars), line)


def _fix_gbk_run(run: str, chars: LostChars) -> str:
    fixed = _fix_gbk_piece(run, chars)
    if fixed != run:
        return fixed
    return WORD_RE.sub(lambda m: _fix_gbk_piece(m.group(), chars), run)


def fix_gbk_mojibake(text: str) -> str:
    """Undo UTF-8 that was read as GBK/GB18030, line by line, keeping lines that are not clearly better.

        >>> fix_gbk_mojibake("鍏充簬鍗板彂2019骞村叏鐪佹斂鍔″叕寮�宸ヤ綔閲嶇偣浠诲姟鐨勯�氱煡")
        '关于印发2019年全省政务公�工作重点任务的�知'
        >>> fix_gbk_mojibake("鐨勯�氱煡\\n涓嬪彂閫氱煡")  # 的�知: 通 or 逼; 通知 is written intact on line 2
        '的通知\\n下发通知'
        >>> fix_gbk_mojibake("关于印发2019年全省政务公开工作重点任务的通知")
        '关于印发2019年全省政务公开工作重点任务的通知'
    """
    if sum(1 for _ in itertools.islice(_odd_re().finditer(text), MIN_ODD_CHARS)) < MIN_ODD_CHARS:
        return text  # the whole text is made of everyday characters
    # GB18030 reads GBK's user-defined codes as private use characters, GBK loses them: which one read the
    # text decides which bytes it can have lost
    codec = "gb18030" if PRIVATE_USE_RE.search(text) else "gbk"
    chars = LostChars(_common_han(), toned_readings, codec)
    # only a line holding MIN_ODD_CHARS rare characters can be mojibake
    odd_lines = _lines_with(_odd_re().finditer(text), text, MIN_ODD_CHARS)
    return chars.resolve(fix_lines(text, odd_lines, lambda line: _fix_gbk_line(line, chars)))


def _lines_with(matches: Iterator[re.Match[str]], text: str, least: int) -> Iterator[int]:
    """An offset in each line of ``text`` that holds at least ``least`` of ``matches`` (in order)."""
    end, count = -1, 0
    for m in matches:
        pos = m.start()
        if pos > end:
            end, count = line_at(text, pos)[1], 0
        count += 1
        if count == least:
            yield pos


def _fix_latin1_line(line: str) -> str:
    if not LATIN1_MOJIBAKE_HINT_RE.search(line):
        return line
    fixed = ftfy.fix_encoding(line)
    return fixed if fixed.count("\n") == 0 and "\r" not in fixed else line


def fix_latin1_mojibake(text: str) -> str:
    """Undo UTF-8 that was read as latin-1 or cp1252, with ``ftfy.fix_encoding`` only.

    ``ftfy.fix_text`` would also turn full-width Chinese punctuation into ASCII, so it is not used.

        >>> fix_latin1_mojibake("æ”¿åŠ¡å…¬å¼€ï¼ˆè¯•è¡Œï¼‰")
        '政务公开（试行）'
    """
    return fix_lines(text, (m.start() for m in LATIN1_MOJIBAKE_HINT_RE.finditer(text)), _fix_latin1_line)
