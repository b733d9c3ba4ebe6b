"""`qunying demo`: create or refresh the demo bureau (idempotent), print the demo logins, then check its records."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from qunying import demo


class Command(BaseCommand):
    help = "Create or refresh the demo bureau (巢湖市公安局) and print the demo logins. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.load(self.stdout)
        # The demo tells one consistent story: a record breaking a rule is a bug in the demo (exits 1).
        call_command("check-records", stdout=self.stdout)
        # Last, so that `make run` shows the logins right above the server's address.
        demo.write_logins(self.stdout)
