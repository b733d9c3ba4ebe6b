"""Deeds as a workbook: write-only openpyxl (bounded memory), every text cell neutralised against formula injection."""

from django.utils import timezone, translation

from qunying.core.exports import write_table
from qunying.deeds.enums import DeedSource, DeedStatus, DutyEventKind, HazardLevel
from qunying.deeds.queries import with_people

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
    kinds, hazards, sources, statuses = (_labels(e) for e in (DutyEventKind, HazardLevel, DeedSource, DeedStatus))

    def row(deed) -> list:
        people = [participant.person for participant in deed.participants.all()]
        return [
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

    rows = (row(deed) for deed in with_people(deeds).iterator(chunk_size=EXPORT_CHUNK))
    return write_table(rows, columns=COLUMNS, sheet_name=SHEET_NAME, target=target)
