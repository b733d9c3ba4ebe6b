"""App configuration for publicity."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "qunying.publicity"
    label = "publicity"
    verbose_name = _("Publicity")

    def ready(self):
        # Registries are filled once every app is loaded: the permissions, the star-rating criterion, the timeline.
        from qunying.core.integrity import record_checks  # registered when the apps are ready
        from qunying.org.timeline import timeline_provider  # registered when the apps are ready
        from qunying.publicity import criteria, rules, todo  # noqa: F401 -- registered when the apps are ready
        from qunying.publicity.checks import find_problems  # registered when the apps are ready
        from qunying.publicity.timeline import events_of, placements_of, stories_of  # registered when apps are ready

        timeline_provider(stories_of)
        timeline_provider(placements_of)
        timeline_provider(events_of)
        record_checks(find_problems)
