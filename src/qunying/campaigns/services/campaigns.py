"""Campaigns writes. Every function takes keyword arguments and an explicit actor `by` (None: the system),
validates, saves, writes one audit entry."""

import calendar
import datetime
import random

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.accounts.enums import Role
from qunying.accounts.queries import assignments_of, covers, roles_of
from qunying.campaigns.enums import (
    NOMINATION_TRANSITIONS,
    OBJECTION_TRANSITIONS,
    PHASE_TRANSITIONS,
    NominationStatus,
    ObjectionStatus,
    Period,
    Phase,
)
from qunying.campaigns.models import (
    Campaign,
    CampaignType,
    DisciplineHold,
    JudgeAssignment,
    Nomination,
    Objection,
    Score,
)
from qunying.core.calendar import nth_working_day
from qunying.core.services import log_action

__all__ = [
    "advance_due_campaigns",
    "advance_phase",
    "approve_winners",
    "assign_judge",
    "balance_judges",
    "close_campaign",
    "conflict_of",
    "declare_conflict",
    "eligibility_problems",
    "nominate",
    "notice_end",
    "open_campaign",
    "open_due_campaigns",
    "period_of",
    "place_hold",
    "propose_winners",
    "raise_objection",
    "resolve_objection",
    "set_issuer",
    "submit_scores",
    "withdraw_nomination",
]

ACTIVE_NOMINATIONS = [NominationStatus.NOMINATED, NominationStatus.PROPOSED, NominationStatus.APPROVED]


def _require(by, roles, path: str | None = None) -> None:
    if by is None or by.is_superuser:
        return
    if path is None:
        if not roles_of(by) & set(roles):
            raise PermissionDenied
    elif not covers(by, roles, path):
        raise PermissionDenied


# ---------------------------------------------------------------- campaigns and phases


@transaction.atomic
def set_issuer(*, campaign_type: CampaignType, issuer, by) -> CampaignType:
    """Name the issuer of the winners' honour; it must hold the authority for the type's award."""
    from qunying.honours.services import check_authority

    _require(by, (Role.POLITICAL_OFFICER,))
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
    _require(by, (Role.POLITICAL_OFFICER,))
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


def _phase_problems(campaign: Campaign, to: str) -> list[str]:
    problems = []
    if to == Phase.VOTING and not campaign.campaign_type.has_public_vote:
        problems.append(_("This campaign type has no public vote."))
    if to == Phase.DECIDING and campaign.phase == Phase.JUDGING and campaign.campaign_type.has_public_vote:
        problems.append(_("The public vote comes first."))
    if to == Phase.DECIDING:
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


@transaction.atomic
def advance_phase(*, campaign: Campaign, to: str, by, today: datetime.date | None = None) -> Campaign:
    """Move the campaign to the next phase along PHASE_TRANSITIONS, when that phase's preconditions hold."""
    _require(by, (Role.POLITICAL_OFFICER, Role.LEADER))
    campaign = Campaign.objects.select_for_update().select_related("campaign_type").get(pk=campaign.pk)
    if to not in PHASE_TRANSITIONS[campaign.phase]:
        raise ValidationError(
            _("A campaign cannot go from %(from)s to %(to)s.")
            % {"from": Phase(campaign.phase).label, "to": Phase(to).label}
        )
    problems = _phase_problems(campaign, to)
    if problems:
        raise ValidationError(problems)
    previous = campaign.phase
    campaign.phase = to
    fields = ["phase"]
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
        if not _phase_problems(campaign, to):
            moved.append(advance_phase(campaign=campaign, to=to, by=None, today=today))
    return moved


# ---------------------------------------------------------------- nominations


def eligibility_problems(*, campaign: Campaign, person, deeds=()) -> list[str]:
    """Why `person` cannot be nominated in `campaign` (empty: eligible)."""
    from qunying.honours.models import Honour
    from qunying.honours.services.honours import shift_years

    campaign_type = campaign.campaign_type
    problems = []
    if person.category not in campaign_type.eligible_categories():
        problems.append(_("%(type)s is not open to this category.") % {"type": campaign_type.name})
    if person.status != "active":
        problems.append(_("Only serving people can be nominated."))
    if DisciplineHold.objects.filter(person=person, active=True).exists():
        problems.append(_("An open discipline matter bars the nomination."))
    deeds = list(deeds)
    if deeds:
        award = campaign_type.award_type
        since = shift_years(campaign.period_end, -1)
        rewarded = Honour.objects.filter(
            person=person,
            status="active",
            awarded_on__gt=since,
            award_type__ladder=award.ladder,
            award_type__grade__gte=award.grade,
            deeds__in=deeds,
        ).exists()
        if rewarded:
            problems.append(_("These deeds already earned an honour of the same or a higher grade within a year."))
    return problems


@transaction.atomic
def nominate(
    *, campaign: Campaign, person, statement: str, deeds=(), honours=(), reserve_entry=None, suggestion=None, by
) -> Nomination:
    """A unit manager nominates a person of their subtree within the unit's and the period's quota, optionally from
    the person's exemplar-reserve entry or discovery suggestion (kept as the nomination's source)."""
    if campaign.phase != Phase.NOMINATING:
        raise ValidationError(_("Nominations are closed."))
    _require(by, (Role.UNIT_MANAGER, Role.POLITICAL_OFFICER), person.unit.path)
    statement = (statement or "").strip()
    deeds, honours = list(deeds), list(honours)
    errors = []
    if not statement:
        errors.append(_("Please write the statement."))
    errors += eligibility_problems(campaign=campaign, person=person, deeds=deeds)
    if deeds:
        from qunying.honours.queries import honourable_deeds

        if honourable_deeds(person=person).filter(pk__in=[d.pk for d in deeds]).count() != len(set(deeds)):
            errors.append(_("Evidence must be the nominee's own verified deeds."))
    for source in (reserve_entry, suggestion):
        if source is not None and source.person_id != person.pk:
            errors.append(_("The reserve entry or suggestion is about someone else."))
    if any(honour.person_id != person.pk for honour in honours):
        errors.append(_("Evidence must be the nominee's own honours."))
    campaign_type = campaign.campaign_type
    live = Nomination.objects.filter(campaign=campaign, status__in=ACTIVE_NOMINATIONS)
    if live.filter(person=person).exists() or Nomination.objects.filter(campaign=campaign, person=person).exists():
        errors.append(_("This person is already nominated in this campaign."))
    if live.filter(unit=person.unit).count() >= campaign_type.quota_per_unit:
        errors.append(
            _("The unit's quota of %(quota)s nominations is used up.") % {"quota": campaign_type.quota_per_unit}
        )
    period_quota = campaign_type.quota_per_period * 3
    if live.count() >= period_quota:
        errors.append(_("The campaign's quota of %(quota)s nominations is used up.") % {"quota": period_quota})
    if errors:
        raise ValidationError(errors)
    nomination = Nomination.objects.create(
        campaign=campaign,
        person=person,
        unit=person.unit,
        nominated_by=by,
        statement=statement,
        reserve_entry=reserve_entry,
        suggestion=suggestion,
    )
    nomination.deeds.set(deeds)
    nomination.honours.set(honours)
    log_action(
        nomination,
        "campaigns.nomination.create",
        by=by,
        data={
            "person": person.pk,
            "deeds": [d.pk for d in deeds],
            "honours": [h.pk for h in honours],
            "reserve_entry": reserve_entry and reserve_entry.pk,
            "suggestion": suggestion and suggestion.pk,
        },
    )
    return nomination


def _move(nomination: Nomination, to: str) -> None:
    if to not in NOMINATION_TRANSITIONS[nomination.status]:
        raise ValidationError(
            _("The nomination cannot change from %(from)s.") % {"from": nomination.get_status_display()}
        )
    nomination.status = to


@transaction.atomic
def withdraw_nomination(*, nomination: Nomination, by) -> Nomination:
    _require(by, (Role.UNIT_MANAGER, Role.POLITICAL_OFFICER), nomination.unit.path)
    if nomination.campaign.phase != Phase.NOMINATING:
        raise ValidationError(_("Nominations are closed."))
    _move(nomination, NominationStatus.WITHDRAWN)
    nomination.save(update_fields=["status"])
    log_action(nomination, "campaigns.nomination.withdraw", by=by)
    return nomination


@transaction.atomic
def place_hold(*, person, reason: str, active: bool = True, by) -> DisciplineHold:
    _require(by, (Role.POLITICAL_OFFICER,), person.unit.path)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give the reason."))
    hold = DisciplineHold.objects.create(person=person, reason=reason, active=active)
    log_action(hold, "campaigns.hold.place", by=by, data={"person": person.pk})
    return hold


# ---------------------------------------------------------------- judging


def conflict_of(judge, nomination: Nomination) -> str:
    """Why the judge must not review the nomination ('' when there is no detected conflict)."""
    if nomination.nominated_by_id == judge.pk or nomination.person.user_id == judge.pk:
        return _("The judge nominated or is the nominee.")
    from qunying.org.models import Person

    own = Person.objects.filter(user=judge).select_related("unit").first()
    if own is not None and nomination.unit.path.startswith(own.unit.path):
        return _("The nominee serves in the judge's own unit.")
    for assignment in assignments_of(judge):
        if assignment.role != Role.JUDGE and nomination.unit.path.startswith(assignment.unit.path):
            return _("The nominee's unit is within the judge's responsibility.")
    return ""


@transaction.atomic
def assign_judge(*, nomination: Nomination, judge, by) -> JudgeAssignment:
    _require(by, (Role.POLITICAL_OFFICER,))
    if nomination.campaign.phase not in {Phase.NOMINATING, Phase.JUDGING}:
        raise ValidationError(_("Judges are assigned before judging closes."))
    if Role.JUDGE not in roles_of(judge):
        raise ValidationError(_("%(user)s is not a judge.") % {"user": judge.get_username()})
    conflict = conflict_of(judge, nomination)
    if conflict:
        raise ValidationError(conflict)
    if JudgeAssignment.objects.filter(nomination=nomination, judge=judge).exists():
        raise ValidationError(_("This judge already reviews this nomination."))
    assignment = JudgeAssignment.objects.create(nomination=nomination, judge=judge)
    log_action(assignment, "campaigns.judge.assign", by=by, data={"judge": judge.pk, "nomination": nomination.pk})
    return assignment


@transaction.atomic
def balance_judges(*, campaign: Campaign, judges, by, seed: int | None = None) -> list[JudgeAssignment]:
    """Give every live nomination the minimum number of judges: the free judge with fewest reviews in the campaign
    first (ties broken at random), never over the campaign's cap, never with a conflict."""
    _require(by, (Role.POLITICAL_OFFICER,))
    rng = random.Random(seed)
    judges = [judge for judge in judges if Role.JUDGE in roles_of(judge)]
    load = dict.fromkeys((judge.pk for judge in judges), 0)
    for judge_id, count in (
        JudgeAssignment.objects.filter(nomination__campaign=campaign, recused=False)
        .values_list("judge")
        .annotate(n=Count("id"))
    ):
        if judge_id in load:
            load[judge_id] = count
    made = []
    nominations = campaign.nominations.filter(status__in=ACTIVE_NOMINATIONS).select_related("person", "unit")
    for nomination in nominations:
        taken = set(nomination.assignments.values_list("judge_id", flat=True))
        need = campaign.campaign_type.min_judges - nomination.assignments.filter(recused=False).count()
        candidates = [j for j in judges if j.pk not in taken and load[j.pk] < campaign.judge_cap]
        rng.shuffle(candidates)
        candidates.sort(key=lambda j: load[j.pk])
        for judge in candidates:
            if need <= 0:
                break
            if conflict_of(judge, nomination):
                continue
            made.append(JudgeAssignment.objects.create(nomination=nomination, judge=judge))
            load[judge.pk] += 1
            need -= 1
    log_action(campaign, "campaigns.judge.balance", by=by, data={"assignments": [a.pk for a in made]})
    return made


@transaction.atomic
def declare_conflict(*, assignment: JudgeAssignment, conflict: str, by) -> JudgeAssignment:
    """The judge declares a conflict of interest and is recused from this nomination."""
    if by is not None and by.pk != assignment.judge_id:
        raise PermissionDenied
    conflict = (conflict or "").strip()
    if not conflict:
        raise ValidationError(_("Please describe the conflict of interest."))
    if assignment.submitted_at is not None:
        raise ValidationError(_("The review is already submitted."))
    assignment.recused, assignment.conflict = True, conflict
    assignment.save(update_fields=["recused", "conflict"])
    log_action(assignment, "campaigns.judge.recuse", by=by, data={"conflict": conflict})
    return assignment


@transaction.atomic
def submit_scores(*, assignment: JudgeAssignment, scores: dict | None = None, abstain: bool = False, by):
    """Submit a review once: a score (and comment) for every criterion, or an abstention."""
    assignment = JudgeAssignment.objects.select_for_update().get(pk=assignment.pk)
    if by is not None and by.pk != assignment.judge_id:
        raise PermissionDenied
    campaign = assignment.nomination.campaign
    if campaign.phase != Phase.JUDGING:
        raise ValidationError(_("Judging is not open."))
    if assignment.recused:
        raise ValidationError(_("A recused judge does not score."))
    if assignment.submitted_at is not None:
        raise ValidationError(_("The review is already submitted."))
    rows = []
    if not abstain:
        scores = scores or {}
        for criterion in campaign.campaign_type.criteria.all():
            value, comment = scores.get(criterion.pk, (None, ""))
            if value is None:
                raise ValidationError(_("Please score %(criterion)s.") % {"criterion": criterion.name})
            if not criterion.min_score <= float(value) <= criterion.max_score:
                raise ValidationError(
                    _("%(criterion)s takes a score from %(low)s to %(high)s.")
                    % {"criterion": criterion.name, "low": criterion.min_score, "high": criterion.max_score}
                )
            rows.append(Score(assignment=assignment, criterion=criterion, value=value, comment=(comment or "").strip()))
        Score.objects.bulk_create(rows)
    assignment.abstained = abstain
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["abstained", "submitted_at"])
    log_action(
        assignment,
        "campaigns.review.submit",
        by=by,
        data={"abstained": abstain, "scores": {row.criterion_id: str(row.value) for row in rows}},
    )
    return assignment


# ---------------------------------------------------------------- decision, notice, objections, closing


@transaction.atomic
def propose_winners(*, campaign: Campaign, winners, reasons: dict | None = None, by) -> list[Nomination]:
    """The political department proposes winners; choosing anyone outside the top of the ranking needs a reason."""
    from qunying.campaigns.queries import campaign_results

    _require(by, (Role.POLITICAL_OFFICER,))
    if campaign.phase != Phase.DECIDING:
        raise ValidationError(_("Winners are proposed in the deciding phase."))
    reasons = {k: (v or "").strip() for k, v in (reasons or {}).items()}
    winners = list(winners)
    quota = campaign.campaign_type.quota_per_period
    if not winners or len(winners) > quota:
        raise ValidationError(_("Propose between 1 and %(quota)s winners.") % {"quota": quota})
    ranking = campaign_results(campaign)
    ranked = [row.nomination for row in ranking]
    top = {n.pk for n in ranked[: len(winners)]}
    missing = [n for n in winners if n.pk not in top and not reasons.get(n.pk)]
    if missing:
        raise ValidationError(
            _("Choosing %(names)s over higher-ranked nominees needs a recorded reason.")
            % {"names": "、".join(n.person.name for n in missing)}
        )
    scores = {row.nomination.pk: row.final for row in ranking}
    for rank, nomination in enumerate(ranked, start=1):
        nomination.rank, nomination.final_score = rank, scores[nomination.pk]
        nomination.deviation_reason = reasons.get(nomination.pk, "")
        if nomination.status == NominationStatus.PROPOSED:
            nomination.status = NominationStatus.NOMINATED
        if nomination.pk in {w.pk for w in winners}:
            _move(nomination, NominationStatus.PROPOSED)
        nomination.save(update_fields=["rank", "final_score", "deviation_reason", "status"])
    log_action(
        campaign,
        "campaigns.winners.propose",
        by=by,
        data={"winners": [w.pk for w in winners], "reasons": {str(k): v for k, v in reasons.items()}},
    )
    return winners


@transaction.atomic
def approve_winners(*, campaign: Campaign, by, today: datetime.date | None = None) -> Campaign:
    """A leader approves the proposed winners; the public notice starts and runs N working days."""
    _require(by, (Role.LEADER,))
    if campaign.phase != Phase.DECIDING:
        raise ValidationError(_("Winners are approved in the deciding phase."))
    proposed = list(campaign.nominations.filter(status=NominationStatus.PROPOSED))
    if not proposed:
        raise ValidationError(_("No winners are proposed yet."))
    for nomination in proposed:
        _move(nomination, NominationStatus.APPROVED)
        nomination.save(update_fields=["status"])
    campaign.approved_by, campaign.approved_at = by, timezone.now()
    campaign.save(update_fields=["approved_by", "approved_at"])
    log_action(campaign, "campaigns.winners.approve", by=by, data={"winners": [n.pk for n in proposed]})
    return advance_phase(campaign=campaign, to=Phase.NOTICE, by=None, today=today)


@transaction.atomic
def raise_objection(*, nomination: Nomination, name: str, contact: str, text: str, by=None) -> Objection:
    """Anyone raises an objection to a winner during the public notice, under their real name."""
    name, contact, text = (name or "").strip(), (contact or "").strip(), (text or "").strip()
    nomination = Nomination.objects.select_related("campaign", "person").get(pk=nomination.pk)
    errors = []
    if nomination.campaign.phase != Phase.NOTICE:
        errors.append(_("Objections are taken during the public notice only."))
    if nomination.status != NominationStatus.APPROVED:
        errors.append(_("Objections concern the announced winners."))
    if not name:
        errors.append(_("Please give your real name."))
    if not contact:
        errors.append(_("Please give a way to contact you."))
    if not text:
        errors.append(_("Please state the objection."))
    if errors:
        raise ValidationError(errors)
    objection = Objection.objects.create(
        campaign=nomination.campaign, nomination=nomination, name=name, contact=contact, text=text
    )
    log_action(objection, "campaigns.objection.raise", by=by, data={"nomination": nomination.pk})
    return objection


@transaction.atomic
def resolve_objection(*, objection: Objection, upheld: bool, finding: str, by) -> Objection:
    """Record the finding; an upheld objection removes the winner."""
    _require(by, (Role.POLITICAL_OFFICER,))
    finding = (finding or "").strip()
    if not finding:
        raise ValidationError(_("Please record the finding of the investigation."))
    objection = Objection.objects.select_for_update().select_related("nomination").get(pk=objection.pk)
    to = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    if to not in OBJECTION_TRANSITIONS[objection.status]:
        raise ValidationError(_("This objection is already resolved."))
    objection.status, objection.finding, objection.resolved_at = to, finding, timezone.now()
    objection.assigned_to = objection.assigned_to or by
    objection.save(update_fields=["status", "finding", "resolved_at", "assigned_to"])
    if upheld:
        nomination = objection.nomination
        if nomination.status == NominationStatus.APPROVED:
            _move(nomination, NominationStatus.REMOVED)
            nomination.save(update_fields=["status"])
    log_action(objection, "campaigns.objection.resolve", by=by, data={"upheld": upheld, "finding": finding})
    return objection


@transaction.atomic
def close_campaign(*, campaign: Campaign, by, today: datetime.date | None = None, document_number: str = "") -> list:
    """Close after the notice: refused while an objection is open or before the notice ends; the remaining winners
    receive the type's honour (through honours.record_honour, its authority rules applying), the rest are not
    selected. An honour already entered from the same published document (same person, award, issuer and document
    number) is linked rather than recorded twice. Returns the honours."""
    from qunying.honours.models import Honour
    from qunying.honours.services import record_honour

    _require(by, (Role.POLITICAL_OFFICER,))
    campaign = Campaign.objects.select_for_update().select_related("campaign_type").get(pk=campaign.pk)
    today = today or timezone.localdate()
    errors = []
    if campaign.phase != Phase.NOTICE:
        errors.append(_("Only a campaign in its public notice can close."))
    elif campaign.notice_ends and today <= campaign.notice_ends:
        errors.append(_("The public notice runs until %(date)s.") % {"date": f"{campaign.notice_ends:%Y-%m-%d}"})
    if campaign.objections.filter(status=ObjectionStatus.OPEN).exists():
        errors.append(_("An objection is still open."))
    issuer = campaign.campaign_type.issuer
    if issuer is None:
        errors.append(_("The campaign type names no issuer for the honour."))
    if errors:
        raise ValidationError(errors)
    honours = []
    for nomination in campaign.nominations.select_related("person__unit").prefetch_related("deeds"):
        if nomination.status == NominationStatus.APPROVED:
            entered = Honour.objects.filter(
                person=nomination.person,
                award_type=campaign.campaign_type.award_type,
                issuer=issuer,
                document_number=document_number,
                status="active",
            ).first()
            honour = entered if entered is not None and document_number else None
            honour = honour or record_honour(
                person=nomination.person,
                award_type=campaign.campaign_type.award_type,
                issuer=issuer,
                awarded_on=min(today, timezone.localdate()),
                reason=f"评为{campaign.title.removesuffix('评选')}。",
                deeds=list(nomination.deeds.all()),
                document_number=document_number,
                by=by,
            )
            _move(nomination, NominationStatus.AWARDED)
            nomination.honour = honour
            nomination.save(update_fields=["status", "honour"])
            honours.append(honour)
        elif nomination.status == NominationStatus.NOMINATED:
            _move(nomination, NominationStatus.NOT_SELECTED)
            nomination.save(update_fields=["status"])
    campaign.phase, campaign.closed_at = Phase.CLOSED, timezone.now()
    campaign.save(update_fields=["phase", "closed_at"])
    log_action(
        campaign,
        "campaigns.campaign.close",
        by=by,
        data={"honours": [h.pk for h in honours], "document_number": document_number},
    )
    return honours
