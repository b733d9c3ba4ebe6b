"""App configuration for branches."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BranchesConfig(AppConfig):
    name = "qunying.branches"
    label = "branches"
    verbose_name = _("Party branches")

    def ready(self):
        # Hooks are connected once every app is loaded: a revoked honour refreshes the ratings that counted it; the
        # to-do items join the home page's registry.
        from qunying.branches import todo  # noqa: F401 -- registered when the apps are ready
        from qunying.branches.services.ratings import refresh_after_honour_revoked  # connected when the apps are ready
        from qunying.honours.services import on_honour_revoked  # connected when the apps are ready

        on_honour_revoked(refresh_after_honour_revoked)
