"""Practice platforms and guidance: practice activities (事迹报告会 / 工作座谈 / 业务授课) with their materials, and
guidance visits (调研指导) with follow-up items."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.core.models import BaseModel
from qunying.deeds.enums import EvidenceType
from qunying.org.models import Person, Unit
from qunying.reserve.enums import ActivityKind


class PracticeActivity(BaseModel):
    """A practice activity organised by `unit` (whose scope it belongs to) featuring exemplars (`people`); `materials`
    describes the content in words, files are `ActivityMaterial` rows."""

    kind = models.CharField(_("Kind"), max_length=24, choices=ActivityKind.choices)
    title = models.CharField(pgettext_lazy("activity", "Title"), max_length=200)
    date = models.DateField(_("Date"))
    place = models.CharField(pgettext_lazy("activity", "Place"), max_length=200)
    unit = models.ForeignKey(
        Unit, verbose_name=_("Organising unit"), on_delete=models.PROTECT, related_name="practice_activities"
    )
    people = models.ManyToManyField(Person, verbose_name=_("Exemplars featured"), related_name="practice_activities")
    audience_size = models.PositiveIntegerField(_("Audience size"), default=0)
    materials = models.TextField(_("Materials"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Created by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Practice activity")
        verbose_name_plural = _("Practice activities")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date} {self.title}"


def material_path(material, filename: str) -> str:
    # The stored name never carries the uploader's file name; the type comes from the content, not the name.
    return f"reserve/materials/{uuid.uuid4().hex}.{material.file_type}"


class ActivityMaterial(BaseModel):
    """A file of an activity (slides, photos, the speech). Served only through the activity's scope."""

    activity = models.ForeignKey(
        PracticeActivity, verbose_name=_("Practice activity"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("File"), upload_to=material_path)
    file_type = models.CharField(_("File type"), max_length=10, choices=EvidenceType.choices)
    size = models.PositiveIntegerField(_("Size (bytes)"))
    original_filename = models.CharField(_("File name"), max_length=255)
    description = models.CharField(_("Description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Activity material")
        verbose_name_plural = _("Activity materials")
        ordering = ["activity", "pk"]

    def __str__(self):
        return self.original_filename


class GuidanceVisit(BaseModel):
    """调研指导: the political department visits a unit about its exemplar work; findings and follow-up items."""

    unit = models.ForeignKey(Unit, verbose_name=_("Unit visited"), on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("Date"))
    visitors = models.CharField(pgettext_lazy("guidance", "Visitors"), max_length=300)
    findings = models.TextField(_("Findings"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Created by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Guidance visit")
        verbose_name_plural = _("Guidance visits")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date} {self.unit.name}"


class FollowUp(BaseModel):
    """A follow-up item of a visit: what, who is responsible, by when; done when its completion date is set."""

    visit = models.ForeignKey(
        GuidanceVisit, verbose_name=_("Guidance visit"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    title = models.CharField(_("Follow-up item"), max_length=200)
    owner = models.CharField(_("Responsible"), max_length=100)
    due_on = models.DateField(_("Due date"))
    done_on = models.DateField(_("Completed on"), null=True, blank=True)
    done_note = models.CharField(_("Completion note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Follow-up item")
        verbose_name_plural = _("Follow-up items")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def is_overdue(self, today) -> bool:
        return self.done_on is None and self.due_on < today
