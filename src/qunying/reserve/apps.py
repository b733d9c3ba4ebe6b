"""App configuration for reserve."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReserveConfig(AppConfig):
    name = "qunying.reserve"
    label = "reserve"
    verbose_name = _("Exemplar reserve")

    def ready(self):
        # Registries are filled once every app is loaded: the permissions, the star-rating criteria, the timeline
        # providers, the record check, and the door discovery's accepted suggestions come through.
        from qunying.core.integrity import record_checks  # registered when the apps are ready
        from qunying.discovery.admission import ReserveDoor, register_reserve_door  # registered when the apps are ready
        from qunying.org.timeline import timeline_provider  # registered when the apps are ready
        from qunying.reserve import criteria, rules, todo  # noqa: F401 -- registered when the apps are ready
        from qunying.reserve.checks import find_problems  # registered when the apps are ready
        from qunying.reserve.forms.admission import SuggestionAdmissionForm  # registered when the apps are ready
        from qunying.reserve.queries.admission import people_in_reserve  # registered when the apps are ready
        from qunying.reserve.services.admission import admit_from_suggestion  # registered when the apps are ready
        from qunying.reserve.timeline import (  # registered when the apps are ready
            activity_events,
            evaluation_events,
            reserve_events,
        )

        timeline_provider(reserve_events)
        timeline_provider(activity_events)
        timeline_provider(evaluation_events)
        record_checks(find_problems)
        # Discovery sits below the reserve: it proposes accepted suggestions through this door, never by import.
        register_reserve_door(
            ReserveDoor(form_class=SuggestionAdmissionForm, admit=admit_from_suggestion, people_held=people_in_reserve)
        )
