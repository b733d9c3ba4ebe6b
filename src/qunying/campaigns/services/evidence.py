"""Evidence writes: the nominee's fair citizen-rating score for a period, linked to the nomination."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.campaigns.models import Nomination, RatingEvidence
from qunying.campaigns.rules import policy
from qunying.core.services import log_action
from qunying.feedback.queries import Period, officer_scores

FIRST_YEAR = 2000


def rating_period_problems(year, month, *, today: datetime.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    if not isinstance(year, int) or not FIRST_YEAR <= year <= today.year:
        return [_("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": today.year}]
    if month is not None and (not isinstance(month, int) or not 1 <= month <= 12):
        return [_("Choose a month from 1 to 12, or leave it blank for the whole year.")]
    if month is not None and (year, month) > (today.year, today.month):
        return [_("The period has not begun yet.")]
    return []


@transaction.atomic
def link_rating(*, nomination: Nomination, year: int, month: int | None = None, by) -> RatingEvidence:
    """Link the nominee's shrunk satisfaction score for the year (or month) as evidence, as feedback's scoring
    computes it for every officer against their peer group; linking the same period again refreshes the figures.
    Refused when the nominee has no valid reply in the period."""
    policy.require(by, "change_nomination", nomination)
    problems = rating_period_problems(year, month)
    if problems:
        raise ValidationError(problems)
    period = Period(year, month)
    score = officer_scores(period).get(nomination.person_id)
    if score is None:
        raise ValidationError(
            _("%(name)s has no valid citizen-rating replies in %(period)s.")
            % {"name": nomination.person.name, "period": period.label}
        )
    tally = score.tally
    figures = {
        "replies": tally.n,
        "satisfied": tally.satisfied,
        "basically_satisfied": tally.basically_satisfied,
        "dissatisfied": tally.dissatisfied,
        "raw": score.raw,
        "shrunk": score.shrunk,
        "percentile": score.percentile,
        "peer_mean": score.prior.mean,
        "linked_by": by,
    }
    evidence, created = RatingEvidence.objects.update_or_create(
        nomination=nomination, year=year, month=month, defaults=figures
    )
    log_action(
        evidence,
        "campaigns.evidence.rating",
        by=by,
        data={
            "nomination": nomination.pk,
            "year": year,
            "month": month,
            "shrunk": round(score.shrunk, 4),
            "replies": tally.n,
            "created": created,
        },
    )
    return evidence
