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

from collections.abc import Iterator

from ..models import ParsedDocument

PIECE_CHARS = 1 << 20  # tasks are handed out in pieces of about this many characters


class DocumentJson:
    """The JSON text of ``doc`` (compact: on one line; else indented by 2), as :meth:`pieces`.

    It pickles as the whole text (a str), so that a batch worker sends back plain text."""

    __slots__ = ("doc", "compact")

    def __init__(self, doc: ParsedDocument, compact: bool) -> None:
        self.doc = doc
        self.compact = compact

    def pieces(self) -> Iterator[str]:
        indent = None if self.compact else 2
        shell = self.doc.model_copy(update={"tasks": []}).model_dump_json(indent=indent)
        if not self.doc.tasks:
            yield shell
            return
        # inside a JSON string a quote is escaped, so the document's own empty task list is the only match
        empty = '"tasks":[]' if self.compact else '"tasks": []'
        head, tail = shell.split(empty, 1)
        pad = "" if self.compact else "\n    "
        buffer, size = [head, empty[:-1]], 0
        for i, task in enumerate(self.doc.tasks):
            text = task.model_dump_json(indent=indent)
            piece = ("," if i else "") + (pad + text.replace("\n", pad) if pad else text)
            buffer.append(piece)
            size += len(piece)
            if size >= PIECE_CHARS:
                yield "".join(buffer)
                buffer, size = [], 0
        buffer.append(("" if self.compact else "\n  ") + "]" + tail)
        yield "".join(buffer)

    def __str__(self) -> str:
        return "".join(self.pieces())

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        return str, (str(self),)
