"""A progress bar on a terminal (rich), silence otherwise (cron, CI, pipes, Prefect workers).

``mode`` is the ``progress`` setting: ``auto`` draws only when the stream is a TTY,
``on`` always draws, ``off`` never does (``EVENTWIRE_PROGRESS=0`` reaches it through
``ingest.config``, which is where the environment is read). The bar is transient: it
disappears when the stage ends, so the run's one-line summary is all that stays on screen.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any, Callable, Iterator, TextIO

ON = {"on", "always", "1", "true", "yes"}
OFF = {"off", "never", "0", "false", "no"}


def enabled(mode: str = "auto", stream: TextIO | None = None) -> bool:
    """Should a bar be drawn on ``stream`` (stderr by default) under ``mode``?"""
    mode = (mode or "auto").strip().lower()
    if mode in OFF:
        return False
    if mode in ON:
        return True
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextlib.contextmanager
def bar(description: str, total: int, mode: str = "auto", stream: TextIO | None = None
        ) -> Iterator[Callable[..., None]]:
    """Yield ``advance(item=None)``; a rich bar on ``stream`` (stderr) only when ``enabled``.

    ``advance`` may be given the item just finished: one with an ``error`` attribute set
    (a ``Fetched`` that failed) is counted in the bar's "failed" column.
    """
    if total <= 0 or not enabled(mode, stream):
        yield lambda *a, **k: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=sys.stderr if stream is None else stream, force_terminal=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[failed]} failed"), TimeRemainingColumn(),
                  console=console, transient=True) as p:
        task = p.add_task(description, total=total, failed=0)
        failed = 0

        def advance(item: Any = None, *_: Any, **__: Any) -> None:
            nonlocal failed
            if getattr(item, "error", None):
                failed += 1
            p.update(task, advance=1, failed=failed)

        yield advance
