"""The one place where a failure to read a file becomes a ChurnError naming the file, row and column."""
from __future__ import annotations

import csv
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.parsers.expat import ExpatError

from churnguard_gui.core.errors import ChurnError, InputError
from churnguard_gui.core.limits import MAX_CELL_CHARS

_REASON_LIMIT = 160


def column_letter(index: int) -> str:
    """'A' for 0, 'AB' for 27: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Where:
    """Where a reader is in a file, kept up to date so that any failure can name the spot."""

    file: str
    row: int | None = None
    column_index: int | None = None
    headers: list[str] = field(default_factory=list)

    @property
    def column(self) -> str | None:
        if self.column_index is None:
            return None
        if 0 <= self.column_index < len(self.headers) and self.headers[self.column_index].strip():
            return self.headers[self.column_index].strip()
        return column_letter(self.column_index)

    def error(self, code: str, **details: object) -> InputError:
        value = details.pop("value", None)
        return InputError(code, file=self.file, row=self.row, column=self.column,
                          value=None if value is None else str(value), details=details)


def reason(exc: BaseException) -> str:
    """An exception's message, short enough for one line (a hostile file can make it huge)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= _REASON_LIMIT else text[: _REASON_LIMIT - 1] + "…"


@contextmanager
def converted(where: Where, kind: str) -> Iterator[Where]:
    """Turn whatever reading a file raises into an InputError at where; kind is 'csv' or 'xlsx'.

    Everything the readers do runs inside this, so no exception from csv, zipfile, zlib, xml, openpyxl or
    the codecs reaches the user: expected errors keep their code, the rest are named for what they mean.
    """
    try:
        yield where
    except ChurnError:
        raise
    except MemoryError:
        raise where.error("too_big_for_memory") from None
    except RecursionError:
        raise where.error("bad_xlsx" if kind == "xlsx" else "bad_csv", reason="nested too deeply") from None
    except UnicodeError as exc:
        raise where.error("bad_xlsx" if kind == "xlsx" else "undecodable", reason=reason(exc)) from None
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise where.error("cell_too_long", limit=f"{MAX_CELL_CHARS:,}") from None
        raise where.error("bad_csv", reason=reason(exc)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError) as exc:
        raise where.error("bad_xlsx", reason=reason(exc)) from None
    except (ExpatError, SyntaxError) as exc:  # xml.etree's ParseError is a SyntaxError
        raise where.error("bad_xml", reason=reason(exc)) from None
    except FileNotFoundError:
        raise where.error("file_missing") from None
    except OSError as exc:
        raise where.error("file_unreadable", reason=exc.strerror or reason(exc)) from None
    except Exception as exc:
        if kind != "xlsx":
            raise  # a bug in our CSV reader: not the user's file
        # openpyxl reads a damaged workbook with whatever error its parsing hits (KeyError, ValueError,
        # TypeError, IndexError, AttributeError, NotImplementedError for an unknown compression…).
        raise where.error("bad_xlsx", reason=reason(exc)) from None

