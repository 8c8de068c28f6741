"""A document's JSON text, written out piece by piece.

``ParsedDocument.model_dump_json`` builds the whole text at once: for a large document that is one buffer
of the output's size, a str of it and then its UTF-8 bytes, all alive together (several times the input's
size). :class:`DocumentJson` gives the same text in pieces instead: the document without its tasks, split
where its empty task list stands, and each task serialized on its own (by the same serializer, indented one
level deeper), so that what is in memory at a time is one piece.

>>> from gkparse.models import DocumentMeta, ParsedDocument, Source, Task
>>> doc = ParsedDocument(gkparse_version="0", document=DocumentMeta(), tasks=[
...     Task(id="1", path=["一"], title="加强解读", text="", line=2)],
...     source=Source(sha256="0", size=1, encoding="utf-8", script="simplified"))
>>> all(str(DocumentJson(doc, c)) == doc.model_dump_json(indent=None if c else 2) for c in (True, False))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..models import ParsedDocument, Task

if TYPE_CHECKING:
    from ..pipeline import DocumentStream

PIECE_CHARS = 1 << 20  # tasks are handed out in pieces of about this many characters


class DocumentJson:
    """The JSON text of ``doc`` (compact: on one line; else indented by 2), as :meth:`pieces`.

    ``doc`` is a :class:`~gkparse.models.ParsedDocument`, or a :class:`~gkparse.pipeline.DocumentStream`
    whose tasks are made as they are written (then :meth:`pieces` can be run once). :attr:`tasks` and
    :attr:`units` count what has been written. It pickles as the whole text (a str), so that a batch
    worker sends back plain text."""

    __slots__ = ("doc", "compact", "tasks", "units")

    def __init__(self, doc: ParsedDocument | DocumentStream, compact: bool) -> None:
        self.doc = doc
        self.compact = compact
        self.tasks = self.units = 0

    def pieces(self) -> Iterator[str]:
        indent = None if self.compact else 2
        self.tasks = self.units = 0
        doc = self.doc
        if isinstance(doc, ParsedDocument):
            shell = doc.model_copy(update={"tasks": []})
            tasks: Iterable[Task] = doc.tasks
            finished = lambda: shell  # noqa: E731
        else:
            shell, tasks, finished = doc.shell(), doc.tasks, doc.shell
        # inside a JSON string a quote is escaped, so the document's own empty task list is the only match
        empty = '"tasks":[]' if self.compact else '"tasks": []'
        head = shell.model_dump_json(indent=indent).split(empty, 1)[0]
        pad = "" if self.compact else "\n    "
        buffer, size = [head, empty[:-1]], 0
        for task in tasks:
            text = task.model_dump_json(indent=indent)
            piece = ("," if self.tasks else "") + (pad + text.replace("\n", pad) if pad else text)
            self.tasks += 1
            self.units += len(task.units)
            buffer.append(piece)
            size += len(piece)
            if size >= PIECE_CHARS:
                yield "".join(buffer)
                buffer, size = [], 0
        tail = finished().model_dump_json(indent=indent).split(empty, 1)[1]
        buffer.append(("\n  " if self.tasks and not self.compact else "") + "]" + tail)
        yield "".join(buffer)

    def __str__(self) -> str:
        return "".join(self.pieces())

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        return str, (str(self),)
