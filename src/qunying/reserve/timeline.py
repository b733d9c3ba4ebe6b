"""Reserve events on a person's timeline: approved tiers, practice activities featuring them, approved evaluations."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.org.models import Person
from qunying.org.timeline import TimelineEvent
from qunying.reserve.enums import TierChangeStatus
from qunying.reserve.models import AnnualEvaluation, PracticeActivity, TierChange


def reserve_events(person: Person) -> Iterable[TimelineEvent]:
    changes = TierChange.objects.filter(entry__person=person, status=TierChangeStatus.APPROVED).order_by("decided_at")
    for change in changes:
        yield TimelineEvent(
            timezone.localdate(change.decided_at),
            _("Reserve tier: %(tier)s") % {"tier": change.get_to_tier_display()},
            detail=change.reason,
            icon="stars",
            url=reverse("reserve:entry_detail", args=[change.entry_id]),
        )


def activity_events(person: Person) -> Iterable[TimelineEvent]:
    """Practice activities that featured the person: one query."""

    for activity in PracticeActivity.objects.filter(people=person).order_by("date", "pk"):
        yield TimelineEvent(
            activity.date,
            f"{activity.get_kind_display()}：{activity.title}",
            detail=_("%(place)s, audience %(n)d") % {"place": activity.place, "n": activity.audience_size},
            icon="megaphone",
            url=reverse("reserve:activity_detail", args=[activity.pk]),
        )


def evaluation_events(person: Person) -> Iterable[TimelineEvent]:
    """Approved year-end evaluations of the person's entries: one query."""

    approved = AnnualEvaluation.objects.filter(entry__person=person, status="approved").select_related("round")
    for evaluation in approved.order_by("decided_at"):
        yield TimelineEvent(
            timezone.localdate(evaluation.decided_at),
            _("Year-end evaluation %(year)s: %(outcome)s")
            % {"year": evaluation.round.year, "outcome": evaluation.get_outcome_display()},
            detail=evaluation.findings,
            icon="clipboard-check",
            url=reverse("reserve:evaluation_detail", args=[evaluation.pk]),
        )
