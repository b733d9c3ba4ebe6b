"""The sheet-reading kit for uploads (the people roster, the duty roster, the interactions import): a workbook opened
safely, the header row found by its column names, rows read with formulas refused (never evaluated), and every
problem named by row and column, in Chinese, so an import is all or nothing with a full report."""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import openpyxl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.exports import FORMULA_PREFIXES
from qunying.core.ooxml import PackageProblem, check_xlsx_package

PROGRESS_EVERY = 500  # rows between two progress reports: never a query per row
UNREADABLE = gettext_lazy("The file could not be read as an Excel workbook (.xlsx).")
FORMULA_REFUSED = gettext_lazy("Formulas are not accepted; please paste the value instead (Paste Special → Values).")


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel shows it; 0 for the file as a whole
    column: str  # the column's header, or "" for the whole row or file
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class SheetError(Exception):
    """The upload cannot be read as a sheet at all; the message says why, in the user's language."""


class _Formula:
    """A formula cell: its value is never read (nor evaluated), only reported."""

    def __str__(self):
        return "=…"


FORMULA = _Formula()


# --- cells -----------------------------------------------------------------------------------------------------------


def clean_header(text) -> str:
    """`* 类别（民警/辅警）` → `类别`: marks, spaces and a trailing hint in brackets do not matter."""
    text = "".join(str(text or "").split()).strip("*＊")
    return re.sub(r"[（(].*[)）]$", "", text)


def normal(text: str) -> str:
    return "".join(str(text).split()).lower()


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def unescape(value):
    """Undo `core.exports.neutralise`, so an exported sheet can be edited and imported again as it was."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


# --- what a sheet holds ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetSpec:
    """How one kind of upload is read. `columns` are objects with `key`, `header`, `aliases` and `required`; the
    header row is the first of the top `header_scan_rows` that names every `anchors` column."""

    columns: tuple
    anchors: frozenset[str]
    no_header: str  # the message when no header row is found; %(headers)s names the anchor columns
    too_many_rows: str  # the message when there are more than `max_rows` rows, with %(max)s
    max_rows: int
    max_columns: int = 60
    max_blank_run: int = 1_000  # a sheet "used" down to row 1,048,576 is read only as far as its data goes
    header_scan_rows: int = 5  # a title row or two above the header is common
    sheet_name: str | None = None  # the sheet to read if present, else the first
    duplicates_are_errors: bool = False  # else the first of two same-named columns is read
    formulas_are_errors: bool = True  # each formula cell reported while reading (else left to the checker)
    formula_refused: str = FORMULA_REFUSED  # what a formula cell is told
    unescape: bool = True

    @property
    def header_lookup(self) -> dict[str, str]:
        return {clean_header(name): column.key for column in self.columns for name in (column.header, *column.aliases)}

    def header_of(self, key: str) -> str:
        return next(column.header for column in self.columns if column.key == key)


@dataclass
class SheetRow:
    number: int  # as Excel shows it
    values: dict[str, object]  # raw cell values by column key, for the non-blank cells of the columns the file has
    formulas: tuple[str, ...] = ()  # keys of the cells that held a formula (reported, not read)


@dataclass
class Sheet:
    header_row: int
    columns: list[str]  # keys of the columns present
    rows: list[SheetRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # header problems and, if so specified, formula cells
    ignored_headers: list[str] = field(default_factory=list)  # columns the spec does not know (序号, 备注 …)


# --- reading ---------------------------------------------------------------------------------------------------------


def read_workbook(
    file, spec: SheetSpec, *, max_unpacked_bytes: int | None = None, on_progress: Callable[[int], None] | None = None
) -> Sheet:
    """The spec's sheet of an .xlsx upload. With `max_unpacked_bytes`, the package is judged first (a zip holding a
    workbook, no macros, not a zip bomb); a file already judged at upload passes None."""
    if max_unpacked_bytes is not None:
        try:
            check_xlsx_package(file, max_unpacked_bytes=max_unpacked_bytes)
        except PackageProblem as problem:
            if problem.code == "macro":
                raise SheetError(_("Workbooks with macros are not accepted; please save it as .xlsx.")) from None
            raise SheetError(str(UNREADABLE)) from None
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=False)
    except Exception:  # openpyxl raises zip, XML and key errors alike for a damaged or foreign file
        raise SheetError(str(UNREADABLE)) from None
    try:
        names = workbook.sheetnames
        sheet = workbook[spec.sheet_name] if spec.sheet_name in names else workbook.worksheets[0]
        cells = (
            [FORMULA if cell.data_type == "f" else cell.value for cell in row]
            for row in sheet.iter_rows(max_col=spec.max_columns)
        )
        return read_rows(cells, spec, on_progress=on_progress)
    except SheetError:
        raise
    except Exception:
        raise SheetError(str(UNREADABLE)) from None
    finally:
        workbook.close()


def read_rows(rows: Iterable[list], spec: SheetSpec, *, on_progress: Callable[[int], None] | None = None) -> Sheet:
    """Rows of raw cell values (formula cells as FORMULA), from a workbook or a CSV, read under their header row."""
    lookup = spec.header_lookup
    sheet: Sheet | None = None
    positions: dict[str, int] = {}
    blank_run = 0
    for number, cells in enumerate(rows, start=1):
        if sheet is None:
            if spec.anchors <= {lookup.get(clean_header(cell)) for cell in cells if cell is not None}:
                sheet = Sheet(header_row=number, columns=[])
                positions = _read_header(number, cells, spec, sheet)
            elif number >= spec.header_scan_rows:
                break
            continue
        row = _read_row(number, cells, positions, spec)
        if row is None:
            blank_run += 1
            if blank_run >= spec.max_blank_run:
                break
            continue
        blank_run = 0
        if spec.formulas_are_errors:
            sheet.errors.extend(formula_errors(row, spec))
        sheet.rows.append(row)
        if len(sheet.rows) > spec.max_rows:
            raise SheetError(str(spec.too_many_rows) % {"max": spec.max_rows})
        if on_progress and len(sheet.rows) % PROGRESS_EVERY == 0:
            on_progress(len(sheet.rows))
    if sheet is None:
        anchors = "、".join(column.header for column in spec.columns if column.key in spec.anchors)
        raise SheetError(str(spec.no_header) % {"headers": anchors})
    return sheet


def formula_errors(row: SheetRow, spec: SheetSpec) -> list[RowError]:
    return [RowError(row.number, spec.header_of(key), str(spec.formula_refused)) for key in row.formulas]


def _read_header(number: int, cells: list, spec: SheetSpec, sheet: Sheet) -> dict[str, int]:
    lookup, positions = spec.header_lookup, {}
    for index, cell in enumerate(cells):
        text = str(cell).strip() if cell is not None else ""
        if not text:
            continue
        key = lookup.get(clean_header(text))
        if key is None:
            sheet.ignored_headers.append(text)
        elif key not in positions:
            positions[key] = index
        elif spec.duplicates_are_errors:
            sheet.errors.append(RowError(number, text, _("This column appears twice; please keep one.")))
    for column in spec.columns:
        if column.required and column.key not in positions:
            sheet.errors.append(RowError(number, column.header, _("This column is missing; please use the template.")))
    sheet.columns = list(positions)
    return positions


def _read_row(number: int, cells: list, positions: dict[str, int], spec: SheetSpec) -> SheetRow | None:
    """The row's values, or None for a blank row. A formula cell is recorded and its value is not read."""
    values: dict[str, object] = {}
    formulas = []
    for key, index in positions.items():
        value = cells[index] if index < len(cells) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if value is FORMULA:
            formulas.append(key)
        else:
            values[key] = unescape(value) if spec.unescape else value
    if not values and not formulas:
        return None
    return SheetRow(number, values, tuple(formulas))
