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
