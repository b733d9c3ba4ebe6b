"""Campaigns reads, mirroring campaigns.rules: campaigns, nominations (scoped by unit, or by assignment for judges),
reviews, the judges' design; the results table lives in campaigns.results (re-exported here)."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from qunying.accounts.models import RoleAssignment, User
from qunying.campaigns.design import Balance, balance_of
from qunying.campaigns.enums import NominationStatus
from qunying.campaigns.models import (
    Campaign,
    CampaignType,
    JudgeAssignment,
    Nomination,
    Objection,
    ResultNotice,
    Score,
    Vote,
)
from qunying.campaigns.results import ResultRow, campaign_results, vote_shares
from qunying.campaigns.rules import LIVE_NOMINATIONS, phase_has, policy
from qunying.core.roles import Role
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import Deed, DeedEvidence
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.org.enums import PersonStatus
from qunying.org.models import Person, Unit


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    return (
        policy.filter(user, "view_campaign", Campaign.objects.all())
        .select_related("campaign_type")
        .annotate(nomination_count=Count("nominations", distinct=True))
        .order_by("-period_start", "campaign_type__name", "pk")
    )


def nominations_visible_to(user) -> QuerySet[Nomination]:
    """Staff see nominations of their subtree; a judge sees only the nominations assigned to them and not recused."""
    return (
        policy.filter(user, "view_nomination", Nomination.objects.all())
        .select_related("person", "unit", "campaign")
        .distinct()
    )


def reviews_of(user) -> QuerySet[JudgeAssignment]:
    """The judge's own reviews, newest campaign first."""
    return (
        JudgeAssignment.objects.filter(judge=user)
        .select_related("nomination__person", "nomination__unit", "nomination__campaign")
        .order_by("-nomination__campaign__period_start", "nomination__id")
    )


def reviews_to_score(user) -> QuerySet[JudgeAssignment]:
    """The judge's reviews not yet submitted, abstained or recused, in campaigns whose judging is open, in the order
    of the review list (the "next nominee" after a submitted review is the first of these)."""
    return reviews_of(user).filter(
        phase_has("judging_open", phase="nomination__campaign__phase"),
        recused=False,
        abstained=False,
        submitted_at__isnull=True,
    )


def verified_deeds_of(nomination: Nomination) -> QuerySet[Deed]:
    """The nomination's verified deeds, newest first, with their evidence: what a judge weighs."""
    return (
        nomination.deeds.filter(status=DeedStatus.VERIFIED)
        .select_related("unit")
        .prefetch_related("evidence")
        .order_by("-date", "pk")
    )


def standing_honours_of(nomination: Nomination) -> QuerySet[Honour]:
    """The nominee's honours that stand (not revoked), newest first."""
    return (
        Honour.objects.filter(person=nomination.person_id, status=HonourStatus.ACTIVE)
        .select_related("award_type", "issuer")
        .order_by("-awarded_on", "pk")
    )


def review_evidence_files(user) -> QuerySet[DeedEvidence]:
    """Evidence files of the verified deeds attached to nominations the user judges (not recused): a judge reads
    them from the review without reading the ledger."""
    judged = Nomination.objects.filter(assignments__judge=user.pk, assignments__recused=False).values("deeds")
    return DeedEvidence.objects.filter(deed__in=judged, deed__status=DeedStatus.VERIFIED)


def nominees_for(user, campaign: Campaign):
    """People the user may nominate in the campaign: serving, of an eligible category, in the nominator's subtree."""
    return (
        policy.filter(user, "nominate_person", Person.objects.all())
        .filter(status=PersonStatus.ACTIVE, category__in=campaign.campaign_type.eligible_categories())
        .select_related("unit")
        .order_by("unit__path", "name")
    )


@dataclass
class UnitQuota:
    """One unit's nominations in a campaign against the type's quota per unit."""

    unit: str
    used: int
    quota: int

    @property
    def full(self) -> bool:
        return self.used >= self.quota


def nomination_quotas(user, campaign: Campaign) -> list[UnitQuota]:
    """For each unit whose people the user may nominate, how many of its nominations stand in the campaign against
    the quota per unit (the rule services.nominate applies): two queries, however many units."""
    quota = campaign.campaign_type.quota_per_unit
    units = dict(
        Unit.objects.filter(pk__in=nominees_for(user, campaign).values("unit_id"))
        .order_by("path")
        .values_list("pk", "name")
    )
    used = dict(
        campaign.nominations.filter(status__in=LIVE_NOMINATIONS, unit_id__in=units)
        .values_list("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    return [UnitQuota(unit=name, used=used.get(pk, 0), quota=quota) for pk, name in units.items()]


def evidence_deeds_for(user):
    """Verified deeds of people in the nominator's subtree (the service checks they are the nominee's)."""
    return (
        Deed.objects.filter(status=DeedStatus.VERIFIED)
        .filter(participants__person__in=policy.filter(user, "nominate_person", Person.objects.all()))
        .distinct()
        .order_by("-date", "-id")
    )


def objections_visible_to(user, campaign: Campaign):
    """The political department and leaders read a campaign's objections (those who decide on its results)."""
    return (
        policy.filter(user, "view_objections", campaign.objections.all())
        .select_related("nomination__person")
        .order_by("created_at")
    )


def other_scores(assignment: JudgeAssignment) -> QuerySet[Score]:
    """The submitted scores of the other judges of the assignment's nomination."""
    return (
        Score.objects.filter(assignment__nomination=assignment.nomination_id, assignment__submitted_at__isnull=False)
        .exclude(assignment=assignment)
        .select_related("criterion")
        .order_by("assignment_id", "criterion__order")
    )


def public_notice_campaigns() -> QuerySet[Campaign]:
    """Campaigns whose public notice (公示) is on: the winners are public, objections are taken."""
    return Campaign.objects.select_related("campaign_type").filter(phase_has("public"))


def noticed_campaigns() -> QuerySet[Campaign]:
    """Campaigns whose public notice has started, whether still on or ended: its address stays meaningful."""
    return Campaign.objects.select_related("campaign_type__issuer").filter(notice_starts__isnull=False)


def announced_winners(campaign: Campaign) -> QuerySet[Nomination]:
    """The winners a leader approved: those the public notice (公示) shows and objections may concern."""
    return campaign.nominations.filter(status=NominationStatus.APPROVED)


def vote_candidates(campaign: Campaign) -> QuerySet[Nomination]:
    """The nominations on the public ballot: those still standing as nominated."""
    return campaign.nominations.filter(status=NominationStatus.NOMINATED)


def live_nominations(campaign: Campaign) -> QuerySet[Nomination]:
    return campaign.nominations.filter(status__in=LIVE_NOMINATIONS)


WITH_UNIT = RoleAssignment.objects.select_related("unit")  # a user's roles with their units: 姓名（单位） in one query


def assignment_nominations(user, campaign: Campaign) -> QuerySet[Nomination]:
    """The live nominations of the campaign in the user's scope, with their judges."""
    assignments = (
        JudgeAssignment.objects.select_related("judge")
        .prefetch_related(Prefetch("judge__role_assignments", queryset=WITH_UNIT))  # each judge as 姓名（单位）
        .order_by("judge__username")
    )
    return (
        nominations_visible_to(user)
        .filter(campaign=campaign, status__in=LIVE_NOMINATIONS)
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("unit__path", "id")
    )


def objections_of_visible_campaigns(user) -> QuerySet[Objection]:
    return Objection.objects.filter(campaign__in=campaigns_visible_to(user)).select_related(
        "campaign", "nomination__person"
    )


def campaign_types_with_counts() -> QuerySet[CampaignType]:
    return (
        CampaignType.objects.select_related("award_type", "issuer")
        .annotate(criterion_count=Count("criteria", distinct=True), campaign_count=Count("campaigns", distinct=True))
        .order_by("-active", "name")
    )


def quarantined_votes(campaign: Campaign) -> QuerySet[Vote]:
    return (
        Vote.objects.filter(campaign=campaign, quarantined=True)
        .select_related("nomination__person")
        .order_by("created_at", "pk")
    )


def judges_with_load(campaign: Campaign):
    """Active judges with how many live (not recused) reviews they hold in the campaign: one query."""
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
        .prefetch_related(Prefetch("role_assignments", queryset=WITH_UNIT))  # each judge as 姓名（单位）
    )


def judging_progress(campaign: Campaign) -> list[dict]:
    """Per judge of the campaign: live reviews assigned and those done (scored or abstained), never the scores."""
    done = Q(submitted_at__isnull=False)
    return list(
        JudgeAssignment.objects.filter(nomination__campaign=campaign, recused=False)
        .values("judge_id", "judge__full_name", "judge__username")
        .annotate(assigned=Count("pk"), scored=Count("pk", filter=done))
        .order_by("judge__username")
    )


def notices_of(user):
    """The user's own result notices, newest first."""
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


def design_balance(campaign: Campaign) -> Balance:
    """The balance of the judges' design over the live nominations (reviews not recused): one query."""
    reviews = JudgeAssignment.objects.filter(
        nomination__campaign=campaign, nomination__status__in=LIVE_NOMINATIONS, recused=False
    ).values_list("nomination_id", "nomination__unit__name", "judge__full_name", "judge__username")
    reviews = list(reviews)
    names = {(name or username) for _n, _u, name, username in reviews}
    # Judges are named as people know them; two judges of the same name are told apart by their user names.
    clashes = {name for name in names if len({u for _n, _un, na, u in reviews if (na or u) == name}) > 1}
    return balance_of(
        (nomination, unit, f"{name or username}（{username}）" if (name or username) in clashes else name or username)
        for nomination, unit, name, username in reviews
    )


__all__ = ["ResultRow", "campaign_results", "vote_shares"]
