"""Batches of scraped articles (a zip, a folder, several files, or one long file) read in the background."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qunying.core.models import BaseModel
from qunying.core.storage import private_storage
from qunying.publicity.enums import ArticleBatchStatus, ArticleEntryOutcome


def article_batch_path(batch, filename: str) -> str:
    # The stored name never carries the uploader's file name; it is kept separately.
    return f"publicity/article-batches/{uuid.uuid4().hex}.bin"


class ArticleBatch(BaseModel):
    """An upload of one or more articles: each is repaired and read by a background task, with progress; each
    becomes an ArticleImport proposal for review one by one (nothing is recorded before each is confirmed). A file
    that is not an article, or an article already imported, is listed in `entries` and proposes nothing. The upload
    is deleted as soon as the batch has been read."""

    file = models.FileField(_("File"), upload_to=article_batch_path, storage=private_storage, blank=True)
    filename = models.CharField(_("File name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    bureau = models.ForeignKey(
        "org.Unit",
        verbose_name=_("Bureau of the articles"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=ArticleBatchStatus.choices, default=ArticleBatchStatus.QUEUED
    )
    language = models.CharField(max_length=20, blank=True, editable=False)  # messages follow the uploader's language
    total = models.PositiveIntegerField(_("Files"), default=0)
    processed = models.PositiveIntegerField(_("Files read"), default=0)
    percent = models.PositiveSmallIntegerField(_("Progress"), default=0)
    # One row per file: {"name", "outcome" (ArticleEntryOutcome), "article" (id), "duplicate_of" (id), "message"}.
    entries = models.JSONField(_("Files"), default=list, blank=True)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Article batch")
        verbose_name_plural = _("Article batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.filename

    # The page picks its section by these (templates compare no status strings).
    @property
    def is_running(self) -> bool:
        return self.status in {ArticleBatchStatus.QUEUED, ArticleBatchStatus.RUNNING}

    @property
    def has_failed(self) -> bool:
        return self.status == ArticleBatchStatus.FAILED

    def entries_with(self, outcome: str) -> list[dict]:
        return [entry for entry in self.entries if entry.get("outcome") == outcome]

    @property
    def proposed(self) -> list[dict]:
        return self.entries_with(ArticleEntryOutcome.PROPOSED)

    @property
    def duplicates(self) -> list[dict]:
        return self.entries_with(ArticleEntryOutcome.DUPLICATE)

    @property
    def failures(self) -> list[dict]:
        return self.entries_with(ArticleEntryOutcome.FAILED)
