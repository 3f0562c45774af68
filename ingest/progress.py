"""A progress bar on a terminal (rich), silence otherwise (cron, CI, pipes)."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Callable, Iterator


def enabled() -> bool:
    if os.environ.get("EVENTWIRE_PROGRESS", "").lower() in {"0", "false", "no", "off"}:
        return False
    return sys.stderr.isatty()


@contextlib.contextmanager
def bar(description: str, total: int) -> Iterator[Callable[..., None]]:
    """Yield ``advance()``; draws a rich progress bar on stderr only when it is a TTY."""
    if not enabled() or total <= 0:
        yield lambda *a, **k: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as p:
        task = p.add_task(description, total=total)
        yield lambda *a, **k: p.advance(task)
