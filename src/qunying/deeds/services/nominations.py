"""Public nomination writes: a citizen's submission, then staff triage (link to an officer, turn into a proposed
deed, or reject with a reason)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.deeds.enums import DeedSource, HazardLevel, NominationStatus
from qunying.deeds.models import NOMINATION_TRANSITIONS, Deed, PublicNomination
from qunying.deeds.rules import policy
from qunying.deeds.services.common import clean_text
from qunying.deeds.services.deeds import REASON_MAX, Participant, create_deed
from qunying.deeds.text import strip_html
from qunying.org.models import Person, Unit

STORY_MAX = 5_000
STORY_MIN = 10
SHORT_FIELD_MAX = {"officer_text": 100, "unit_text": 100, "place": 200, "contact_name": 50, "contact_phone": 20}


def check_submission(fields: dict) -> tuple[dict, dict[str, list[str]]]:
    """Cleaned values (HTML stripped, trimmed) and the problems with them; shared by the public form and the service."""
    cleaned = dict(fields)
    errors: dict[str, list[str]] = {}
    for name in ("officer_text", "unit_text", "place", "contact_name", "story"):
        cleaned[name] = strip_html(fields.get(name))
    cleaned["contact_phone"] = "".join(ch for ch in fields.get("contact_phone") or "" if ch.isdigit())
    for name, limit in SHORT_FIELD_MAX.items():
        if len(cleaned[name]) > limit:
            errors[name] = [_("At most %(n)d characters, please.") % {"n": limit}]
    if not cleaned["officer_text"]:
        errors["officer_text"] = [_("Please tell us the officer's name or badge number, as far as you know it.")]
    story = cleaned["story"]
    if len(story) > STORY_MAX:
        errors["story"] = [_("The story may be at most %(n)d characters.") % {"n": STORY_MAX}]
    elif len(story) < STORY_MIN:
        errors["story"] = [
            _("Please tell the story in at least %(n)d characters (web page code is removed).") % {"n": STORY_MIN}
        ]
    phone = cleaned["contact_phone"]
    if phone and not 7 <= len(phone) <= 15:
        errors["contact_phone"] = [_("Please enter a valid phone number.")]
    occurred_on = fields.get("occurred_on")
    if occurred_on is not None and occurred_on > timezone.localdate():
        errors["occurred_on"] = [_("The date cannot be in the future.")]
    return cleaned, errors


@transaction.atomic
def submit_public_nomination(
    *,
    officer_text: str,
    story: str,
    unit_text: str = "",
    unit: Unit | None = None,
    place: str = "",
    occurred_on: datetime.date | None = None,
    contact_name: str = "",
    contact_phone: str = "",
) -> PublicNomination:
    """A citizen's story (no actor: the public). Rate limits are the public page's business (deeds.throttle)."""
    cleaned, errors = check_submission(
        {
            "officer_text": officer_text,
            "story": story,
            "unit_text": unit_text,
            "place": place,
            "occurred_on": occurred_on,
            "contact_name": contact_name,
            "contact_phone": contact_phone,
        }
    )
    if errors:
        raise ValidationError(errors)
    repeat_of = earlier_identical(cleaned)
    nomination = PublicNomination.objects.create(unit=unit, repeat_of=repeat_of, **cleaned)
    # The contact stays out of the audit log: it is personal data the log must not copy.
    log_action(
        nomination,
        "deeds.public_nomination.submitted",
        by=None,
        data={
            "unit": unit and unit.pk,
            "has_contact": bool(cleaned["contact_name"] or cleaned["contact_phone"]),
            "repeat_of": repeat_of and repeat_of.pk,
        },
    )
    return nomination


def earlier_identical(cleaned: dict) -> PublicNomination | None:
    """The first nomination with the same officer and story from the same phone (found by its blind index), or None;
    without a phone there is no telling who sent it."""
    if not cleaned["contact_phone"]:
        return None
    index = PublicNomination._meta.get_field("contact_phone_index").index_of(cleaned["contact_phone"])
    return (
        PublicNomination.objects.filter(
            contact_phone_index=index, officer_text=cleaned["officer_text"], story=cleaned["story"]
        )
        .order_by("created_at", "id")
        .first()
    )


def _mark_handled(nomination: PublicNomination, status: str, *, by) -> None:
    transition(nomination, status, NOMINATION_TRANSITIONS, message=_("This nomination has already been handled."))
    nomination.triaged_by = by if by is not None and by.is_authenticated else None
    nomination.triaged_at = timezone.now()


@transaction.atomic
def triage_nomination(nomination: PublicNomination, *, by) -> PublicNomination:
    """Mark that someone has read it and is following it up."""
    policy.require(by, "mark_nomination_triaged", nomination)
    _mark_handled(nomination, NominationStatus.TRIAGED, by=by)
    nomination.save(update_fields=["status", "triaged_by", "triaged_at"])
    log_action(nomination, "deeds.public_nomination.triaged", by=by)
    return nomination


@transaction.atomic
def link_nomination(nomination: PublicNomination, *, person: Person, by) -> PublicNomination:
    """The officer the citizen meant; the nomination then belongs to that officer's unit."""
    policy.require(by, "link_nomination", nomination)
    if by is not None and not by.is_superuser and not by.has_perm("org.view_person", person):
        raise PermissionDenied(_("This officer lies outside your units."))
    _mark_handled(nomination, NominationStatus.LINKED, by=by)
    nomination.person, nomination.unit = person, person.unit
    nomination.save(update_fields=["status", "triaged_by", "triaged_at", "person", "unit"])
    log_action(nomination, "deeds.public_nomination.linked", by=by, data={"person": person.pk})
    return nomination


@transaction.atomic
def reject_nomination(nomination: PublicNomination, *, reason: str, by) -> PublicNomination:
    policy.require(by, "reject_nomination", nomination)
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for rejecting it.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("The reason may be at most %(n)d characters.") % {"n": REASON_MAX}})
    _mark_handled(nomination, NominationStatus.REJECTED, by=by)
    nomination.rejection_reason = reason
    nomination.save(update_fields=["status", "triaged_by", "triaged_at", "rejection_reason"])
    log_action(nomination, "deeds.public_nomination.rejected", by=by, data={"reason": reason})
    return nomination


@transaction.atomic
def convert_nomination_to_deed(nomination: PublicNomination, *, title: str, hazard: str = HazardLevel.NONE, by) -> Deed:
    """A linked nomination becomes a proposed deed of its officer (source: public), linked back to it."""
    policy.require(by, "convert_nomination", nomination)
    details = [part for part in (nomination.place, nomination.unit_text) if part]
    narrative = nomination.story + (f"\n（{'，'.join(details)}）" if details else "")
    deed = create_deed(
        title=title,
        participants=[Participant(person=nomination.person)],
        date=nomination.occurred_on or timezone.localtime(nomination.created_at).date(),
        narrative=narrative,
        hazard=hazard,
        source=DeedSource.PUBLIC,
        by=by,
    )
    nomination.deed = deed
    nomination.save(update_fields=["deed"])
    log_action(nomination, "deeds.public_nomination.converted", by=by, data={"deed": deed.pk})
    return deed
