"""One name per unit within a document: declared short names and bracket or space variants resolved.

A document may declare a short name once (``国家发展和改革委员会（以下简称国家发展改革委）``,
``市发展和改革委员会，以下简称“市发改委”``) and use it from then on; a scrape may write one name with
half- and full-width brackets (``各县(区)人民政府``, ``各县（区）人民政府``) or with a stray space. After
the tasks are built, every unit name is resolved: variants compare equal under :func:`variant_key` (which
is also the name written out: full-width brackets, no spaces between Chinese characters), and a declared
short name becomes the full name it stands for. A unit whose name changed keeps the name as written in
``written``; a task naming one unit twice in one role (short and full) keeps it once.

>>> from gkparse.models import Task, Unit
>>> text = "由国家发展和改革委员会（以下简称国家发展改革委）牵头。"
>>> task = Task(id="1", path=["一"], title="t", text="", line=1,
...             units=[Unit(name="国家发展改革委", role="lead"), Unit(name="各县(区) 人民政府", role="responsible")])
>>> [(u.name, u.written) for u in resolve_aliases(text, [task])[0].units]
[('国家发展和改革委员会', '国家发展改革委'), ('各县（区）人民政府', '各县(区) 人民政府')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from ..models import Task, Unit
from .brackets import to_round

_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
_ANY_SPACE = re.compile(r"\s")  # most names have none: the substitution above is skipped

# 简称 / 以下简称 / 下称, optionally in brackets or after a comma, with the short name in quotes or not
_DECLARATION = re.compile(
    r"[（(，,]\s*(?:以下)?(?:简称|下称)(?:为)?[:：]?\s*[“\"「『‘]?([^”\"」』’（）()，,。；;、：:\s]{2,20}?)[”\"」』’]?\s*(?:[）)]|(?=[，,。；;]|$))"
)
# where the full name before a declaration starts: after punctuation, a space, or the start of the line
_NAME_BEFORE = re.compile(r"[^，,。；;：:、\s“”\"《》<>]+$")
_LONGEST_NAME = 60  # characters before a declaration where its full name can start
# words that may stand before a unit name in a sentence but are no part of it
_LEAD_WORDS = re.compile(r"^(?:由|请|和|与|及|会同|同|并|将|对|在|是|经|为|以)+")


def variant_key(name: str) -> str:
    """The form of ``name`` that its bracket and space variants share.

    >>> variant_key("各县(区) 人民政府") == variant_key("各县〔区〕人民政府") == "各县（区）人民政府"
    True
    """
    name = to_round(name)
    return (_SPACE.sub("", name) if _ANY_SPACE.search(name) else name).strip()


def declared_aliases(text: str, names: Iterable[str] = ()) -> dict[str, str]:
    """Short name → full name, for every short name ``text`` declares. ``names`` (unit names of the
    document) tell where a full name begins when the sentence around it runs on.

    >>> declared_aliases("会同市发展和改革委员会，以下简称“市发改委”，做好……", ["市发展和改革委员会"])
    {'市发改委': '市发展和改革委员会'}
    """
    known: list[str] | None = None  # worked out at the first declaration: most pages declare none
    aliases: dict[str, str] = {}
    for match in _DECLARATION.finditer(text):
        if known is None:
            known = sorted({variant_key(n) for n in names}, key=len, reverse=True)
        short = variant_key(match.group(1))
        window = max(0, match.start() - _LONGEST_NAME)
        before = _NAME_BEFORE.search(text[window : match.start()])
        if before is None:
            continue
        run = variant_key(before.group())
        full = next((n for n in known if run.endswith(n) and n != short), None) or _LEAD_WORDS.sub("", run)
        if len(full) >= 2 and full != short and short not in aliases:
            aliases[short] = full
    return aliases


def _strip_declaration(name: str) -> str:
    """A unit name that carries its own declaration (``X（以下简称Y）``) is X."""
    match = _DECLARATION.search(name)
    return name[: match.start()] if match else name


def resolve_aliases(text: str, tasks: Sequence[Task]) -> list[Task]:
    """``tasks`` with every unit named by its one name within the document (see the module doc). A task
    whose units keep their names is returned as it is, its units list holding the document's one object
    for each unit (equal to the one it held)."""
    resolver = Aliases(text, lambda: (u.name for t in tasks for u in t.units))
    return [resolver.resolve(task) for task in tasks]


class Aliases:
    """The one name of each unit within the document ``text``, for its tasks one at a time.

    ``names`` gives the unit names of all the document's tasks; it is called (once, at the start) only
    when the text declares a short name, since the names tell where a declared full name begins.
    """

    def __init__(self, text: str, names: Callable[[], Iterable[str]]) -> None:
        declares = "简称" in text or "下称" in text
        self.aliases = declared_aliases(text, (_strip_declaration(n) for n in names())) if declares else {}
        self.keys: dict[str, str] = {}  # a document names the same units again and again
        # one object per unit, role and written name (units are immutable): a large plan names a few hundred
        # units in tens of thousands of places, and each object costs about half a kilobyte
        self.shared: dict[tuple[str, str, str | None], Unit] = {}

    def resolve(self, task: Task) -> Task:
        """``task`` with its units named by their one names (the same object when no name changed)."""
        keys, aliases, shared = self.keys, self.aliases, self.shared
        units: list[Unit] = []
        seen: set[tuple[str, str]] = set()
        changed = False
        for unit in task.units:
            key = keys.get(unit.name)
            if key is None:
                key = keys[unit.name] = variant_key(_strip_declaration(unit.name))
            name = aliases.get(key, key)
            if (name, unit.role) in seen:
                changed = True
                continue
            seen.add((name, unit.role))
            if name != unit.name:
                changed = True
                unit = Unit(name=name, role=unit.role, written=unit.written or unit.name)
            units.append(shared.setdefault((unit.name, unit.role, unit.written), unit))
        if changed:
            return task.model_copy(update={"units": units})
        task.units[:] = units  # the same units, as the shared objects
        return task
