"""Whole documents: JSON, JSON Lines and the clean text."""

from __future__ import annotations

from typing import BinaryIO

from .base import Writer
from .jsontext import DocumentJson


class _CountingWriter(Writer):
    """A writer whose output depends on whether it holds several documents and how many came before."""

    def __init__(self, stream: BinaryIO, many: bool) -> None:
        super().__init__(stream)
        self.many = many
        self.count = 0


def _write_json(writer: Writer, payload: str | DocumentJson) -> None:
    """A document's JSON text, piece by piece when it comes as a :class:`DocumentJson`."""
    for piece in payload.pieces() if isinstance(payload, DocumentJson) else (payload,):
        writer._write(piece)


class JsonWriter(_CountingWriter):
    """``--format json``: the document itself, or a JSON array when ``many`` (streamed)."""

    def add(self, label: str, payload: str | DocumentJson) -> None:
        if self.many:
            self._write("[\n" if self.count == 0 else ",\n")
        _write_json(self, payload)
        if not self.many:
            self._write("\n")
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        if self.many:
            self._write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


class JsonLinesWriter(Writer):
    """``--format jsonl``: one compact document per line, flushed line by line."""

    def add(self, label: str, payload: str | DocumentJson) -> None:
        _write_json(self, payload)
        self._write("\n")
        self.stream.flush()


class TextWriter(_CountingWriter):
    """``--format text``: the clean text; with ``many``, each preceded by ``==> path <==`` (as head)."""

    def add(self, label: str, payload: str) -> None:
        if self.many:
            self._write(("" if self.count == 0 else "\n") + f"==> {label} <==\n")
        self._write(payload if payload.endswith("\n") or not payload else payload + "\n")
        self.count += 1
        self.stream.flush()
