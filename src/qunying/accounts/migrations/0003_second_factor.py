import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import qunying.core.fields


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SecondFactor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="The human-readable name of this device.", max_length=64)),
                ("confirmed", models.BooleanField(default=True, help_text="Is this device ready for use?")),
                (
                    "throttling_failure_timestamp",
                    models.DateTimeField(
                        blank=True,
                        default=None,
                        help_text="A timestamp of the last failed verification attempt. Null if last attempt succeeded.",
                        null=True,
                    ),
                ),
                (
                    "throttling_failure_count",
                    models.PositiveIntegerField(default=0, help_text="Number of successive failed attempts."),
                ),
                ("secret", qunying.core.fields.EncryptedTextField(verbose_name="Secret")),
                ("last_step", models.BigIntegerField(default=-1, editable=False)),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="Created at"),
                ),
                ("confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="Enrolled at")),
                ("last_used_at", models.DateTimeField(blank=True, null=True, verbose_name="Last used")),
                (
                    "user",
                    models.ForeignKey(
                        help_text="The user that this device belongs to.",
                        on_delete=django.db.models.deletion.CASCADE,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Two-factor device",
                "verbose_name_plural": "Two-factor devices",
                "constraints": [
                    models.UniqueConstraint(fields=("user",), name="accounts_secondfactor_one_per_user")
                ],
            },
        ),
        migrations.CreateModel(
            name="BackupCode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code_hash", models.CharField(db_index=True, max_length=64)),
                ("used_at", models.DateTimeField(blank=True, null=True)),
                (
                    "device",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="backup_codes",
                        to="accounts.secondfactor",
                    ),
                ),
            ],
            options={
                "verbose_name": "Backup code",
                "verbose_name_plural": "Backup codes",
            },
        ),
    ]
