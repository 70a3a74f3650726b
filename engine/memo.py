"""What a run remembers so that it need not work a thing out twice, in one place, bounded.

Three layers, each a table of answers that depend only on a key:
- combinations: the engine's answer (the rules that fired) for a combination of threshold
  sides: facts that fall on the same side of every threshold fire the same rules, so
  durable_rules is asked about the first subject of each combination only;
- plans: what a set of fired rules decides (exceptions, the status, which actions);
- fragments: the parts of a rendered decision that depend only on the rules and the
  language (an action's code, basis and title; the rules fired), encoded once.

A run has one Memo: its answers hold for its rulebook, date, language and joined facts. A
table that reaches LIMIT entries is emptied and fills again: memory stays bounded whatever
the input, at the cost of asking again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

LIMIT = 100_000  # entries per table

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Table(Generic[K, V]):
    """Answers by key, emptied when full."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit or LIMIT
        self.entries: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self.entries.get(key)

    def put(self, key: K, value: V) -> V:
        if len(self.entries) >= self.limit:
            self.entries.clear()
        self.entries[key] = value
        return value

    def room(self, wanted: int) -> bool:
        """Whether `wanted` more entries fit without emptying the table."""
        return len(self.entries) + wanted <= self.limit

    def clear(self) -> None:
        self.entries.clear()

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __getitem__(self, key: K) -> V:
        return self.entries[key]

    def setdefault(self, key: K, make: Callable[[], V]) -> V:
        found = self.entries.get(key)
        if found is None:
            found = self.put(key, make())
        return found


class Memo:
    """A run's memory. `combinations=False` asks the engine about every subject (an audit
    of the combination cache: the same output, slower); plans and fragments still hold,
    being functions of the rules alone."""

    def __init__(self, combinations: bool = True, limit: int | None = None) -> None:
        self.use_combinations = combinations
        self.combinations: Table[Hashable, tuple[object, ...]] = Table(limit)
        self.plans: Table[Hashable, object] = Table(limit)
        self.fragments: Table[Hashable, object] = Table(limit)

    def forget_combinations(self) -> None:
        """The facts the rules join on changed: every combination must be asked again."""
        self.combinations.clear()
