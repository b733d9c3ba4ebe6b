"""Excel exports in bounded memory: a write-only workbook, a bold frozen header, and text a spreadsheet would run as a
formula neutralised (CSV/formula injection)."""

from collections.abc import Iterable

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_table(rows: Iterable[list], *, columns, sheet_name: str, target) -> int:
    """Write `rows` under `columns` ((title, width) pairs) to `target`; returns how many rows were written."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    for index, (_title, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    header = []
    for title, _width in columns:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for values in rows:
        sheet.append([neutralise(value) for value in values])
        count += 1
    workbook.save(target)
    return count
