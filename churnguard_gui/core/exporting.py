"""Writing rows to CSV (UTF-8 with BOM, for Excel) or XLSX, neutralised against formula injection."""
from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from churnguard_gui.core.errors import InputError
from churnguard_gui.core.files import atomic_write

# What a spreadsheet (Excel, WPS, LibreOffice) would start a formula with, including the full-width and small
# forms Chinese input methods type.
_FORMULA_STARTS = frozenset("=+-@＝＋－＠﹦﹢﹣﹫")


def _invisible(ch: str) -> bool:
    """Spaces, tabs, line breaks, no-break and zero-width spaces, BOM, direction marks and other format marks."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp", "Cc")


def first_visible(text: str) -> str:
    for ch in text:
        if not _invisible(ch):
            return ch
    return ""


def neutralise(value: object) -> object:
    """Text a spreadsheet could run as a formula gets a leading apostrophe (OWASP); numbers stay numbers.

    The test looks past anything invisible, so " =1+1", "\u200b=1+1" or "＝1+1" are caught too; text that
    starts with a tab or a carriage return is neutralised as well.
    """
    if isinstance(value, str) and value and (first_visible(value) in _FORMULA_STARTS or value[0] in "\t\r"):
        return "'" + value
    return value


def write_table(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write headers and rows to path (.csv or .xlsx, atomically); returns the number of rows."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _write_csv(path, headers, rows)
    if suffix == ".xlsx":
        return _write_xlsx(path, headers, rows)
    raise InputError("unsupported_file", file=path.name)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([neutralise(h) for h in headers])
        for row in rows:
            writer.writerow(["" if v is None else neutralise(v) for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(sheet, value=neutralise(h))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    sheet.freeze_panes = "A2"
    count = 0
    for row in rows:
        # Every text cell is written as a string, so openpyxl never stores it as a formula.
        cells = []
        for value in row:
            value = neutralise(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    with atomic_write(path, "wb") as handle:
        book.save(handle)
    return count
