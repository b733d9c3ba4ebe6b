"""Campaigns reads, mirroring campaigns.rules: campaigns, nominations (scoped by unit, or by assignment for judges),
reviews, and the results table."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from qunying.accounts.enums import Role
from qunying.accounts.queries import roles_of, scope_filter
from qunying.campaigns import scoring
from qunying.campaigns.models import Campaign, JudgeAssignment, Nomination, Score
from qunying.campaigns.rules import CAMPAIGN_READERS

NOMINATION_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    if not roles_of(user) & set(CAMPAIGN_READERS):
        return Campaign.objects.none()
    return (
        Campaign.objects.select_related("campaign_type")
        .annotate(nomination_count=Count("nominations", distinct=True))
        .order_by("-period_start", "campaign_type__name", "pk")
    )


def nominations_visible_to(user) -> QuerySet[Nomination]:
    """Staff see nominations of their subtree; a judge sees only the nominations assigned to them and not recused."""
    condition = scope_filter(user, NOMINATION_READERS)
    if Role.JUDGE in roles_of(user):
        condition |= Q(pk__in=JudgeAssignment.objects.filter(judge=user, recused=False).values("nomination"))
    return Nomination.objects.filter(condition).select_related("person", "unit", "campaign").distinct()


def reviews_of(user) -> QuerySet[JudgeAssignment]:
    """The judge's own reviews, newest campaign first."""
    return (
        JudgeAssignment.objects.filter(judge=user)
        .select_related("nomination__person", "nomination__unit", "nomination__campaign")
        .order_by("-nomination__campaign__period_start", "nomination__id")
    )


def nominees_for(user, campaign: Campaign):
    """People the user may nominate in the campaign: serving, of an eligible category, in the nominator's subtree."""
    from qunying.campaigns.rules import NOMINATORS
    from qunying.org.models import Person

    return (
        Person.objects.filter(scope_filter(user, NOMINATORS))
        .filter(status="active", category__in=campaign.campaign_type.eligible_categories())
        .select_related("unit")
        .order_by("unit__path", "name")
    )


def evidence_deeds_for(user):
    """Verified deeds of people in the nominator's subtree (the service checks they are the nominee's)."""
    from qunying.campaigns.rules import NOMINATORS
    from qunying.deeds.models import Deed

    return (
        Deed.objects.filter(status="verified")
        .filter(scope_filter(user, NOMINATORS, path_field="participants__person__unit__path"))
        .distinct()
        .order_by("-date", "-id")
    )


def objections_visible_to(user, campaign: Campaign):
    if not roles_of(user) & {Role.POLITICAL_OFFICER, Role.LEADER}:
        return campaign.objections.none()
    return campaign.objections.select_related("nomination__person").order_by("created_at")


def may_see_other_scores(user, nomination: Nomination) -> bool:
    """A judge sees the other judges' scores only after submitting their own review."""
    if roles_of(user) & {Role.POLITICAL_OFFICER, Role.LEADER}:
        return True
    return JudgeAssignment.objects.filter(nomination=nomination, judge=user, submitted_at__isnull=False).exists()


@dataclass
class ResultRow:
    nomination: Nomination
    criteria: dict = field(default_factory=dict)  # criterion id → scoring.CriterionResult
    raw: float | None = None  # weighted raw means, 0–100
    normalised: float | None = None  # weighted normalised means, 0–100
    final: float | None = None


def campaign_results(campaign: Campaign) -> list[ResultRow]:
    """Every live nomination's results per criterion (raw mean, median, normalised, disagreement) and the weighted
    final score, best first. Three queries whatever the size."""
    from qunying.campaigns.enums import NominationStatus

    criteria = list(campaign.campaign_type.criteria.all())
    # Every nomination but the withdrawn: while deciding these are the live ones; after the decision the awarded,
    # removed and not selected keep their scores in the results and the dossier.
    nominations = list(
        campaign.nominations.exclude(status=NominationStatus.WITHDRAWN).select_related("person", "unit").order_by("id")
    )
    scores = list(
        Score.objects.filter(
            assignment__nomination__campaign=campaign,
            assignment__recused=False,
            assignment__abstained=False,
            assignment__submitted_at__isnull=False,
            assignment__nomination__in=[n.pk for n in nominations],
        ).values_list("criterion_id", "assignment__judge_id", "assignment__nomination_id", "value")
    )
    rows = {n.pk: ResultRow(n) for n in nominations}
    for criterion in criteria:
        triples = [(judge, nom, float(value)) for cid, judge, nom, value in scores if cid == criterion.pk]
        results = scoring.criterion_results(triples, low=criterion.min_score, high=criterion.max_score)
        for nom, result in results.items():
            rows[nom].criteria[criterion.pk] = result
    weight = float(campaign.campaign_type.vote_weight)
    shares = None
    if weight and campaign.phase not in {"nominating", "judging", "voting"}:  # tallies stay hidden until voting closes
        from qunying.campaigns.services.voting import vote_shares

        shares = vote_shares(campaign)
    for row in rows.values():
        counted = [c for c in criteria if not c.informational and c.pk in row.criteria]
        row.raw = scoring.weighted_score(
            (row.criteria[c.pk].raw_mean, c.min_score, c.max_score, float(c.weight)) for c in counted
        )
        row.normalised = scoring.weighted_score(
            (row.criteria[c.pk].normalised, c.min_score, c.max_score, float(c.weight)) for c in counted
        )
        if row.normalised is not None:
            share = shares.get(row.nomination.pk, 0.0) if shares is not None else None
            row.final = scoring.final_score(row.normalised, vote_share=share, vote_weight=weight)
    return sorted(rows.values(), key=lambda r: (r.final is None, -(r.final or 0), r.nomination.pk))


def judges_with_load(campaign: Campaign):
    """Active judges with how many live (not recused) reviews they hold in the campaign: one query."""
    from qunying.accounts.models import User

    return (
        User.objects.filter(is_active=True, role_assignments__role=Role.JUDGE)
        .annotate(
            load=Count(
                "campaign_reviews",
                filter=Q(campaign_reviews__nomination__campaign=campaign, campaign_reviews__recused=False),
                distinct=True,
            )
        )
        .order_by("load", "username")
        .distinct()
    )


def notices_of(user):
    """The user's own result notices, newest first."""
    from qunying.campaigns.models import ResultNotice

    return (
        ResultNotice.objects.filter(recipient=user)
        .select_related("campaign", "nomination__person", "nomination__unit")
        .order_by("-created_at", "-pk")
    )


def filter_assignment_nominations(nominations, campaign: Campaign, *, q: str = "", short: bool = False):
    """The assignment page's filters: a nominee's name, and nominations with fewer judges (not recused) than the
    campaign type's minimum."""
    if q:
        nominations = nominations.filter(person__name__icontains=q.strip())
    if short:
        nominations = nominations.annotate(
            judges=Count("assignments", filter=Q(assignments__recused=False), distinct=True)
        ).filter(judges__lt=campaign.campaign_type.min_judges)
    return nominations
