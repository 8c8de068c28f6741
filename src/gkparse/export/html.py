"""``--format html``: one self-contained review page (inline CSS and JavaScript, no network) for one
document or a batch, to check what gkparse read.

For each document: its metadata, its warnings, the task table (sortable by any column; filtered for the
whole page by unit, role and due dates) beside the clean text with line numbers; a click on a task
highlights its lines in the text. Lines that cleaning removed are listed struck through with their
reason, and lines that a warning names are highlighted. The page is streamed: one document at a time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from importlib import resources
from typing import Any, BinaryIO

from .base import Writer

ROLES = ("lead", "responsible", "cooperating")
_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gkparse {version}">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<header class="top">
<h1>{title}</h1>
<label>unit <input id="f-unit" list="units" placeholder="市财政局" size="14"></label>
<datalist id="units"></datalist>
<label>role <select id="f-role"><option value="">any</option><option>lead</option><option>responsible</option><option>cooperating</option></select></label>
<label>due from <input id="f-from" type="date"></label>
<label>to <input id="f-to" type="date"></label>
<button id="f-clear" type="button">clear</button>
<span id="shown"></span>
</header>
<main>
"""


def _asset(name: str) -> str:
    return resources.files("gkparse").joinpath("data", name).read_text(encoding="utf-8")


def task_spans(tasks: list[Mapping[str, Any]], lines: int) -> list[tuple[int, int]]:
    """The lines (first, last) of the clean text where each task stands: from its own line to the line
    before the next task's; the last task runs as many lines as its text has.

    >>> task_spans([{"line": 3, "text": "a"}, {"line": 5, "text": "b\\nc"}], 20)
    [(3, 4), (5, 6)]
    """
    starts = [int(t.get("line") or 1) for t in tasks]
    spans = []
    for i, (task, start) in enumerate(zip(tasks, starts)):
        later = [s for s in starts[i + 1 :] if s > start]
        end = later[0] - 1 if later else start + (task.get("text") or "").count("\n")
        spans.append((start, max(start, min(end, max(lines, start)))))
    return spans


class HtmlWriter(Writer):
    """Writes the page: the head at once, one ``<section>`` per document, the script at the end."""

    def __init__(self, stream: BinaryIO, title: str = "gkparse review") -> None:
        super().__init__(stream)
        from .. import __version__

        self.count = 0
        self.units: dict[str, None] = {}
        self._write(_HEAD.format(title=escape(title), css=_asset("review.css"), version=__version__))

    def add(self, label: str, payload: Mapping[str, Any]) -> None:
        """``payload``: ``doc`` (the document's JSON data) and ``text`` (its clean text)."""
        doc, text = payload["doc"], payload["text"]
        key = f"d{self.count}"
        self.count += 1
        meta, source = doc.get("document") or {}, doc.get("source") or {}
        lines = text.split("\n")
        warned = {w["line"]: w for w in doc.get("warnings", []) if w.get("line")}
        out = [f'<section class="doc" id="{key}">', f"<h2>{escape(meta.get('title') or label)}</h2>", '<dl class="meta">']
        fields = [
            ("file", label), ("issuer", meta.get("issuer")), ("number", meta.get("doc_number")),
            ("date", meta.get("date")), ("year", meta.get("year")), ("encoding", source.get("encoding")),
            ("script", source.get("script")), ("repairs", ", ".join(source.get("repairs", [])) or None),
            ("tasks", len(doc.get("tasks", []))),
        ]  # fmt: skip
        out += [f"<dt>{name}</dt><dd>{escape(str(value))}</dd>" for name, value in fields if value not in (None, "")]
        out.append("</dl>")
        if doc.get("warnings"):
            out.append('<ul class="warnings">')
            for w in doc["warnings"]:
                where = f" (line {w['line']})" if w.get("line") else ""
                out.append(f'<li class="warning"><b>{escape(w["code"])}</b>{where}: {escape(w.get("message") or "")}</li>')
            out.append("</ul>")
        out.append('<div class="panes"><table class="tasks"><thead><tr>')
        out += [f"<th>{name}</th>" for name in ("id", "title", *ROLES, "due", "line")]
        out.append("</tr></thead><tbody>")
        tasks = doc.get("tasks", [])
        for task, (start, end) in zip(tasks, task_spans(tasks, len(lines))):
            out.append(self._row(key, task, start, end, any(start <= n <= end for n in warned)))
        out.append("</tbody></table>")
        numbered = []
        for n, line in enumerate(lines, 1):
            warning = warned.get(n)
            cls, tip = ("ln warn", f' title="{escape(warning["code"])}"') if warning else ("ln", "")
            numbered.append(f'<span class="{cls}" id="{key}-L{n}"{tip}><span class="no">{n}</span>{escape(line)}</span>')
        out.append(f'<pre class="text" id="{key}-text">' + "".join(numbered) + "</pre></div>")
        removed = source.get("removed", [])
        if removed:
            out.append(f'<details class="removed"><summary>{len(removed)} lines removed by cleaning</summary><ol>')
            for r in removed:
                out.append(
                    f'<li value="{int(r["line"])}"><span class="reason">{escape(r["reason"])}</span> '
                    f"<s>{escape(r['text'])}</s></li>"
                )
            out.append("</ol></details>")
        out.append("</section>\n")
        self._write("\n".join(out))
        self.stream.flush()

    def _row(self, key: str, task: Mapping[str, Any], start: int, end: int, warned: bool) -> str:
        units = task.get("units", [])
        for u in units:
            self.units.setdefault(u["name"], None)
        data = json.dumps([[u["name"], u.get("written") or u["name"], u["role"]] for u in units], ensure_ascii=False)
        dates = sorted(d["date"] for d in task.get("deadlines", []) if d.get("date"))
        deadlines = "；".join(d["text"] for d in task.get("deadlines", []))
        cells = [
            f'<td data-key="{escape(task["id"])}">{escape(task["id"])}</td>',
            f"<td>{escape(task.get('title') or '')}</td>",
        ]
        for role in ROLES:
            names = "、".join(u["name"] for u in units if u["role"] == role)
            cells.append(f'<td class="role-{role}">{escape(names)}</td>')
        cells.append(f'<td data-key="{dates[0] if dates else ""}" title="{escape(deadlines)}">{escape(dates[0] if dates else deadlines)}</td>')
        cells.append(f'<td data-key="{start:06d}">{start}</td>')
        cls = "task has-warning" if warned else "task"
        return (
            f'<tr class="{cls}" data-doc="{key}" data-start="{start}" data-end="{end}" '
            f'data-units="{escape(data)}" data-dates="{" ".join(dates)}">' + "".join(cells) + "</tr>"
        )

    def close(self) -> None:
        options = "".join(f'<option value="{escape(name)}">' for name in self.units)
        self._write(
            f"</main>\n<template id=\"unit-options\">{options}</template>\n<script>\n"
            "document.getElementById('units').innerHTML = document.getElementById('unit-options').innerHTML;\n"
            f"{_asset('review.js')}</script>\n</body>\n</html>\n"
        )
        super().close()
