"""The progress bar of a batch on a terminal (rich), on stderr: stdout carries data only."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .errors import printable

if TYPE_CHECKING:
    from .batch import Summary
    from .env import Environment


class Progress:
    """A rich progress bar on stderr: files done/total, rate, ETA, failures so far."""

    def __init__(self, env: Environment, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        console = Console(file=env.stderr, no_color=env.no_color, stderr=True)
        self.bar = Bar(
            TextColumn("gkparse"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(), TextColumn("{task.fields[failed]} failed"),
            console=console, transient=True, redirect_stdout=False, redirect_stderr=False,
        )  # fmt: skip
        self.task = self.bar.add_task("files", total=total, rate="", failed=0)

    def __enter__(self) -> Progress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def advance(self, summary: Summary) -> None:
        elapsed = time.monotonic() - summary.started
        rate = f"{summary.files / elapsed:.1f} files/s" if elapsed > 0 else ""
        self.bar.update(self.task, completed=summary.files, rate=rate, failed=summary.failed)

    def log_error(self, message: str) -> None:
        self.bar.console.print(f"gkparse: error: {printable(message)}", markup=False, highlight=False, soft_wrap=True)
