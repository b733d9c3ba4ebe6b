"""App configuration for honours."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    name = "qunying.honours"
    label = "honours"
    verbose_name = _("Honours")

    def ready(self):
        from qunying.honours import criteria  # noqa: F401 -- registers the star-rating criteria
        from qunying.honours.timeline import honours_of
        from qunying.org.timeline import timeline_provider

        timeline_provider(honours_of)
