"""App configuration for core."""

from django.apps import AppConfig
from django.core import checks
from django.db import connections
from django.db.models import fields
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from qunying.core import lookups
from qunying.core.audit import ensure_append_only
from qunying.core.django_messages import EMPTY_CHOICE


def ensure_audit_log_append_only(sender, using="default", **kwargs):
    """After every migrate (and test flush), the audit log's triggers exist: SQLite drops them when it rebuilds
    the table for a later migration."""
    ensure_append_only(connections[using])


class CoreConfig(AppConfig):
    name = "qunying.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from qunying.core.checks import check_shared_state  # reads settings once the apps are ready

        checks.register(check_shared_state)
        lookups.register()
        post_migrate.connect(ensure_audit_log_append_only, sender=self, dispatch_uid="core.audit_append_only")
        # The empty choice of every select in Chinese words of ours (Django asks for it to be set here).
        fields.BLANK_CHOICE_LABEL = EMPTY_CHOICE
