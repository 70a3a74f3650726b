"""A progress bar on stderr, only when a person is watching a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO


class Progress:
    """The share of the file read (when it is known), the subjects decided and how fast."""

    EVERY = 10_000
    WIDTH = 24

    def __init__(self, noun: str, total: int = 0, stream: IO[str] | None = None) -> None:
        self.noun, self.total, self.count, self.done_bytes = noun, total, 0, 0
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.started = time.monotonic()

    def tick(self, count: int = 1, read: Callable[[], int] | None = None) -> None:
        """`count` more subjects decided; `read` says how many bytes of the file are read
        (asked only when the bar is drawn)."""
        before, self.count = self.count, self.count + count
        if self.shown and before // self.EVERY != self.count // self.EVERY:
            if read is not None:
                self.done_bytes = read()
            self.stream.write("\r" + self.line())
            self.stream.flush()

    def line(self) -> str:
        rate = self.count / max(time.monotonic() - self.started, 1e-9)
        counted = f"{self.count:,} {self.noun} decided ({rate:,.0f}/s)"
        if not self.total:
            return counted
        share = min(1.0, self.done_bytes / self.total)
        filled = round(share * self.WIDTH)
        return f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}  {counted}"

    def done(self) -> None:
        if self.shown and self.count >= self.EVERY:
            self.stream.write("\r" + " " * 79 + "\r")
            self.stream.flush()
