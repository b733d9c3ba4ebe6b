"""App configuration for deeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeedsConfig(AppConfig):
    name = "qunying.deeds"
    label = "deeds"
    verbose_name = _("Discovery ledger")

    def ready(self):
        # Registries are filled once every app is loaded: the star-rating criterion, the timeline providers.
        from qunying.core.integrity import record_checks  # registered when the apps are ready
        from qunying.deeds import criteria, timeline, todo  # noqa: F401 -- registered when the apps are ready
        from qunying.deeds.checks import find_problems  # registered when the apps are ready
        from qunying.org.timeline import timeline_provider  # registered when the apps are ready

        for provider in (timeline.deed_events, timeline.nomination_events, timeline.forum_events):
            timeline_provider(provider)
        record_checks(find_problems)
