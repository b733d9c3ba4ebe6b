"""Reports models: a replacement template for the annual summary, uploaded by the political department."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qunying.core.models import BaseModel


class SummaryTemplate(BaseModel):
    """An edited annual-summary template (.docx with docxtpl tags). The newest one in force is used; without one,
    the built-in template is."""

    name = models.CharField(_("File name"), max_length=200)
    content = models.BinaryField(_("Content"))
    size = models.PositiveIntegerField(_("Size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    in_force = models.BooleanField(_("In force"), default=True)

    class Meta:
        verbose_name = _("Annual summary template")
        verbose_name_plural = _("Annual summary templates")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name
