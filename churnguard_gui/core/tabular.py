"""Reading a CSV or XLSX file into a header and numbered rows, with honest encoding detection."""
from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from churnguard_gui.core.errors import InputError

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Table:
    """A file's header row and its data rows, each with the row number a spreadsheet shows."""

    path: str
    headers: list[str]
    rows: list[tuple[int, list[object]]]
    encoding: str = ""


def read_table(path: str | Path) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm"):
        raise InputError("unsupported_file", file=path.name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file_missing", file=str(path)) from None
    except OSError as exc:
        raise InputError("file_unreadable", file=str(path), details={"reason": exc.strerror or str(exc)}) from None
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, data)
    text, encoding = decode_text(data, path.name)
    return _read_csv(path, text, encoding)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Strict UTF-16 (with BOM), then strict UTF-8, then GB18030; a broken UTF-8 file is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError("undecodable", file=name) from None
    had_bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8):] if had_bom else data  # error offsets then count from the text's start
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    prefix = body[: utf8_error.start].decode("utf-8", errors="replace")
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(body):
        raise _decode_error(body, utf8_error.start, name, "truncated_utf8") from None
    if had_bom or len(_CJK.findall(prefix)) >= 2:
        # Real UTF-8 text with damage: decoding it as GB18030 would make silent garbage.
        raise _decode_error(body, utf8_error.start, name, "corrupt_utf8") from None
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise _decode_error(data, exc.start, name, "undecodable", "gb18030") from None


def _decode_error(data: bytes, offset: int, name: str, code: str, encoding: str = "utf-8") -> InputError:
    """Name the row and column holding the byte at offset (data without its BOM)."""
    good = data[:offset].decode(encoding, errors="replace")
    records = list(csv.reader(io.StringIO(good, newline="")))
    row = max(len(records), 1)
    header_records = list(csv.reader(io.StringIO(data[: data.find(b"\n") if b"\n" in data else len(data)]
                                                 .decode(encoding, errors="replace"), newline="")))
    headers = header_records[0] if header_records else []
    column = None
    if records:
        index = len(records[-1]) - 1
        if 0 <= index < len(headers):
            column = headers[index].strip()
    return InputError(code, file=name, row=row, column=column)


def _read_csv(path: Path, text: str, encoding: str) -> Table:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[object]]] = []
    headers: list[str] | None = None
    record = 0
    try:
        for record, values in enumerate(reader, start=1):
            if headers is None:
                if any(v.strip() for v in values):
                    headers = [v.strip() for v in values]
                continue
            if any(v.strip() for v in values):
                rows.append((record, list(values)))
    except csv.Error as exc:
        raise InputError("bad_csv", file=path.name, row=record + 1, details={"reason": str(exc)}) from None
    if headers is None:
        raise InputError("empty_file", file=path.name)
    return Table(str(path), headers, rows, encoding)


def _read_xlsx(path: Path, data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError("bad_xlsx", file=path.name, details={"reason": str(exc) or type(exc).__name__}) from None
    try:
        sheet = book.worksheets[0]
        headers: list[str] | None = None
        rows: list[tuple[int, list[object]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if headers is None:
                if any(_filled(v) for v in values):
                    headers = ["" if v is None else str(v).strip() for v in values]
                continue
            if any(_filled(v) for v in values):
                rows.append((number, list(values)))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError("bad_xlsx", file=path.name, details={"reason": str(exc) or type(exc).__name__}) from None
    finally:
        book.close()
    if headers is None:
        raise InputError("empty_file", file=path.name)
    return Table(str(path), headers, rows, "xlsx")


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""
