"""Deeds as a workbook: write-only openpyxl (bounded memory), every text cell neutralised against formula injection."""

from collections import defaultdict

from django.utils import timezone, translation

from qunying.core.exports import write_table
from qunying.deeds.enums import DeedSource, DeedStatus, DutyEventKind, HazardLevel
from qunying.deeds.models import DeedPerson

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


# Plain values, not models: an export of 200,000 deeds built a deed, its unit, event, links and people as objects
# (six per row), which cost more than openpyxl writing the file.
FIELDS = (
    "pk",
    "date",
    "title",
    "unit__name",
    "event__name",
    "event__kind",
    "hazard",
    "source",
    "status",
    "narrative",
    "rejection_reason",
    "verified_at",
)


def _chunks(deeds):
    chunk = []
    for values in deeds.values_list(*FIELDS).iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(values)
        if len(chunk) == EXPORT_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _people_of(chunk) -> dict[int, list[tuple[str, str]]]:
    """Each deed's people (name, badge) in the deed's order, one query per chunk."""
    people = defaultdict(list)
    links = (
        DeedPerson.objects.filter(deed_id__in=[values[0] for values in chunk])
        .order_by("position", "id")
        .values_list("deed_id", "person__name", "person__badge_number")
    )
    for deed_id, name, badge in links:
        people[deed_id].append((name, badge))
    return people


def write_deeds(deeds, target) -> int:
    kinds, hazards, sources, statuses = (_labels(e) for e in (DutyEventKind, HazardLevel, DeedSource, DeedStatus))

    def rows():
        for chunk in _chunks(deeds):
            people = _people_of(chunk)
            for pk, date, title, unit, event, kind, hazard, source, status, narrative, rejection, verified in chunk:
                named = people.get(pk, [])
                yield [
                    date,
                    title,
                    "、".join(name for name, _badge in named),
                    "、".join(badge for _name, badge in named),
                    unit,
                    event or "",
                    kinds.get(kind, "") if kind else "",
                    hazards.get(hazard, ""),
                    sources.get(source, ""),
                    statuses.get(status, ""),
                    narrative,
                    rejection,
                    timezone.localtime(verified).strftime("%Y-%m-%d %H:%M") if verified else "",
                ]

    return write_table(rows(), columns=COLUMNS, sheet_name=SHEET_NAME, target=target)
