"""Entitlement rules name the people they apply to; a rule already on an award for police or for auxiliaries applies
to those people only (issue 18 rule 4: "辅警之星及以上" had made 民警 eligible through 最美民警)."""

from django.db import migrations, models


def name_categories(apps, schema_editor):
    EntitlementRule = apps.get_model("care", "EntitlementRule")
    for rule in EntitlementRule.objects.filter(award_type__isnull=False).exclude(award_type__eligible_category="anyone"):
        rule.person_category = rule.award_type.eligible_category
        rule.save(update_fields=["person_category"])


class Migration(migrations.Migration):
    dependencies = [
        ("care", "0001_initial"),
        ("honours", "0003_award_eligible_category"),
    ]

    operations = [
        migrations.AddField(
            model_name="entitlementrule",
            name="person_category",
            field=models.CharField(
                choices=[("anyone", "Anyone"), ("police", "Police officers only"), ("auxiliary", "Auxiliary police only")],
                default="anyone",
                help_text="Whose reserve entries and honours count. A rule on an award for police or for auxiliaries applies to those people only.",
                max_length=10,
                verbose_name="Applies to",
            ),
        ),
        migrations.RunPython(name_categories, migrations.RunPython.noop),
    ]
