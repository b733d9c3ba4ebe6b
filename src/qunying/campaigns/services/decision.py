"""Decision writes: proposed and approved winners, the 公示 and its objections, closing with honours."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.campaigns.enums import (
    NOMINATION_TRANSITIONS,
    OBJECTION_TRANSITIONS,
    PHASE_TRANSITIONS,
    NominationStatus,
    ObjectionStatus,
    Phase,
)
from qunying.campaigns.models import Campaign, Nomination, Objection
from qunying.campaigns.queries import campaign_results
from qunying.campaigns.rules import phase_has, policy
from qunying.campaigns.services.common import NOMINATION_STEP_REFUSED
from qunying.campaigns.services.phases import advance_phase
from qunying.campaigns.services.release import release_results
from qunying.core.policy import matches
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.honours.enums import ApprovalBasis
from qunying.honours.models import Honour
from qunying.honours.services import record_honour


@transaction.atomic
def propose_winners(*, campaign: Campaign, winners, reasons: dict | None = None, by) -> list[Nomination]:
    """The political department proposes winners; choosing anyone outside the top of the ranking needs a reason."""
    policy.require(by, "propose_winners", campaign)
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
        if nomination.status == NominationStatus.PROPOSED:  # proposed again from scratch
            transition(nomination, NominationStatus.NOMINATED, NOMINATION_TRANSITIONS)
        if nomination.pk in {w.pk for w in winners}:
            transition(nomination, NominationStatus.PROPOSED, NOMINATION_TRANSITIONS, message=NOMINATION_STEP_REFUSED)
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
    policy.require(by, "approve_winners", campaign)
    proposed = list(campaign.nominations.filter(status=NominationStatus.PROPOSED))
    if not proposed:
        raise ValidationError(approval_problems(campaign))
    for nomination in proposed:
        transition(nomination, NominationStatus.APPROVED, NOMINATION_TRANSITIONS, message=NOMINATION_STEP_REFUSED)
        nomination.save(update_fields=["status"])
    campaign.approved_by, campaign.approved_at = by, decided_at(today or timezone.localdate())
    campaign.save(update_fields=["approved_by", "approved_at"])
    log_action(campaign, "campaigns.winners.approve", by=by, data={"winners": [n.pk for n in proposed]})
    return advance_phase(campaign=campaign, to=Phase.NOTICE, by=None, today=today)


@transaction.atomic
def raise_objection(*, nomination: Nomination, name: str, contact: str, text: str, by=None) -> Objection:
    """Anyone raises an objection to a winner during the public notice, under their real name."""
    name, contact, text = (name or "").strip(), (contact or "").strip(), (text or "").strip()
    nomination = Nomination.objects.select_related("campaign", "person").get(pk=nomination.pk)
    errors = []
    if not matches(nomination.campaign, phase_has("objections_open")):
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
    objection = Objection.objects.select_for_update().select_related("nomination", "campaign").get(pk=objection.pk)
    policy.require(by, "resolve_objection", objection)
    finding = (finding or "").strip()
    if not finding:
        raise ValidationError(_("Please record the finding of the investigation."))
    to = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    fields = transition(objection, to, OBJECTION_TRANSITIONS, message=_("This objection is already resolved."))
    objection.finding, objection.resolved_at = finding, timezone.now()
    objection.assigned_to = objection.assigned_to or by
    objection.save(update_fields=[*fields, "finding", "resolved_at", "assigned_to"])
    if upheld:
        nomination = objection.nomination
        if nomination.status == NominationStatus.APPROVED:
            transition(nomination, NominationStatus.REMOVED, NOMINATION_TRANSITIONS, message=NOMINATION_STEP_REFUSED)
            nomination.save(update_fields=["status"])
    log_action(objection, "campaigns.objection.resolve", by=by, data={"upheld": upheld, "finding": finding})
    return objection


def closing_problems(campaign: Campaign, *, today: datetime.date | None = None) -> list[str]:
    """Why the campaign cannot close today (empty: it can): the page shows these beside a disabled button."""
    today = today or timezone.localdate()
    errors = []
    if campaign.notice_ends and today <= campaign.notice_ends:
        errors.append(_("The public notice runs until %(date)s.") % {"date": f"{campaign.notice_ends:%Y-%m-%d}"})
    if campaign.objections.filter(status=ObjectionStatus.OPEN).exists():
        errors.append(_("An objection is still open."))
    if campaign.campaign_type.issuer_id is None:
        errors.append(_("The campaign type names no issuer for the honour."))
    return errors


def approval_problems(campaign: Campaign) -> list[str]:
    """Why the winners cannot be approved now (empty: they can)."""
    if not campaign.nominations.filter(status=NominationStatus.PROPOSED).exists():
        return [_("No winners are proposed yet.")]
    return []


@transaction.atomic
def close_campaign(*, campaign: Campaign, by, today: datetime.date | None = None, document_number: str = "") -> list:
    """Close after the notice: refused while an objection is open or before the notice ends; the remaining winners
    receive the type's honour (through honours.record_honour, its authority rules applying), the rest are not
    selected, and the results are released to nominees and units. An honour already entered from the same published
    document (same person, award, issuer and document number) is linked rather than recorded twice. Returns the
    honours."""
    campaign = Campaign.objects.select_for_update().select_related("campaign_type").get(pk=campaign.pk)
    policy.require(by, "close", campaign)
    today = today or timezone.localdate()
    errors = closing_problems(campaign, today=today)
    if errors:
        raise ValidationError(errors)
    issuer = campaign.campaign_type.issuer
    honours, linked = [], []
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
            if honour is not None:
                linked.append(honour)
            honour = honour or record_honour(
                person=nomination.person,
                award_type=campaign.campaign_type.award_type,
                issuer=issuer,
                awarded_on=min(today, timezone.localdate()),
                reason=f"评为{campaign.title.removesuffix('评选')}。",
                deeds=list(nomination.deeds.all()),
                document_number=document_number,
                by=by,
                # The decision is the approval: the winners' approver, else whoever closes (never the recipient).
                approval=ApprovalBasis.DECISION,
                approved_by=_decision_approver(campaign, nomination.person, by),
            )
            transition(nomination, NominationStatus.AWARDED, NOMINATION_TRANSITIONS, message=NOMINATION_STEP_REFUSED)
            nomination.honour = honour
            nomination.save(update_fields=["status", "honour"])
            honours.append(honour)
        elif nomination.status == NominationStatus.NOMINATED:
            transition(
                nomination, NominationStatus.NOT_SELECTED, NOMINATION_TRANSITIONS, message=NOMINATION_STEP_REFUSED
            )
            nomination.save(update_fields=["status"])
    fields = transition(campaign, Phase.CLOSED, PHASE_TRANSITIONS, field="phase")
    # The published document is the decision: honours already entered from it carry its day, and so does the close.
    campaign.closed_at = decided_at(max((honour.awarded_on for honour in linked), default=today))
    campaign.save(update_fields=[*fields, "closed_at"])
    log_action(
        campaign,
        "campaigns.campaign.close",
        by=by,
        data={"honours": [h.pk for h in honours], "document_number": document_number},
    )
    # Results go to the nominees and their units in the same step (and the same transaction) as the closing.
    release_results(campaign=campaign, by=by, at=campaign.closed_at)
    return honours


def _decision_approver(campaign: Campaign, person, by):
    if campaign.approved_by_id is not None and campaign.approved_by_id != person.user_id:
        return campaign.approved_by
    return by


def decided_at(day: datetime.date) -> datetime.datetime:
    """When a decision taken on `day` was taken: now when that is today, else that day's office hours (a campaign
    closed for an earlier day carries that day, like the honours it confers)."""
    if day >= timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
