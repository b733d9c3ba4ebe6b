"""Excel exports of the duty events, the public nominations and the forums: each list's filters and scope. A
citizen's contact stays masked as on the page."""

from django.db.models import Count
from django.utils import timezone

from qunying.core.export_views import ExcelExportView
from qunying.deeds.enums import DutyEventKind
from qunying.deeds.forms import NominationFilterForm
from qunying.deeds.queries import (
    annotate_event_counts,
    events_visible_to,
    filter_nominations,
    forums_visible_to,
    nominations_visible_to,
)


def _units(obj) -> str:
    return "、".join(unit.name for unit in obj.units.all())


class EventExportView(ExcelExportView):
    permission_required = "deeds.view_events"
    filename = "执勤任务"
    audit_action = "deeds.events.exported"
    columns = [
        ("名称", 30),
        ("类别", 10),
        ("开始日期", 12),
        ("结束日期", 12),
        ("组织单位", 20),
        ("参与单位", 40),
        ("名单人数", 10),
        ("事迹数", 10),
    ]

    def get_filters(self):
        kind = self.request.GET.get("kind", "")
        return {"kind": kind} if kind in DutyEventKind.values else {}

    def get_queryset(self, filters):
        events = annotate_event_counts(events_visible_to(self.request.user))
        if filters.get("kind"):
            events = events.filter(kind=filters["kind"])
        return events.order_by("-starts_on", "-id")

    def row(self, event):
        return [
            event.name,
            event.get_kind_display(),
            event.starts_on,
            event.ends_on,
            event.unit.name,
            _units(event),
            event.roster_size,
            event.deed_count,
        ]


class NominationExportView(ExcelExportView):
    permission_required = "deeds.triage_nominations"
    filename = "群众推荐"
    filter_form = NominationFilterForm
    audit_action = "deeds.nominations.exported"
    columns = [
        ("收到日期", 12),
        ("被推荐民警", 16),
        ("对应人员", 12),
        ("单位", 20),
        ("地点", 20),
        ("发生日期", 12),
        ("事迹", 60),
        ("联系人", 10),
        ("联系电话", 14),
        ("状态", 10),
        ("不予采纳理由", 30),
    ]

    def get_queryset(self, filters):
        return filter_nominations(nominations_visible_to(self.request.user), **filters)

    def row(self, nomination):
        return [
            timezone.localtime(nomination.created_at).date(),
            nomination.officer_text,
            nomination.person.name if nomination.person_id else "",
            nomination.unit.name if nomination.unit_id else nomination.unit_text,
            nomination.place,
            nomination.occurred_on,
            nomination.story,
            nomination.contact_name_masked or "",
            nomination.contact_phone_masked or "",
            nomination.get_status_display(),
            nomination.rejection_reason,
        ]


class ForumExportView(ExcelExportView):
    permission_required = "deeds.view_forums"
    filename = "座谈会"
    audit_action = "deeds.forums.exported"
    columns = [("日期", 12), ("地点", 24), ("组织单位", 20), ("参与单位", 40), ("参加人数", 10), ("意见条数", 10)]

    def get_queryset(self, filters):
        forums = forums_visible_to(self.request.user).annotate(items=Count("feedback", distinct=True))
        return forums.prefetch_related("units").order_by("-date", "-id")

    def row(self, forum):
        return [forum.date, forum.place, forum.unit.name, _units(forum), forum.attendees, forum.items]
