"""The level of each numbering marker in a plan's tree, and the checks on its numbers.

Levels follow the order in which marker styles first appear (一、 before （一） before 1.), with two
readings of a marker whose style breaks that order: a style change that continues an open level's
numbering (a section ``一、`` whose siblings are written ``（二）``), and a heading in a new style over items
of a style already used higher up (``二、（一） 3. 4. （二） 5.`` in a plan whose arabic items run on
through every section). Skipped and repeated numbers are reported as warnings.
"""

from __future__ import annotations

from ..extract.units import extract_units
from ..models import Warning
from .numbering import Marker
from .tree import SENTENCE_END_RE, Node


class Levels:
    """Marker styles by level, the last numbers seen, and the warnings about them (``stack`` is the open
    path of the tree being built)."""

    def __init__(self) -> None:
        self.stack: list[Node] = []
        self.styles: list[str] = []
        self.last_value: dict[int, int] = {}  # last number under the open parent, by level
        self.last_any: dict[int, int] = {}  # last number anywhere, by level
        self.warnings: list[Warning] = []
        self.promoted = False  # level_for placed a heading on an upper level: it opens a section

    def level_for(self, marker: Marker, line: int, following: Marker | None = None) -> int:
        """Level of a prose marker from the order in which styles first appeared."""
        self.promoted = False
        if marker.style in self.styles:
            level = self.styles.index(marker.style)
            # a heading in a deeper style that continues an upper level, with items of its own after it:
            # 二、…（一）…（二）… then （三）提升平台建设水平 （一）加强… is section three, written （三）
            if (
                level > 0
                and following is not None
                and following.style == marker.style
                and following.value == 1
                and marker.value > 1
                and not SENTENCE_END_RE.search(marker.rest)
            ):
                for upper in range(level - 1, -1, -1):
                    if self.last_value.get(upper) == marker.value - 1:
                        self.promoted = True
                        self.warn(
                            "numbering_style_changed",
                            f"heading {marker.raw} continues the numbering of level {upper + 1}, "
                            f"written in another style",
                            line,
                        )
                        return upper
        else:
            depth = len(self.stack)
            # a new style that continues the numbering of an open level: a style change, not a child
            for lvl in range(min(depth, len(self.styles)) - 1, -1, -1):
                if marker.value > 1 and self.last_value.get(lvl) == marker.value - 1 and lvl < depth - 1:
                    self.warn(
                        "numbering_style_changed",
                        f"marker {marker.raw} continues the numbering of level {lvl + 1}, "
                        f"written in another style",
                        line,
                    )
                    return lvl
            above = self._heading_over(marker, following)
            if above is not None:
                return above
            self.styles.append(marker.style)
            level = len(self.styles) - 1
        return level

    def _heading_over(self, marker: Marker, following: Marker | None) -> int | None:
        """The level of a heading in a new style over items of a style already used higher up: in a plan
        numbered 一、 1. 2. 二、 （一） 3. 4. （二） 5., the （一） heads the arabic items after it, so its style
        takes the level above theirs (and theirs moves one down); None when the marker is not such a heading."""
        if following is None or following.style not in self.styles or following.style == marker.style:
            return None
        level = self.styles.index(following.style)
        if level == 0 or level != len(self.stack) or extract_units(marker.rest):
            return None  # over the top level, inside an open item (1. then （1）), or a task with units
        self.styles.insert(level, marker.style)
        for numbers in (self.last_value, self.last_any):
            for deeper in sorted((k for k in numbers if k >= level), reverse=True):
                numbers[deeper + 1] = numbers.pop(deeper)
        return level

    def check_sequence(self, marker: Marker, level: int, line: int) -> bool:
        """Warn on skipped or repeated numbers; True when the marker repeats the previous one.

        A list may restart at 1 under each parent or run on across parents (tasks numbered
        （一）…（四十五） through all sections): both are normal.
        """
        prev = self.last_value.get(level)
        if prev is not None:
            if marker.value == prev:
                self.warn("numbering_repeated", f"marker {marker.raw} repeats the previous number", line)
                return True
            if marker.value != prev + 1:
                self.warn("numbering_skipped", f"marker {marker.raw} follows number {prev}", line)
        else:
            run_on = self.last_any.get(level)
            if marker.value != 1 and (run_on is None or marker.value != run_on + 1):
                self.warn("numbering_skipped", f"marker {marker.raw} starts a list at {marker.value}", line)
        self.last_value[level] = marker.value
        self.last_any[level] = marker.value
        for deeper in [k for k in self.last_value if k > level]:
            del self.last_value[deeper]
        return False

    def warn(self, code: str, message: str, line: int | None) -> None:
        self.warnings.append(Warning(code=code, message=message, line=line))
