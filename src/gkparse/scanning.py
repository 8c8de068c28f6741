"""Patterns that the regex engine can scan text for quickly.

The engine skips text at C speed only when a pattern opens with a literal, a character class, or
alternatives that each open with a literal. A pattern that opens with a look-ahead (``(?=\\d)…``), an
optional group or a group of alternatives is tried at every position, which costs ten times as much on a
page. :func:`by_first_chars` writes such a pattern as the class of its first characters, followed by the
whole pattern inside a look-behind of one character that holds a look-ahead.

>>> p = by_first_chars(r"\\d", r"\\d+月底前")
>>> [m.group("all") for m in p.finditer("6月底前完成，12月底前")]
['6月底前', '12月底前', '2月底前']
"""

from __future__ import annotations

import re


def by_first_chars(first: str, body: str) -> re.Pattern[str]:
    """``body`` as a pattern scanned for by the class ``first`` (what every match of ``body`` starts with).

    A match is one character long, at the start of a match of ``body``; that match is group ``all``, and
    ``body``'s own groups keep their names. Every position where ``body`` matches is reported, also inside
    the previous match (``12月`` gives ``12月`` and ``2月``): a caller that needs ``finditer``'s matches skips
    those that start before the end of the last one.
    """
    return re.compile(f"{first}(?<=(?=(?P<all>{body})){first})")
