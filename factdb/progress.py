"""Progress of a long command: a bar on a terminal, plain lines in a log.

    for article in progress(articles, label="ingesting", stream=self.stderr):
        ...

On a TTY one line is redrawn at most ten times a second; otherwise (CI, a
pipe, a log file) a line is written every tenth of the way and at the end,
so a log shows the command is alive without thousands of lines. Written to
stderr by default so stdout stays the command's output.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.core.management.base import OutputWrapper

T = TypeVar("T")
WIDTH = 30


def progress(items: Iterable[T], *, label: str, total: int | None = None, stream=None, tty: bool | None = None) -> Iterator[T]:
    stream = stream if stream is not None else sys.stderr
    if total is None:
        try:
            total = len(items)  # type: ignore[arg-type]
        except TypeError:
            total = None
    if tty is None:
        tty = bool(getattr(stream, "isatty", lambda: False)())
    started = last = time.monotonic()
    step = max(1, (total or 0) // 10) if total else 1000
    done = 0
    for item in items:
        yield item
        done += 1
        now = time.monotonic()
        if tty and now - last >= 0.1:
            _write(stream, "\r" + line(label, done, total, now - started, bar=True))
            last = now
        elif not tty and (done % step == 0) and done != total:
            _write(stream, line(label, done, total, now - started) + "\n")
    elapsed = time.monotonic() - started
    _write(stream, ("\r" if tty else "") + line(label, done, total, elapsed, bar=tty) + "\n")


def line(label: str, done: int, total: int | None, elapsed: float, *, bar: bool = False) -> str:
    """
    >>> line("ingesting", 250, 1000, 5.0)
    'ingesting: 250/1000 (25%) 50.0/s'
    >>> line("ingesting", 250, 1000, 5.0, bar=True)
    'ingesting [#######                       ] 250/1000 (25%) 50.0/s'
    """
    rate = f"{done / elapsed:.1f}/s" if elapsed > 0 else ""
    if total:
        share = done / total
        count = f"{done}/{total} ({share:.0%}) {rate}".strip()
        if bar:
            filled = int(WIDTH * share)
            return f"{label} [{'#' * filled}{' ' * (WIDTH - filled)}] {count}"
        return f"{label}: {count}"
    return f"{label}: {done} {rate}".strip()


def _write(stream, text: str) -> None:
    if isinstance(stream, OutputWrapper):
        stream.write(text, ending="")
    else:
        stream.write(text)
    stream.flush()
