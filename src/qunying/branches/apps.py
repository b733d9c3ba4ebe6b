"""App configuration for branches."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BranchesConfig(AppConfig):
    name = "qunying.branches"
    label = "branches"
    verbose_name = _("Party branches")

    def ready(self):
        from qunying.branches.services.ratings import refresh_after_honour_revoked
        from qunying.honours.services import on_honour_revoked

        on_honour_revoked(refresh_after_honour_revoked)
