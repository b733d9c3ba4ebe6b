"""App configuration for reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "qunying.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from qunying.reports import rules  # noqa: F401  (register the permissions)
