"""Reading an uploaded roster: cells as they are (formulas refused, never evaluated) under a header row."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import openpyxl
from django.utils.translation import gettext as _

from qunying.org.roster.columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    HEADER_LOOKUP,
    PROGRESS_EVERY,
    SHEET_NAME,
    RosterFileError,
    RowError,
    clean_header,
    unescape,
)

HEADER_SCAN_ROWS = 5  # a title row or two above the header is common
MAX_ROWS = 20_000
MAX_COLUMNS = 60
MAX_BLANK_RUN = 1_000  # a sheet "used" down to row 1,048,576 is read only as far as its data goes


@dataclass
class RosterRow:
    number: int  # as Excel shows it
    values: dict[str, object]  # raw cell values by column key, for the columns the file has
    formulas: tuple[str, ...] = ()  # keys of the cells that held a formula (reported, not read)


@dataclass
class RosterSheet:
    header_row: int
    columns: list[str]  # keys of the columns present
    rows: list[RosterRow]
    errors: list[RowError]  # header problems and formula cells
    ignored_headers: list[str]  # columns the roster does not know (序号, 备注 …)


def read_roster(file, *, on_progress: Callable[[int], None] | None = None) -> RosterSheet:
    """The 花名册 sheet, or the first one. `on_progress` hears the number of rows read every few hundred rows."""
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=False)
    except Exception:  # openpyxl raises zip, XML and key errors alike for a damaged or foreign file
        raise RosterFileError(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    try:
        sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
        return _read_rows(sheet.iter_rows(max_col=MAX_COLUMNS), on_progress)
    except RosterFileError:
        raise
    except Exception:
        raise RosterFileError(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    finally:
        workbook.close()


def _read_rows(rows: Iterable, on_progress) -> RosterSheet:
    sheet: RosterSheet | None = None
    positions: dict[str, int] = {}
    blank_run = 0
    for number, cells in enumerate(rows, start=1):
        if sheet is None:
            keys = {HEADER_LOOKUP.get(clean_header(cell.value)) for cell in cells}
            if {"name", "badge_number"} <= keys:
                sheet = RosterSheet(number, [], [], [], [])
                positions = _read_header(number, cells, sheet)
            elif number >= HEADER_SCAN_ROWS:
                break
            continue
        row = _read_row(number, cells, positions, sheet.errors)
        if row is None:
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        sheet.rows.append(row)
        if len(sheet.rows) > MAX_ROWS:
            raise RosterFileError(
                _("A roster may have at most %(max)s rows; please split the file.") % {"max": MAX_ROWS}
            )
        if on_progress and len(sheet.rows) % PROGRESS_EVERY == 0:
            on_progress(len(sheet.rows))
    if sheet is None:
        raise RosterFileError(_("No header row with 姓名 and 警号 in the first rows; please start from the template."))
    return sheet


def _read_header(number: int, cells, sheet: RosterSheet) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = str(cell.value).strip() if cell.value is not None else ""
        key = HEADER_LOOKUP.get(clean_header(text))
        if not text:
            continue
        if key is None:
            sheet.ignored_headers.append(text)
        elif key in positions:
            sheet.errors.append(RowError(number, text, _("This column appears twice; please keep one.")))
        else:
            positions[key] = index
    for column in COLUMNS:
        if column.required and column.key not in positions:
            sheet.errors.append(RowError(number, column.header, _("This column is missing; please use the template.")))
    sheet.columns = list(positions)
    return positions


def _read_row(number: int, cells, positions: dict[str, int], errors: list[RowError]) -> "RosterRow | None":
    """The row's values, or None for a blank row. A formula cell is an error and its value is not read."""
    values: dict[str, object] = {}
    formulas = []
    for key, index in positions.items():
        cell = cells[index] if index < len(cells) else None
        if cell is None or cell.value is None:
            continue
        if cell.data_type == "f":
            formulas.append(key)
        elif not isinstance(cell.value, str) or cell.value.strip():
            values[key] = unescape(cell.value)
    if not values and not formulas:
        return None
    message = _("Formulas are not accepted; please paste the value instead (Paste Special → Values).")
    errors.extend(RowError(number, COLUMN_BY_KEY[key].header, message) for key in formulas)
    return RosterRow(number, values, tuple(formulas))
