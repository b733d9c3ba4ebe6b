"""The demo's history on its own calendar (issue 18 rule 8). The services stamp what they write with the moment it is
written (created_at, decided_at, a tier's `since`, a round's closing …); a demo loaded today tells of 2021–2025, so
the records of that story are built through the services and then dated here, a few set-based updates each. Every
date comes from the story's fixed calendar, never from the day the demo is loaded, so running it again changes
nothing. As the last step of the campaigns demo, closed campaigns' nominations, reviews and result notices take the
days of the campaign's own phases."""

import datetime

from django.utils import timezone

from qunying.branches.models import BranchRating, RatingRound
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign, JudgeAssignment, Nomination, ResultNotice, Score
from qunying.reserve.enums import TierChangeStatus
from qunying.reserve.models import AnnualEvaluation, EvaluationRound, ReserveEntry, TierChange

PROPOSED_DAYS_BEFORE = 7  # a tier proposal waits a week for its decision


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """`day` at `hour` o'clock, local time (office hours)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def date_tier_history(entry: ReserveEntry, decided_on: list[datetime.date]) -> None:
    """The entry's approved tier changes, in order, were decided on `decided_on` (each proposed a week before); the
    entry was proposed with the first and holds its tier since the last."""
    changes = list(
        TierChange.objects.filter(entry=entry, status=TierChangeStatus.APPROVED)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    for pk, day in zip(changes, decided_on, strict=True):
        proposed = at(day - datetime.timedelta(days=PROPOSED_DAYS_BEFORE))
        TierChange.objects.filter(pk=pk).update(created_at=proposed, decided_at=at(day, 15), updated_at=at(day, 15))
    first = at(decided_on[0] - datetime.timedelta(days=PROPOSED_DAYS_BEFORE))
    ReserveEntry.objects.filter(pk=entry.pk).update(
        since=decided_on[-1], created_at=first, updated_at=at(decided_on[-1])
    )


def date_records(queryset, day: datetime.date) -> None:
    """Records written through the services for something of `day` (a plan, an activity, a visit) were entered then."""
    queryset.update(created_at=at(day), updated_at=at(day))


def date_round(evaluation_round: EvaluationRound, *, opened_on, recorded_on, decided_on, closed_on) -> None:
    """A past year's round: opened, its evaluations recorded and decided, and the round closed on those days."""
    EvaluationRound.objects.filter(pk=evaluation_round.pk).update(
        created_at=at(opened_on), updated_at=at(closed_on), closed_at=at(closed_on, 16)
    )
    AnnualEvaluation.objects.filter(round=evaluation_round).update(
        created_at=at(opened_on),
        recorded_at=at(recorded_on, 10),
        decided_at=at(decided_on, 15),
        updated_at=at(decided_on, 15),
    )


def date_star_round(rating_round: RatingRound, *, opened_on, submitted_on, reviewed_on, published_on) -> None:
    """A past year's star rating: the round opened, the branches' self-assessments submitted, reviewed, approved and
    published on those days (approval the day before publication), so a year's summary finds them published then."""
    RatingRound.objects.filter(pk=rating_round.pk).update(created_at=at(opened_on), opened_at=at(opened_on))
    ratings = BranchRating.objects.filter(round=rating_round)
    ratings.update(created_at=at(opened_on), updated_at=at(published_on))
    ratings.filter(computed_at__isnull=False).update(computed_at=at(submitted_on))
    ratings.filter(submitted_at__isnull=False).update(submitted_at=at(submitted_on, 10))
    ratings.filter(reviewed_at__isnull=False).update(reviewed_at=at(reviewed_on, 10))
    ratings.filter(approved_at__isnull=False).update(approved_at=at(published_on - datetime.timedelta(days=1), 10))
    ratings.filter(published_at__isnull=False).update(published_at=at(published_on, 10))


def date_campaign(campaign: Campaign) -> None:
    """A closed campaign's records on its own calendar: opened on its first day, nominations by their deadline,
    reviews by the end of judging, the result notices when the results were released."""
    opened, nominated = at(campaign.period_start), at(campaign.nominating_until)
    reviewed = at(campaign.judging_until, 17)
    Campaign.objects.filter(pk=campaign.pk).update(created_at=opened)
    Nomination.objects.filter(campaign=campaign).update(created_at=nominated)
    assignments = JudgeAssignment.objects.filter(nomination__campaign=campaign)
    assignments.update(created_at=at(campaign.nominating_until, 16))
    assignments.filter(submitted_at__isnull=False).update(submitted_at=reviewed)
    Score.objects.filter(assignment__nomination__campaign=campaign).update(created_at=reviewed, updated_at=reviewed)
    if campaign.results_released_at is not None:
        ResultNotice.objects.filter(campaign=campaign).update(created_at=campaign.results_released_at)


def load(stdout) -> None:
    """Closed campaigns of past days take their own dates (the campaigns demo closes them for those days)."""
    for campaign in Campaign.objects.filter(phase=Phase.CLOSED, period_end__lt=timezone.localdate()):
        date_campaign(campaign)
