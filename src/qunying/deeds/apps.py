"""App configuration for deeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeedsConfig(AppConfig):
    name = "qunying.deeds"
    label = "deeds"
    verbose_name = _("Discovery ledger")
