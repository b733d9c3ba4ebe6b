"""Publicity models."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.core.models import BaseModel
from qunying.publicity.enums import ArticleImportStatus


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

    class Meta:
        verbose_name = _("Article import link")
        verbose_name_plural = _("Article import links")
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="publicity_link_once_per_person")]

    def __str__(self):
        return f"{self.article} · {self.person}"
