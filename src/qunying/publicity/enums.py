"""Publicity enums."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
