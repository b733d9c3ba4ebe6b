"""Campaign writes: types' issuer, opening each period's campaign, phase changes and their automatic advance."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.campaigns.enums import PHASE_TRANSITIONS, Period, Phase
from qunying.campaigns.models import Campaign, CampaignType
from qunying.campaigns.rules import policy
from qunying.campaigns.services.common import ACTIVE_NOMINATIONS
from qunying.core.calendar import nth_working_day
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.honours.services import check_authority


@transaction.atomic
def set_issuer(*, campaign_type: CampaignType, issuer, by) -> CampaignType:
    """Name the issuer of the winners' honour; it must hold the authority for the type's award."""
    policy.require(by, "manage_types")
    check_authority(issuer, campaign_type.award_type)
    campaign_type.issuer = issuer
    campaign_type.save(update_fields=["issuer"])
    log_action(campaign_type, "campaigns.type.issuer", by=by, data={"issuer": issuer.pk})
    return campaign_type


def period_of(period: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the period (month, quarter, year) containing `day`."""
    if period == Period.YEARLY:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    if period == Period.QUARTERLY:
        first = 3 * ((day.month - 1) // 3) + 1
        last = first + 2
        return datetime.date(day.year, first, 1), datetime.date(day.year, last, calendar.monthrange(day.year, last)[1])
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def notice_end(start: datetime.date, working_days: int) -> datetime.date:
    """The last day of a public notice of `working_days` working days starting on `start` (core calendar)."""
    return nth_working_day(start, working_days)


@transaction.atomic
def open_campaign(*, campaign_type: CampaignType, day: datetime.date, by) -> Campaign:
    """Open the campaign of the period containing `day`: nominations for 5 working days, judging 5 more, voting 5
    more when the type has a public vote."""
    policy.require(by, "open_campaign", campaign_type)
    start, end = period_of(campaign_type.period, day)
    if Campaign.objects.filter(campaign_type=campaign_type, period_start=start).exists():
        raise ValidationError(_("The campaign of this period is already open."))
    nominating_until = nth_working_day(start, 5)
    judging_until = nth_working_day(nominating_until + datetime.timedelta(days=1), 5)
    voting_until = (
        nth_working_day(judging_until + datetime.timedelta(days=1), 5) if campaign_type.has_public_vote else None
    )
    label = {
        Period.MONTHLY: f"{start.year}年{start.month}月",
        Period.QUARTERLY: f"{start.year}年第{(start.month - 1) // 3 + 1}季度",
        Period.YEARLY: f"{start.year}年度",
    }[campaign_type.period]
    campaign = Campaign(
        campaign_type=campaign_type,
        title=f"{label}“{campaign_type.name}”评选",
        period_start=start,
        period_end=end,
        nominating_until=nominating_until,
        judging_until=judging_until,
        voting_until=voting_until,
    )
    try:
        with transaction.atomic():
            campaign.save()
    except IntegrityError as error:
        raise ValidationError(_("The campaign of this period is already open.")) from error
    log_action(campaign, "campaigns.campaign.open", by=by, data={"period_start": start, "type": campaign_type.code})
    return campaign


def open_due_campaigns(*, today: datetime.date, by=None) -> list[Campaign]:
    """Open the current period's campaign of every active type that has none yet (the periodic task calls this)."""
    opened = []
    for campaign_type in CampaignType.objects.filter(active=True):
        start, _end = period_of(campaign_type.period, today)
        if not Campaign.objects.filter(campaign_type=campaign_type, period_start=start).exists():
            opened.append(open_campaign(campaign_type=campaign_type, day=today, by=by))
    return opened


def _phase_problems(campaign: Campaign, to: str, current: str) -> list[str]:
    """Why the campaign cannot move from `current` to `to` now (empty: it can)."""
    problems = []
    if to == Phase.VOTING and not campaign.campaign_type.has_public_vote:
        problems.append(_("This campaign type has no public vote."))
    if to == Phase.DECIDING and current == Phase.JUDGING and campaign.campaign_type.has_public_vote:
        problems.append(_("The public vote comes first."))
    if to in (Phase.VOTING, Phase.DECIDING) and not campaign.nominations.filter(status__in=ACTIVE_NOMINATIONS).exists():
        problems.append(_("No nomination is in the running: there is nothing to vote on or decide."))
    elif to == Phase.DECIDING:
        minimum = campaign.campaign_type.min_judges
        short = (
            campaign.nominations.filter(status__in=ACTIVE_NOMINATIONS)
            .annotate(
                done=Count(
                    "assignments",
                    filter=Q(assignments__submitted_at__isnull=False, assignments__recused=False),
                )
            )
            .filter(done__lt=minimum)
            .count()
        )
        if short:
            problems.append(
                _("%(count)s nominations have fewer than %(minimum)s submitted reviews.")
                % {"count": short, "minimum": minimum}
            )
    if to == Phase.NOTICE and campaign.approved_at is None:
        problems.append(_("The leader has not approved the winners yet."))
    if to == Phase.CLOSED:
        problems.append(_("A campaign closes through closing, which awards the honours."))
    return problems


def phase_choices(campaign: Campaign) -> list[tuple[str, list[str]]]:
    """The phases the campaign may move to next, each with why it cannot yet (empty: it can now), by the same rules
    as advance_phase; a phase the campaign's type never takes from here (voting without a public vote, deciding
    before the vote) is left out rather than offered."""
    choices = []
    for phase in campaign.next_phases():
        problems = _phase_problems(campaign, phase, campaign.phase)
        never = (phase == Phase.VOTING and not campaign.campaign_type.has_public_vote) or (
            phase == Phase.DECIDING and campaign.phase == Phase.JUDGING and campaign.campaign_type.has_public_vote
        )
        if not never:
            choices.append((phase, problems))
    return choices


@transaction.atomic
def advance_phase(*, campaign: Campaign, to: str, by, today: datetime.date | None = None) -> Campaign:
    """Move the campaign to the next phase along PHASE_TRANSITIONS, when that phase's preconditions hold."""
    campaign = Campaign.objects.select_for_update().select_related("campaign_type").get(pk=campaign.pk)
    policy.require(by, "manage_campaign", campaign)
    previous = campaign.phase
    refused = _("A campaign cannot go from %(from)s to %(to)s.")
    fields = transition(campaign, to, PHASE_TRANSITIONS, field="phase", message=refused)
    problems = _phase_problems(campaign, to, previous)
    if problems:
        raise ValidationError(problems)
    if to == Phase.NOTICE:
        campaign.notice_starts = today or timezone.localdate()
        campaign.notice_ends = notice_end(campaign.notice_starts, campaign.campaign_type.notice_working_days)
        fields += ["notice_starts", "notice_ends"]
    campaign.save(update_fields=fields)
    log_action(campaign, "campaigns.campaign.advance", by=by, data={"from": previous, "to": to})
    return campaign


def advance_due_campaigns(*, today: datetime.date) -> list[Campaign]:
    """Auto-advance: nominations close, judging closes, voting closes on their dates (when preconditions hold)."""
    moved = []
    for campaign in Campaign.objects.select_related("campaign_type").filter(
        phase__in=[Phase.NOMINATING, Phase.JUDGING, Phase.VOTING]
    ):
        if campaign.phase == Phase.NOMINATING and today > campaign.nominating_until:
            to = Phase.JUDGING
        elif campaign.phase == Phase.JUDGING and today > campaign.judging_until:
            to = Phase.VOTING if campaign.campaign_type.has_public_vote else Phase.DECIDING
        elif campaign.phase == Phase.VOTING and campaign.voting_until and today > campaign.voting_until:
            to = Phase.DECIDING
        else:
            continue
        if not _phase_problems(campaign, to, campaign.phase):
            moved.append(advance_phase(campaign=campaign, to=to, by=None, today=today))
    return moved
