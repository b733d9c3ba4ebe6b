"""App configuration for honours."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    name = "qunying.honours"
    label = "honours"
    verbose_name = _("Honours")

    def ready(self):
        # Registries are filled once every app is loaded: the star-rating criteria, the to-do item, the timeline.
        from qunying.core.integrity import record_checks  # registered when the apps are ready
        from qunying.honours import criteria, todo  # noqa: F401 -- registered when the apps are ready
        from qunying.honours.checks import find_problems  # registered when the apps are ready
        from qunying.honours.timeline import honours_of  # registered when the apps are ready
        from qunying.org.timeline import timeline_provider  # registered when the apps are ready

        timeline_provider(honours_of)
        record_checks(find_problems)
