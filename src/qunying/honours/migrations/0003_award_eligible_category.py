"""Award types declare which person category they may go to, set for the seeded catalogue."""

from django.db import migrations, models

# The police series of the 条令 goes to 民警, the auxiliary series to 辅警; named titles say whom they are for;
# 通报表扬 is a notice below the series, open to anyone.
NAMED_TITLES = {"public_praise": "anyone", "aux_model": "auxiliary", "aux_star": "auxiliary", "most_beautiful_police": "police"}
LADDER_CATEGORY = {"police": "police", "auxiliary": "auxiliary"}


def set_categories(apps, schema_editor):
    AwardType = apps.get_model("honours", "AwardType")
    for ladder, category in LADDER_CATEGORY.items():
        AwardType.objects.filter(ladder=ladder).update(eligible_category=category)
    for code, category in NAMED_TITLES.items():
        AwardType.objects.filter(code=code).update(eligible_category=category)


class Migration(migrations.Migration):
    dependencies = [
        ("honours", "0002_seed_catalogue"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardtype",
            name="eligible_category",
            field=models.CharField(
                choices=[
                    ("anyone", "Anyone"),
                    ("police", "Police officers only"),
                    ("auxiliary", "Auxiliary police only"),
                ],
                default="anyone",
                help_text="Which people the award may go to; units are not concerned.",
                max_length=10,
                verbose_name="Eligible category",
            ),
        ),
        migrations.RunPython(set_categories, migrations.RunPython.noop),
    ]
