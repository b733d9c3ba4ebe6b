"""App configuration for publicity."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "qunying.publicity"
    label = "publicity"
    verbose_name = _("Publicity")

    def ready(self):
        from qunying.org.timeline import timeline_provider
        from qunying.publicity import rules  # noqa: F401 — registers the permissions
        from qunying.publicity.timeline import stories_of

        timeline_provider(stories_of)
