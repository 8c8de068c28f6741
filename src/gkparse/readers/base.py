"""What a reader gives the text stages: text with one placeholder line per native table, the tables as
rows of :class:`~gkparse.structure.grid.SourceCell`, and metadata the format states outright.

A placeholder is a line of its own made of a tab and private-use characters: the clean stage keeps it
as it is (a tab marks a table line, which is never joined to its neighbours nor judged as chrome), and
:func:`~gkparse.readers.tables.place_tables` replaces it by the table's rendered rows afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..structure.grid import SourceCell

PLACEHOLDER_RE = re.compile(r"^\t\ue000(\d+)\ue001$")


def placeholder(index: int) -> str:
    """The line standing for table ``index`` in a reader's text.

    >>> PLACEHOLDER_RE.match(placeholder(3)).group(1)
    '3'
    """
    return f"\t\ue000{index}\ue001"


@dataclass
class Reading:
    """A document as a reader read it."""

    text: str
    format: str  # html, docx, xlsx, xls, pdf (the reader that ran)
    encoding: str = "binary"  # the character encoding of an HTML page; "binary" for packaged formats
    tables: list[list[list[SourceCell]]] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # 标题, 发文机关, 发文字号, 成文日期 … as stated
    converted_by: str | None = None  # "libreoffice" when a legacy file was converted first
    dropped_chars: int = 0  # characters of page chrome the reader left out


class TextBuilder:
    """Paragraph lines and table placeholders, in reading order."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tables: list[list[list[SourceCell]]] = []

    def para(self, text: str) -> None:
        for line in text.split("\n"):
            if line.strip():
                self.lines.append(line.strip())

    def table(self, rows: list[list[SourceCell]]) -> None:
        if not any(rows):
            return
        self.lines.extend(["", placeholder(len(self.tables)), ""])
        self.tables.append(rows)

    def text(self) -> str:
        return "\n".join(self.lines)
