"""Reading one sheet of an XLSX workbook: zip directory checked first, then streamed with openpyxl read-only.

The rows are not kept: read_xlsx reads the sheet once to check it (header, row count, first rows, formulas
without a value) and the Table's rows read it again, streamed, each time they are iterated (as for a CSV file).
"""
from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable, Generator, Iterator
from itertools import islice
from pathlib import Path

from churnguard_gui.core.csvread import PREVIEW_ROWS, Ticker
from churnguard_gui.core.errors import InputError
from churnguard_gui.core.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_LISTED,
    MAX_ROWS,
    MAX_XLSX_INFLATED,
    MAX_XLSX_MEMBERS,
    MAX_XLSX_RATIO,
    RATIO_FLOOR,
)
from churnguard_gui.core.readerrors import Where, converted

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or a workbook saved with a password
_BATCH = 200  # rows parsed at a time with openpyxl's warnings silenced, then handed on

Row = tuple[int, list[object]]


class _Watched:
    """The workbook file, read through a ticker so that Cancel stops openpyxl between two reads."""

    def __init__(self, raw, tick: Ticker) -> None:
        self._raw, self._tick = raw, tick

    def read(self, size: int = -1) -> bytes:
        self._tick(self._raw.tell())
        return self._raw.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def seekable(self) -> bool:
        return True

    def close(self) -> None:  # the caller closes the real file
        pass


def check_directory(archive: zipfile.ZipFile, where: Where) -> None:
    """Refuse a zip bomb from the sizes its directory declares, before anything is inflated.

    zipfile never inflates a part past its declared size (it fails on the CRC instead), so these sizes bound
    the work and the memory of everything that follows.
    """
    infos = archive.infolist()
    if len(infos) > MAX_XLSX_MEMBERS:
        raise where.error("zip_too_many_parts", count=f"{len(infos):,}", limit=f"{MAX_XLSX_MEMBERS:,}")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise where.error("encrypted_xlsx")
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_XLSX_RATIO * max(info.compress_size, 1):
            raise where.error("zip_bomb", part=info.filename, size=f"{info.file_size:,}",
                              packed=f"{info.compress_size:,}")
    if total > MAX_XLSX_INFLATED:
        raise where.error("zip_too_big", size=f"{total / 1024 / 1024:,.0f}",
                          limit=f"{MAX_XLSX_INFLATED // 1024 // 1024}")


def read_xlsx(path: Path, sheet: str | None, tick: Ticker):
    """The chosen sheet (else the first) checked in one streamed pass, as a Table whose rows stream it again."""
    from churnguard_gui.core.tabular import Table

    where = Where(path.name)
    found: list[InputError] = []
    count = [0]  # formulas without a saved value

    def formula(value: object) -> None:  # where is at the cell
        count[0] += 1
        if len(found) < MAX_LISTED:
            found.append(where.error("formula_without_value", value=value))

    headers: list[str] | None = None
    header_row = rows = 0
    preview: list[Row] = []
    with converted(where, "xlsx"), open(path, "rb") as raw:
        book, chosen, titles = _open(raw, path, sheet, tick, where)
        try:
            for batch in _batches(book, chosen, where, formula):
                for number, row in batch:
                    if headers is None:  # the first row: _rows has named the columns by it already
                        headers, header_row = where.headers, number
                        continue
                    rows += 1
                    if len(preview) < PREVIEW_ROWS:
                        preview.append((number, row))
        finally:
            book.close()
    if headers is None:
        raise InputError("empty_file", file=where.file)
    for warning in found:  # the header is known only now: name the columns by it
        index = _letters_index(warning.column)
        if index is not None and index < len(headers) and headers[index]:
            warning.column = headers[index]
    return Table(str(path), headers, XlsxRows(path, chosen.title, header_row, headers), "xlsx", rows, preview,
                 found, count[0], chosen.title, titles)


class XlsxRows:
    """The data rows of a checked sheet, streamed from the workbook each time they are read (never all kept)."""

    def __init__(self, path: Path, sheet: str, header_row: int, headers: list[str]) -> None:
        self.path, self.sheet, self.header_row, self.headers = path, sheet, header_row, headers

    def __iter__(self) -> Iterator[Row]:
        where = Where(self.path.name, headers=self.headers)
        with converted(where, "xlsx"), open(self.path, "rb") as raw:
            book, chosen, _ = _open(raw, self.path, self.sheet, Ticker(None, 0, ""), where)
            try:
                for batch in _batches(book, chosen, where, None):
                    for number, row in batch:
                        if number > self.header_row:
                            yield number, row
            finally:
                book.close()

    def __eq__(self, other: object) -> bool:  # a list of the same rows, as the rows of a CSV or a test compare
        if isinstance(other, XlsxRows):
            return (self.path, self.sheet, self.header_row) == (other.path, other.sheet, other.header_row)
        if isinstance(other, list):
            return list(self) == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"XlsxRows({self.path.name!r}, sheet={self.sheet!r}, after row {self.header_row})"


def _open(raw, path: Path, sheet: str | None, tick: Ticker, where: Where):
    """The workbook opened read-only once its zip directory passed the checks; the chosen sheet; all sheet titles."""
    if raw.read(len(_OLE_MAGIC)) == _OLE_MAGIC:
        raise where.error("ole_workbook")
    stream = _Watched(raw, tick)
    with zipfile.ZipFile(stream) as archive:
        check_directory(archive, where)
    from churnguard_gui.core.xlsxsheet import SheetsReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's remarks about styles and extensions are not the user's
        reader = SheetsReader(stream, read_only=True, data_only=True, keep_links=False)
        reader.read()  # as openpyxl's load_workbook(read_only=True) does
        book = reader.wb
    try:
        names = list(book.sheetnames)
        sheets = book.worksheets
        if not sheets:
            raise where.error("no_sheets")
        if sheet is None:
            chosen = sheets[0]
        elif sheet in names and book[sheet] in sheets:
            chosen = book[sheet]
        else:
            raise InputError("unknown_sheet", file=path.name, value=sheet,
                             details={"choices": ", ".join(s.title for s in sheets)})
    except BaseException:
        book.close()
        raise
    return book, chosen, [s.title for s in sheets]


def _batches(book, sheet, where: Where, formula: Callable[[object], None] | None) -> Iterator[list[Row]]:
    """The sheet's non-empty rows (the header row too), a few at a time, each cell checked against the limits.

    Each batch is parsed with openpyxl's warnings silenced; the silence never lasts across a yield, so the code
    reading the rows keeps its own warnings."""
    rows = _rows(book, sheet, where, formula)
    try:
        while True:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. "marked as a date but outside the limits": read as now
                batch = list(islice(rows, _BATCH))
            if not batch:
                return
            yield batch
    finally:
        rows.close()


def _rows(book, sheet, where: Where, formula: Callable[[object], None] | None) -> Generator[Row, None, None]:
    from churnguard_gui.core.xlsxsheet import SheetParser

    source = sheet._get_source()
    try:
        parser = SheetParser(source, sheet._shared_strings, where, epoch=book.epoch,
                             date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for number, cells in parser.rows():
            values: dict[int, object] = {}
            for cell in cells:
                value = cell["value"]
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                where.row, where.column_index = number, cell["column"] - 1
                if cell["column"] > MAX_COLUMNS:
                    raise where.error("too_many_columns", limit=MAX_COLUMNS)
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    raise where.error("cell_too_long", limit=f"{MAX_CELL_CHARS:,}")
                if cell.get("formula") and formula is not None:
                    formula(value)
                values[cell["column"]] = value
            if not values:
                continue
            where.row, where.column_index = number, None
            if number > MAX_ROWS + 1:
                raise where.error("too_many_rows", limit=f"{MAX_ROWS:,}")
            row: list[object] = [None] * max(values)
            for column, value in values.items():
                row[column - 1] = value
            if not where.headers:  # the header row: from now on a failure names its column by the header
                where.headers = ["" if v is None else str(v).strip() for v in row]
            yield number, row
    finally:
        source.close()


def _letters_index(letters: str | None) -> int | None:
    if not letters or not letters.isalpha() or not letters.isupper() or len(letters) > 3:
        return None
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1
