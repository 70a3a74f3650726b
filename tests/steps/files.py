"""Writing a scenario's rows as the CSV file a bureau would hand to comply."""

from __future__ import annotations

import csv
from pathlib import Path

# An intake candidate ready to start in its plan year, as the intake and explain steps build it.
READY = {
    "land_secured": "true",
    "planning_approved": "true",
    "eia_approved": "true",
    "feasibility_approved": "true",
    "filing_done": "true",
    "funds_secured": "true",
    "expropriation_pending": "false",
    "government_funded": "false",
}


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path
