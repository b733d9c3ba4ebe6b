"""Four eyes on honours, the way out: an honour awaiting approval is declined by an approver (with a reason) or
withdrawn by its recorder; who, when and why are kept."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('deeds', '0003_public_nomination_repeat_of'),
        ('honours', '0005_honour_approval'),
        ('org', '0007_person_unit_count_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='honour',
            name='decline_reason',
            field=models.TextField(blank=True, verbose_name='Reason for declining or withdrawing'),
        ),
        migrations.AddField(
            model_name='honour',
            name='declined_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='Declined or withdrawn at'),
        ),
        migrations.AddField(
            model_name='honour',
            name='declined_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Declined or withdrawn by'),
        ),
        migrations.AlterField(
            model_name='honour',
            name='status',
            field=models.CharField(choices=[('pending', 'Awaiting approval'), ('active', 'In force'), ('revoked', 'Revoked'), ('declined', 'Not approved')], default='active', max_length=10, verbose_name='Status'),
        ),
        migrations.AddConstraint(
            model_name='honour',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'declined'), _negated=True), ('declined_at__isnull', False), _connector='OR'), name='honours_honour_declined_has_time', violation_error_message='A declined or withdrawn honour needs the time it was set aside.'),
        ),
    ]
