"""Writing a scenario's rows as the CSV file a bureau would hand to comply."""

from __future__ import annotations

import csv
from pathlib import Path


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path
