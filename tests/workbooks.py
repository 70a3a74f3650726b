"""Workbooks as another program (or damage) leaves them: a sheet's XML as stored, rewritten."""

from __future__ import annotations

import zipfile
from pathlib import Path


def stored_as(made: Path, target: Path, replaced: dict[bytes, bytes]) -> Path:
    """`made` copied to `target`, its first sheet's XML with each of `replaced`'s bytes
    (each there) replaced by its value: a cell stored as openpyxl would never write it."""
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for old, new in replaced.items():
                    assert old in data, old
                    data = data.replace(old, new)
            copy.writestr(item, data)
    return target
