"""App configuration for campaigns."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "qunying.campaigns"
    label = "campaigns"
    verbose_name = _("Selection campaigns")

    def ready(self):
        # Registries are filled once every app is loaded: the star-rating criterion, the timeline provider, the
        # record check.
        from qunying.campaigns import criteria, todo  # noqa: F401 -- registered when the apps are ready
        from qunying.campaigns.checks import find_problems  # registered when the apps are ready
        from qunying.campaigns.enums import Phase  # registered when the apps are ready
        from qunying.campaigns.timeline import campaigns_of  # registered when the apps are ready
        from qunying.core.audit_labels import register_value_labels  # registered when the apps are ready
        from qunying.core.integrity import record_checks  # registered when the apps are ready
        from qunying.org.timeline import timeline_provider  # registered when the apps are ready

        timeline_provider(campaigns_of)
        record_checks(find_problems)
        register_value_labels("campaigns.campaign.", ("from", "to"), Phase)
