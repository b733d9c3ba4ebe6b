"""Medical green channel writes: partner hospitals and referrals with a response-time target."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.care.enums import REFERRAL_TRANSITIONS, ReferralStatus
from qunying.care.models import MedicalReferral, PartnerHospital
from qunying.care.rules import policy
from qunying.core.services import log_action
from qunying.core.workflow import transition

HOSPITAL_FIELDS = ("name", "address", "contact", "response_hours", "active")


@transaction.atomic
def save_hospital(hospital: PartnerHospital | None = None, *, by, **fields) -> PartnerHospital:
    policy.require(by, "manage_care")
    created = hospital is None
    hospital = hospital or PartnerHospital()
    for name, value in fields.items():
        if name not in HOSPITAL_FIELDS:
            raise TypeError(name)
        setattr(hospital, name, value.strip() if isinstance(value, str) else value)
    errors = {}
    if not hospital.name:
        errors["name"] = _("Name the hospital.")
    elif PartnerHospital.objects.filter(name=hospital.name).exclude(pk=hospital.pk).exists():
        errors["name"] = _("This hospital is already a partner.")
    if not hospital.response_hours or hospital.response_hours < 1:
        errors["response_hours"] = _("The response target is at least one hour.")
    if errors:
        raise ValidationError(errors)
    hospital.save()
    log_action(
        hospital,
        "care.hospital.created" if created else "care.hospital.changed",
        by=by,
        data={name: str(getattr(hospital, name)) for name in HOSPITAL_FIELDS},
    )
    return hospital


@transaction.atomic
def request_referral(*, person, hospital, purpose: str, for_family: bool = False, family_member: str = "", by):
    """A referral through the green channel; the response is due within the hospital's target."""
    policy.require(by, "request_referral", person)
    errors = {}
    if not hospital.active:
        errors["hospital"] = _("This hospital is no longer a partner.")
    if not (purpose or "").strip():
        errors["purpose"] = _("Describe the purpose of the referral.")
    if for_family and not (family_member or "").strip():
        errors["family_member"] = _("Name the family member and their relation.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    referral = MedicalReferral.objects.create(
        person=person,
        hospital=hospital,
        purpose=purpose.strip(),
        for_family=for_family,
        family_member=(family_member or "").strip() if for_family else "",
        requested_at=now,
        due_at=now + datetime.timedelta(hours=hospital.response_hours),
        recorded_by=by,
    )
    log_action(referral, "care.referral.requested", by=by, data={"hospital": hospital.pk, "for_family": for_family})
    return referral


def _locked(referral):
    return MedicalReferral.objects.select_for_update(of=("self",)).select_related("person__unit").get(pk=referral.pk)


@transaction.atomic
def arrange_referral(referral: MedicalReferral, *, appointment_on: datetime.date, by) -> MedicalReferral:
    """The hospital answered: record the appointment date (the response time is now)."""
    referral = _locked(referral)
    policy.require(by, "arrange_referral", referral)
    if appointment_on < timezone.localdate():
        raise ValidationError({"appointment_on": _("The appointment cannot be in the past.")})
    transition(referral, ReferralStatus.ARRANGED, REFERRAL_TRANSITIONS)
    referral.responded_at, referral.appointment_on = timezone.now(), appointment_on
    referral.save(update_fields=["status", "responded_at", "appointment_on"])
    log_action(referral, "care.referral.arranged", by=by, data={"appointment_on": appointment_on})
    return referral


@transaction.atomic
def close_referral(referral: MedicalReferral, *, completed: bool, outcome: str, by) -> MedicalReferral:
    referral = _locked(referral)
    policy.require(by, "close_referral", referral)
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Record the outcome.")})
    transition(
        referral,
        ReferralStatus.COMPLETED if completed else ReferralStatus.CANCELLED,
        REFERRAL_TRANSITIONS,
        message=_("Record the appointment before completing the referral."),
    )
    referral.outcome = outcome.strip()
    fields = ["status", "outcome"]
    if referral.responded_at is None:
        referral.responded_at = timezone.now()
        fields.append("responded_at")
    referral.save(update_fields=fields)
    log_action(referral, "care.referral.closed", by=by, data={"status": referral.status})
    return referral
