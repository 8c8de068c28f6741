"""Readers by input format: ``bytes → (format) → text and tables``.

:func:`~gkparse.readers.detect.detect_format` tells the format by content; :func:`read_document` runs
its reader. Plain text is not read here: it goes straight to the text stages. Each reader gives a
:class:`~gkparse.readers.base.Reading`: text with one placeholder line per native table, and the tables
as rows of cells with their spans, which the pipeline cleans and places back into the clean text.
"""

from __future__ import annotations

from .base import Reading
from .detect import FORMATS, detect_format

__all__ = ["FORMATS", "Reading", "detect_format", "read_document"]


def read_document(fmt: str, data: bytes, path: str | None = None) -> Reading:
    """Run the reader of ``fmt`` (not ``text``) on ``data``."""
    if fmt == "html":
        from .html import read_html

        return read_html(data, path)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, path)
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(data, path)
    if fmt == "xls":
        from .xls import read_xls

        return read_xls(data, path)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path)
    if fmt == "doc":
        from .office import read_legacy

        return read_legacy(data, path)
    raise ValueError(f"no reader for {fmt}")
