"""Limits on a file a user picks, checked before the work (stated in the README)."""
from __future__ import annotations

MAX_FILE_BYTES = 100 * 1024 * 1024  # the file on disk, CSV or XLSX
MAX_ROWS = 1_000_000  # data rows (spreadsheet row numbers, blank rows included)
MAX_COLUMNS = 200  # columns holding something (empty trailing columns are ignored)
MAX_CELL_CHARS = 32_767  # one cell, as in Excel
MAX_RECORD_CHARS = 8 * 1024 * 1024  # one CSV record (a row, quoted line breaks included)

# XLSX: refused from the sizes in the zip directory before anything is inflated.
MAX_XLSX_INFLATED = 32 * 1024 * 1024  # all parts of the workbook, unpacked (a bigger one: save it as CSV)
MAX_XLSX_RATIO = 100  # unpacked / packed size of any part bigger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_XLSX_MEMBERS = 10_000

MAX_LISTED = 200  # problems and warnings kept for the summary; the rest are counted
