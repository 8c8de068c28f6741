"""Bytes → str: find the encoding of a scraped document, or refuse it with a clear reason.

The order is fixed and each step is a decision, not a guess: byte-order mark, then the NUL-byte pattern
of UTF-16 without a mark, then strict UTF-8, then charset-normalizer restricted to GB18030 and Big5.
Codecs are never "tried in order": most short GBK snippets also decode without error as Big5.

One bad byte does not refuse a document whose text is otherwise clean (a stray byte, a download cut in the
middle of its last character, a UTF-8 file with GB18030 lines pasted in): the bytes that no reading
explains become U+FFFD and are counted in ``Decoded.lost``, as long as they are at most
``MAX_LOST_SHARE`` of the characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from charset_normalizer import from_bytes

from ..errors import InputError

# Byte-order marks, longest first, with the name reported in ``Decoded.encoding``.
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),  # before UTF-16 LE, whose mark it starts with
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),  # UTF-8 with signature (Windows Notepad)
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),  # UTF-16 little endian
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),  # UTF-16 big endian
)

# Signatures of files that are not text, saved under a .txt name by scrapers.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),  # also DOCX, XLSX, ODT
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file"),  # DOC, XLS, WPS
    (b"\x1f\x8b", "GZIP"),
    (b"\x7fELF", "an executable"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
)

# C0 control bytes that real text contains: tab, line feed, form feed, carriage return.
TEXT_CONTROLS = frozenset(b"\t\n\x0c\r")
BINARY_CONTROLS = bytes(b for b in range(0x20) if b not in TEXT_CONTROLS)
# Above this share of other control bytes, the input is binary.
MAX_CONTROL_SHARE = 0.05
# UTF-16 without a mark: at least this share of the decoded characters must look like document text.
UTF16_MIN_TEXT_SHARE = 0.9
# Encodings charset-normalizer may choose between; GB18030 is the superset of GBK and GB2312.
LEGACY_ENCODINGS = ["gb18030", "big5"]
# UTF-8 text without a single three-byte character (CJK, punctuation)…
UTF8_NO_CJK_RE = re.compile(r"[\x00-\u07ff]*")
# …but with two-byte letters of other scripts (Greek, Cyrillic, Hebrew…, not Latin-1) is suspicious:
# GB18030 pairs read as UTF-8 look like that (一 D2 BB reads as Cyrillic һ).
UTF8_TWO_BYTE_SCRIPT_RE = re.compile(r"[\u0100-\u07ff]")
# Python codecs for each, in order: cp950 adds Microsoft's extensions to Big5.
LEGACY_CODECS = {"gb18030": ("gb18030",), "big5": ("big5", "cp950")}
# Lead bytes of the rows of everyday characters, for telling GB18030 from Big5 when both decode.
EVERYDAY_ROWS = {
    "gb18030": [0xA1, 0xA3, *range(0xB0, 0xF8)],  # punctuation, full-width forms, GB2312 hanzi
    "big5": list(range(0xA1, 0xC7)),  # symbols, full-width forms, frequent characters
}


# A lossy reading is taken when the bytes it could not decode are at most this share of the characters it
# did (for UTF-8: of its multi-byte characters, which chance gives GB18030 text few of).
MAX_LOST_SHARE = 0.05


class Decoded(NamedTuple):
    """A decoded document: its text (LF line ends), the encoding it was read with, and how many bytes
    (or byte sequences) no reading explains and became U+FFFD."""

    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-32-le", "gb18030", "big5", "utf-8+gb18030" …
    lost: int = 0


def decode_bytes(data: bytes, path: str | None = None) -> Decoded:
    """Decode a document of unknown encoding, with line ends normalized to LF.

    Raises :class:`~gkparse.errors.InputError` with code ``empty``, ``binary`` or ``undecodable``.

        >>> decode_bytes("政务公开\\r\\n".encode("gb18030"))
        Decoded(text='政务公开\\n', encoding='gb18030', lost=0)
        >>> decode_bytes(b"\\xef\\xbb\\xbf\\xe5\\x85\\xb3\\xe4\\xba\\x8e")
        Decoded(text='关于', encoding='utf-8-sig', lost=0)
    """
    if not data.strip():
        raise InputError(path, "empty", "the file is empty")
    for magic, kind in BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(path, "binary", f"not a text document (looks like {kind})")
    text, encoding, lost = _decode(data, path)
    if not text.strip().strip("\ufeff"):
        raise InputError(path, "empty", "the file is empty")
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, lost)


def _lossy(data: bytes, codec: str) -> tuple[str, int]:
    """``data`` read with U+FFFD for what ``codec`` cannot decode, and how many such places there were."""
    text = data.decode(codec, "replace")
    return text, text.count("\ufffd") - data.decode(codec, "ignore").count("\ufffd")


def _acceptable(text: str, lost: int) -> bool:
    return lost <= MAX_LOST_SHARE * max(1, len(text) - text.count("\ufffd"))


def _decode(data: bytes, path: str | None) -> tuple[str, str, int]:
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            unit = 4 if codec.startswith("utf-32") else 2 if codec.startswith("utf-16") else 1
            body = body[: len(body) - len(body) % unit]  # a truncated last code unit
            text, lost = _lossy(body, codec)
            if not _acceptable(text, lost):
                raise InputError(path, "undecodable", f"invalid {name} text after its byte-order mark")
            return text, name, lost
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(path, "binary", "not a text document (contains NUL bytes)")
        return (*utf16, 0)
    controls = len(data) - len(data.translate(None, BINARY_CONTROLS))  # counted at C speed
    if controls > MAX_CONTROL_SHARE * len(data):
        raise InputError(path, "binary", "not a text document (too many control characters)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _damaged(data, path)
    if UTF8_NO_CJK_RE.fullmatch(text) and UTF8_TWO_BYTE_SCRIPT_RE.search(text):
        gb = _strict(data, "gb18030")
        if gb is not None and _everyday_share(gb, "gb18030") == 1.0:
            return gb, "gb18030", 0  # a short GB18030 snippet that happens to be valid UTF-8
    return text, "utf-8", 0


def _damaged(data: bytes, path: str | None) -> tuple[str, str, int]:
    """Bytes that are not UTF-8: UTF-8 text with a few bad bytes (many more valid multi-byte characters
    than bad places: chance gives GB18030 text few of those); else GB18030 or Big5; else lines of UTF-8
    and lines of a legacy encoding; else the legacy reading with a few bad bytes."""
    text, lost = _lossy(data, "utf-8")
    if lost <= MAX_LOST_SHARE * (len(text) - len(text.encode("ascii", "ignore")) - lost):
        return text, "utf-8", lost
    try:
        return (*_legacy(data, path), 0)
    except InputError:
        pass
    lines = data.split(b"\n")
    utf8 = [_strict(line, "utf-8") for line in lines]
    other = b"\n".join(line for line, t in zip(lines, utf8) if t is None)
    if any(t is not None and not t.isascii() for t in utf8):  # some lines are UTF-8 text
        try:
            legacy, encoding = _legacy(other, path)
        except InputError:
            legacy, encoding = None, ""
        if legacy is not None:
            rest = iter(legacy.split("\n"))
            mixed = "\n".join(t if t is not None else next(rest) for t in utf8)
            return mixed, f"utf-8+{encoding}", 0
    for codec in ("gb18030", "big5"):
        text, lost = _lossy(data, codec)
        if _acceptable(text, lost):
            return text, codec, lost
    raise InputError(path, "undecodable", "not utf-8, utf-16, gb18030 or big5 text")


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 is recognized by its NUL bytes and by decoding to the characters a document is made of.

    The NULs are the high bytes of ASCII characters, so the parity with more of them suggests the byte
    order; it cannot decide alone, since U+4E00 一 and U+5200 刀 put NULs on the other parity."""
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    body = data[: len(data) - len(data) % 2]
    for codec in order:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        if text and _text_share(text) >= UTF16_MIN_TEXT_SHARE:
            return text, codec
    return None


def _text_share(text: str) -> float:
    """The share of characters a Chinese document is made of: ASCII, CJK ideographs and punctuation.

    Byte-swapped UTF-16 fails this: ASCII becomes U+0A00-like letters and ideographs scatter."""
    good = 0
    for ch in text:
        cp = ord(ch)
        if (
            0x20 <= cp < 0x7F
            or ch in "\t\n\r\x0c"
            or 0x4E00 <= cp <= 0x9FFF  # CJK Unified Ideographs
            or 0x3000 <= cp <= 0x303F  # CJK punctuation
            or 0xFF00 <= cp <= 0xFFEF  # full-width forms
            or 0x2010 <= cp <= 0x206F  # quotes, dashes, ellipsis
            or 0xA0 <= cp <= 0xFF
        ):
            good += 1
    return good / len(text)


SHARE_SAMPLE = 4000  # characters looked at to compare two decodings


@lru_cache(maxsize=2)
def _everyday(encoding: str) -> frozenset[str]:
    """The characters text in ``encoding`` is mostly made of: GB2312 (punctuation, full-width forms, all
    its hanzi) for GB18030; Big5 symbols and frequent characters (0xA140–0xC67E) for Big5."""
    rows = EVERYDAY_ROWS[encoding]
    chars = set()
    for lead in rows:
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            chars.add(bytes([lead, trail]).decode(encoding, "ignore"))
    chars.discard("")
    return frozenset(chars)


def _everyday_share(text: str, encoding: str) -> float:
    """Share of everyday characters, judged on the start of the text (enough to tell the encodings)."""
    everyday = _everyday(encoding)
    sample = text[:SHARE_SAMPLE]
    return sum(1 for ch in sample if ch < "\x80" or ch in everyday) / len(sample)


def _legacy(data: bytes, path: str | None) -> tuple[str, str]:
    """GB18030 or Big5. charset-normalizer proposes; when both decode, the one whose text is made of
    its own everyday characters wins, and GB18030 wins a tie (short snippets are often valid in both)."""
    proposed = {match.encoding for match in from_bytes(data, cp_isolation=LEGACY_ENCODINGS)}
    decodings: dict[str, str] = {}
    for encoding, codecs in LEGACY_CODECS.items():
        # GB18030 is always considered: charset-normalizer abstains on a few characters.
        if encoding in proposed or encoding == "gb18030" or not decodings:
            for codec in codecs:
                text = _strict(data, codec)
                if text is not None:
                    decodings[encoding] = text
                    break
    if not decodings:
        raise InputError(path, "undecodable", "not utf-8, utf-16, gb18030 or big5 text")
    if len(decodings) == 2 and (
        _everyday_share(decodings["big5"], "big5") > _everyday_share(decodings["gb18030"], "gb18030")
    ):
        return decodings["big5"], "big5"
    encoding = "gb18030" if "gb18030" in decodings else "big5"
    return decodings[encoding], encoding
