"""gkparse: scraped Chinese government work plans → validated task-division tables.

>>> import gkparse
>>> doc = gkparse.parse_text("2020年政务公开工作要点\\n一、加强公开\\n（一）公开预算。（市财政局牵头，各区配合）")
>>> doc.document.year
2020
>>> [(u.name, u.role) for u in doc.tasks[0].units]
[('市财政局', 'lead'), ('各区', 'cooperating')]
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import ExitCode, GkparseError, InputError, OutputError
from .models import (
    Deadline,
    DocumentMeta,
    ParsedDocument,
    Recurrence,
    RemovedLine,
    Source,
    Task,
    Unit,
    Warning,
    json_schema,
)
from .options import ParseOptions
from .pipeline import clean_text, parse_bytes, parse_file, parse_text
from .frames import Frames, MissingExtra, frames  # noqa: E402  (pandas is imported only when called)

__all__ = [
    "Deadline",
    "DocumentMeta",
    "ExitCode",
    "Frames",
    "GkparseError",
    "InputError",
    "MissingExtra",
    "OutputError",
    "ParseOptions",
    "ParsedDocument",
    "Recurrence",
    "RemovedLine",
    "Source",
    "Task",
    "Unit",
    "Warning",
    "__version__",
    "clean_text",
    "frames",
    "json_schema",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
