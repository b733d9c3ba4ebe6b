"""Publicity enums."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ArticleImportStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DISCARDED = "discarded", _("Discarded")


ARTICLE_IMPORT_TRANSITIONS = {
    ArticleImportStatus.PROPOSED: {ArticleImportStatus.CONFIRMED, ArticleImportStatus.DISCARDED},
    ArticleImportStatus.CONFIRMED: set(),
    ArticleImportStatus.DISCARDED: set(),
}


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


STORY_TRANSITIONS = {
    StoryStatus.DRAFT: {StoryStatus.IN_REVIEW},
    StoryStatus.IN_REVIEW: {StoryStatus.IN_REVIEW, StoryStatus.APPROVED, StoryStatus.DRAFT},
    StoryStatus.APPROVED: {StoryStatus.PUBLISHED, StoryStatus.DRAFT},
    StoryStatus.PUBLISHED: {StoryStatus.WITHDRAWN},
    StoryStatus.WITHDRAWN: {StoryStatus.DRAFT},
}


class ConsentBy(models.TextChoices):
    SELF = "self", _("The person")
    FAMILY = "family", _("The family (deceased officer)")


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for changes")


class Channel(models.TextChoices):
    TV = "tv", _("Television")
    NEWSPAPER = "newspaper", _("Newspaper")
    WEB = "web", _("Web")
    RADIO = "radio", _("Radio")
    NEW_MEDIA = "new_media", _("New media")


class OutreachKind(models.TextChoices):
    SPEECH = "speech", _("Speech tour")
    PARTY_LESSON = "party_lesson", _("Micro party lesson")
    STORY_SESSION = "story_session", _("Police story session")


class PlanItemKind(models.TextChoices):
    PLACEMENT = "placement", _("Media placement")
    EVENT = "event", _("Outreach event")
    STORY = "story", pgettext_lazy("publicity", "Story")


class PlanItemStatus(models.TextChoices):
    """Computed, never stored: done once matched, slipped when unmatched past the due date, pending otherwise."""

    DONE = "done", _("Done")
    PENDING = "pending", _("Pending")
    SLIPPED = "slipped", _("Slipped")

    @property
    def badge(self) -> str:
        """The colour the plan pages show the status in."""
        return {"done": "success", "slipped": "danger"}.get(self.value, "secondary")

    @property
    def row_class(self) -> str:
        return "table-danger" if self.value == "slipped" else ""


class ArticleBatchStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Reading the articles")
    DONE = "done", _("Read")
    FAILED = "failed", _("Failed")


ARTICLE_BATCH_TRANSITIONS = {
    ArticleBatchStatus.QUEUED: {ArticleBatchStatus.RUNNING, ArticleBatchStatus.FAILED},
    ArticleBatchStatus.RUNNING: {ArticleBatchStatus.DONE, ArticleBatchStatus.FAILED},
    ArticleBatchStatus.DONE: set(),
    ArticleBatchStatus.FAILED: set(),
}


class ArticleEntryOutcome(models.TextChoices):
    """What became of one file of a batch."""

    PROPOSED = "proposed", _("Proposed for review")
    DUPLICATE = "duplicate", _("Already imported")
    FAILED = "failed", _("Not an article")
