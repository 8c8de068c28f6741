"""Character-level normalization: HTML entities, full-width ASCII, invisible characters.

Each function is a pure ``str → str`` fix that never adds or removes a line break.
"""

from __future__ import annotations

import html
import re

# An HTML character reference: named (&nbsp;), decimal (&#25919;) or hexadecimal (&#x653F;).
HTML_ENTITY_RE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# Full-width digits and Latin letters; full-width punctuation （），：； is Chinese typography and stays.
FULLWIDTH_ALNUM_RE = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# Offset from a full-width form to its ASCII character.
FULLWIDTH_OFFSET = 0xFEE0
# Characters that take no space and carry no text.
INVISIBLE_CHARS = (
    "\N{ZERO WIDTH SPACE}"
    "\N{ZERO WIDTH NON-JOINER}"
    "\N{ZERO WIDTH JOINER}"
    "\N{WORD JOINER}"
    "\N{ZERO WIDTH NO-BREAK SPACE}"  # U+FEFF, a byte-order mark in the middle of the text
    "\N{SOFT HYPHEN}"
)
# Spaces that should be plain spaces; U+3000 IDEOGRAPHIC SPACE stays (clean strips it at line edges).
NO_BREAK_SPACES = "\N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}\N{FIGURE SPACE}"
INVISIBLE_TABLE = {ord(ch): None for ch in INVISIBLE_CHARS} | {ord(ch): " " for ch in NO_BREAK_SPACES}
INVISIBLE_RE = re.compile("[" + re.escape(INVISIBLE_CHARS + NO_BREAK_SPACES) + "]")
# Entities never decoded: they would add a line break or a control character.
UNSAFE_DECODED_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _unescape(match: re.Match[str]) -> str:
    decoded = html.unescape(match.group())
    return match.group() if UNSAFE_DECODED_RE.search(decoded) else decoded


def unescape_html(text: str) -> str:
    """Decode HTML character references that scraping left in the text.

        >>> unescape_html("&#25919;&#21153;公开&nbsp;&amp;&nbsp;解读&#10;")
        '政务公开\\xa0&\\xa0解读&#10;'
    """
    if "&" not in text:
        return text
    return HTML_ENTITY_RE.sub(_unescape, text)


def halfwidth_alnum(text: str) -> str:
    """Full-width ASCII letters and digits → ASCII; Chinese punctuation stays full-width.

        >>> halfwidth_alnum("推进ＩＰｖ６部署（２０１９年）：")
        '推进IPv6部署（2019年）：'
    """
    return FULLWIDTH_ALNUM_RE.sub(lambda m: chr(ord(m.group()) - FULLWIDTH_OFFSET), text)


def remove_invisible(text: str) -> str:
    """Remove zero-width characters; non-breaking spaces become plain spaces.

        >>> remove_invisible("政\\u200b务\\ufeff公开\\xa0要点")
        '政务公开 要点'
    """
    if not INVISIBLE_RE.search(text):  # the common case: nothing to translate
        return text
    return text.translate(INVISIBLE_TABLE)
