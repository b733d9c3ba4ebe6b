"""Citizen ratings reads: interactions, replies and callbacks in the user's scope; officer scores and monthly trends
from the summary tables (feedback.summaries: per unit-month and per officer-month), so a page reads a few thousand
summary rows, never the millions of replies behind them."""

import datetime
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core import versions
from qunying.core.policy import holders_over, within
from qunying.feedback import summaries
from qunying.feedback.enums import CallbackStatus, Rating, SurveyDecision
from qunying.feedback.models import (
    Callback,
    OfficerRatingMonth,
    ServiceInteraction,
    Survey,
    SurveyReply,
    UnitRatingMonth,
)
from qunying.feedback.rules import HANDLERS, policy
from qunying.feedback.scoring import OfficerScore, Tally, ranking_key, score_officers
from qunying.org.models import Person

# --- Scope: feedback.rules' declarations, so list pages and detail pages never disagree.


def interactions_visible_to(user) -> QuerySet[ServiceInteraction]:
    """The units come in a second query: joined, they make SQLite read every unit's interactions and sort them all
    for one page (130 ms → 1 ms for a bureau of 2,000 people) instead of walking the date index."""
    scoped = policy.filter(user, "view_interaction", ServiceInteraction.objects.all())
    return scoped.select_related("survey").prefetch_related("unit")


def surveys_visible_to(user) -> QuerySet[Survey]:
    return policy.filter(user, "view_survey", Survey.objects.all())


def replies_visible_to(user) -> QuerySet[SurveyReply]:
    """Replies about interactions in scope (replies that matched no survey belong to no unit and show nowhere)."""
    return policy.filter(user, "view_reply", SurveyReply.objects.all()).select_related("survey__interaction__unit")


def replies_to_code_visible_to(user) -> QuerySet[SurveyReply]:
    return (
        policy.filter(user, "code_reply", SurveyReply.objects.all())
        .select_related("survey__interaction__unit")
        .order_by("received_at", "pk")
    )


def rating_months_visible_to(user) -> QuerySet[UnitRatingMonth]:
    """The per unit-month summaries of the units in scope (the grant of surveys and replies, on the same unit)."""
    return policy.filter(user, "view_rating_summary", UnitRatingMonth.objects.all())


def callbacks_visible_to(user) -> QuerySet[Callback]:
    return (
        policy.filter(user, "view_callback", Callback.objects.all())
        .select_related("unit", "assignee", "reply", "survey__interaction")
        .order_by("status", "due_at", "pk")
    )


def callback_handlers(unit):
    """Who a callback of `unit` may be assigned to: its managers and political officers, here or above."""
    return holders_over(unit.path, HANDLERS)


def filter_callbacks(callbacks: QuerySet[Callback], *, status: str = "", overdue: bool = False, now=None):
    if status:
        callbacks = callbacks.filter(status=status)
    if overdue:
        callbacks = callbacks.exclude(status=CallbackStatus.CLOSED).filter(due_at__lt=now or timezone.now())
    return callbacks


def overdue_callbacks(callbacks: QuerySet[Callback], *, now=None) -> QuerySet[Callback]:
    return filter_callbacks(callbacks, overdue=True, now=now)


def officers_visible_to(user) -> QuerySet[Person]:
    """Officers whose ratings the user reads: those of the units in scope, and always oneself."""
    return policy.filter(user, "view_officer_ratings", Person.objects.all()).select_related("unit")


def filter_interactions(interactions, *, q: str = "", kind: str = "", decision: str = "", unit=None):
    if q:
        interactions = interactions.filter(incident_number__icontains=q.strip())
    if kind:
        interactions = interactions.filter(kind=kind)
    if decision:
        interactions = interactions.filter(survey__decision=decision)
    if unit is not None:
        interactions = interactions.filter(within("unit__path", unit.path))
    return interactions


# --- Periods


@dataclass(frozen=True)
class Period:
    year: int
    month: int | None = None  # None: the whole year

    @property
    def start(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime(self.year, self.month or 1, 1))  # noqa: DTZ001

    @property
    def end(self) -> datetime.datetime:
        if self.month is None or self.month == 12:
            return timezone.make_aware(datetime.datetime(self.year + 1, 1, 1))  # noqa: DTZ001
        return timezone.make_aware(datetime.datetime(self.year, self.month + 1, 1))  # noqa: DTZ001

    @property
    def label(self) -> str:
        if self.month is None:
            return _("%(year)s (whole year)") % {"year": self.year}
        return _("%(year)s-%(month)02d") % {"year": self.year, "month": self.month}

    @classmethod
    def current(cls) -> "Period":
        return cls(timezone.localdate().year)

    @property
    def months(self) -> tuple[datetime.date, datetime.date]:
        """[first, after) as the summaries' months (first days of months)."""
        return summaries.month_of(self.start), summaries.month_of(self.end)


# --- Scores


def reply_tallies(start: datetime.datetime, end: datetime.datetime) -> list[Tally]:
    """Valid replies per officer in [start, end): ONE GROUP BY over replies × the interaction's officers."""
    rows = (
        SurveyReply.objects.filter(counted=True, received_at__gte=start, received_at__lt=end)
        .values(
            person_id=F("survey__interaction__officer_links__person_id"),
            post_type=F("survey__interaction__officer_links__person__post_type"),
        )
        .annotate(
            satisfied=Count("pk", filter=Q(rating=Rating.SATISFIED)),
            basically_satisfied=Count("pk", filter=Q(rating=Rating.BASICALLY_SATISFIED)),
            dissatisfied=Count("pk", filter=Q(rating=Rating.DISSATISFIED)),
        )
        .order_by()
    )
    return [Tally(**row) for row in rows if row["person_id"] is not None]


def period_tallies(period: Period) -> list[Tally]:
    """Valid replies per officer in the period, from the per officer-month summary (one GROUP BY over at most twelve
    rows per officer). The same figures as reply_tallies(period.start, period.end)."""
    first, after = period.months
    rows = (
        OfficerRatingMonth.objects.filter(month__gte=first, month__lt=after)
        .values("person_id", post_type=F("person__post_type"))
        .annotate(
            satisfied=Sum("satisfied"),
            basically_satisfied=Sum("basically_satisfied"),
            dissatisfied=Sum("dissatisfied"),
        )
        .order_by()
    )
    return [Tally(**row) for row in rows]


# Scores per (period, summaries' version), kept in the process: fitting the priors over every officer is the costly
# part, and the version changes with every counted reply, so an entry is never stale. A few periods at most.
_SCORES: OrderedDict = OrderedDict()
_SCORES_LOCK = threading.Lock()
SCORES_KEPT = 4


def officer_scores(period: Period) -> dict[int, OfficerScore]:
    """Every officer's score in the period, keyed by person id. The peer priors need every officer of each post type,
    so this is computed for the whole installation and then narrowed to what a page may show. Do not change the
    returned mapping: it is shared until the next counted reply."""
    key = (period, versions.current(summaries.VERSION))
    with _SCORES_LOCK:
        if key in _SCORES:
            _SCORES.move_to_end(key)
            return _SCORES[key]
    scores = score_officers(period_tallies(period))
    with _SCORES_LOCK:
        _SCORES[key] = scores
        while len(_SCORES) > SCORES_KEPT:
            _SCORES.popitem(last=False)
    return scores


@dataclass
class ScoredOfficer:
    person: Person
    score: OfficerScore


# The best-ranked candidates looked up first when a page shows only the top few.
TOP_CANDIDATES = 500


def ranked_officer_ids(people: QuerySet[Person], scores: dict[int, OfficerScore], *, limit: int | None = None):
    """Ids of the officers in `people` who have a score, best first (feedback.scoring.ranking_key, then badge number).
    With `limit`, the best-scored few hundred are checked against `people` first (one query) and only when too few of
    them are in scope are all of `people` read; either way only ids and badge numbers, never whole people."""
    if not scores:
        return []
    if limit is not None and len(scores) > TOP_CANDIDATES:
        order = sorted(scores, key=lambda pk: ranking_key(scores[pk]))
        boundary = ranking_key(scores[order[TOP_CANDIDATES - 1]])
        candidates = [pk for pk in order if ranking_key(scores[pk]) <= boundary]  # ties at the edge come along
        found = list(people.filter(pk__in=candidates).values_list("pk", "badge_number"))
        if len(found) >= limit:
            found.sort(key=lambda row: (*ranking_key(scores[row[0]]), row[1]))
            return [pk for pk, _badge in found[:limit]]
    found = people.filter(pk__in=list(scores)) if len(scores) < 5000 else people
    rows = [(pk, badge) for pk, badge in found.values_list("pk", "badge_number") if pk in scores]
    rows.sort(key=lambda row: (*ranking_key(scores[row[0]]), row[1]))
    ids = [pk for pk, _badge in rows]
    return ids[:limit] if limit is not None else ids


def scored_people(ids: list[int], scores: dict[int, OfficerScore]) -> list[ScoredOfficer]:
    """The people of `ids` (in that order) with their scores, one query."""
    people = Person.objects.select_related("unit").in_bulk(ids)
    return [ScoredOfficer(people[pk], scores[pk]) for pk in ids if pk in people]


def scored_officers(people: QuerySet[Person], scores: dict[int, OfficerScore]) -> list[ScoredOfficer]:
    """The officers in `people` who have a score, best first by the ranking measure (feedback.scoring.ranking_key:
    the lower credible bound, then replies), one query for the people."""
    found = people.filter(pk__in=list(scores)) if len(scores) < 5000 else people
    rows = [ScoredOfficer(person, scores[person.pk]) for person in found if person.pk in scores]
    return sorted(rows, key=lambda row: (*ranking_key(row.score), row.person.badge_number))


class RankedOfficers:
    """A ranking for the paginator: its length and slices from the ids alone; the people are read (one query) only
    when a slice is iterated, i.e. for the page shown."""

    def __init__(self, ids: list[int], scores: dict[int, OfficerScore]):
        self.ids, self.scores = ids, scores
        self._rows: list[ScoredOfficer] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return RankedOfficers(self.ids[index], self.scores)
        return self.rows[index]

    def __iter__(self):
        return iter(self.rows)

    @property
    def rows(self) -> list[ScoredOfficer]:
        if self._rows is None:
            self._rows = scored_people(self.ids, self.scores)
        return self._rows


# --- Monthly trends


@dataclass
class MonthRow:
    month: datetime.date
    sent: int = 0
    replies: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    dissatisfied: int = 0

    @property
    def raw(self) -> float | None:
        return (self.satisfied + 0.5 * self.basically_satisfied) / self.replies if self.replies else None

    @property
    def reply_rate(self) -> float | None:
        return self.replies / self.sent if self.sent else None


def months_back(count: int, *, today: datetime.date | None = None) -> datetime.datetime:
    today = today or timezone.localdate()
    year, month = today.year, today.month - (count - 1)
    while month <= 0:
        year, month = year - 1, month + 12
    return timezone.make_aware(datetime.datetime(year, month, 1))  # noqa: DTZ001


def trend_window(period: Period, months: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The months a page shows with a period: `months` months up to the end of the period's year (up to this month
    in the current year), so a 2022 figure followed from the dashboard shows 2022."""
    today = timezone.localdate()
    last = min(datetime.date(period.year, 12, 31), today)
    return months_back(months, today=last), Period(period.year).end


def monthly_trend(
    replies: QuerySet[SurveyReply], surveys: QuerySet[Survey] | None, *, since, until=None
) -> list[MonthRow]:
    """Per month in [since, until): surveys sent, valid replies by rating. Two GROUP BY queries whatever the span."""
    rows: dict[datetime.date, MonthRow] = {}
    if until is not None:
        replies = replies.filter(received_at__lt=until)
        surveys = surveys.filter(sent_at__lt=until) if surveys is not None else None
    counted = (
        replies.filter(counted=True, received_at__gte=since)
        .annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(
            n=Count("pk"),
            satisfied=Count("pk", filter=Q(rating=Rating.SATISFIED)),
            basically_satisfied=Count("pk", filter=Q(rating=Rating.BASICALLY_SATISFIED)),
            dissatisfied=Count("pk", filter=Q(rating=Rating.DISSATISFIED)),
        )
        .order_by("month")
    )
    for row in counted:
        month = _as_date(row["month"])
        rows[month] = MonthRow(
            month,
            replies=row["n"],
            satisfied=row["satisfied"],
            basically_satisfied=row["basically_satisfied"],
            dissatisfied=row["dissatisfied"],
        )
    if surveys is not None:
        sent = (
            surveys.filter(decision=SurveyDecision.SAMPLED, sent_at__gte=since)
            .annotate(month=TruncMonth("sent_at"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        for row in sent:
            month = _as_date(row["month"])
            rows.setdefault(month, MonthRow(month)).sent = row["n"]
    return [rows[month] for month in sorted(rows)]


def summary_trend(months: QuerySet[UnitRatingMonth], *, since, until=None) -> list[MonthRow]:
    """monthly_trend's rows from the per unit-month summaries (already scoped): one GROUP BY month."""
    months = months.filter(month__gte=summaries.month_of(since))
    if until is not None:
        months = months.filter(month__lt=summaries.month_of(until))
    rows = (
        months.values("month")
        .annotate(
            sent=Sum("sent"),
            satisfied=Sum("satisfied"),
            basically_satisfied=Sum("basically_satisfied"),
            dissatisfied=Sum("dissatisfied"),
        )
        .order_by("month")
    )
    trend = []
    for row in rows:
        row["replies"] = row["satisfied"] + row["basically_satisfied"] + row["dissatisfied"]
        if row["replies"] or row["sent"]:
            trend.append(MonthRow(**row))
    return trend


def officer_trend(person: Person, *, since, until=None) -> list[MonthRow]:
    """One officer's valid replies per month from the per officer-month summary (one query)."""
    months = OfficerRatingMonth.objects.filter(person=person, month__gte=summaries.month_of(since))
    if until is not None:
        months = months.filter(month__lt=summaries.month_of(until))
    rows = []
    for month in months.order_by("month"):
        replies = month.satisfied + month.basically_satisfied + month.dissatisfied
        if replies:
            rows.append(
                MonthRow(
                    month.month,
                    replies=replies,
                    satisfied=month.satisfied,
                    basically_satisfied=month.basically_satisfied,
                    dissatisfied=month.dissatisfied,
                )
            )
    return rows


def summary_figures(months: QuerySet[UnitRatingMonth], period: Period) -> dict[str, int]:
    """The period's survey and reply totals from the per unit-month summaries (one aggregate)."""
    first, after = period.months
    return months.filter(month__gte=first, month__lt=after).aggregate(**SUMMARY_TOTALS)


def summary_totals(months: QuerySet[UnitRatingMonth]) -> dict[str, int]:
    return months.aggregate(**SUMMARY_TOTALS)


SUMMARY_TOTALS = {
    name: Sum(name)
    for name in ("interactions", "sampled", "delivered", "answered", "satisfied", "basically_satisfied", "dissatisfied")
}


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def replies_about(person: Person) -> QuerySet[SurveyReply]:
    return SurveyReply.objects.filter(survey__interaction__officer_links__person=person)


def decision_counts(surveys: QuerySet[Survey], *, since) -> dict[str, int]:
    rows = surveys.filter(created_at__gte=since).values("decision").annotate(n=Count("pk")).order_by()
    return {row["decision"]: row["n"] for row in rows}
