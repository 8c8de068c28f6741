"""Line-wise repairs of a whole text without a list of its lines.

A large document has millions of lines, and a list of them costs about twice the text (each line is an
object of its own). The repairs that change a few lines find them with a pattern and rebuild the text
from the lines they change and the runs of text between them; a text with no line changed is returned
as it is (the same object).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def line_at(text: str, pos: int) -> tuple[int, int]:
    """Start and end (before its ``\\n``) of the line of ``text`` that holds offset ``pos``.

    >>> line_at("ab\\ncd\\nef", 4)
    (3, 5)
    """
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def fix_lines(text: str, offsets: Iterable[int], fix: Callable[[str], str]) -> str:
    """``text`` with each line that holds one of ``offsets`` (ascending) replaced by ``fix(line)``; a
    line is fixed once, however many offsets it holds.

    >>> fix_lines("甲\\nab\\n乙\\ncd", [2, 3, 8], str.upper)
    '甲\\nAB\\n乙\\nCD'
    >>> text = "甲\\n乙"
    >>> fix_lines(text, [0], lambda line: line) is text
    True
    """
    pieces: list[str] = []
    copied = 0  # text[:copied] is in pieces
    done = -1  # the end of the last line fixed
    for pos in offsets:
        if pos <= done:
            continue
        start, end = line_at(text, pos)
        done = end
        line = text[start:end]
        fixed = fix(line)
        if fixed != line:
            pieces.append(text[copied:start])
            pieces.append(fixed)
            copied = end
    if not pieces:
        return text
    pieces.append(text[copied:])
    return "".join(pieces)
