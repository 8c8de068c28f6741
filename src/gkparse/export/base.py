"""The writer protocol every output format follows."""

from __future__ import annotations

from typing import Any, BinaryIO


class Writer:
    """Receives documents one by one, in input order, and writes them to a *byte* stream (so that output
    is UTF-8 whatever the locale says); :meth:`close` finishes the output."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def add(self, label: str, payload: Any) -> None:
        """Write one document: ``label`` is its path as given; ``payload`` depends on the format."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output (closing brackets, the workbook) and flush; does not close the stream."""
        self.stream.flush()

    def _write(self, text: str) -> None:
        self.stream.write(text.encode("utf-8"))
