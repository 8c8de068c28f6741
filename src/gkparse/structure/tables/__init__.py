"""Tables flattened to text → the one table model, then tasks.

readers → grid → tasks: :mod:`.read` finds a table's header and picks its reader, :mod:`.inline` (one row
per line: tabs, pipes, comma-separated values) or :mod:`.stream` (one cell per line); :mod:`.align` puts
the rows they read under their columns in a :class:`~gkparse.structure.grid.Grid`, merged and dropped
cells made explicit; :mod:`.tasks` holds the task rules, which read grids only (native HTML, Word, Excel
and PDF tables arrive as grids too). :mod:`.split`, :mod:`.header` and :mod:`.columns` say what a line,
a header and a cell hold.
"""
