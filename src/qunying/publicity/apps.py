"""App configuration for publicity."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "qunying.publicity"
    label = "publicity"
    verbose_name = _("Publicity")

    def ready(self):
        from qunying.org.timeline import timeline_provider
        from qunying.publicity import criteria, rules  # noqa: F401 — registers the permissions and the criterion
        from qunying.publicity.timeline import events_of, placements_of, stories_of

        timeline_provider(stories_of)
        timeline_provider(placements_of)
        timeline_provider(events_of)
