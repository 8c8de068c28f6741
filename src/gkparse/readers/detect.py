"""The input's format, told by its content first and by its name only where the content cannot tell.

``text`` (anything the text stages read), ``html`` (markup, whatever the file is called), ``docx`` and
``xlsx`` (ZIP packages with ``word/`` or ``xl/`` parts), ``xls`` and ``doc`` (OLE2 compound files: a
``Workbook`` stream is a spreadsheet, WPS ``.et`` included; anything else, ``.doc`` and ``.wps``, a word
processor file), ``pdf``. Other binary files are left to the text stage, which refuses them by name.

>>> detect_format(b"<!DOCTYPE html><html><body>x</body></html>", "a.txt")
'html'
>>> detect_format("一、总体要求".encode(), "plan.txt")
'text'
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import InputError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
# Markup near the start of a file: a doctype, or one of the elements a page (or a saved fragment of one)
# opens with. Looked for in the first bytes only, after a byte-order mark and white space.
HTML_START_RE = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|table|p|span|section|article|center|font)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
HTML_SNIFF = 2048
BOM_PREFIXES = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".jhtml", ".xhtml")
SPREADSHEET_SUFFIXES = (".xls", ".et", ".xlt")
FORMATS = ("text", "html", "docx", "xlsx", "xls", "doc", "pdf")


def detect_format(data: bytes, path: str | None = None) -> str:
    """One of :data:`FORMATS`. Raises :class:`~gkparse.errors.InputError` for a ZIP file that is not a
    Word or Excel package (an OpenDocument file, an archive)."""
    if data.startswith(PDF_MAGIC) or data[:1024].lstrip().startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return _zip_format(data, path)
    if data.startswith(OLE2_MAGIC):
        return _ole_format(data, path)
    if _looks_like_html(data) or ((path or "").lower().endswith(HTML_SUFFIXES) and b"<" in data[:HTML_SNIFF]):
        return "html"
    return "text"


def _looks_like_html(data: bytes) -> bool:
    head = data[:HTML_SNIFF]
    for bom in BOM_PREFIXES:
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if head[:2] in (b"\x00<", b"<\x00"):  # UTF-16 without a mark
        head = head.replace(b"\x00", b"")
    return HTML_START_RE.match(head) is not None


def _zip_format(data: bytes, path: str | None) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(path, "binary", "not a document (a damaged ZIP file)") from None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "mimetype" in names or any(n == "content.xml" for n in names):
        raise InputError(
            path, "unsupported",
            "an OpenDocument file: save it as .docx or .xlsx, or run "
            "'soffice --headless --convert-to docx FILE'",
        )
    raise InputError(path, "unsupported", "a ZIP archive, not a document: unpack it first")


def _ole_format(data: bytes, path: str | None) -> str:
    """``xls`` when the compound file holds a workbook stream, else ``doc`` (.doc, .wps); a file whose
    directory cannot be read is what its name says."""
    from xlrd.compdoc import CompDoc

    try:
        names = {d.name.lower() for d in CompDoc(data, logfile=io.StringIO()).dirlist}
    except Exception:  # a damaged directory: left to the reader or converter, which says what is wrong
        return "xls" if (path or "").lower().endswith(SPREADSHEET_SUFFIXES) else "doc"
    return "xls" if names & {"workbook", "book"} else "doc"
