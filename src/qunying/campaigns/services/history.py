"""Past selections (issue 23): a bureau's earlier 最美民警 / 辅警之星 … winners, brought in as closed campaigns with
their winners and the honours they carry. The honours go through honours.record_honour (the issuer's authority, the
award's category, once per deed, the recorder's scope), so the figures and the branch criteria count them as they
count a campaign closed on the pages; an honour already entered from the same document is linked, not doubled."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.campaigns.enums import NominationStatus, Period, Phase
from qunying.campaigns.models import Campaign, CampaignType, Nomination
from qunying.campaigns.rules import policy
from qunying.campaigns.services.decision import decided_at
from qunying.campaigns.services.phases import period_of
from qunying.core.services import log_action
from qunying.honours.enums import ApprovalBasis, HonourStatus
from qunying.honours.models import Honour
from qunying.honours.services import record_honour


def period_label(campaign_type: CampaignType, start: datetime.date) -> str:
    """How the bureau names a period: 2022年3月, 2022年第1季度, 2022年度 (as open_campaign titles it)."""
    return {
        Period.MONTHLY: f"{start.year}年{start.month}月",
        Period.QUARTERLY: f"{start.year}年第{(start.month - 1) // 3 + 1}季度",
        Period.YEARLY: f"{start.year}年度",
    }[campaign_type.period]


@transaction.atomic
def record_past_campaign(
    *, campaign_type: CampaignType, day: datetime.date, decided_on: datetime.date | None = None, by
) -> Campaign:
    """A closed campaign for the period of `day` that is over, decided on `decided_on` (the period's last day unless
    given); refused when the period already has a campaign. Its results count as released (nobody is told today
    about a selection of years ago)."""
    policy.require(by, "import_selections")
    start, end = period_of(campaign_type.period, day)
    if end >= timezone.localdate():
        label = period_label(campaign_type, start)
        raise ValidationError(_("The period %(period)s is not over yet.") % {"period": label}, code="period")
    if campaign_type.issuer_id is None:
        raise ValidationError(_("The campaign type names no issuer for the honour."))
    closed_at = decided_at(decided_on or end)
    campaign = Campaign(
        campaign_type=campaign_type,
        title=f"{period_label(campaign_type, start)}“{campaign_type.name}”评选",
        period_start=start,
        period_end=end,
        phase=Phase.CLOSED,
        nominating_until=end,
        judging_until=end,
        approved_by=by if getattr(by, "is_authenticated", False) else None,
        approved_at=closed_at,
        closed_at=closed_at,
        results_released_at=closed_at,
    )
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError as error:
        raise ValidationError(_("The campaign of this period is already open.")) from error
    log_action(campaign, "campaigns.campaign.imported", by=by, data={"period_start": start, "type": campaign_type.code})
    return campaign


@transaction.atomic
def record_past_winner(
    *,
    campaign: Campaign,
    person,
    awarded_on: datetime.date,
    score: float | None = None,
    rank: int | None = None,
    document_number: str = "",
    override_reason: str = "",
    by,
) -> Nomination:
    """One winner of a past campaign: an awarded nomination with the type's honour, recorded through the honours
    service on the day of the decision (or linked when the same honour, same document, is already on record).
    Refused for a category the type is not open to, beyond the type's winners per period, twice in a campaign."""
    policy.require(by, "record_past_winner", person.unit)
    campaign_type = campaign.campaign_type
    errors: dict[str, list] = {}

    def add(field: str, message) -> None:
        errors.setdefault(field, []).append(message)

    if campaign.phase != Phase.CLOSED:
        add("campaign", _("Winners are added only to a closed past campaign."))
    if person.category not in campaign_type.eligible_categories():
        add("campaign_type", _("%(type)s is not open to this category.") % {"type": campaign_type.name})
    if awarded_on < campaign.period_start:
        add("awarded_on", _("The decision cannot come before the period it selects for."))
    winners = campaign.nominations.filter(status=NominationStatus.AWARDED)
    if winners.filter(person=person).exists():
        add("person", _("This person is already a winner of this campaign."))
    elif winners.count() >= campaign_type.quota_per_period:
        add(
            "campaign_type",
            _("%(type)s has at most %(quota)s winners per period.")
            % {"type": campaign_type.name, "quota": campaign_type.quota_per_period},
        )
    if errors:
        raise ValidationError(errors)
    document_number = (document_number or "").strip()
    honour = Honour.objects.filter(
        person=person,
        award_type=campaign_type.award_type,
        issuer=campaign_type.issuer,
        awarded_on=awarded_on,
        document_number=document_number,
        status=HonourStatus.ACTIVE,
    ).first()
    linked = honour is not None
    honour = honour or record_honour(
        person=person,
        award_type=campaign_type.award_type,
        issuer=campaign_type.issuer,
        awarded_on=awarded_on,
        reason=f"评为{campaign.title.removesuffix('评选')}。",
        document_number=document_number,
        override_reason=override_reason,
        by=by,
        # The selection's decision is the approval, as when a campaign closes on the pages.
        approval=ApprovalBasis.DECISION,
        approved_by=by,
    )
    nomination = Nomination.objects.create(
        campaign=campaign,
        person=person,
        unit=person.unit,
        statement=_("A past winner, brought in from the bureau's records."),
        status=NominationStatus.AWARDED,
        final_score=score,
        rank=rank,
        honour=honour,
    )
    # The winners were approved by the first decision (no honour predates it) and the campaign closed with the last.
    decided = decided_at(awarded_on)
    if decided < campaign.approved_at or decided > campaign.closed_at:
        campaign.approved_at = min(campaign.approved_at, decided)
        campaign.closed_at = campaign.results_released_at = max(campaign.closed_at, decided)
        campaign.save(update_fields=["closed_at", "approved_at", "results_released_at"])
    log_action(
        nomination,
        "campaigns.winner.imported",
        by=by,
        data={"campaign": campaign.pk, "person": person.pk, "honour": honour.pk, "linked": linked, "score": score},
    )
    return nomination
