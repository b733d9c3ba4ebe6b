"""Writing rosters: the empty template with its drop-down lists and notes, and exports in bounded memory."""

from collections.abc import Iterable

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from qunying.org.models import AuxiliaryTier, Person
from qunying.org.roster.checker import UnitResolver, all_units
from qunying.org.roster.columns import COLUMNS, ENUMS, SHEET_NAME, TEXT_COLUMNS, Column, choice_labels, neutralise
from qunying.org.rules import policy

EXPORT_CHUNK = 2_000
TEMPLATE_ROWS = 1_000  # rows pre-formatted (text, dates, drop-downs) in the template
REQUIRED_COLOUR = "C00000"


def people_for_export(people) -> Iterable[Person]:
    """The queryset streamed from the database in chunks, so memory stays bounded whatever its size."""
    return people.select_related("unit", "aux_tier").iterator(chunk_size=EXPORT_CHUNK)


def write_roster(people: Iterable[Person], target, *, user) -> int:
    """People as a roster that imports back unchanged. Full ID numbers and phones only where `user` may read them,
    masked otherwise; text a spreadsheet would run as a formula is neutralised. Returns the number of people."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "C2"
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True, color=REQUIRED_COLOUR if column.required else None)
        header.append(cell)
    sheet.append(header)
    units = UnitResolver(all_units(), None)
    labels = {key: choice_labels(key) for key in ENUMS}
    # Who may read which full number is decided once for the export; each row is then a test of its unit path.
    may_read_id_number = policy.decider(user, "view_person_id_number")
    may_read_phone = policy.decider(user, "view_person_phone")
    count = 0
    for person in people:
        values = {
            "name": person.name,
            "badge_number": person.badge_number,
            "birth_date": person.birth_date,
            "id_number": person.id_number if may_read_id_number(person) else person.id_number_masked,
            "phone": person.phone if may_read_phone(person) else person.phone_masked,
            "unit": units.label(person.unit),
            "aux_tier": person.aux_tier.name if person.aux_tier_id else "",
            "joined_work_on": person.joined_work_on,
            "joined_police_on": person.joined_police_on,
            "party_member": "是" if person.party_member else "否",
            "classified": "是" if person.classified else "否",
        }
        values |= {key: labels[key].get(getattr(person, key), "") for key in ENUMS}
        sheet.append([neutralise(values[column.key]) for column in COLUMNS])
        count += 1
    workbook.save(target)
    return count


def write_template(target) -> None:
    """An empty roster: headers (required ones in red), text and date formats, drop-down lists, and a notes sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.freeze_panes = "C2"
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill = Font(bold=True, color=REQUIRED_COLOUR if column.required else None), fill
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        if column.key in TEXT_COLUMNS or column.kind == "date":
            number_format = "@" if column.key in TEXT_COLUMNS else "yyyy-mm-dd"
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = number_format

    options = _template_options()
    lists = workbook.create_sheet("选项")
    lists.sheet_state = "hidden"
    headers = {column.key: column.header for column in COLUMNS}  # a user who unhides the sheet reads 性别, not gender
    for index, (key, values) in enumerate(options.items(), start=1):
        letter = get_column_letter(index)
        lists.cell(row=1, column=index, value=headers[key])
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=index, value=value)
        if not values:
            continue
        target_letter = get_column_letter([column.key for column in COLUMNS].index(key) + 1)
        source = f"'选项'!${letter}$2:${letter}${len(values) + 1}"
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=False)
        validation.add(f"{target_letter}2:{target_letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(validation)

    notes = workbook.create_sheet(_("Notes"))
    notes.append([_("Column"), _("Required"), _("Notes")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        notes.append([column.header, _("Yes") if column.required else "", _template_hint(column, options)])
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["C"].width = 100
    workbook.save(target)


def _template_options() -> dict[str, list[str]]:
    options = {key: list(choice_labels(key).values()) for key in ENUMS}
    options |= {"category": ["民警", "辅警"], "auxiliary_kind": ["勤务", "文职"], "gender": ["男", "女"]}
    options["aux_tier"] = list(AuxiliaryTier.objects.order_by("level", "name").values_list("name", flat=True))
    options["party_member"] = options["classified"] = ["是", "否"]
    return options


def _template_hint(column: Column, options: dict[str, list[str]]) -> str:
    hints = {
        "badge_number": _("A badge number already on file updates that person; a new one adds a person."),
        "id_number": _("18 characters, the last may be X. Left blank on an update, the stored number stays."),
        "phone": _("Left blank on an update, the stored number stays."),
        "unit": _("The unit's name; when names repeat, add the unit above it, e.g. 交警大队/城区中队."),
        "gender": _("Taken from the ID number when left blank."),
        "birth_date": _("A date as YYYY-MM-DD; taken from the ID number when left blank."),
        "joined_work_on": _("A date as YYYY-MM-DD."),
        "joined_police_on": _("A date as YYYY-MM-DD."),
        "status": _("Blank means serving."),
    }
    parts = [hints[column.key]] if column.key in hints else []
    if options.get(column.key):
        parts.append(_("Allowed: %(values)s") % {"values": "、".join(options[column.key])})
    return " ".join(parts)
