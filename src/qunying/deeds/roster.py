"""Duty rosters (执勤名单) from Excel, the way people rosters are read (org.roster): openpyxl, formulas refused,
every problem reported by row and column in one go, badge numbers matched in one query, all or nothing."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from qunying.core.ooxml import PackageProblem, check_xlsx_package
from qunying.deeds.services import RosterRow
from qunying.org.roster.columns import RosterFileError, RowError, cell_text, clean_header, unescape

SHEET_NAME = "执勤名单"
MAX_ROWS = 2_000
MAX_COLUMNS = 30
HEADER_SCAN_ROWS = 5
MAX_BLANK_RUN = 200
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # 2,000 rows unpack to a few MB; more is a zip bomb


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the file format is Chinese whatever the UI language, as for the people roster
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 12


COLUMNS = (
    Column("badge_number", "警号", required=True, aliases=("警号/工号", "工号"), width=12),
    Column("name", "姓名", aliases=("名字",), width=10),
    Column("role", "职责", aliases=("角色", "任务分工", "分工"), width=12),
    Column("post", "岗位", aliases=("执勤岗位", "卡点", "执勤点位"), width=24),
    Column("hours", "时长", aliases=("时长(小时)", "执勤时长", "小时", "工时"), width=10),
)
HEADERS = {clean_header(name): column for column in COLUMNS for name in (column.header, *column.aliases)}
FIELD_MAX = {"role": 50, "post": 100}


@dataclass
class DutyRosterCheck:
    rows: list[RosterRow]
    errors: list[RowError]


def write_template(target) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True, color="C00000" if column.required else None)
        sheet.column_dimensions[cell.column_letter].width = column.width
        for row in range(2, 502):
            if column.key == "badge_number":
                sheet.cell(row=row, column=index).number_format = "@"
    workbook.save(target)


def read_duty_roster(file) -> list[tuple[int, dict[str, object], list[str]]]:
    """(row number, values by column key, keys of formula cells) under the header row."""
    try:
        check_xlsx_package(file, max_unpacked_bytes=MAX_UNPACKED_BYTES)
    except PackageProblem as problem:
        if problem.code == "macro":
            raise RosterFileError(_("Workbooks with macros are not accepted; please save it as .xlsx.")) from None
        raise RosterFileError(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=False)
    except Exception:  # damaged or foreign files raise zip, XML and key errors alike
        raise RosterFileError(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    try:
        sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
        return _rows(sheet.iter_rows(max_col=MAX_COLUMNS))
    except RosterFileError:
        raise
    except Exception:
        raise RosterFileError(_("The file could not be read as an Excel workbook (.xlsx).")) from None
    finally:
        workbook.close()


def _rows(rows) -> list[tuple[int, dict[str, object], list[str]]]:
    positions: dict[str, int] | None = None
    found, blank_run = [], 0
    for number, cells in enumerate(rows, start=1):
        if positions is None:
            columns = {index: HEADERS.get(clean_header(cell.value)) for index, cell in enumerate(cells)}
            if any(column and column.key == "badge_number" for column in columns.values()):
                positions = {}
                for index, column in columns.items():
                    if column is not None and column.key not in positions:
                        positions[column.key] = index
            elif number >= HEADER_SCAN_ROWS:
                break
            continue
        values, formulas = {}, []
        for key, index in positions.items():
            cell = cells[index] if index < len(cells) else None
            if cell is None or cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
                continue
            if cell.data_type == "f":
                formulas.append(key)
            else:
                values[key] = unescape(cell.value)
        if not values and not formulas:
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        found.append((number, values, formulas))
        if len(found) > MAX_ROWS:
            raise RosterFileError(_("A duty roster may have at most %(max)s rows.") % {"max": MAX_ROWS})
    if positions is None:
        raise RosterFileError(_("No header row with 警号 in the first rows; please start from the template."))
    return found


def check_duty_roster(file, *, people) -> DutyRosterCheck:
    """Rows → roster rows for people found in `people` (the editor's scope), with every problem at once."""
    raw = read_duty_roster(file)
    errors: list[RowError] = []
    header = {column.key: column.header for column in COLUMNS}
    badges = {cell_text(values.get("badge_number")).upper() for _, values, _ in raw}
    found = {person.badge_number: person for person in people.filter(badge_number__in=badges).select_related("unit")}
    rows, seen = [], {}
    for number, values, formulas in raw:
        for key in formulas:
            errors.append(
                RowError(number, header[key], _("Formulas are not accepted; please paste the value instead."))
            )
        badge = cell_text(values.get("badge_number")).upper()
        if not badge:
            errors.append(RowError(number, header["badge_number"], _("Please fill in the badge number.")))
            continue
        person = found.get(badge)
        if person is None:
            errors.append(
                RowError(
                    number,
                    header["badge_number"],
                    _("Nobody with badge number %(badge)s in your units.") % {"badge": badge},
                )
            )
            continue
        if badge in seen:
            errors.append(
                RowError(number, header["badge_number"], _("Already listed in row %(row)d.") % {"row": seen[badge]})
            )
            continue
        seen[badge] = number
        name = cell_text(values.get("name"))
        if name and name != person.name:
            message = _("Badge number %(badge)s belongs to %(name)s, not %(given)s.")
            errors.append(
                RowError(number, header["name"], message % {"badge": badge, "name": person.name, "given": name})
            )
        texts = {key: cell_text(values.get(key)) for key in ("role", "post")}
        for key, limit in FIELD_MAX.items():
            if len(texts[key]) > limit:
                errors.append(RowError(number, header[key], _("At most %(n)d characters, please.") % {"n": limit}))
        hours = None
        if (raw_hours := cell_text(values.get("hours"))) != "":
            try:
                hours = Decimal(raw_hours).quantize(Decimal("0.1"))
            except InvalidOperation:
                errors.append(
                    RowError(number, header["hours"], _("Please write the hours as a number, e.g. 8 or 7.5."))
                )
            else:
                if not Decimal(0) <= hours <= Decimal(9999):
                    errors.append(RowError(number, header["hours"], _("Hours must be between 0 and 9999.")))
        rows.append(RosterRow(person=person, role=texts["role"], post=texts["post"], hours=hours))
    if not raw:
        errors.append(RowError(0, "", _("The roster has no rows.")))
    return DutyRosterCheck(rows=rows, errors=errors)
