"""Decision writes: proposed and approved winners, the 公示 and its objections, closing with honours."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.accounts.enums import Role
from qunying.campaigns.enums import (
    OBJECTION_TRANSITIONS,
    NominationStatus,
    ObjectionStatus,
    Phase,
)
from qunying.campaigns.models import (
    Campaign,
    Nomination,
    Objection,
)
from qunying.campaigns.services.common import ACTIVE_NOMINATIONS, _move, _require  # noqa: F401
from qunying.campaigns.services.phases import advance_phase
from qunying.core.services import log_action


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
    selected, and the results are released to nominees and units. An honour already entered from the same published
    document (same person, award, issuer and document number) is linked rather than recorded twice. Returns the
    honours."""
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
    # Results go to the nominees and their units in the same step (and the same transaction) as the closing.
    from qunying.campaigns.services.release import release_results

    release_results(campaign=campaign, by=by)
    return honours
