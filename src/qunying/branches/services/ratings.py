"""Rating round writes: open a round, keep computed criteria current, and move each branch's rating through
self-assessment → submitted → reviewed → approved → published."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.branches.criteria import scope_of
from qunying.branches.enums import RatingStatus, RoundStatus
from qunying.branches.models import (
    RATING_TRANSITIONS,
    REFRESHABLE_STATUSES,
    ROUND_TRANSITIONS,
    BranchRating,
    CriterionScore,
    PartyBranch,
    RatingRound,
    StarScheme,
)
from qunying.branches.rules import policy
from qunying.branches.services.common import derive_totals
from qunying.core.criteria import Counted, compute_for
from qunying.core.policy import covering_paths, within
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.org.models import Unit

SCORE_BATCH = 500


# --- Rounds ----------------------------------------------------------------------------------------------------------


def _overlapping_rounds(scheme: StarScheme, unit: Unit):
    """Rounds of the same year above, at or below `unit`: a branch is rated once a year."""
    return RatingRound.objects.filter(scheme__year=scheme.year).filter(
        Q(unit__path__in=covering_paths(unit.path)) | within("unit__path", unit.path)
    )


@transaction.atomic
def create_round(*, scheme: StarScheme, unit: Unit, by) -> RatingRound:
    policy.require(by, "add_round", unit)
    if _overlapping_rounds(scheme, unit).exists():
        raise ValidationError(
            {"unit": _("The branches of this unit already have a rating round for %(year)s.") % {"year": scheme.year}}
        )
    rating_round = RatingRound.objects.create(scheme=scheme, unit=unit, created_by=by)
    log_action(rating_round, "branches.round.created", by=by, data={"scheme": scheme.pk, "unit": unit.pk})
    return rating_round


def _lock_round(rating_round: RatingRound) -> None:
    rating_round.status = (
        RatingRound.objects.select_for_update().values_list("status", flat=True).get(pk=rating_round.pk)
    )


ROUND_STEP_REFUSED = gettext_lazy("The round is %(from)s: this step is not possible now.")
RATING_STEP_REFUSED = gettext_lazy("The rating is at '%(from)s': this step is not possible now.")
# Sending a rating back is one step back: from the review to the secretary, from the approval to the review.
ONE_STEP_BACK = {RatingStatus.SUBMITTED: RatingStatus.SELF_ASSESSMENT, RatingStatus.REVIEWED: RatingStatus.SUBMITTED}


def _branches_to_rate(rating_round: RatingRound):
    return PartyBranch.objects.filter(within("unit__path", rating_round.unit.path)).exclude(ratings__round=rating_round)


def _add_ratings(rating_round: RatingRound, branches, criteria) -> list[BranchRating]:
    ratings = BranchRating.objects.bulk_create(BranchRating(round=rating_round, branch=branch) for branch in branches)
    CriterionScore.objects.bulk_create(
        (CriterionScore(rating=rating, criterion=criterion) for rating in ratings for criterion in criteria),
        batch_size=SCORE_BATCH,
    )
    return ratings


def _refresh(ratings: list[BranchRating], rating_round: RatingRound, criteria=None) -> None:
    """Recount every computed criterion for `ratings` and derive their totals: two queries for the branches, ONE
    grouped query per computed criterion for all of them, one for the scores, then bulk writes."""
    if not ratings:
        return
    scheme, now = rating_round.scheme, timezone.now()
    criteria = list(scheme.criteria.all()) if criteria is None else criteria
    scope = scope_of([rating.branch_id for rating in ratings])
    results = {
        criterion.pk: compute_for(criterion.registry_key, scope, scheme.year, criterion.parameter)
        for criterion in criteria
        if criterion.is_computed
    }
    by_pk = {criterion.pk: criterion for criterion in criteria}
    scores_by_rating: dict[int, list[CriterionScore]] = {rating.pk: [] for rating in ratings}
    scores = list(CriterionScore.objects.filter(rating__in=list(scores_by_rating)))
    for score in scores:
        score.criterion = by_pk[score.criterion_id]
        scores_by_rating[score.rating_id].append(score)
    for rating in ratings:
        rating.round = rating_round
        for score in scores_by_rating[rating.pk]:
            if score.criterion.is_computed:
                counted = results[score.criterion_id].get(rating.branch_id, Counted())
                score.count, score.denominator, score.record_ids = counted.count, counted.denominator, list(counted.ids)
            score.updated_at = now
        derive_totals(rating, scores_by_rating[rating.pk])
        rating.computed_at = rating.updated_at = now
    CriterionScore.objects.bulk_update(
        scores, ["count", "denominator", "record_ids", "points", "updated_at"], batch_size=SCORE_BATCH
    )
    BranchRating.objects.bulk_update(ratings, ["total", "stars", "computed_at", "updated_at"], batch_size=SCORE_BATCH)


@transaction.atomic
def open_round(rating_round: RatingRound, *, by) -> RatingRound:
    """Every branch below the round's unit gets a rating in self-assessment, its computed criteria counted."""
    _lock_round(rating_round)
    policy.require(by, "open_round", rating_round)
    transition(rating_round, RoundStatus.OPEN, ROUND_TRANSITIONS, message=ROUND_STEP_REFUSED)
    scheme = rating_round.scheme
    criteria = list(scheme.criteria.all())
    if not criteria:
        raise ValidationError(_("The scheme has no criteria yet."))
    reachable = sum((criterion.max_points for criterion in criteria), Decimal(0))
    if scheme.five_stars > reachable:
        message = _("Five stars need %(needed)s points but the scheme's criteria give at most %(max)s.")
        raise ValidationError(message % {"needed": scheme.five_stars, "max": reachable})
    branches = list(_branches_to_rate(rating_round))
    if not branches:
        raise ValidationError(_("There is no party branch in %(unit)s to rate.") % {"unit": rating_round.unit})
    _refresh(_add_ratings(rating_round, branches, criteria), rating_round, criteria)
    rating_round.opened_at = timezone.now()
    rating_round.save(update_fields=["status", "opened_at"])
    log_action(rating_round, "branches.round.opened", by=by, data={"branches": len(branches)})
    return rating_round


@transaction.atomic
def refresh_round(rating_round: RatingRound, *, by) -> dict[str, int]:
    """Rate branches founded since the round opened, and recount the computed criteria of every rating not yet
    reviewed (one grouped query per criterion for all of them)."""
    _lock_round(rating_round)
    policy.require(by, "refresh_round", rating_round)
    criteria = list(rating_round.scheme.criteria.all())
    added = _add_ratings(rating_round, list(_branches_to_rate(rating_round)), criteria)
    ratings = list(rating_round.ratings.select_for_update().filter(status__in=REFRESHABLE_STATUSES))
    _refresh(ratings, rating_round, criteria)
    counts = {"added": len(added), "refreshed": len(ratings)}
    log_action(rating_round, "branches.round.refreshed", by=by, data=counts)
    return counts


@transaction.atomic
def close_round(rating_round: RatingRound, *, by) -> RatingRound:
    _lock_round(rating_round)
    policy.require(by, "close_round", rating_round)
    transition(rating_round, RoundStatus.CLOSED, ROUND_TRANSITIONS, message=ROUND_STEP_REFUSED)
    if pending := rating_round.ratings.exclude(status=RatingStatus.PUBLISHED).count():
        message = _("%(count)s ratings are not published yet; the round closes when all are.")
        raise ValidationError(message % {"count": pending})
    rating_round.closed_at = timezone.now()
    rating_round.save(update_fields=["status", "closed_at"])
    log_action(rating_round, "branches.round.closed", by=by)
    return rating_round


# --- One branch's rating ---------------------------------------------------------------------------------------------


def _lock(rating: BranchRating) -> None:
    """Read the status again under a row lock, so two people acting at once cannot both move the rating."""
    rating.status = BranchRating.objects.select_for_update().values_list("status", flat=True).get(pk=rating.pk)


def _scores(rating: BranchRating) -> list[CriterionScore]:
    return list(rating.scores.select_related("criterion"))


def _points(value, criterion, field: str, errors: dict) -> Decimal | None:
    if value is None:
        return None
    value = Decimal(value)
    if value < 0 or value > criterion.max_points:
        message = _("Between 0 and %(max)s points.") % {"max": criterion.max_points}
        errors.setdefault(field, []).append(message)
    return value


@transaction.atomic
def refresh_rating(rating: BranchRating, *, by) -> BranchRating:
    _lock(rating)
    if not rating.is_refreshable:  # the system too: a reviewed rating keeps what was reviewed
        raise ValidationError(_("Computed criteria are fixed once the rating has been reviewed."))
    policy.require(by, "refresh_rating", rating)
    before = rating.total
    _refresh([rating], rating.round)
    log_action(rating, "branches.rating.refreshed", by=by, data={"total": [before, rating.total]})
    return rating


def refresh_ratings(rating_ids: list[int]) -> int:
    """The system recounts these ratings (e.g. after an honour was revoked); reviewed ones stay as they were."""
    refreshed = 0
    for rating in BranchRating.objects.filter(pk__in=rating_ids, status__in=REFRESHABLE_STATUSES).select_related(
        "round__scheme", "branch__unit", "branch__secretary"
    ):
        refresh_rating(rating, by=None)
        refreshed += 1
    return refreshed


@transaction.atomic
def save_self_assessment(rating: BranchRating, *, entries: dict[int, tuple], by) -> BranchRating:
    """The secretary's points and evidence for the entered criteria: `entries` maps a criterion id to
    (points or None, evidence). Points above zero need evidence."""
    _lock(rating)
    policy.require(by, "self_assess_rating", rating)
    scores = _scores(rating)
    errors: dict[str, list[str]] = {}
    changes = {}
    for score in scores:
        if score.criterion.is_computed or score.criterion_id not in entries:
            continue
        raw_points, evidence = entries[score.criterion_id]
        points = _points(raw_points, score.criterion, f"points_{score.criterion_id}", errors)
        evidence = (evidence or "").strip()
        if points and not evidence:
            errors.setdefault(f"evidence_{score.criterion_id}", []).append(_("Please describe the evidence."))
        if (points, evidence) != (score.self_points, score.evidence):
            changes[score.criterion_id] = [score.self_points, points]
            score.self_points, score.evidence = points, evidence
    if errors:
        raise ValidationError(errors)
    derive_totals(rating, scores)
    CriterionScore.objects.bulk_update(scores, ["self_points", "evidence", "points"])
    rating.save(update_fields=["total", "stars"])
    log_action(rating, "branches.rating.self_assessed", by=by, data={"points": changes, "total": rating.total})
    return rating


@transaction.atomic
def submit_rating(rating: BranchRating, *, by) -> BranchRating:
    _lock(rating)
    policy.require(by, "self_assess_rating", rating)
    transition(rating, RatingStatus.SUBMITTED, RATING_TRANSITIONS, message=RATING_STEP_REFUSED)
    missing = [s.criterion.name for s in _scores(rating) if not s.criterion.is_computed and s.self_points is None]
    if missing:
        message = _("Please assess every criterion before submitting (0 is allowed): %(criteria)s")
        raise ValidationError(message % {"criteria": "；".join(missing)})
    rating.submitted_at = timezone.now()
    rating.save(update_fields=["status", "submitted_at"])
    log_action(rating, "branches.rating.submitted", by=by, data={"total": rating.total})
    return rating


@transaction.atomic
def return_rating(rating: BranchRating, *, comment: str, by) -> BranchRating:
    """Send a rating one step back: the political department to the secretary, a leader to the department."""
    _lock(rating)
    if rating.status not in ONE_STEP_BACK:
        raise ValidationError(_("This rating cannot be sent back now."))
    policy.require(by, "return_rating", rating)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Please say why the rating is sent back.")})
    previous = rating.status
    transition(rating, ONE_STEP_BACK[previous], RATING_TRANSITIONS, message=RATING_STEP_REFUSED)
    rating.return_comment = comment
    if rating.status == RatingStatus.SELF_ASSESSMENT:
        # Back with the secretary: an earlier review no longer stands, the claims count until the next one.
        scores = _scores(rating)
        for score in scores:
            score.review_points, score.review_comment = None, ""
        derive_totals(rating, scores)
        CriterionScore.objects.bulk_update(scores, ["review_points", "review_comment", "points"])
    rating.save(update_fields=["status", "return_comment", "total", "stars"])
    log_action(
        rating, "branches.rating.returned", by=by, data={"from": previous, "to": rating.status, "comment": comment}
    )
    return rating


@transaction.atomic
def review_rating(rating: BranchRating, *, adjustments: dict[int, tuple], comment: str = "", by) -> BranchRating:
    """The political department's review: the points it accepts for each entered criterion (`adjustments` maps a
    criterion id to (points, reason); a changed claim needs a reason). Computed criteria are fixed from here on."""
    _lock(rating)
    policy.require(by, "review_rating", rating)
    transition(rating, RatingStatus.REVIEWED, RATING_TRANSITIONS, message=RATING_STEP_REFUSED)
    scores = _scores(rating)
    errors: dict[str, list[str]] = {}
    changed = {}
    for score in scores:
        if score.criterion.is_computed:
            continue
        raw_points, reason = adjustments.get(score.criterion_id, (score.self_points, ""))
        points = _points(raw_points, score.criterion, f"points_{score.criterion_id}", errors)
        if points is None:
            points = score.self_points or Decimal(0)
        reason = (reason or "").strip()
        if points != (score.self_points or Decimal(0)):
            if not reason:
                message = _("Please give the reason for changing the self-assessed points.")
                errors.setdefault(f"reason_{score.criterion_id}", []).append(message)
            changed[score.criterion_id] = [score.self_points, points, reason]
        score.review_points, score.review_comment = points, reason
    if errors:
        raise ValidationError(errors)
    derive_totals(rating, scores)
    CriterionScore.objects.bulk_update(scores, ["review_points", "review_comment", "points"])
    rating.reviewed_at, rating.reviewed_by, rating.review_comment = timezone.now(), by, comment.strip()
    rating.save(update_fields=["status", "total", "stars", "reviewed_at", "reviewed_by", "review_comment"])
    log_action(
        rating,
        "branches.rating.reviewed",
        by=by,
        data={"adjusted": changed, "total": rating.total, "stars": rating.stars, "comment": rating.review_comment},
    )
    return rating


@transaction.atomic
def approve_rating(rating: BranchRating, *, by) -> BranchRating:
    _lock(rating)
    policy.require(by, "approve_rating", rating)
    transition(rating, RatingStatus.APPROVED, RATING_TRANSITIONS, message=RATING_STEP_REFUSED)
    rating.approved_at, rating.approved_by = timezone.now(), by
    rating.save(update_fields=["status", "approved_at", "approved_by"])
    log_action(rating, "branches.rating.approved", by=by, data={"total": rating.total, "stars": rating.stars})
    return rating


@transaction.atomic
def publish_rating(rating: BranchRating, *, by) -> BranchRating:
    _lock(rating)
    policy.require(by, "publish_rating", rating)
    transition(rating, RatingStatus.PUBLISHED, RATING_TRANSITIONS, message=RATING_STEP_REFUSED)
    rating.published_at = timezone.now()
    rating.save(update_fields=["status", "published_at"])
    log_action(rating, "branches.rating.published", by=by, data={"total": rating.total, "stars": rating.stars})
    return rating


def refresh_after_honour_revoked(honour) -> None:
    """Registered with honours.services.on_honour_revoked: ratings of that year not yet reviewed that could have
    counted the honour are recounted by a task once the revocation is committed (reviewed ones stay as decided)."""
    from qunying.branches.tasks import refresh_branch_ratings  # here, not above: branches.tasks imports the services

    condition = Q(branch__units=honour.unit_id) if honour.unit_id else Q(branch__units=honour.person.unit_id)
    if honour.person_id:
        condition |= Q(branch__members=honour.person_id)
    rating_ids = list(
        BranchRating.objects.filter(condition, round__scheme__year=honour.awarded_on.year)
        .filter(status__in=REFRESHABLE_STATUSES)
        .values_list("pk", flat=True)
        .distinct()
    )
    if rating_ids:
        transaction.on_commit(lambda: refresh_branch_ratings.enqueue(rating_ids))
