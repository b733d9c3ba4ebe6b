"""Deeds as a workbook: write-only openpyxl (bounded memory), every text cell neutralised against formula injection."""

import openpyxl
from django.utils import timezone, translation
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from qunying.deeds.enums import DeedSource, DeedStatus, DutyEventKind, HazardLevel
from qunying.deeds.queries import with_people
from qunying.org.roster.columns import neutralise

SHEET_NAME = "事迹"
EXPORT_CHUNK = 1_000
# The file is Chinese whatever the UI language, like the rosters.
COLUMNS = [
    ("日期", 12),
    ("标题", 30),
    ("人员", 30),
    ("警号", 20),
    ("单位", 16),
    ("执勤任务", 24),
    ("任务类别", 10),
    ("危险程度", 10),
    ("来源", 10),
    ("状态", 8),
    ("事迹经过", 60),
    ("不予认定理由", 24),
    ("审核时间", 18),
]


def _labels(enum) -> dict[str, str]:
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in enum.choices}


def write_deeds(deeds, target) -> int:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header = []
    for title, _ in COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    kinds, hazards, sources, statuses = (_labels(e) for e in (DutyEventKind, HazardLevel, DeedSource, DeedStatus))
    count = 0
    for deed in with_people(deeds).iterator(chunk_size=EXPORT_CHUNK):
        people = [participant.person for participant in deed.participants.all()]
        values = [
            deed.date,
            deed.title,
            "、".join(person.name for person in people),
            "、".join(person.badge_number for person in people),
            deed.unit.name,
            deed.event.name if deed.event_id else "",
            kinds.get(deed.event.kind, "") if deed.event_id else "",
            hazards.get(deed.hazard, ""),
            sources.get(deed.source, ""),
            statuses.get(deed.status, ""),
            deed.narrative,
            deed.rejection_reason,
            timezone.localtime(deed.verified_at).strftime("%Y-%m-%d %H:%M") if deed.verified_at else "",
        ]
        sheet.append([neutralise(value) for value in values])
        count += 1
    workbook.save(target)
    return count
