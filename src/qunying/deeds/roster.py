"""Duty rosters (执勤名单) from Excel, read with the sheet-reading kit (core.sheets) as people rosters are: formulas
refused, every problem reported by row and column in one go, badge numbers matched in one query, all or nothing."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import openpyxl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Font

from qunying.core.sheets import RowError, SheetSpec, cell_text, read_workbook
from qunying.deeds.services import RosterRow

SHEET_NAME = "执勤名单"
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
SPEC = SheetSpec(
    columns=COLUMNS,
    anchors=frozenset({"badge_number"}),
    no_header=gettext_lazy("No header row with 警号 in the first rows; please start from the template."),
    too_many_rows=gettext_lazy("A duty roster may have at most %(max)s rows."),
    max_rows=2_000,
    max_columns=30,
    max_blank_run=200,
    sheet_name=SHEET_NAME,
    formula_refused=gettext_lazy("Formulas are not accepted; please paste the value instead."),
)
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


def check_duty_roster(file, *, people) -> DutyRosterCheck:
    """Rows → roster rows for people found in `people` (the editor's scope), with every problem at once."""
    sheet = read_workbook(file, SPEC, max_unpacked_bytes=MAX_UNPACKED_BYTES)
    errors: list[RowError] = list(sheet.errors)  # formula cells
    header = {column.key: column.header for column in COLUMNS}
    badges = {cell_text(row.values.get("badge_number")).upper() for row in sheet.rows}
    found = {person.badge_number: person for person in people.filter(badge_number__in=badges).select_related("unit")}
    rows, seen = [], {}
    for row in sheet.rows:
        number, values = row.number, row.values
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
    if not sheet.rows:
        errors.append(RowError(0, "", _("The roster has no rows.")))
    return DutyRosterCheck(rows=rows, errors=errors)
