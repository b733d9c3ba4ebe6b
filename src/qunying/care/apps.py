"""App configuration for care."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "qunying.care"
    label = "care"
    verbose_name = _("Care")

    def ready(self):
        from qunying.care import rules  # noqa: F401  (register the permissions)
        from qunying.care.services.revocation import revoke_resting_on_honour, revoke_resting_on_tier
        from qunying.care.timeline import care_events
        from qunying.honours.services import on_honour_revoked
        from qunying.org.timeline import timeline_provider
        from qunying.reserve.services.tiers import on_tier_changed

        on_honour_revoked(revoke_resting_on_honour)
        on_tier_changed(revoke_resting_on_tier)
        timeline_provider(care_events)
