"""Excel exports of media placements and outreach events: the filtered, scoped list; formula text neutralised."""

from django.utils import timezone, translation

from qunying.core.exports import write_table
from qunying.core.services import log_action

EXPORT_CHUNK = 2_000
# The file format is Chinese whatever the UI language, so headers are not translated.
PLACEMENT_COLUMNS = (
    ("日期", 12), ("媒体", 18), ("渠道", 10), ("标题", 36), ("链接", 40), ("覆盖人数", 10), ("稿件", 24),
    ("报道人物", 24), ("单位", 18),
)  # fmt: skip
EVENT_COLUMNS = (
    ("日期", 12), ("形式", 12), ("标题", 30), ("地点", 20), ("主讲人", 24), ("受众", 20), ("受众人数", 10),
    ("单位", 18),
)  # fmt: skip


STORY_COLUMNS = (
    ("标题", 36), ("单位", 18), ("状态", 8), ("栏目", 20), ("报道人物", 24), ("发布时间", 18), ("阅读量", 8),
)  # fmt: skip


def _shown(filters: dict) -> dict:
    return {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None, False)}


def export_placements(placements, target, *, by, filters: dict) -> int:
    with translation.override("zh-hans"):
        rows = (
            [
                p.date,
                p.outlet,
                p.get_channel_display(),
                p.title,
                p.url,
                p.reach,
                p.story.title if p.story else "",
                "、".join(person.name for person in p.people.all()),
                p.unit.name,
            ]
            for p in placements.iterator(chunk_size=EXPORT_CHUNK)
        )
        count = write_table(rows, columns=PLACEMENT_COLUMNS, sheet_name="媒体投放", target=target)
    log_action(None, "publicity.placements.exported", by=by, data={"filters": _shown(filters), "rows": count})
    return count


def export_events(events, target, *, by, filters: dict) -> int:
    with translation.override("zh-hans"):
        rows = (
            [
                e.date,
                e.get_kind_display(),
                e.title,
                e.place,
                "、".join(person.name for person in e.speakers.all()),
                e.audience,
                e.audience_count,
                e.unit.name,
            ]
            for e in events.iterator(chunk_size=EXPORT_CHUNK)
        )
        count = write_table(rows, columns=EVENT_COLUMNS, sheet_name="宣讲活动", target=target)
    log_action(None, "publicity.events.exported", by=by, data={"filters": _shown(filters), "rows": count})
    return count


def export_stories(stories, target, *, by, filters: dict) -> int:
    stories = stories.prefetch_related("columns", "featured__person")
    with translation.override("zh-hans"):
        rows = (
            [
                s.title,
                s.unit.name,
                s.get_status_display(),
                "、".join(column.name for column in s.columns.all()),
                "、".join(featured.person.name for featured in s.featured.all()),
                timezone.localtime(s.published_at).replace(tzinfo=None) if s.published_at else None,
                s.view_count,
            ]
            for s in stories.iterator(chunk_size=EXPORT_CHUNK)
        )
        count = write_table(rows, columns=STORY_COLUMNS, sheet_name="稿件", target=target)
    log_action(None, "publicity.stories.exported", by=by, data={"filters": _shown(filters), "rows": count})
    return count
