"""Dashboard sections of modules that may be absent or still growing (publicity plans, care): each reads its module
through that module's queries, lazily, and answers None when the module or the user's access to it is missing, so
the page and the summary leave the section out."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from qunying.care import queries as care
from qunying.publicity.enums import Channel
from qunying.publicity.outreach_queries import (
    events_visible_to,
    filter_events,
    filter_placements,
    placements_visible_to,
    plans_visible_to,
)
from qunying.reports.queries.dashboard import Cell, list_href
from qunying.reports.queries.scope import ReportScope


@dataclass
class PublicitySection:
    """Quarterly publicity plans: items done, pending and slipped; and the year's media placements by channel."""

    template_name = "reports/_publicity.html"
    quarters: list[tuple[str, Cell, Cell, Cell]] = field(default_factory=list)  # (label, done, pending, slipped)
    channels: list[tuple[str, Cell]] = field(default_factory=list)
    events: int = 0

    @property
    def done(self) -> int:
        return sum(done.value for _label, done, _pending, _slipped in self.quarters)

    @property
    def planned(self) -> int:
        return sum(d.value + p.value + s.value for _label, d, p, s in self.quarters)

    def chart(self) -> dict:
        return {
            "type": "bar",
            "stack": True,
            "categories": [label for label, *_cells in self.quarters],
            "series": [
                {"name": _("Done"), "data": [row[1].value for row in self.quarters]},
                {"name": _("Pending"), "data": [row[2].value for row in self.quarters]},
                {"name": _("Slipped"), "data": [row[3].value for row in self.quarters]},
            ],
        }

    def sentence(self) -> str:
        placements = sum(cell.value for _label, cell in self.channels)
        return _(
            " %(done)s of %(planned)s planned publicity items are done; %(placements)s media placements and "
            "%(events)s outreach events were recorded."
        ) % {"done": self.done, "planned": self.planned, "placements": placements, "events": self.events}


def publicity_progress(scope: ReportScope) -> PublicitySection | None:
    """Done vs plan per quarter and placements per channel (three queries), for users who read publicity plans."""
    if not scope.user.has_perm("publicity.view_plans"):
        return None
    today = timezone.localdate()
    unmatched = Q(items__placement__isnull=True, items__event__isnull=True, items__story__isnull=True)
    plans = scope.narrow(plans_visible_to(scope.user), "unit__path").filter(year=scope.year)
    counts = {
        row["quarter"]: row
        for row in plans.values("quarter")
        .annotate(
            total=Count("items"),
            unmatched=Count("items", filter=unmatched),
            slipped=Count("items", filter=unmatched & Q(items__due_on__lt=today)),
        )
        .order_by()
    }
    plan_list = list_href("publicity:plan_list", {})
    section = PublicitySection()
    for quarter in (1, 2, 3, 4):
        row = counts.get(quarter, {"total": 0, "unmatched": 0, "slipped": 0})
        section.quarters.append(
            (
                f"Q{quarter}",
                Cell(row["total"] - row["unmatched"], plan_list),
                Cell(row["unmatched"] - row["slipped"], plan_list),
                Cell(row["slipped"], plan_list),
            )
        )
    placements = filter_placements(placements_visible_to(scope.user), year=scope.year, unit=scope.unit)
    by_channel = {
        row["channel"]: row["n"]
        for row in placements.prefetch_related(None).order_by().values("channel").annotate(n=Count("pk"))
    }
    base = {"year": scope.year, **scope.link_params()}
    section.channels = [
        (str(label), Cell(by_channel.get(value, 0), list_href("publicity:placement_list", {**base, "channel": value})))
        for value, label in Channel.choices
    ]
    section.events = filter_events(events_visible_to(scope.user), year=scope.year, unit=scope.unit).count()
    return section


@dataclass
class CareSection:
    """Care items due now: honours not yet delivered, planned welfare visits, assistance cases due for review and
    medical referrals past the hospital's response target (counts only; the care pages hold the details)."""

    template_name = "reports/_care.html"
    items: list[tuple[str, Cell]] = field(default_factory=list)

    def sentence(self) -> str:
        items = pgettext("figures enumeration", ", ").join(
            pgettext("care", "%(item)s: %(n)s") % {"item": label, "n": cell.value} for label, cell in self.items
        )
        return _("Care items due now: %(items)s.") % {"items": items}


def care_items_due(scope: ReportScope) -> CareSection | None:
    """Four counts through the care module's queries (four queries), linked to the care pages, for a care officer.
    Care records are need-to-know: other dashboard readers get only what care offers them (undelivered honours and
    planned visits, two queries), without links, since the care pages are not theirs."""
    if not scope.user.has_perm("care.view_care"):
        return _care_counts_for_leadership(scope, care)
    user = scope.user
    # Honours include collective ones (a unit, no person): care's own filter narrows both kinds.
    honours = care.filter_honours(care.honours_awaiting_delivery(user), unit=scope.unit)
    counts = [
        (_("Honours awaiting delivery"), honours, "care:delivery_pending"),
        (_("Welfare visits planned"), scope.narrow(care.visits_pending(user), "person__unit__path"), "care:visit_list"),
        (
            _("Assistance cases due for review"),
            scope.narrow(care.cases_due_for_review(user), "person__unit__path"),
            "care:case_list",
        ),
        (
            _("Medical referrals overdue"),
            scope.narrow(care.referrals_overdue(user), "person__unit__path"),
            "care:referral_overdue",
        ),
    ]
    return CareSection(
        items=[(str(label), Cell(queryset.count(), list_href(url, {}))) for label, queryset, url in counts]
    )


def _care_counts_for_leadership(scope: ReportScope, care) -> CareSection:
    counts = care.counts_for_leadership(
        people=scope.path_filter("person__unit__path"), units=scope.path_filter("unit__path")
    )
    return CareSection(
        items=[
            (_("Honours awaiting delivery"), Cell(counts["honours_awaiting_delivery"], "")),
            (_("Welfare visits planned"), Cell(counts["visits_planned"], "")),
        ]
    )
