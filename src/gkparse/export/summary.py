"""The per-unit summary of a batch (``--rows summary``): what each unit leads, answers for and helps with.

It is built from the units and deadlines rows of every document (:mod:`gkparse.export.rows`), so that it
streams like the other row kinds: only the counts per unit are kept.

>>> s = UnitSummary(as_of="2020-07-01")
>>> s.add({"units": [["a.txt", "要点", 2020, "", "1", "公开预算", "市财政局", "市财政局", "lead", 1, 3],
...                  ["a.txt", "要点", 2020, "", "2", "公开决算", "市财政局", "市财政局", "cooperating", 2, 5]],
...        "deadlines": [["a.txt", "要点", 2020, "", "1", "公开预算", "6月底前", "2020-06-30", "by", 3],
...                      ["a.txt", "要点", 2020, "", "2", "公开决算", "年底前", "2020-12-31", "by", 5]]})
>>> s.rows()
[['市财政局', 1, 0, 1, 2, 1, '要点', '2020-06-30', '2020-12-31']]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .rows import DEADLINE_COLUMNS, LIST_SEP, UNIT_COLUMNS, Row

SUMMARY_COLUMNS = (
    "unit", "lead", "responsible", "cooperating", "tasks", "documents", "document_titles",
    "first_due", "next_due",
)  # fmt: skip
"""``--rows summary``: one row per unit (its resolved name): the number of tasks it leads, is responsible
for and cooperates on, of tasks and of documents it is named in, those documents' titles, the earliest due
date of its tasks and the next three due dates from today on (``；``-separated)."""

NEXT_DUE = 3

_U = {name: i for i, name in enumerate(UNIT_COLUMNS)}
_D = {name: i for i, name in enumerate(DEADLINE_COLUMNS)}


@dataclass
class _Unit:
    roles: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: {"lead": set(), "responsible": set(), "cooperating": set()})
    tasks: set[tuple[str, str]] = field(default_factory=set)
    documents: dict[str, str] = field(default_factory=dict)  # file -> title (insertion ordered)


class UnitSummary:
    """Accumulates rows of documents (``add``), then gives one row per unit (``rows``), most leads first.

    ``as_of`` (ISO date, default today) is the day from which ``next_due`` counts.
    """

    def __init__(self, as_of: str | None = None) -> None:
        self.as_of = as_of or dt.date.today().isoformat()
        self.units: dict[str, _Unit] = {}
        self.dates: dict[tuple[str, str], set[str]] = {}

    def add(self, payload: Mapping[str, Sequence[Row]]) -> None:
        """Take one document's ``units`` and ``deadlines`` rows."""
        for row in payload.get("deadlines", ()):
            if row[_D["date"]]:
                self.dates.setdefault((row[_D["file"]], row[_D["task"]]), set()).add(row[_D["date"]])
        for row in payload.get("units", ()):
            unit = self.units.setdefault(row[_U["unit"]], _Unit())
            key = (row[_U["file"]], row[_U["task"]])
            unit.roles.setdefault(row[_U["role"]], set()).add(key)
            unit.tasks.add(key)
            unit.documents.setdefault(row[_U["file"]], row[_U["document_title"]] or row[_U["file"]])

    def rows(self) -> list[Row]:
        """One row per unit in :data:`SUMMARY_COLUMNS` order: most tasks led first, then most tasks."""
        result: list[Row] = []
        for name, unit in self.units.items():
            dates = sorted(set().union(*(self.dates.get(key, set()) for key in unit.tasks)))
            upcoming = [d for d in dates if d >= self.as_of][:NEXT_DUE]
            titles = list(dict.fromkeys(unit.documents.values()))
            result.append(
                [name, len(unit.roles["lead"]), len(unit.roles["responsible"]), len(unit.roles["cooperating"]),
                 len(unit.tasks), len(unit.documents), LIST_SEP.join(titles), dates[0] if dates else "",
                 LIST_SEP.join(upcoming)]
            )  # fmt: skip
        result.sort(key=lambda r: (-r[1], -r[4], r[0]))
        return result


def summary_of(payloads: Sequence[Mapping[str, Any]], as_of: str | None = None) -> list[Row]:
    """The summary rows of several documents' row payloads at once."""
    summary = UnitSummary(as_of)
    for payload in payloads:
        summary.add(payload)
    return summary.rows()
