"""`qunying reencrypt`: rewrite every encrypted field with the first (active) key of QUNYING_FIELD_KEYS."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from qunying.core.fields import EncryptedTextField
from qunying.core.services import log_action

BATCH = 500


class Command(BaseCommand):
    help = "After putting a new key first in QUNYING_FIELD_KEYS, re-encrypt all sensitive fields with it."

    def handle(self, *args, **options):
        for model in apps.get_models():
            fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            total = 0
            # Loading decrypts with whichever key a value names; saving encrypts with the active key.
            pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), BATCH):
                with transaction.atomic():
                    rows = list(model._base_manager.filter(pk__in=pks[start : start + BATCH]).only("pk", *fields))
                    model._base_manager.bulk_update(rows, fields)
                total += len(rows)
            log_action(None, "core.fields.reencrypted", by=None, data={"model": model._meta.label, "rows": total})
            self.stdout.write(f"{model._meta.label}: {total}")
