"""Legacy office files (``.doc``, ``.wps``, ``.et``, and ``.xls`` that xlrd cannot read, as WPS saves
some): converted with LibreOffice when ``soffice`` is on PATH, in a temporary folder, then read as
``.docx`` or ``.xlsx``; otherwise refused with the command that converts them."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from .base import Reading

CONVERT_TIMEOUT = 120  # seconds LibreOffice may take for one file
TARGETS = {"doc": "docx", "xls": "xlsx"}
SOFFICE_NAMES = ("soffice", "libreoffice")


def soffice() -> str | None:
    """The LibreOffice command on PATH, or None."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def read_legacy(data: bytes, path: str | None = None, kind: str = "doc") -> Reading:
    """Convert a legacy word processor (``kind`` doc) or spreadsheet (``xls``) file and read the result."""
    target = TARGETS[kind]
    name = Path(path).name if path else f"input.{kind}"
    command = soffice()
    if command is None:
        raise InputError(
            path, "needs_libreoffice",
            f"a legacy {'Word/WPS' if kind == 'doc' else 'Excel/WPS'} file: install LibreOffice, or convert it "
            f"with 'soffice --headless --convert-to {target} {name}' and give gkparse the .{target}",
        )
    with tempfile.TemporaryDirectory(prefix="gkparse-") as tmp:
        src = Path(tmp) / f"input{Path(name).suffix or '.' + kind}"
        src.write_bytes(data)
        env = {**os.environ, "HOME": tmp}  # a profile of its own: runs in parallel do not share one
        try:
            subprocess.run(
                [command, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", target, "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=CONVERT_TIMEOUT, env=env,
            )
        except subprocess.TimeoutExpired:
            raise InputError(path, "unreadable", f"LibreOffice took over {CONVERT_TIMEOUT} s to convert it") from None
        except (subprocess.CalledProcessError, OSError) as err:
            raise InputError(path, "unreadable", f"LibreOffice could not convert it ({err})") from None
        out = Path(tmp) / f"{src.stem}.{target}"
        if not out.exists():
            raise InputError(path, "unreadable", "LibreOffice could not convert it (no output)")
        converted = out.read_bytes()
    from . import read_document

    reading = read_document(target, converted, path)
    reading.format = kind
    reading.converted_by = "libreoffice"
    return reading
