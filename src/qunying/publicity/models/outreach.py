"""Story photos, media placements, outreach events and the quarterly publicity plan."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.core.models import BaseModel
from qunying.publicity.enums import Channel, OutreachKind, PlanItemKind, PlanItemStatus
from qunying.publicity.models.stories import Story


def story_photo_path(photo, filename: str) -> str:
    # The stored name never carries the uploader's file name; the extension follows the verified content.
    return f"publicity/photos/{uuid.uuid4().hex}.{photo.file_type}"


class StoryPhoto(BaseModel):
    """A photo of a story, re-encoded without EXIF before storage. Served through the story's scope (staff) or
    while the story is public (honour board), never as public media."""

    story = models.ForeignKey(
        Story, verbose_name=pgettext_lazy("publicity", "Story"), on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("File"), upload_to=story_photo_path)
    file_type = models.CharField(_("File type"), max_length=10)
    size = models.PositiveIntegerField(_("Size (bytes)"))
    width = models.PositiveIntegerField(_("Width"))
    height = models.PositiveIntegerField(_("Height"))
    caption = models.CharField(_("Caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Story photo")
        verbose_name_plural = _("Story photos")
        ordering = ["story", "id"]

    def __str__(self):
        return self.caption or f"{self.story} · {self.pk}"


class MediaPlacement(BaseModel):
    """A story or exemplar placed with an outside outlet (TV, newspaper, web, radio, new media). The link is kept
    as text to open, never loaded by the app."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+")
    outlet = models.CharField(_("Outlet"), max_length=100)
    channel = models.CharField(_("Channel"), max_length=20, choices=Channel.choices)
    date = models.DateField(_("Date"))
    title = models.CharField(_("Title"), max_length=200)
    url = models.URLField(_("Link"), max_length=500, blank=True)
    reach = models.PositiveIntegerField(
        _("Reach"), null=True, blank=True, help_text=_("Readers, viewers or listeners.")
    )
    story = models.ForeignKey(
        Story,
        verbose_name=pgettext_lazy("publicity", "Story"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    people = models.ManyToManyField("org.Person", verbose_name=_("People covered"), blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Media placement")
        verbose_name_plural = _("Media placements")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.outlet} · {self.title}"


class OutreachEvent(BaseModel):
    """演讲, 微党课 or 警营故事会 with exemplars as speakers."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("Kind"), max_length=20, choices=OutreachKind.choices)
    title = models.CharField(_("Title"), max_length=200)
    date = models.DateField(_("Date"))
    place = models.CharField(pgettext_lazy("publicity", "Place"), max_length=200)
    speakers = models.ManyToManyField("org.Person", verbose_name=_("Speakers"), related_name="+")
    audience = models.CharField(_("Audience"), max_length=200, blank=True)
    audience_count = models.PositiveIntegerField(_("Audience size"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Outreach event")
        verbose_name_plural = _("Outreach events")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.title}"


class PublicityPlan(BaseModel):
    """A unit's publicity plan for one quarter."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("Year"))
    quarter = models.PositiveSmallIntegerField(_("Quarter"), choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)])

    class Meta:
        verbose_name = _("Publicity plan")
        verbose_name_plural = _("Publicity plans")
        ordering = ["-year", "-quarter", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "quarter"], name="publicity_plan_once_per_quarter")
        ]

    def __str__(self):
        return f"{self.unit} {self.year}Q{self.quarter}"


class PlanItem(BaseModel):
    """A planned placement, event or story, with owner and due date; matched to the record when it happens."""

    plan = models.ForeignKey(PublicityPlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("Kind"), max_length=20, choices=PlanItemKind.choices)
    title = models.CharField(_("Title"), max_length=200)
    owner = models.CharField(_("Owner"), max_length=50)
    due_on = models.DateField(_("Due date"))
    placement = models.OneToOneField(
        MediaPlacement, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_item"
    )
    event = models.OneToOneField(
        OutreachEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_item"
    )
    story = models.OneToOneField(Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_item")

    class Meta:
        verbose_name = _("Plan item")
        verbose_name_plural = _("Plan items")
        ordering = ["due_on", "id"]

    def __str__(self):
        return f"{self.plan} · {self.title}"

    @property
    def matched(self):
        return self.placement or self.event or self.story

    def status_on(self, today) -> str:
        if self.placement_id or self.event_id or self.story_id:
            return PlanItemStatus.DONE
        return PlanItemStatus.SLIPPED if self.due_on < today else PlanItemStatus.PENDING
