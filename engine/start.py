"""The `comply` command itself: the CLI, loaded here so that Ctrl-C while it loads (a third
of a second: click, pydantic, the engine) ends the run as Ctrl-C does once it runs, with
click's "Aborted!" and exit status 1, not Python's traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from ..cli import main as comply
    except KeyboardInterrupt:
        print("\nAborted!", file=sys.stderr)  # as click says it
        raise SystemExit(1) from None
    comply()
