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


ACTIVITY_COLUMNS = (
    ("日期", 12),
    ("类别", 12),
    ("主题", 28),
    ("地点", 20),
    ("组织单位", 18),
    ("参与典型", 28),
    ("受众人数", 10),
    ("材料说明", 40),
)


def _activity_row(activity) -> list:
    return [
        activity.date,
        activity.get_kind_display(),
        activity.title,
        activity.place,
        activity.unit.name,
        "、".join(person.name for person in activity.people.all()),
        activity.audience_size,
        activity.materials,
    ]


def export_activities(activities, target, *, by, filters: dict) -> int:
    """The filtered practice activities (prefetching their people per chunk) as a workbook; the export is audited."""
    with translation.override("zh-hans"):
        rows = (_activity_row(activity) for activity in activities.iterator(chunk_size=EXPORT_CHUNK))
        count = write_table(rows, columns=ACTIVITY_COLUMNS, sheet_name="实践活动", target=target)
    log_action(None, "reserve.activities.exported", by=by, data={"filters": _shown(filters), "activities": count})
    return count


EVALUATION_COLUMNS = (
    ("姓名", 12),
    ("警号", 10),
    ("单位", 18),
    ("层级", 8),
    ("检查类别", 10),
    ("检查情况", 30),
    ("方式", 10),
    ("评估人", 12),
    ("评估意见", 40),
    ("结论", 8),
    ("状态", 10),
    ("审批人", 12),
    ("审批意见", 30),
)


def _evaluation_row(evaluation) -> list:
    person = evaluation.entry.person
    return [
        person.name,
        person.badge_number,
        person.unit.name,
        evaluation.get_tier_at_open_display(),
        evaluation.get_check_kind_display(),
        evaluation.check_note,
        evaluation.get_method_display(),
        evaluation.evaluator,
        evaluation.findings,
        evaluation.get_outcome_display(),
        evaluation.get_status_display(),
        evaluation.decided_by.get_username() if evaluation.decided_by else "",
        evaluation.decision_note,
    ]


def export_round(evaluation_round, evaluations, target, *, by, filters: dict) -> int:
    """One round's evaluations in the user's scope as a workbook; the export is audited on the round."""
    with translation.override("zh-hans"):
        rows = (_evaluation_row(evaluation) for evaluation in evaluations.iterator(chunk_size=EXPORT_CHUNK))
        count = write_table(
            rows, columns=EVALUATION_COLUMNS, sheet_name=f"{evaluation_round.year}年终评估", target=target
        )
    log_action(
        evaluation_round, "reserve.round.exported", by=by, data={"filters": _shown(filters), "evaluations": count}
    )
    return count


def _shown(filters: dict) -> dict:
    return {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None, False)}
