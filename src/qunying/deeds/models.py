"""Discovery ledger models: duty events with rosters, deeds with evidence, forums with feedback, public nominations."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.core.fields import BlindIndexField, EncryptedTextField, normalise_digits
from qunying.core.models import BaseModel
from qunying.deeds.enums import (
    STATUS_BADGES,
    DeedSource,
    DeedStatus,
    DutyEventKind,
    EvidenceType,
    HazardLevel,
    NominationStatus,
)
from qunying.org.idcard import mask_phone
from qunying.org.models import Person, Unit


class DutyEvent(BaseModel):
    """执勤任务: an epidemic checkpoint, a flood, a major security event … with the roster of who served."""

    kind = models.CharField(pgettext_lazy("deeds", "Kind"), max_length=30, choices=DutyEventKind.choices)
    name = models.CharField(_("Name"), max_length=100)
    starts_on = models.DateField(_("Start date"))
    ends_on = models.DateField(_("End date"))
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("Organising unit"),
        on_delete=models.PROTECT,
        related_name="organised_duty_events",
        help_text=_("Its managers keep the event, its roster and the deeds entered from it."),
    )
    units = models.ManyToManyField(Unit, verbose_name=_("Participating units"), related_name="duty_events")
    description = models.TextField(_("Description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("deeds", "Created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Duty event")
        verbose_name_plural = _("Duty events")
        ordering = ["-starts_on", "-id"]

    def __str__(self):
        return self.name


class RosterEntry(BaseModel):
    """One person on an event's roster: their role (带班、执勤 …), post and hours served."""

    event = models.ForeignKey(DutyEvent, verbose_name=_("Duty event"), on_delete=models.CASCADE, related_name="roster")
    person = models.ForeignKey(Person, verbose_name=_("Person"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(pgettext_lazy("duty", "Role"), max_length=50, blank=True)
    post = models.CharField(_("Post"), max_length=100, blank=True)
    hours = models.DecimalField(_("Hours"), max_digits=7, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("Roster entry")
        verbose_name_plural = _("Roster entries")
        ordering = ["event", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="deeds_roster_person_once")]

    def __str__(self):
        return f"{self.event} · {self.person}"


# Which status may follow which: a proposed deed is verified or rejected once; a decision is final.
DEED_TRANSITIONS = {
    DeedStatus.PROPOSED: {DeedStatus.VERIFIED, DeedStatus.REJECTED},
    DeedStatus.VERIFIED: set(),
    DeedStatus.REJECTED: set(),
}


class Deed(BaseModel):
    """事迹: what one or more people did, on a date, with its hazard and where the account came from."""

    title = models.CharField(pgettext_lazy("deeds", "Title"), max_length=100)
    people = models.ManyToManyField(
        Person, verbose_name=_("People"), through="DeedPerson", related_name="deeds", through_fields=("deed", "person")
    )
    event = models.ForeignKey(
        DutyEvent,
        verbose_name=_("Duty event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deeds",
    )
    date = models.DateField(_("Date"))
    narrative = models.TextField(_("Narrative"))
    hazard = models.CharField(_("Hazard"), max_length=10, choices=HazardLevel.choices, default=HazardLevel.NONE)
    source = models.CharField(
        pgettext_lazy("deeds", "Source"), max_length=20, choices=DeedSource.choices, default=DeedSource.SUPERVISOR
    )
    status = models.CharField(_("Status"), max_length=20, choices=DeedStatus.choices, default=DeedStatus.PROPOSED)
    rejection_reason = models.CharField(_("Reason for rejection"), max_length=500, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    # The first person's unit when the deed was recorded: whose managers verify it, and where it is counted.
    unit = models.ForeignKey(Unit, verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="deeds")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Deed")
        verbose_name_plural = _("Deeds")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["status", "date"]),
            models.Index(fields=["unit", "date"]),
            models.Index(fields=["date", "id"]),  # the list's order, a page at a time
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == DeedStatus.PROPOSED

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "warning")


class DeedPerson(models.Model):
    """One person's part in a deed: their role and hours (mass entry gives each their own)."""

    deed = models.ForeignKey(Deed, verbose_name=_("Deed"), on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, verbose_name=_("Person"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(pgettext_lazy("duty", "Role"), max_length=50, blank=True)
    hours = models.DecimalField(_("Hours"), max_digits=7, decimal_places=1, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Person in a deed")
        verbose_name_plural = _("People in deeds")
        ordering = ["deed", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["deed", "person"], name="deeds_deed_person_once")]

    def __str__(self):
        return f"{self.deed} · {self.person}"


def evidence_path(evidence, filename: str) -> str:
    # The stored name never carries the uploader's file name; the type comes from the content, not the name.
    return f"deeds/evidence/{uuid.uuid4().hex}.{evidence.file_type}"


class DeedEvidence(BaseModel):
    """An attachment backing a deed. Served only through the deed's scope, never as public media."""

    deed = models.ForeignKey(Deed, verbose_name=_("Deed"), on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("File"), upload_to=evidence_path)
    file_type = models.CharField(_("File type"), max_length=10, choices=EvidenceType.choices)
    size = models.PositiveIntegerField(_("Size (bytes)"))
    original_filename = models.CharField(_("File name"), max_length=255)
    description = models.CharField(_("Description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Evidence")
        verbose_name_plural = _("Evidence")
        ordering = ["deed", "id"]

    def __str__(self):
        return self.original_filename


class Forum(BaseModel):
    """警民座谈: a meeting where citizens tell the police how they were served, and name officers."""

    date = models.DateField(_("Date"))
    place = models.CharField(pgettext_lazy("deeds", "Place"), max_length=200)
    unit = models.ForeignKey(
        Unit, verbose_name=_("Organising unit"), on_delete=models.PROTECT, related_name="organised_forums"
    )
    units = models.ManyToManyField(Unit, verbose_name=_("Participating units"), related_name="forums")
    attendees = models.PositiveIntegerField(_("Attendees"), default=0)
    notes = models.TextField(pgettext_lazy("deeds", "Notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("deeds", "Created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Police-citizen forum")
        verbose_name_plural = _("Police-citizen forums")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.place}"


class ForumFeedback(BaseModel):
    """One thing said at a forum; when it names officers it can become a proposed deed (linked back here)."""

    forum = models.ForeignKey(Forum, verbose_name=_("Forum"), on_delete=models.CASCADE, related_name="feedback")
    text = models.TextField(_("Feedback"))
    officers = models.ManyToManyField(
        Person, verbose_name=_("Officers named"), related_name="forum_mentions", blank=True
    )
    deed = models.OneToOneField(
        Deed,
        verbose_name=_("Deed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_feedback",
    )

    class Meta:
        verbose_name = _("Forum feedback")
        verbose_name_plural = _("Forum feedback")
        ordering = ["forum", "id"]

    def __str__(self):
        return self.text[:50]


# new → triaged (someone looked at it) → linked to an officer, or rejected; linking or rejecting may skip triage.
NOMINATION_TRANSITIONS = {
    NominationStatus.NEW: {NominationStatus.TRIAGED, NominationStatus.LINKED, NominationStatus.REJECTED},
    NominationStatus.TRIAGED: {NominationStatus.LINKED, NominationStatus.REJECTED},
    NominationStatus.LINKED: set(),
    NominationStatus.REJECTED: set(),
}


class PublicNomination(BaseModel):
    """社会征集: a citizen's story about an officer they met. The contact is encrypted and shown only in triage."""

    officer_text = models.CharField(_("Officer (name or badge number)"), max_length=100)
    unit_text = models.CharField(_("Unit as given"), max_length=100, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=pgettext_lazy("nomination", "Unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The unit the citizen chose; once linked, the officer's unit."),
    )
    place = models.CharField(pgettext_lazy("deeds", "Place"), max_length=200, blank=True)
    occurred_on = models.DateField(_("Date"), null=True, blank=True)
    story = models.TextField(_("Story"))
    contact_name = EncryptedTextField(_("Contact name"), blank=True)
    contact_phone = EncryptedTextField(_("Contact phone"), blank=True)
    contact_phone_index = BlindIndexField(source="contact_phone", normalise=normalise_digits)
    status = models.CharField(
        _("Status"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.NEW
    )
    person = models.ForeignKey(
        Person,
        verbose_name=pgettext_lazy("deeds", "Officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_nominations",
    )
    deed = models.OneToOneField(
        Deed,
        verbose_name=_("Deed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_nomination",
    )
    rejection_reason = models.CharField(_("Reason for rejection"), max_length=500, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    triaged_at = models.DateTimeField(_("Handled at"), null=True, blank=True)
    # The same story about the same officer from the same phone, sent again: flagged for triage, never refused (the
    # citizen may not know the first arrived).
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("Repeat of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
    )

    class Meta:
        verbose_name = _("Public nomination")
        verbose_name_plural = _("Public nominations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.officer_text} · {self.created_at:%Y-%m-%d}" if self.created_at else self.officer_text

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "warning")

    @property
    def reference(self) -> str:
        """The number a citizen quotes when asking about their story: ZJ + the day + the row, e.g. ZJ20261207-00042."""
        return f"ZJ{timezone.localtime(self.created_at):%Y%m%d}-{self.pk:05d}"

    @property
    def contact_phone_masked(self) -> str:
        return mask_phone(self.contact_phone) if self.contact_phone else ""

    @property
    def contact_name_masked(self) -> str:
        name = self.contact_name or ""
        return name[:1] + "*" * (len(name) - 1) if name else ""
