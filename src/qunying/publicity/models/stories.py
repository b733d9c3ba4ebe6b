"""Publicity models."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.core.models import BaseModel
from qunying.core.roles import Role
from qunying.publicity.enums import ArticleImportStatus, ConsentBy, ReviewDecision, StoryStatus


class ArticleImport(BaseModel):
    """One scraped article read by `qunying import-article` or the upload page: the repaired text, the damaged
    spans kept raw for a human, and the people, honours and figures proposed from it. Nothing reaches the records
    until a political officer confirms."""

    filename = models.CharField(_("File name"), max_length=255, blank=True)
    title = models.CharField(_("Title"), max_length=300)
    published_at = models.DateTimeField(_("Published at"), null=True, blank=True)
    source = models.CharField(_("Source"), max_length=100, blank=True)
    raw_text = models.TextField(_("Raw text"))
    text = models.TextField(_("Repaired text"))
    damaged_spans = models.JSONField(_("Damaged spans"), default=list, blank=True)
    extraction = models.JSONField(_("Extraction"), default=dict, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=ArticleImportStatus.choices, default=ArticleImportStatus.PROPOSED
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    batch = models.ForeignKey(
        "publicity.ArticleBatch",
        verbose_name=_("Batch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    # The bureau the article is from, when it is one of ours (given on upload, or named in the article); matching
    # people and resolving 市局-style issuers depend on it. `bureau_name` is the bureau as the article names it.
    bureau = models.ForeignKey(
        "org.Unit", verbose_name=_("Bureau"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    bureau_name = models.CharField(_("Bureau named in the article"), max_length=100, blank=True)
    # The repaired text without spaces, punctuation and damaged runs, hashed: the same article twice is recognised.
    content_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("Article import")
        verbose_name_plural = _("Article imports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title


class ArticleImportLink(BaseModel):
    """A record created on confirming an imported article, kept with its source: the person it concerns and the
    proposed deed the import created for them."""

    article = models.ForeignKey(
        ArticleImport, verbose_name=_("Article import"), on_delete=models.PROTECT, related_name="links"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=pgettext_lazy("person", "Person"), on_delete=models.PROTECT, related_name="+"
    )
    deed = models.ForeignKey(
        "deeds.Deed", verbose_name=_("Deed"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    honours = models.ManyToManyField("honours.Honour", verbose_name=_("Honours"), blank=True, related_name="+")
    created_person = models.BooleanField(_("Person created from the article"), default=False)

    class Meta:
        verbose_name = _("Article import link")
        verbose_name_plural = _("Article import links")
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="publicity_link_once_per_person")]

    def __str__(self):
        return f"{self.article} · {self.person}"


class Column(BaseModel):
    """A publicity column (栏目) of the intranet: 辅警风采, 公安群英榜, 寻找最美民警辅警 …"""

    name = models.CharField(_("Name"), max_length=50, unique=True)
    description = models.CharField(_("Description"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("Position"), default=0)
    active = models.BooleanField(_("In use"), default=True)

    class Meta:
        verbose_name = pgettext_lazy("publicity", "Column")
        verbose_name_plural = _("Columns")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class ReviewStep(BaseModel):
    """One step of story review, in order; the role named reviews at that step (configurable)."""

    position = models.PositiveSmallIntegerField(_("Position"), unique=True)
    name = models.CharField(_("Name"), max_length=50)
    role = models.CharField(_("Role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("Review step")
        verbose_name_plural = _("Review steps")
        ordering = ["position"]

    def __str__(self):
        return self.name


class Story(BaseModel):
    """A publicity story (稿件). The body is Markdown, rendered and sanitised on display, never raw HTML."""

    title = models.CharField(_("Title"), max_length=200)
    body = models.TextField(_("Body (Markdown)"))
    unit = models.ForeignKey("org.Unit", verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+")
    columns = models.ManyToManyField(Column, verbose_name=_("Columns"), blank=True, related_name="stories")
    people = models.ManyToManyField(
        "org.Person", through="StoryPerson", verbose_name=_("People featured"), related_name="+"
    )
    deeds = models.ManyToManyField("deeds.Deed", verbose_name=_("Deeds"), blank=True, related_name="+")
    honours = models.ManyToManyField("honours.Honour", verbose_name=_("Honours"), blank=True, related_name="+")
    campaigns = models.ManyToManyField(
        "campaigns.Campaign", verbose_name=_("Selection campaigns"), blank=True, related_name="+"
    )
    source_article = models.ForeignKey(
        ArticleImport, verbose_name=_("Source article"), on_delete=models.PROTECT, null=True, blank=True
    )
    status = models.CharField(_("Status"), max_length=20, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    review_step = models.ForeignKey(
        ReviewStep, verbose_name=_("Review step"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("Published at"), null=True, blank=True)
    view_count = models.PositiveIntegerField(_("Views"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = pgettext_lazy("publicity", "Story")
        verbose_name_plural = _("Stories")
        ordering = ["-published_at", "-created_at", "-id"]

    def __str__(self):
        return self.title


class StoryPerson(BaseModel):
    """A person featured in a story, with the consent to feature them (PIPL art. 25): their own, or for a
    deceased officer the family's. Consent counts while given and not withdrawn."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="featured")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="publicity_featured")
    consent_by = models.CharField(_("Consent given by"), max_length=10, choices=ConsentBy.choices, blank=True)
    consent_given_at = models.DateTimeField(_("Consent given at"), null=True, blank=True)
    consent_note = models.CharField(_("Consent note"), max_length=200, blank=True)
    consent_withdrawn_at = models.DateTimeField(_("Consent withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Featured person")
        verbose_name_plural = _("Featured people")
        constraints = [models.UniqueConstraint(fields=["story", "person"], name="publicity_story_person_once")]

    def __str__(self):
        return f"{self.story} · {self.person}"

    @property
    def has_consent(self) -> bool:
        return self.consent_given_at is not None and self.consent_withdrawn_at is None


class StoryReview(BaseModel):
    """A reviewer's decision and comment at one step."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="reviews")
    step = models.ForeignKey(ReviewStep, verbose_name=_("Review step"), on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Reviewer"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(_("Decision"), max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(_("Comment"), blank=True)

    class Meta:
        verbose_name = _("Story review")
        verbose_name_plural = _("Story reviews")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.story} · {self.step}"
