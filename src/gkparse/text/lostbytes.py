"""Which character a byte lost in lossy GBK mojibake belonged to, or U+FFFD when nothing tells.

When UTF-8 text is read as GBK, a byte that GBK cannot pair with the next one is lost (it becomes U+FFFD,
or ``?`` once the page is saved as GBK again). The lost byte is not just any byte: GBK drops 0x80 always
but 0xAA–0xAF only before a byte it cannot pair them with, and nothing before a byte it pairs with
everything. So a lost byte has a few *candidates*, and the character it belonged to one of a few
everyday characters (``E4 B8 ?`` is 一, 个 or 中). One candidate is the character. Several are settled
only by what the text itself shows:

* digits right before it: 年 月 日 号 (``2021骞�`` is 2021年);
* a pinyin annotation right after it that exactly one candidate reads;
* a numbering marker's place (the start of a line before ``、``, or between ``（`` and ``）``): the one
  Chinese numeral among them;
* the last character of a line that leaves a bracket open: ``）``;
* the document's own words: the one candidate that, with its neighbours, is written intact elsewhere in
  the same document (``泓江�`` where 泓江县 occurs).

Anything else stays U+FFFD (counted as damage): a plausible wrong character in a unit's name is worse
than a visible gap.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .lines import fix_lines, line_at

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
# A character still undecided after its line was repaired: plane 15 private use, one per lost byte.
PENDING_BASE = 0xF0000
PENDING_RE = re.compile("[\U000f0000-\U000ffffd]")
# Characters written after digits: 2021年, 5月, 20日, 1号.
AFTER_DIGIT = frozenset("年月日号")
CN_NUMERALS = frozenset("一二三四五六七八九十")
# A pinyin annotation right after the damaged character (bytes): its reading tells which it was.
ANNOTATION_BYTES_RE = re.compile(rb"\((?P<py>(?:[a-z]|[\xc3\xc4\xc5\xc7\xe1][\x80-\xbf]{1,2}){1,8})\)")
MIN_SUPPORT_RATIO = 2  # the document's words settle a character when it is this much better attested
OPENERS, CLOSERS = "（(", "）)"
HAN_RE = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=512)
def lost_bytes(next_byte: int | None, codec: str) -> tuple[int, ...]:
    """The bytes that ``codec`` (gbk or gb18030) loses before ``next_byte`` (None: the line's end or
    another lost byte), among UTF-8 continuation bytes, the only ones a GBK reading of UTF-8 loses."""
    if next_byte is None:
        return tuple(range(0x80, 0xC0))
    out = []
    for byte in range(0x80, 0xC0):
        try:
            bytes([byte, next_byte]).decode(codec)
        except UnicodeDecodeError:
            out.append(byte)
    return tuple(out)


def _plausible(ch: str, common: frozenset[str]) -> bool:
    if ch in common:
        return True
    cp = ord(ch)
    return 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E


class LostChars:
    """The characters of one document's lost bytes: decided at once where the bytes tell, else pending
    until :meth:`resolve` sees the whole repaired text."""

    def __init__(self, common: frozenset[str], readings, codec: str) -> None:
        self.common = common
        self.readings = readings  # character → its toned pinyin readings
        self.codec = codec
        self.pending: list[tuple[str, ...]] = []
        self._fits: dict[tuple[bytes, int, int | None], list[str]] = {}  # plans repeat their words

    def decode(self, data: bytearray, lost: list[tuple[int, int | None]]) -> tuple[str, int]:
        """UTF-8 ``data`` with a placeholder byte at each lost offset → text (each damaged character as
        itself, U+FFFD or a pending placeholder) and the number of other decoding errors."""
        spans: list[tuple[int, int, str]] = []
        offsets = {off for off, _ in lost}
        for off, nxt in lost:
            start = _char_start(data, off)
            if spans and start is not None and start < spans[-1][1]:
                continue  # a second lost byte in the same character: already unknown
            if start is None:
                spans.append((off, off + 1, REPLACEMENT))
                continue
            end = start + _utf8_length(data[start])
            if any(o in offsets for o in range(start, end) if o != off):
                spans.append((start, end, REPLACEMENT))
                continue
            spans.append((start, end, self._decide(data, start, end, off, nxt)))
        out: list[str] = []
        errors = 0
        last = 0
        for start, end, text in spans:
            piece = bytes(data[last:start]).decode("utf-8", "replace")
            errors += piece.count(REPLACEMENT)
            out.extend((piece, text))
            last = end
        piece = bytes(data[last:]).decode("utf-8", "replace")
        errors += piece.count(REPLACEMENT)
        out.append(piece)
        return "".join(out), errors

    def _fitting(self, data: bytearray, start: int, end: int, off: int, nxt: int | None) -> list[str]:
        """The everyday characters that the bytes ``data[start:end]`` make with each byte that can be lost
        at ``off``."""
        key = (bytes(data[start:end]), off - start, nxt)
        found = self._fits.get(key)
        if found is None:
            found = []
            char = bytearray(key[0])
            for byte in lost_bytes(nxt, self.codec):
                char[off - start] = byte
                try:
                    ch = char.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if _plausible(ch, self.common):
                    found.append(ch)
            self._fits[key] = found
        return found

    def _decide(self, data: bytearray, start: int, end: int, off: int, nxt: int | None) -> str:
        chars = self._fitting(data, start, end, off, nxt)
        if len(chars) > 1 and start > 0 and 0x30 <= data[start - 1] <= 0x39:
            chars = [ch for ch in chars if ch in AFTER_DIGIT] or chars
        if len(chars) > 1:
            annotation = ANNOTATION_BYTES_RE.match(bytes(data[end : end + 40]))
            if annotation:
                syllable = unicodedata.normalize("NFC", annotation.group("py").decode("utf-8", "replace"))
                chars = [ch for ch in chars if syllable in self.readings(ch)] or chars
        if not chars:
            return REPLACEMENT
        if len(chars) == 1:
            return chars[0]
        self.pending.append(tuple(chars))
        return chr(PENDING_BASE + len(self.pending) - 1)

    def resolve(self, text: str) -> str:
        """``text`` with every pending character decided by its place or the document's words, or U+FFFD."""
        if not self.pending or not PENDING_RE.search(text):
            return text
        words = _Words(text, self._wanted(text))
        return fix_lines(
            text, (m.start() for m in PENDING_RE.finditer(text)),
            lambda line: PENDING_RE.sub(lambda m: self._settle(m, words), line),
        )  # fmt: skip

    def _wanted(self, text: str) -> set[str]:
        """The words that can settle a pending character of ``text``: each candidate with its neighbours."""
        wanted: set[str] = set()
        for m in PENDING_RE.finditer(text):
            index = ord(m.group()) - PENDING_BASE
            if index >= len(self.pending):
                continue
            start, end = line_at(text, m.start())
            lefts, rights = _neighbours(text[max(start, m.start() - 2) : m.start()], text[m.end() : min(end, m.end() + 2)])
            for ch in self.pending[index]:
                wanted.update(w + ch for _, w in lefts)
                wanted.update(ch + w for _, w in rights)
        return wanted

    def _settle(self, m: re.Match[str], words: _Words) -> str:
        index = ord(m.group()) - PENDING_BASE
        if index >= len(self.pending):
            return m.group()  # a private-use character of the input itself, not a placeholder
        chars = self.pending[index]
        line, at = m.string, m.start()
        before, after = line[:at], line[at + 1 :]
        if not before.strip() and after[:1] == "、" or before.endswith(OPENERS) and after[:1] in CLOSERS:
            numerals = [ch for ch in chars if ch in CN_NUMERALS]
            if len(numerals) == 1:
                return numerals[0]  # a marker: 一、 / （一）
        if not after.strip() and "）" in chars and _unclosed(before) > 0:
            return "）"
        return words.settle(chars, before, after)


class _Words:
    """The words of the repaired document that can settle its pending characters (``wanted``): runs of
    two and three characters, counted."""

    def __init__(self, text: str, wanted: set[str]) -> None:
        # a wanted word holds no pending character, so counting it in ``text`` is counting it in the text
        # with each pending character read as U+FFFD
        self.counts: dict[str, int] = Counter(g for g in _grams(text) if g in wanted)

    def settle(self, chars: Iterable[str], before: str, after: str) -> str:
        """The one of ``chars`` that the document writes beside these neighbours; only among characters
        (punctuation is no word: ``）`` follows 配合 as often as ``，`` does)."""
        chars = list(chars)
        if not all(HAN_RE.match(ch) for ch in chars):
            return REPLACEMENT
        lefts, rights = _neighbours(before[-2:], after[:2])
        counts = self.counts
        support = []
        for ch in chars:
            score = sum(k * counts.get(w + ch, 0) for k, w in lefts) + sum(k * counts.get(ch + w, 0) for k, w in rights)
            support.append((score, ch))
        support.sort(reverse=True)
        best = support[0]
        second = support[1][0] if len(support) > 1 else 0
        if best[0] > 0 and best[0] >= MIN_SUPPORT_RATIO * second and best[0] > second:
            return best[1]
        return REPLACEMENT


def _neighbours(left: str, right: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The undamaged runs of one and two characters before (``left``: the two characters before) and
    after (``right``) a character, with their lengths."""
    lefts = [(k, left[-k:]) for k in (2, 1) if len(left) >= k and not _damaged(left[-k:])]
    rights = [(k, right[:k]) for k in (2, 1) if len(right) >= k and not _damaged(right[:k])]
    return lefts, rights


def _grams(text: str) -> Iterable[str]:
    for n in (2, 3):
        for i in range(len(text) - n + 1):
            yield text[i : i + n]


def _damaged(text: str) -> bool:
    return REPLACEMENT in text or PENDING_RE.search(text) is not None


def _unclosed(text: str) -> int:
    return sum(text.count(o) for o in OPENERS) - sum(text.count(c) for c in CLOSERS)


def _char_start(data: bytearray, off: int) -> int | None:
    """Where the UTF-8 character holding the continuation byte at ``off`` starts, or None."""
    for start in range(off - 1, max(-1, off - 4), -1):
        byte = data[start]
        if byte >= 0xC0:
            return start if start + _utf8_length(byte) > off else None
        if byte < 0x80:
            return None
    return None


def _utf8_length(lead: int) -> int:
    return 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
