"""App configuration for reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "qunying.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from qunying.reports import cache, rules  # noqa: F401  (register the permissions)

        # Any saved or deleted record of an app the reports count makes the cached reports stale.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(cache.changed, dispatch_uid=f"reports.cache.{signal}")
