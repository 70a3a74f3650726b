"""How a CSV file is decoded: decided once for the whole file, never row by row.

Chinese Excel saves CSV in GBK (GB18030 includes it); a file touched by two programs may
hold rows of both. Read either way, one half would be mojibake, read silently: such a file
is refused, naming its rows (decisions.md IO1: nothing is read wrong silently).
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Encoding:
    """How a CSV file is decoded, decided for the whole file; or the rows that disagree."""

    name: str
    mixed: tuple[str, str] | None = None  # rows in UTF-8, rows not: the file is refused


def file_encoding(path: Path) -> Encoding:
    """UTF-8 (with or without BOM) if the whole file is UTF-8. Else, a file some of whose
    rows are UTF-8 text and others not is refused, naming them: read either way, some rows
    would be mojibake. Else GB18030 (which includes GBK and GB2312, as Chinese Excel saves
    CSV) if the file decodes so; a file that is neither is read as UTF-8 and each cell that
    is not is reported."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    gb = codecs.getincrementaldecoder("gb18030")()
    is_utf8 = is_gb = True
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if is_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    is_utf8 = False
            if is_gb:
                try:
                    gb.decode(chunk)
                except UnicodeDecodeError:
                    is_gb = False
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
            return Encoding("utf-8-sig")
        except UnicodeDecodeError:
            pass
    utf8_rows, other_rows = _rows_by_encoding(path)
    if utf8_rows and other_rows:
        return Encoding("utf-8-sig", (_some(utf8_rows), _some(other_rows)))
    return Encoding("gb18030" if is_gb else "utf-8-sig")


def _rows_by_encoding(path: Path) -> tuple[list[int], list[int]]:
    """The rows (records) holding UTF-8 text other than ASCII, and those holding bytes that
    are not UTF-8."""
    utf8: list[int] = []
    other: list[int] = []
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)  # a field over csv.field_size_limit stops the count
        row = 1
        try:
            for cells in reader:
                text = "".join(cells)
                if not text.isascii():
                    (utf8 if encodable(text) else other).append(row)
                row = reader.line_num + 1
        except csv.Error:
            pass  # reported when the file is read
    return utf8, other


def _some(rows: list[int], shown: int = 8) -> str:
    listed = ", ".join(map(str, rows[:shown]))
    return listed + (", …" if len(rows) > shown else "")


def encodable(text: str) -> bool:
    """Whether the text holds no undecodable byte (kept as a surrogate by the decoder)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
