"""Reading a CSV file as a stream: incremental decoding, every record located, the limits checked as it goes."""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from churnguard_gui.core.errors import Cancelled
from churnguard_gui.core.limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_RECORD_CHARS, MAX_ROWS
from churnguard_gui.core.readerrors import Where

Progress = Callable[[int, int], bool]  # (done, total) -> go on?

CHUNK = 64 * 1024
PREVIEW_ROWS = 20
_NEWLINE = re.compile(r"\r\n|\r|\n")
_CJK = re.compile(r"[\u4e00-\u9fff]")


class Undecodable(Exception):
    """The bytes at row/column are not text in the encoding tried (not an error for the user yet)."""

    def __init__(self, row: int, column_index: int | None, truncated: bool, cjk: int) -> None:
        super().__init__(row)
        self.row, self.column_index, self.truncated, self.cjk = row, column_index, truncated, cjk


@dataclass
class _State:
    records: int = 0  # records the csv reader has returned
    pending: list[str] = field(default_factory=list)  # lines handed to it since
    pending_chars: int = 0
    cjk: int = 0


class Ticker:
    """Calls progress at most ten times a second; a False answer (Cancel pressed) raises Cancelled."""

    def __init__(self, progress: Progress | None, total: int, name: str) -> None:
        self.progress, self.total, self.name = progress, total, name
        self._last = 0.0

    def __call__(self, done: int) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if now - self._last >= 0.1:
            self._last = now
            if not self.progress(min(done, self.total), self.total):
                raise Cancelled(file=self.name)


def sniff_delimiter(path: Path, encoding: str) -> str:
    """Tab, semicolon or comma: whichever the first non-blank line holds most of (comma on a tie)."""
    with open(path, "rb") as handle:
        head = handle.read(CHUNK).decode(encoding, errors="replace")
    line = next((ln for ln in _NEWLINE.split(head) if ln.strip()), "")
    counts = {d: line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def records(path: Path, encoding: str, delimiter: str, where: Where, tick: Ticker) -> Iterator[tuple[int, list[str]]]:
    """(row number, values) of every record, blank ones included; where follows along.

    Raises Undecodable at the first byte the encoding cannot read, csv.Error for a broken record (where
    names it), InputError when a record or line is longer than any real row can be.

    A well-formed file is read the quick way (_quick_records); at anything unusual (a damaged byte, a broken
    record, a line too long, a lone carriage return) the file is read again the careful way from the start,
    which locates the problem exactly, and the records not yet given are given from there.
    """
    given = 0
    try:
        for record in _quick_records(path, encoding, delimiter, tick):
            given += 1
            yield record
        return
    except (_Unusual, Undecodable, UnicodeDecodeError, csv.Error):
        pass
    for number, values in _careful_records(path, encoding, delimiter, where, tick):
        if number > given:
            yield number, values


class _Unusual(Exception):
    """The quick reader met something only the careful one reads (or locates) right."""


def _quick_records(path: Path, encoding: str, delimiter: str, tick: Ticker) -> Iterator[tuple[int, list[str]]]:
    """The records of a file whose lines end in \n or \r\n: each chunk decoded and split into lines in C, the
    lines handed to the csv reader in bulk, no bookkeeping per line (which the careful reader needs to locate
    an error). Raises _Unusual (or the decoder's or csv's error) where the careful reader must take over."""
    with open(path, "rb") as handle:
        reader = csv.reader(itertools.chain.from_iterable(_line_batches(handle, encoding, tick)),
                            delimiter=delimiter, strict=True)
        yield from enumerate(reader, start=1)


def _chunks(handle, tick: Ticker) -> Iterator[bytes]:
    """The file's bytes a chunk at a time, progress told after each, then b"" once at the end."""
    done = 0
    while chunk := handle.read(CHUNK):
        done += len(chunk)
        tick(done)
        yield chunk
    tick(done)
    yield b""


def _line_batches(handle, encoding: str, tick: Ticker) -> Iterator[list[str]]:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    rest = ""  # the start of a line that goes on in the next chunk
    for chunk in _chunks(handle, tick):
        final = not chunk
        text = rest + decoder.decode(chunk, final)
        if "\r" in text and text.count("\r") != text.count("\r\n") + text.endswith("\r"):
            raise _Unusual()  # a line ended by a lone carriage return (old Mac files)
        lines = text.split("\n")
        rest = lines.pop()
        if len(rest) > MAX_RECORD_CHARS:
            raise _Unusual()
        yield [line + "\n" for line in lines]
        if final:
            if rest:
                if rest.endswith("\r"):
                    raise _Unusual()
                yield [rest]
            return


def _careful_records(path: Path, encoding: str, delimiter: str, where: Where,
                     tick: Ticker) -> Iterator[tuple[int, list[str]]]:
    """records(), reading line by line and keeping what locates an error: the row, the field, the bytes."""
    state = _State()
    with open(path, "rb") as handle:
        reader = csv.reader(_lines(handle, encoding, delimiter, state, where, tick), delimiter=delimiter,
                            strict=True)
        while True:
            where.row, where.column_index = state.records + 1, None
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error:
                where.column_index = _last_field(state.pending, delimiter)
                raise
            state.records += 1
            state.pending.clear()
            state.pending_chars = 0
            yield state.records, values


def checked(rows: Iterator[tuple[int, list[str]]], where: Where) -> Iterator[tuple[int, list[str]]]:
    """The records within the limits: rows, columns (trailing empty ones dropped) and cell length."""
    for number, values in rows:
        where.row, where.column_index = number, None
        if number > MAX_ROWS + 1:
            raise where.error("too_many_rows", limit=f"{MAX_ROWS:,}")
        if len(values) > MAX_COLUMNS:
            width = len(values)
            while width > 0 and not values[width - 1].strip():
                width -= 1
            if width > MAX_COLUMNS:
                where.column_index = MAX_COLUMNS
                raise where.error("too_many_columns", limit=MAX_COLUMNS)
            values = values[:width]
        if sum(map(len, values)) > MAX_CELL_CHARS:
            for index, value in enumerate(values):
                if len(value) > MAX_CELL_CHARS:
                    where.column_index = index
                    raise where.error("cell_too_long", limit=f"{MAX_CELL_CHARS:,}")
        yield number, values


def _lines(handle, encoding: str, delimiter: str, state: _State, where: Where, tick: Ticker) -> Iterator[str]:
    """The file's lines (ends kept, as csv wants them), decoded chunk by chunk, never the whole file at once."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    parts: list[str] = []  # the line being read, when it spans chunks
    size = 0
    held_cr = False
    for chunk in _chunks(handle, tick):
        final = not chunk
        try:
            text = decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            good = ("\r" if held_cr else "") + _decoded_prefix(exc, encoding)
            cjk = state.cjk + len(_CJK.findall(good))
            row, column = _locate(state, "".join(parts) + good, delimiter)
            truncated = final and exc.reason == "unexpected end of data"
            raise Undecodable(row, column, truncated, cjk) from None
        if state.cjk < 2:
            state.cjk += len(_CJK.findall(text))
        if held_cr:
            text = "\r" + text
        held_cr = not final and text.endswith("\r")  # a "\n" may follow in the next chunk
        if held_cr:
            text = text[:-1]
        start = 0
        for match in _NEWLINE.finditer(text):
            piece = text[start:match.end()]
            start = match.end()
            if parts:
                piece = "".join(parts) + piece
                parts.clear()
                size = 0
            yield _pending(piece, state, where, delimiter)
        if start < len(text):
            parts.append(text[start:])
            size += len(text) - start
        if final:
            if parts:
                yield _pending("".join(parts), state, where, delimiter)
            return
        if size > MAX_RECORD_CHARS:
            where.row, where.column_index = state.records + 1, None
            raise where.error("row_too_long", limit=f"{MAX_RECORD_CHARS // (1024 * 1024)} MB")


def _pending(line: str, state: _State, where: Where, delimiter: str) -> str:
    state.pending.append(line)
    state.pending_chars += len(line)
    if state.pending_chars > MAX_RECORD_CHARS:  # e.g. a quote never closed, swallowing the file
        where.row, where.column_index = state.records + 1, _last_field(state.pending, delimiter)
        raise where.error("row_too_long", limit=f"{MAX_RECORD_CHARS // (1024 * 1024)} MB")
    return line


def _decoded_prefix(exc: UnicodeDecodeError, encoding: str) -> str:
    try:
        return exc.object[: exc.start].decode(encoding.replace("-sig", ""), errors="replace")
    except (LookupError, UnicodeError, TypeError):
        return ""


def _shape(text: str, delimiter: str) -> str:
    """text with long runs of ordinary characters shortened: the same records and fields, quicker to split."""
    return re.sub(f'[^"\\r\\n{re.escape(delimiter)}]{{1000,}}', "x", text)


def _split(text: str, delimiter: str) -> list[list[str]]:
    """Records of text read leniently, however long a field (only to find a spot; the limits were checked)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    finally:
        csv.field_size_limit(limit)


def _locate(state: _State, before: str, delimiter: str) -> tuple[int, int | None]:
    """Row and column index of the character that follows before (the text of the current record so far)."""
    text = _shape("".join(state.pending) + before, delimiter) + "\uffff"  # a marker: the spot always has a field
    try:
        found = _split(text, delimiter)
    except csv.Error:
        return state.records + 1, None
    if not found:
        return state.records + 1, None
    return state.records + len(found), max(len(found[-1]) - 1, 0)


def _last_field(lines: list[str], delimiter: str) -> int | None:
    """Index of the field being read at the end of lines (a record csv refused), or None."""
    text = _shape("".join(lines), delimiter)
    if not text:
        return None
    try:
        found = _split(text + "\uffff", delimiter)
    except csv.Error:
        return None
    return max(len(found[0]) - 1, 0) if found else None
