"""Four eyes on honours: an honour entered by hand waits (pending) for a second officer's approval. Honours already on
record were in force before the rule: they stay so, on the basis "recorded before approval was required", approved
when they were recorded (nobody is named: nobody was asked)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def approved_when_recorded(apps, schema_editor):
    Honour = apps.get_model("honours", "Honour")
    Honour.objects.filter(approved_at__isnull=True).exclude(status="pending").update(approved_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('deeds', '0002_deed_list_order_index'),
        ('honours', '0004_honour_list_order_index'),
        ('org', '0007_person_unit_count_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='honour',
            name='honours_honour_revoked_has_date',
        ),
        migrations.AddField(
            model_name='honour',
            name='approval_basis',
            field=models.CharField(choices=[('review', 'Approved by a second officer'), ('decision', "Conferred by a campaign's decision"), ('register', 'Imported from an approved register'), ('earlier', 'Recorded before approval was required')], default='earlier', max_length=10, verbose_name='Approval basis'),
        ),
        migrations.AddField(
            model_name='honour',
            name='approved_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='Approved at'),
        ),
        migrations.AddField(
            model_name='honour',
            name='approved_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Approved by'),
        ),
        migrations.AlterField(
            model_name='honour',
            name='status',
            field=models.CharField(choices=[('pending', 'Awaiting approval'), ('active', 'In force'), ('revoked', 'Revoked')], default='active', max_length=10, verbose_name='Status'),
        ),
        migrations.AddConstraint(
            model_name='honour',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'revoked'), _negated=True), ('revoked_on__isnull', False), _connector='OR'), name='honours_honour_revoked_has_date', violation_error_message='A revoked honour needs the date of its revocation.'),
        ),
        migrations.RunPython(approved_when_recorded, migrations.RunPython.noop),
    ]
