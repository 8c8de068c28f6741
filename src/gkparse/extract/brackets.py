"""The brackets a unit clause may be written in, defined once.

Plans close a task with its units in round brackets (``（市财政局负责）``, half-width ``(…)``), in
tortoise-shell brackets ``〔…〕``, in square brackets ``[责任单位：…]`` / ``［…］`` or in lenticular ones
``【牵头单位：…；配合单位：…】``. Every rule that finds a clause, strips it, balances it or writes a unit's
name takes its brackets from here, so a new bracket is one more pair below.

>>> to_round("各县〔区〕、[市直]单位【试行】")
'各县（区）、（市直）单位（试行）'
>>> bool(re.fullmatch(CLAUSE_BODY, "各县（市、区）政府负责"))
True
"""

from __future__ import annotations

import re

# Opening and closing bracket of each pair; the first pair is how unit names are written.
PAIRS = ("（）", "()", "〔〕", "[]", "［］", "【】")

OPEN = "".join(pair[0] for pair in PAIRS)
CLOSE = "".join(pair[1] for pair in PAIRS)

# Regex character classes: an opening bracket, a closing one, any character that is neither.
OPEN_CLASS = f"[{re.escape(OPEN)}]"
CLOSE_CLASS = f"[{re.escape(CLOSE)}]"
NOT_BRACKET = f"[^{re.escape(OPEN + CLOSE)}]"

# The inside of a clause, with brackets nested once in it: 各县（市、区）政府负责.
CLAUSE_BODY = f"{NOT_BRACKET}*(?:{OPEN_CLASS}{NOT_BRACKET}*{CLOSE_CLASS}{NOT_BRACKET}*)*"

ROUND_OPEN, ROUND_CLOSE = PAIRS[0]

_OTHER = OPEN[1:] + CLOSE[1:]
_OTHER_RE = re.compile(f"[{re.escape(_OTHER)}]")
_TO_ROUND = str.maketrans({**{o: ROUND_OPEN for o in OPEN[1:]}, **{c: ROUND_CLOSE for c in CLOSE[1:]}})


def to_round(text: str) -> str:
    """Every clause bracket as the full-width round one that unit names are written with."""
    return text.translate(_TO_ROUND) if _OTHER_RE.search(text) else text


def has_open(text: str) -> bool:
    """Whether ``text`` holds an opening clause bracket (a fast gate before the clause rules)."""
    return any(o in text for o in OPEN)


def unclosed(text: str) -> int:
    """How many clause brackets ``text`` opens and does not close."""
    return sum(text.count(o) for o in OPEN) - sum(text.count(c) for c in CLOSE)
