"""openpyxl's worksheet parser, kept to the cells: rows streamed, location tracked, formulas without a value kept."""
from __future__ import annotations

from collections.abc import Iterator

from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import CELL_TAG, FORMULA_TAG, INLINE_STRING, ROW_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from churnguard_gui.core.readerrors import Where


class _UnsizedSheet(ReadOnlyWorksheet):
    def _get_size(self) -> None:
        """Not wanted: openpyxl reads a sheet that does not declare its dimension to its end to find it."""


class SheetsReader(ExcelReader):
    """openpyxl's read-only workbook reader, its sheets opened without that whole first reading (every pass over a
    workbook saved without a dimension read its sheet twice, the first time with no way to cancel)."""

    def read_worksheets(self) -> None:  # ExcelReader.read_worksheets for read_only (openpyxl 3.1)
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            rels_path = get_rels_path(rel.target)
            if rels_path in self.valid_files:
                get_dependents(self.archive, rels_path)  # read as openpyxl does: a broken one is refused as before
            ws = _UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)


# Parts of a row that parse_row still needs when the row ends; everything else is dropped as soon as read.
_KEEP = {CELL_TAG, VALUE_TAG, FORMULA_TAG} | {f"{{{SHEET_MAIN_NS}}}{t}" for t in ("is", "t", "r")}


class SheetParser(WorkSheetParser):
    """Reads only the rows (no print settings, formatting or extensions: less to go wrong, less work)."""

    def __init__(self, source, shared_strings, where: Where, **kwargs) -> None:
        super().__init__(source, shared_strings, data_only=True, **kwargs)
        self.where = where

    def rows(self) -> Iterator[tuple[int, list[dict]]]:
        for _, element in iterparse(self.source):
            tag = element.tag
            if tag == ROW_TAG:
                row = self.parse_row(element)
                element.clear()
                yield row
            elif tag not in _KEEP:
                element.clear()

    def parse_row(self, row):
        number = row.get("r")
        self.where.row = int(number) if number and number.isdigit() else self.row_counter + 1
        self.where.column_index = None
        parsed = super().parse_row(row)
        self.row_dimensions.clear()  # row heights are not wanted: kept, they would grow with the sheet
        return parsed

    def parse_cell(self, element):
        coordinate = element.get("r")
        if coordinate:
            letters = coordinate.rstrip("0123456789")
            self.where.column_index = _index(letters)
        plain = _plain_inline_text(element)
        cell = super().parse_cell(element)
        if plain is not None:
            cell["value"], cell["data_type"] = plain, "s"
        formula = element.find(FORMULA_TAG)
        if formula is not None:
            shared = formula.get("t") == "shared"
            saved = element.find(VALUE_TAG)  # openpyxl and other programs write <v/> or no <v> at all
            uncached = cell["value"] is None and (saved is None or (not saved.text and element.get("t") != "str"))
            if shared or uncached:
                text = self._formula_text(element, formula)
                if uncached and text not in ("", "="):
                    cell["value"] = text
                    cell["formula"] = True
        return cell

    def _formula_text(self, element, formula) -> str:
        try:
            value = self.parse_formula(element)  # also remembers a shared formula for the cells that follow
        except Exception:  # a formula the translator cannot tokenise: keep it as written
            return "=" + (formula.text or "")
        if isinstance(value, str):
            return value
        return str(getattr(value, "text", "") or "")


def _plain_inline_text(element) -> str | None:
    """The text of an inline string cell that is only <is><t>text</t></is> (what most programs but Excel write),
    taken out of the cell so that openpyxl does not build its rich-text objects for it (a third of the reading
    time); the same text openpyxl reads. None for any other cell, which openpyxl reads as before."""
    if element.get("t") != "inlineStr":
        return None
    child = element.find(INLINE_STRING)
    if child is None or child.attrib or len(child) != 1 or child[0].tag.rpartition("}")[2] != "t":
        return None
    element.remove(child)
    return child[0].text or ""


def _index(letters: str) -> int | None:
    if not letters or len(letters) > 3 or not letters.isascii() or not letters.isalpha():
        return None
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1
