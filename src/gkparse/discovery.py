"""Which files a batch reads: files named on the command line, and folders walked.

Files named on the command line are always taken (a missing one becomes a failed input; a symlink is read
as named); folders are walked in sorted order, keeping files whose name matches an ``--include`` glob and
no ``--exclude`` glob. Symlinks met in a walk are not followed unless ``follow`` (``--follow``); then a
link that loops or points nowhere is a failed input. The ``-o`` folder and its ``errors.jsonl`` are never
inputs. A folder named ``x.txt`` is a folder. Only regular files are read (never a FIFO or a device).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

# Every format gkparse reads (text, HTML pages, Word, Excel, PDF, legacy office files), and attachments
# it cannot read, which are taken so that each gets an error line rather than being passed over.
SUPPORTED_INCLUDE = (
    "*.txt", "*.text", "*.html", "*.htm", "*.shtml", "*.jhtml", "*.xhtml", "*.docx", "*.xlsx", "*.xls",
    "*.pdf", "*.doc", "*.wps", "*.et",
)
UNSUPPORTED_INCLUDE = ("*.odt", "*.ods", "*.ofd", "*.zip", "*.rar", "*.7z", "*.png", "*.jpg", "*.jpeg", "*.tif")
DEFAULT_INCLUDE = SUPPORTED_INCLUDE + UNSUPPORTED_INCLUDE
ERRORS_FILE = "errors.jsonl"
INDEX_FILE = ".gkparse-index"
TMP_PREFIX, TMP_SUFFIX = ".gkparse-", ".tmp"
# Temporary names of earlier versions (.NAME.json.XXXXXXXX.tmp), removed by sweep() too.
OLD_TMP_RE = re.compile(r"^\..+\.json\.[A-Za-z0-9_]{8}\.tmp$")
STDIN = "-"


@dataclass(frozen=True)
class Item:
    """One input of a batch.

    Attributes:
        label: the path as the user sees it (``DIR/a/b.txt``; ``-`` for stdin); also ``source.path``.
        rel: the name of its output inside ``-o DIR`` without ``.json`` (``a/b.txt``).
        error: ``(code, message)`` when discovery already knows the input cannot be read.
    """

    label: str
    rel: str
    error: tuple[str, str] | None = None

    @property
    def is_stdin(self) -> bool:
        return self.label == STDIN


def _matches(name: str, rel: str, globs: Iterable[str]) -> bool:
    """Case-insensitive glob match against the file name or its path relative to the folder."""
    name, rel = name.lower(), rel.lower()
    return any(fnmatchcase(name, g.lower()) or fnmatchcase(rel, g.lower()) for g in globs)


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _is_dir(entry: os.DirEntry[str], follow: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:  # a link that loops
        return False


def _walk(
    top: str, include: Sequence[str], exclude: Sequence[str], follow: bool = False, skip: frozenset = frozenset()
) -> Iterator[Item]:
    """The files of folder ``top``: its own files (sorted), then each subfolder's, depth first.

    ``skip``: identities (device, inode) of folders that are never walked into (the ``-o`` folder)."""
    top_id = _identity(top)
    stack: list[tuple[str, tuple[tuple[int, int] | None, ...]]] = [("", (top_id,))]
    while stack:
        rel_dir, ancestors = stack.pop()
        folder = os.path.join(top, rel_dir) if rel_dir else top
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield Item(folder, rel_dir or ".", ("unreadable", f"cannot list folder: {err.strerror or err}"))
            continue
        in_output = ancestors[-1] in skip
        subdirs = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            label = os.path.join(folder, entry.name)
            link = entry.is_symlink()
            if link and not follow:
                continue  # not followed in a walk: a link may point anywhere (~/.ssh/id_rsa)
            if _is_dir(entry, follow):
                ident = _identity(label)
                if ident in skip or _matches(entry.name, rel, exclude):
                    continue
                if ident in ancestors:
                    yield Item(label, rel, ("unreadable", "a symlink loop: the folder contains itself"))
                    continue
                subdirs.append((rel, (*ancestors, ident)))
                continue
            if in_output and (entry.name in (ERRORS_FILE, INDEX_FILE) or entry.name.endswith(TMP_SUFFIX)):
                continue
            if not _matches(entry.name, rel, include) or _matches(entry.name, rel, exclude):
                continue
            error = None
            try:
                if not stat.S_ISREG(os.stat(label).st_mode):
                    error = ("not_regular", "not a regular file")
            except OSError as err:  # a followed link that loops or points nowhere
                reason = "a symlink loop" if err.errno == errno.ELOOP else "a broken symlink"
                error = ("unreadable" if link else "not_found", f"cannot read: {reason}" if link else "no such file")
            yield Item(label, rel, error)
        stack.extend(reversed(subdirs))


def discover(
    paths: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    follow: bool = False,
    out_dir: str | None = None,
) -> list[Item]:
    """The inputs named by ``paths``, in order: files as given, folders walked (see the module doc).

    Two inputs that would write the same output name get an error on the second one, unless they are
    the same file (then the second is dropped).
    """
    out_id = _identity(out_dir) if out_dir else None
    skip = frozenset([out_id] if out_id else [])
    items: list[Item] = []
    for path in paths:
        if path == STDIN:
            items.append(Item(STDIN, "stdin"))
        elif os.path.isdir(path):
            items.extend(_walk(path, include, exclude, follow, skip))
        else:
            items.append(Item(path, os.path.basename(path.rstrip("/\\")) or path))
    return _dedupe(items)


def _dedupe(items: list[Item]) -> list[Item]:
    seen: dict[str, str] = {}
    result = []
    for item in items:
        key = item.rel.lower() if os.path.normcase("A") == "a" else item.rel
        if key in seen and item.error is None:
            if _same_file(seen[key], item.label):
                continue
            item = Item(item.label, item.rel, ("name_collision", f"output name taken by {seen[key]}"))
        else:
            seen[key] = item.label
        result.append(item)
    return result


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)

