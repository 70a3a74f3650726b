"""The garbage collector during a run: asked to look for cycles less often.

A run makes millions of small objects that live until their part is written (a change
log's snapshots, decisions, lines) and almost no cycles. With Python's default thresholds
(a young collection every 700 new objects, an old one every hundred of those) the
collector walks the growing heap again and again: 1.6 s of a 9.8 s run over 1M change-log
events went to it (measured with gc.callbacks), for a few hundred objects found. A young
collection every 100,000 objects and an old one seldom leaves it about 0.1 s; cycles are
still collected, later.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

THRESHOLDS = (100_000, 50, 100)


def at_ease() -> None:
    """For the rest of this process (a worker serving a run)."""
    gc.set_threshold(*THRESHOLDS)


@contextlib.contextmanager
def at_ease_while() -> Iterator[None]:
    """For the block, then as it was (a run inside a longer-lived process)."""
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
