"""`qunying demo`: create or refresh the demo bureau (idempotent) and print the demo logins."""

from django.core.management.base import BaseCommand
from django.db import transaction

from qunying import demo


class Command(BaseCommand):
    help = "Create or refresh the demo bureau (巢湖市公安局) and print the demo logins. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        demo.load(self.stdout)
