"""App configuration for publicity."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "qunying.publicity"
    label = "publicity"
    verbose_name = _("Publicity")

    def ready(self):
        from qunying.publicity import rules  # noqa: F401 — registers the permissions
