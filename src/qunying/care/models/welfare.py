"""Care records about people: award delivery, health events, welfare visits, assistance cases, the medical green
channel and the person's consent. Health and family details are EncryptedTextField (PIPL art. 28 sensitive data)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.care.enums import (
    AssistanceKind,
    CaseStatus,
    ConsentStatus,
    DeliveryMethod,
    HealthEventKind,
    ReferralStatus,
    VisitReason,
    VisitStatus,
)
from qunying.core.fields import EncryptedTextField
from qunying.core.files import stored_name
from qunying.core.images import STORED_IMAGE_EXTENSIONS
from qunying.core.models import BaseModel


def delivery_photo_path(delivery, filename: str) -> str:
    # The service hands over `image.<real format>`; any other name is stored as opaque bytes, never as its own type.
    return stored_name("care/deliveries", filename, STORED_IMAGE_EXTENSIONS)


class AwardDelivery(BaseModel):
    """How an honour reached its holder: 送奖到岗 at the post or 集中受奖 at a ceremony, when, by whom, a photo."""

    honour = models.OneToOneField(
        "honours.Honour", verbose_name=_("Honour"), on_delete=models.PROTECT, related_name="delivery"
    )
    method = models.CharField(_("Delivery"), max_length=10, choices=DeliveryMethod.choices)
    delivered_on = models.DateField(_("Delivered on"))
    delivered_by = models.CharField(_("Delivered by"), max_length=100)
    photo = models.ImageField(_("Photo"), upload_to=delivery_photo_path, blank=True)
    note = models.CharField(_("Note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Award delivery")
        verbose_name_plural = _("Award deliveries")
        ordering = ["-delivered_on", "-pk"]

    def __str__(self):
        return f"{self.honour} · {self.get_method_display()}"


class HealthEvent(BaseModel):
    """A hospitalisation or injury on duty recorded by a care officer; recording it schedules a welfare visit."""

    person = models.ForeignKey("org.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("Kind"), max_length=20, choices=HealthEventKind.choices)
    occurred_on = models.DateField(_("Date"))
    details = EncryptedTextField(_("Health details"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Hospitalisation or injury")
        verbose_name_plural = _("Hospitalisations and injuries")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self):
        return f"{self.person.name} · {self.get_kind_display()}"


class WelfareVisit(BaseModel):
    """A welfare visit (慰问): planned with a due date, then done (with visitors and notes) or cancelled."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="welfare_visits"
    )
    reason = models.CharField(_("Reason"), max_length=20, choices=VisitReason.choices)
    status = models.CharField(_("Status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.PLANNED)
    due_on = models.DateField(_("Visit by"))
    visited_on = models.DateField(_("Visited on"), null=True, blank=True)
    visitors = models.CharField(_("Visitors"), max_length=200, blank=True)
    details = EncryptedTextField(_("Health and family details"), blank=True)
    health_event = models.ForeignKey(
        HealthEvent,
        verbose_name=_("Health event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Welfare visit")
        verbose_name_plural = _("Welfare visits")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.person.name} · {self.get_reason_display()}"


class AssistanceCase(BaseModel):
    """Help with a family difficulty (employment of a spouse, schooling of a child): steps, outcome, monthly review."""

    person = models.ForeignKey("org.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("Difficulty"), max_length=20, choices=AssistanceKind.choices)
    description = EncryptedTextField(_("Family situation"))
    status = models.CharField(_("Status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    outcome = EncryptedTextField(_("Outcome"), blank=True)
    opened_on = models.DateField(_("Opened on"))
    next_review_on = models.DateField(_("Next review"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Assistance case")
        verbose_name_plural = _("Assistance cases")
        ordering = ["next_review_on", "pk"]

    def __str__(self):
        return f"{self.person.name} · {self.get_kind_display()}"


class AssistanceStep(BaseModel):
    """A step taken in a case (or its monthly review), in order."""

    case = models.ForeignKey(AssistanceCase, verbose_name=_("Case"), on_delete=models.CASCADE, related_name="steps")
    taken_on = models.DateField(_("Date"))
    description = EncryptedTextField(_("Step taken"))
    is_review = models.BooleanField(_("Monthly review"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Assistance step")
        verbose_name_plural = _("Assistance steps")
        ordering = ["taken_on", "pk"]


class PartnerHospital(BaseModel):
    """A hospital of the medical green channel, with the response time it agreed to."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    address = models.CharField(_("Address"), max_length=200, blank=True)
    contact = models.CharField(_("Contact desk"), max_length=100, blank=True)
    response_hours = models.PositiveIntegerField(_("Response target (hours)"), default=24)
    active = models.BooleanField(_("In use"), default=True)

    class Meta:
        verbose_name = _("Partner hospital")
        verbose_name_plural = _("Partner hospitals")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MedicalReferral(BaseModel):
    """A green-channel referral for an exemplar or a family member: purpose, hospital, date, response, outcome.
    Overdue while requested past the hospital's response target."""

    person = models.ForeignKey("org.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="+")
    for_family = models.BooleanField(_("For a family member"), default=False)
    family_member = EncryptedTextField(_("Family member"), blank=True)
    purpose = EncryptedTextField(_("Purpose"))
    hospital = models.ForeignKey(
        PartnerHospital, verbose_name=_("Hospital"), on_delete=models.PROTECT, related_name="referrals"
    )
    requested_at = models.DateTimeField(_("Requested at"))
    due_at = models.DateTimeField(_("Response due"))
    status = models.CharField(
        _("Status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.REQUESTED
    )
    responded_at = models.DateTimeField(_("Responded at"), null=True, blank=True)
    appointment_on = models.DateField(_("Appointment date"), null=True, blank=True)
    outcome = EncryptedTextField(_("Outcome"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Medical referral")
        verbose_name_plural = _("Medical referrals")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.person.name} · {self.hospital.name}"

    @property
    def is_overdue(self) -> bool:
        """Still waiting for the hospital's answer past its response target."""
        return self.status == ReferralStatus.REQUESTED and self.due_at < timezone.now()


class CareConsent(BaseModel):
    """The person's consent to the processing of their health and family data for care (PIPL art. 29)."""

    person = models.OneToOneField("org.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("Consent"), max_length=10, choices=ConsentStatus.choices)
    recorded_on = models.DateField(_("Recorded on"))
    note = models.CharField(_("Note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("Care consent")
        verbose_name_plural = _("Care consents")

    def __str__(self):
        return f"{self.person.name} · {self.get_status_display()}"
