"""App configuration for campaigns."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "qunying.campaigns"
    label = "campaigns"
    verbose_name = _("Selection campaigns")

    def ready(self):
        from qunying.campaigns import criteria  # noqa: F401  (registers the branch star-rating criterion)
        from qunying.campaigns.timeline import campaigns_of
        from qunying.org.timeline import timeline_provider

        timeline_provider(campaigns_of)
