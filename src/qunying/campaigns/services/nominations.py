"""Nomination writes: eligibility, nominating within quota, withdrawal, discipline holds."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunying.campaigns.enums import NOMINATION_TRANSITIONS, NominationStatus
from qunying.campaigns.models import Campaign, DisciplineHold, Nomination
from qunying.campaigns.rules import policy
from qunying.campaigns.services.common import ACTIVE_NOMINATIONS, NOMINATION_STEP_REFUSED
from qunying.campaigns.services.evidence import link_rating
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.honours.models import Honour
from qunying.honours.queries import honourable_deeds
from qunying.honours.services.honours import shift_years


def eligibility_problems(*, campaign: Campaign, person, deeds=()) -> list[str]:
    """Why `person` cannot be nominated in `campaign` (empty: eligible)."""
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
    *,
    campaign: Campaign,
    person,
    statement: str,
    deeds=(),
    honours=(),
    reserve_entry=None,
    suggestion=None,
    rating_period: tuple[int, int | None] | None = None,
    by,
) -> Nomination:
    """A unit manager nominates a person of their subtree within the unit's and the period's quota, optionally from
    the person's exemplar-reserve entry or discovery suggestion (kept as the nomination's source), optionally with
    their citizen-rating score for a (year, month or None) period as evidence."""
    policy.require(by, "nominate", campaign)
    policy.require(by, "nominate_person", person)
    statement = (statement or "").strip()
    deeds, honours = list(deeds), list(honours)
    errors = []
    if not statement:
        errors.append(_("Please write the statement."))
    errors += eligibility_problems(campaign=campaign, person=person, deeds=deeds)
    if deeds and honourable_deeds(person=person).filter(pk__in=[d.pk for d in deeds]).count() != len(set(deeds)):
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
    if rating_period is not None:
        link_rating(nomination=nomination, year=rating_period[0], month=rating_period[1], by=by)
    return nomination


@transaction.atomic
def withdraw_nomination(*, nomination: Nomination, by) -> Nomination:
    policy.require(by, "change_nomination", nomination)
    fields = transition(nomination, NominationStatus.WITHDRAWN, NOMINATION_TRANSITIONS, message=NOMINATION_STEP_REFUSED)
    nomination.save(update_fields=fields)
    log_action(nomination, "campaigns.nomination.withdraw", by=by)
    return nomination


@transaction.atomic
def place_hold(*, person, reason: str, active: bool = True, by) -> DisciplineHold:
    policy.require(by, "manage_holds", person)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give the reason."))
    hold = DisciplineHold.objects.create(person=person, reason=reason, active=active)
    log_action(hold, "campaigns.hold.place", by=by, data={"person": person.pk})
    return hold
