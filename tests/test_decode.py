"""decode_bytes: BOMs, UTF-8, UTF-16 without BOM, GB18030/Big5, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkparse.errors import InputError
from gkparse.pipeline import clean_bytes
from gkparse.text.decode import decode_bytes
from gkparse.text.pinyin import strip_pinyin_annotations

SAMPLES = Path(__file__).parent.parent / "samples"
SEEDS = [
    "jiangxi-2019-traditional",
    "xinle-2020-pinyin",
    "shangyou-2023-table-tabs",
    "pengjiang-2019-assessment-table",
    "jilin-2019-division-plan",
]
TRADITIONAL_SEEDS = {"jiangxi-2019-traditional", "xinle-2020-pinyin"}


def seed_text(name: str) -> str:
    return (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def big5_text(text: str) -> str:
    """A traditional seed as a Big5 page would hold it: annotations (tone marks) and lines Big5 cannot
    encode (the simplified spam line, a damaged "?fàn)") are left out."""
    lines = strip_pinyin_annotations(text).split("\n")
    return "\n".join(line if _big5_ok(line) else "" for line in lines)


def _big5_ok(line: str) -> bool:
    try:
        line.encode("big5")
    except UnicodeEncodeError:
        return False
    return True


VARIANTS = {
    "utf-8-sig": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16-le": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16-be": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-16-le without BOM": lambda t: t.encode("utf-16-le"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
}
EXPECTED_ENCODING = {
    "utf-8-sig": "utf-8-sig",
    "gb18030": "gb18030",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "utf-16-le without BOM": "utf-16-le",
    "crlf": "utf-8",
}


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_in_other_encodings_decodes_to_the_same_text(name: str, variant: str) -> None:
    text = seed_text(name)
    decoded = decode_bytes(VARIANTS[variant](text))
    assert decoded.encoding == EXPECTED_ENCODING[variant]
    assert decoded.text == text


@pytest.mark.parametrize("name", sorted(TRADITIONAL_SEEDS))
def test_traditional_seed_in_big5_cleans_to_the_same_text(name: str) -> None:
    text = big5_text(seed_text(name))
    result = clean_bytes(text.encode("big5"))
    assert result.encoding == "big5"
    assert result.text == clean_bytes(text.encode("utf-8")).text


def test_lone_cr_becomes_lf() -> None:
    assert decode_bytes("一、总体要求\r（一）加强领导\r\n".encode()).text == "一、总体要求\n（一）加强领导\n"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \r\n\t\n", "empty"),
        (b"\xef\xbb\xbf\r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary"),
        (b"\x00" * 64, "binary"),
        (bytes(range(1, 9)) * 20, "binary"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "pdf", "zip", "nul-filled", "control-chars"],
)
def test_refusals(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "scraped/a.txt")
    assert info.value.code == code
    assert info.value.path == "scraped/a.txt"
    assert info.value.reason[0].islower()


def test_png_reason_names_the_format() -> None:
    with pytest.raises(InputError, match=r"not a text document \(looks like PNG\)"):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))


def test_short_gb18030_snippet_that_is_valid_utf8() -> None:
    # 一 is D2 BB in GB18030, which strict UTF-8 reads as Cyrillic һ
    assert decode_bytes("一".encode("gb18030"))[:2] == ("一", "gb18030")
