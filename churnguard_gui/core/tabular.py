"""Reading a CSV or XLSX file into a header and numbered rows: streamed, within limits, failures located."""
from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from churnguard_gui.core import csvread
from churnguard_gui.core.csvread import PREVIEW_ROWS, Progress, Ticker, Undecodable
from churnguard_gui.core.errors import InputError
from churnguard_gui.core.limits import MAX_FILE_BYTES
from churnguard_gui.core.readerrors import Where, converted

CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Table:
    """A file's header row and its data rows, each with the row number a spreadsheet shows.

    rows can be read more than once; for a CSV file each reading streams the file again.
    """

    path: str
    headers: list[str]
    rows: Iterable[tuple[int, list[object]]]
    encoding: str = ""
    row_count: int = -1
    preview: list[tuple[int, list[object]]] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)  # e.g. formulas read as their text
    warning_count: int = 0
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if isinstance(self.rows, list):
            if self.row_count < 0:
                self.row_count = len(self.rows)
            if not self.preview:
                self.preview = self.rows[:PREVIEW_ROWS]

    @property
    def file(self) -> str:
        return Path(self.path).name


def read_table(path: str | Path, *, sheet: str | None = None, progress: Progress | None = None) -> Table:
    """Read and check the whole file (streaming), keep its header, first rows and size.

    Any failure is an InputError naming the file and, where they exist, the row and column.
    progress(done, total) is called while reading; when it returns False the read stops (Cancelled).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise InputError("unsupported_file", file=path.name)
    where = Where(path.name)
    with converted(where, "xlsx" if suffix in XLSX_SUFFIXES else "csv"):
        size = os.stat(path).st_size
        if not path.is_file():
            raise where.error("file_unreadable", reason="not a file")
    if size > MAX_FILE_BYTES:
        raise where.error("file_too_big", size=f"{size / 1024 / 1024:,.0f}",
                          limit=f"{MAX_FILE_BYTES // 1024 // 1024}")
    if suffix in XLSX_SUFFIXES:
        from churnguard_gui.core.xlsxread import read_xlsx

        return read_xlsx(path, sheet, Ticker(progress, size, path.name))
    return _read_csv(path, Ticker(progress, size, path.name))


class CsvRows:
    """The data rows of a checked CSV file, streamed from the file each time they are read."""

    def __init__(self, path: Path, encoding: str, delimiter: str, header_row: int, headers: list[str]) -> None:
        self.path, self.encoding, self.delimiter = path, encoding, delimiter
        self.header_row, self.headers = header_row, headers

    def __iter__(self) -> Iterator[tuple[int, list[object]]]:
        where = Where(self.path.name, headers=self.headers)
        with converted(where, "csv"):
            try:
                stream = csvread.records(self.path, self.encoding, self.delimiter, where, Ticker(None, 0, ""))
                for number, values in csvread.checked(stream, where):
                    if number > self.header_row and "".join(values).strip():  # not a blank row
                        yield number, cast("list[object]", values)  # cells of text; nobody writes into it
            except Undecodable as exc:  # the file changed since it was checked
                where.row, where.column_index = exc.row, exc.column_index
                raise where.error("undecodable") from None


def _read_csv(path: Path, tick: Ticker) -> Table:
    """Strict UTF-16 (with BOM), then strict UTF-8, then GB18030; a damaged UTF-8 file is refused."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _scan(path, "utf-16", "utf-16", tick, on_undecodable="corrupt_utf16")
    had_bom = head.startswith(codecs.BOM_UTF8)
    try:
        return _scan(path, "utf-8-sig" if had_bom else "utf-8", "utf-8", tick)
    except Undecodable as exc:
        if exc.truncated:
            raise _located(path, exc, "truncated_utf8") from None
        if had_bom or exc.cjk >= 2:
            # Real UTF-8 text with damage: decoding it as GB18030 would make silent garbage.
            raise _located(path, exc, "corrupt_utf8") from None
    return _scan(path, "gb18030", "gb18030", tick, on_undecodable="undecodable")


def _located(path: Path, exc: Undecodable, code: str, headers: list[str] | None = None) -> InputError:
    if exc.row <= 1:
        headers = []  # the header row itself: name the column by its letter, not by its undecodable text
    elif not headers:
        headers = _headers_for_errors(path)
    where = Where(path.name, exc.row, exc.column_index, headers)
    return where.error(code)


def _headers_for_errors(path: Path) -> list[str]:
    """The first line's fields, read leniently: only to name the column of an undecodable byte."""
    import csv
    import io

    try:
        with open(path, "rb") as handle:
            head = handle.read(csvread.CHUNK)
        text = ""
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = head.decode(encoding)
                break
            except UnicodeDecodeError as exc:
                text = head[: exc.start].decode(encoding, errors="replace")
                if "\n" in text:  # the header line itself reads fine
                    break
        line = text.split("\n", 1)[0]
        return [v.strip() for v in next(csv.reader(io.StringIO(line)), [])]
    except (OSError, csv.Error):
        return []


def _scan(path: Path, encoding: str, label: str, tick: Ticker, on_undecodable: str | None = None) -> Table:
    """One pass over the file: header, row count, first rows; Undecodable unless on_undecodable names a code."""
    where = Where(path.name)
    delimiter = csvread.sniff_delimiter(path, encoding)
    headers: list[str] | None = None
    header_row = 0
    count = 0
    preview: list[tuple[int, list[object]]] = []
    with converted(where, "csv"):
        try:
            stream = csvread.records(path, encoding, delimiter, where, tick)
            for number, values in csvread.checked(stream, where):
                if not "".join(values).strip():  # a blank row
                    continue
                if headers is None:
                    headers = [v.strip() for v in values]
                    where.headers = headers
                    header_row = number
                    continue
                count += 1
                if len(preview) < PREVIEW_ROWS:
                    preview.append((number, list(values)))
        except Undecodable as exc:
            if on_undecodable is None:
                raise
            raise _located(path, exc, on_undecodable, headers) from None
    if headers is None:
        raise InputError("empty_file", file=path.name)
    rows = CsvRows(path, encoding, delimiter, header_row, headers)
    return Table(str(path), headers, rows, label, count, preview)
