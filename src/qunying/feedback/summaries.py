"""Summary tables of citizen ratings (feedback.models.UnitRatingMonth, OfficerRatingMonth), maintained as data
arrives and rebuilt from the raw rows on demand.

Each write that changes a figure calls one function here inside its own transaction: recorded interactions
(`surveys_recorded`), a survey sent (`survey_sent`), a reply counted (`reply_counted`). Counted replies are never
uncounted and surveys are never deleted by the product, so the summaries only grow. Bulk loads (the demo, the
province generator, a restore) call `rebuild()`, as does `qunying rebuild-summaries`; a property test checks that
the incremental path and the rebuild agree over random writes.

Months are the first day of the month in local time (settings.TIME_ZONE), the same months the pages' periods use."""

import datetime
from collections import Counter, defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from qunying.core import versions
from qunying.feedback.enums import Rating, SurveyDecision, SurveyStatus
from qunying.feedback.models import InteractionOfficer, OfficerRatingMonth, Survey, SurveyReply, UnitRatingMonth

VERSION = "feedback.ratings"  # bumped by every change of the summaries (caches of scores and dashboards key on it)
RATING_FIELDS = {
    Rating.SATISFIED: "satisfied",
    Rating.BASICALLY_SATISFIED: "basically_satisfied",
    Rating.DISSATISFIED: "dissatisfied",
}
UNIT_FIELDS = ("interactions", "sampled", "delivered", "answered", "sent", *RATING_FIELDS.values())
OFFICER_FIELDS = tuple(RATING_FIELDS.values())
WRITE_BATCH = 2000


def month_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date().replace(day=1)


def _add(model, keys: dict, deltas: dict) -> None:
    """Add `deltas` to the row at `keys`, creating it at zero first (a concurrent creator wins: then add to its row)."""
    deltas = {name: value for name, value in deltas.items() if value}
    if not deltas:
        return
    increments = {name: F(name) + value for name, value in deltas.items()}
    if model.objects.filter(**keys).update(**increments):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **deltas)
    except IntegrityError:
        model.objects.filter(**keys).update(**increments)


# --- incremental: called by the services that write the raw rows, inside their transaction


def surveys_recorded(surveys: list[Survey]) -> None:
    """New interactions with their survey decisions (feedback.services.interactions.record_interactions)."""
    added: dict[tuple, Counter] = defaultdict(Counter)
    for survey in surveys:
        interaction = survey.interaction
        counts = added[(interaction.unit_id, month_of(interaction.occurred_at))]
        counts["interactions"] += 1
        counts["sampled"] += survey.decision == SurveyDecision.SAMPLED
        counts["delivered"] += survey.sent_at is not None
        counts["answered"] += survey.status == SurveyStatus.REPLIED
    for (unit_id, month), counts in added.items():
        _add(UnitRatingMonth, {"unit_id": unit_id, "month": month}, counts)
    if added:
        versions.bump(VERSION)


def survey_sent(survey: Survey, sent_at: datetime.datetime) -> None:
    """A sampled survey went out: counted in its interaction's month and in the month it was sent."""
    interaction = survey.interaction
    unit_id = interaction.unit_id
    _add(UnitRatingMonth, {"unit_id": unit_id, "month": month_of(interaction.occurred_at)}, {"delivered": 1})
    _add(UnitRatingMonth, {"unit_id": unit_id, "month": month_of(sent_at)}, {"sent": 1})
    versions.bump(VERSION)


def reply_counted(reply: SurveyReply) -> None:
    """A reply became its survey's valid rating: the survey answered (interaction's month), the rating in the month
    it was received, for the unit and for every officer of the interaction."""
    interaction = reply.survey.interaction
    field = RATING_FIELDS[reply.rating]
    _add(UnitRatingMonth, {"unit_id": interaction.unit_id, "month": month_of(interaction.occurred_at)}, {"answered": 1})
    month = month_of(reply.received_at)
    _add(UnitRatingMonth, {"unit_id": interaction.unit_id, "month": month}, {field: 1})
    officers = InteractionOfficer.objects.filter(interaction_id=interaction.pk).values_list("person_id", flat=True)
    for person_id in officers:
        _add(OfficerRatingMonth, {"person_id": person_id, "month": month}, {field: 1})
    versions.bump(VERSION)


# --- rebuild: the same figures from the raw rows, set-based


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _rating_counts(prefix: str = "") -> dict:
    return {name: Count("pk", filter=Q(**{f"{prefix}rating": rating})) for rating, name in RATING_FIELDS.items()}


def computed_unit_months(apps=None) -> dict[tuple[int, datetime.date], dict[str, int]]:
    """(unit id, month) → the UnitRatingMonth figures, from the raw rows (three GROUP BY queries). `apps`: a
    migration's historical models."""
    Survey, SurveyReply = _models(apps, "Survey", "SurveyReply")
    rows: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(UNIT_FIELDS, 0))
    by_interaction = (
        Survey.objects.annotate(month=TruncMonth("interaction__occurred_at"))
        .values("interaction__unit_id", "month")
        .annotate(
            interactions=Count("pk"),
            sampled=Count("pk", filter=Q(decision=SurveyDecision.SAMPLED)),
            delivered=Count("pk", filter=Q(sent_at__isnull=False)),
            answered=Count("pk", filter=Q(status=SurveyStatus.REPLIED)),
        )
        .order_by()
    )
    for row in by_interaction:
        target = rows[(row.pop("interaction__unit_id"), _as_date(row.pop("month")))]
        target.update(row)
    by_sending = (
        Survey.objects.filter(decision=SurveyDecision.SAMPLED, sent_at__isnull=False)
        .annotate(month=TruncMonth("sent_at"))
        .values("interaction__unit_id", "month")
        .annotate(sent=Count("pk"))
        .order_by()
    )
    for row in by_sending:
        rows[(row["interaction__unit_id"], _as_date(row["month"]))]["sent"] = row["sent"]
    by_reply = (
        SurveyReply.objects.filter(counted=True, survey__isnull=False)
        .annotate(month=TruncMonth("received_at"))
        .values("survey__interaction__unit_id", "month")
        .annotate(**_rating_counts())
        .order_by()
    )
    for row in by_reply:
        target = rows[(row.pop("survey__interaction__unit_id"), _as_date(row.pop("month")))]
        target.update(row)
    return {key: values for key, values in rows.items() if any(values.values())}


def computed_officer_months(apps=None) -> dict[tuple[int, datetime.date], dict[str, int]]:
    """(person id, month) → valid replies by rating, from the raw rows (one GROUP BY)."""
    (SurveyReply,) = _models(apps, "SurveyReply")
    rows = (
        SurveyReply.objects.filter(counted=True, survey__interaction__officer_links__isnull=False)
        .annotate(month=TruncMonth("received_at"))
        .values("survey__interaction__officer_links__person_id", "month")
        .annotate(**_rating_counts())
        .order_by()
    )
    result = {}
    for row in rows:
        key = (row.pop("survey__interaction__officer_links__person_id"), _as_date(row.pop("month")))
        if any(row.values()):
            result[key] = row
    return result


def stored_unit_months() -> dict[tuple[int, datetime.date], dict[str, int]]:
    return {
        (row.pop("unit_id"), row.pop("month")): row
        for row in UnitRatingMonth.objects.values("unit_id", "month", *UNIT_FIELDS)
        if any(value for name, value in row.items() if name in UNIT_FIELDS)
    }


def stored_officer_months() -> dict[tuple[int, datetime.date], dict[str, int]]:
    return {
        (row.pop("person_id"), row.pop("month")): row
        for row in OfficerRatingMonth.objects.values("person_id", "month", *OFFICER_FIELDS)
        if any(value for name, value in row.items() if name in OFFICER_FIELDS)
    }


def _models(apps, *names: str) -> list:
    if apps is None:
        return [globals()[name] for name in names]
    return [apps.get_model("feedback", name) for name in names]


@transaction.atomic
def rebuild(apps=None) -> dict[str, int]:
    """Replace both summaries with the figures computed from the raw rows. Returns the rows written. `apps`: a
    migration's historical models (the migration that creates the tables fills them this way)."""
    UnitRatingMonth, OfficerRatingMonth = _models(apps, "UnitRatingMonth", "OfficerRatingMonth")
    units, officers = computed_unit_months(apps), computed_officer_months(apps)
    UnitRatingMonth.objects.all().delete()
    OfficerRatingMonth.objects.all().delete()
    UnitRatingMonth.objects.bulk_create(
        [UnitRatingMonth(unit_id=unit_id, month=month, **values) for (unit_id, month), values in units.items()],
        batch_size=WRITE_BATCH,
    )
    OfficerRatingMonth.objects.bulk_create(
        [
            OfficerRatingMonth(person_id=person_id, month=month, **values)
            for (person_id, month), values in officers.items()
        ],
        batch_size=WRITE_BATCH,
    )
    versions.bump(VERSION)
    return {"unit_months": len(units), "officer_months": len(officers)}
