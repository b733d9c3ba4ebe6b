"""App configuration for reserve."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReserveConfig(AppConfig):
    name = "qunying.reserve"
    label = "reserve"
    verbose_name = _("Exemplar reserve")

    def ready(self):
        from qunying.org.timeline import timeline_provider
        from qunying.reserve import criteria, rules  # noqa: F401  (register the permissions and the criterion)
        from qunying.reserve.timeline import activity_events, evaluation_events, reserve_events

        timeline_provider(reserve_events)
        timeline_provider(activity_events)
        timeline_provider(evaluation_events)
