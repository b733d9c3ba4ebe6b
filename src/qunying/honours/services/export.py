"""Honours export: the filtered list as a workbook written in bounded memory, formula text neutralised."""

from django.utils import translation

from qunying.core.exports import write_table
from qunying.core.services import log_action

EXPORT_CHUNK = 2_000
SHEET_NAME = "奖励"
# The file format is Chinese whatever the UI language (as rosters are), so headers are not translated.
COLUMNS = (
    ("获奖对象", 16),
    ("警号", 10),
    ("单位", 18),
    ("奖励", 16),
    ("序列", 12),
    ("颁授机关", 28),
    ("机关层级", 10),
    ("日期", 12),
    ("文号", 20),
    ("事由", 50),
    ("状态", 8),
    ("撤销日期", 12),
    ("撤销文号", 20),
    ("撤销理由", 40),
)


def _row(honour) -> list:
    person = honour.person
    return [
        person.name if person else f"{honour.unit.name}（集体）",
        person.badge_number if person else "",
        person.unit.name if person else honour.unit.name,
        honour.award_type.name,
        honour.award_type.get_ladder_display(),
        honour.issuer.name,
        honour.issuer.get_level_display(),
        honour.awarded_on,
        honour.document_number,
        honour.reason,
        honour.get_status_display(),
        honour.revoked_on,
        honour.revocation_document_number,
        honour.revocation_ground,
    ]


def write_honours(honours, target) -> int:
    with translation.override("zh-hans"):
        rows = (_row(honour) for honour in honours.iterator(chunk_size=EXPORT_CHUNK))
        return write_table(rows, columns=COLUMNS, sheet_name=SHEET_NAME, target=target)


def export_honours(honours, target, *, by, filters: dict) -> int:
    """Write `honours` (already scoped to `by` and filtered) to `target` and record the export."""
    count = write_honours(honours, target)
    shown = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None)}
    log_action(None, "honours.honours.exported", by=by, data={"filters": shown, "honours": count})
    return count
