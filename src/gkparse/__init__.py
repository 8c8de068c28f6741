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
    Source,
    Task,
    Unit,
    json_schema,
)
from .options import ParseOptions
from .pipeline import clean_text, parse_bytes, parse_file, parse_text

__all__ = [
    "Deadline",
    "DocumentMeta",
    "ExitCode",
    "GkparseError",
    "InputError",
    "OutputError",
    "ParseOptions",
    "ParsedDocument",
    "Recurrence",
    "Source",
    "Task",
    "Unit",
    "__version__",
    "clean_text",
    "json_schema",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
