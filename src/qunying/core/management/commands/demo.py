"""`qunying demo`: create or refresh the demo bureau (idempotent) and print the demo logins."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create or refresh the demo bureau (巢湖市公安局) and print the demo logins. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        # Each app that has demo data exposes `demo.load(stdout)`; apps load in INSTALLED_APPS order, so the
        # unit tree exists before the people, accounts and records that hang on it.
        for config in apps.get_app_configs():
            if config.name.startswith("qunying."):
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
                    continue
                module.load(self.stdout)
