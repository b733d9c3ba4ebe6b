"""App configuration for care."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "qunying.care"
    label = "care"
    verbose_name = _("Care")

    def ready(self):
        # Registries and hooks are filled once every app is loaded: the permissions, the revocations that end
        # entitlements resting on a revoked honour or a lowered tier, the timeline provider.
        from qunying.care import rules, todo  # noqa: F401 -- registered when the apps are ready
        from qunying.care.checks import find_problems  # registered when the apps are ready
        from qunying.care.services.revocation import (  # connected when the apps are ready
            revoke_resting_on_honour,
            revoke_resting_on_tier,
        )
        from qunying.care.timeline import care_events  # registered when the apps are ready
        from qunying.core.integrity import record_checks  # registered when the apps are ready
        from qunying.honours.services import on_honour_revoked  # connected when the apps are ready
        from qunying.org.timeline import timeline_provider  # registered when the apps are ready
        from qunying.reserve.services.tiers import on_tier_changed  # connected when the apps are ready

        on_honour_revoked(revoke_resting_on_honour)
        on_tier_changed(revoke_resting_on_tier)
        timeline_provider(care_events)
        record_checks(find_problems)
