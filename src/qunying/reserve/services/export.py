"""Reserve export: the filtered reserve list as a workbook in bounded memory, formula text neutralised."""

from django.utils import translation

from qunying.core.exports import write_table
from qunying.core.services import log_action

EXPORT_CHUNK = 2_000
SHEET_NAME = "典型储备库"
# The file format is Chinese whatever the UI language (as rosters are), so headers are not translated.
COLUMNS = (
    ("姓名", 12),
    ("警号", 10),
    ("单位", 18),
    ("岗位", 14),
    ("层级", 8),
    ("培养层级", 10),
    ("类别", 8),
    ("起始日期", 12),
    ("状态", 8),
)


def _row(entry) -> list:
    return [
        entry.person.name,
        entry.person.badge_number,
        entry.person.unit.name,
        entry.get_post_type_display(),
        entry.get_tier_display(),
        entry.get_level_display(),
        entry.get_category_display(),
        entry.since,
        entry.get_status_display(),
    ]


def write_entries(entries, target) -> int:
    with translation.override("zh-hans"):
        rows = (_row(entry) for entry in entries.iterator(chunk_size=EXPORT_CHUNK))
        return write_table(rows, columns=COLUMNS, sheet_name=SHEET_NAME, target=target)


def export_entries(entries, target, *, by, filters: dict) -> int:
    """Write `entries` (already scoped to `by` and filtered) to `target` and record the export."""
    count = write_entries(entries, target)
    shown = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None, False)}
    log_action(None, "reserve.entries.exported", by=by, data={"filters": shown, "entries": count})
    return count
