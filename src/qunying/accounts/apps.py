"""App configuration for accounts; connects Django's and axes' login signals to the audit log."""

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "qunying.accounts"
    label = "accounts"
    verbose_name = _("Accounts and permissions")

    def ready(self):
        from qunying.accounts import signals  # noqa: F401  (registers the login-event receivers)
        from qunying.accounts.twofactor import check_settings  # models are ready only now

        checks.register(check_settings)
