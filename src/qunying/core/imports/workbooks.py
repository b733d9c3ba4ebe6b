"""Workbooks of the sheet imports: the empty template (headers, required ones in red, date and text formats,
drop-down lists from a hidden sheet, a notes sheet) and an export in the import's own format, so it re-imports."""

from collections.abc import Iterable

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from qunying.core.exports import write_table

TEMPLATE_ROWS = 1_000
REQUIRED_COLOUR = "C00000"


def write_template(target, *, sheet_name: str, columns, options: dict[str, list[str]], notes: dict[str, str]) -> None:
    """An empty sheet of `columns` (core.imports.SheetColumn) with drop-downs of `options` (by column key) and a
    notes sheet: each column, whether it is required, its hint, `notes` extra and the allowed values."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    sheet.freeze_panes = "B2"
    fill = PatternFill("solid", fgColor="DDEBF7")
    keys = [column.key for column in columns]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = Font(bold=True, color=REQUIRED_COLOUR if column.required else None), fill
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        number_format = "yyyy-mm-dd" if column.kind == "date" else "@"
        for row in range(2, TEMPLATE_ROWS + 2):
            sheet.cell(row=row, column=index).number_format = number_format
    lists = workbook.create_sheet("选项")
    lists.sheet_state = "hidden"
    for index, (key, values) in enumerate(options.items(), start=1):
        letter = get_column_letter(index)
        lists.cell(row=1, column=index, value=key)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=index, value=value)
        if not values or key not in keys:
            continue
        target_letter = get_column_letter(keys.index(key) + 1)
        source = f"'选项'!${letter}$2:${letter}${len(values) + 1}"
        # Not strict: a 奖励登记表 may write a short form (市局) that the import still recognises.
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=False)
        validation.add(f"{target_letter}2:{target_letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)
    sheet_notes = workbook.create_sheet(_("Notes"))
    sheet_notes.append([_("Column"), _("Required"), _("Notes")])
    for cell in sheet_notes[1]:
        cell.font = Font(bold=True)
    for column in columns:
        parts = [str(column.hint)] if column.hint else []
        if column.key in notes:
            parts.append(str(notes[column.key]))
        if options.get(column.key):
            parts.append(_("Allowed: %(values)s") % {"values": "、".join(options[column.key])})
        sheet_notes.append([column.header, _("Yes") if column.required else "", " ".join(parts)])
    sheet_notes.column_dimensions["A"].width = 14
    sheet_notes.column_dimensions["C"].width = 100
    workbook.save(target)


def write_sheet(rows: Iterable[list], target, *, sheet_name: str, columns) -> int:
    """Rows under the import's own headers, formula text neutralised (core.sheets undoes it on import)."""
    return write_table(
        rows, columns=[(column.header, column.width) for column in columns], sheet_name=sheet_name, target=target
    )
