"""The example bureau's three selections as defaults: 最美民警 (police, with a public vote), 辅警之星 and 辅警标兵."""

from decimal import Decimal

from django.db import migrations

# code, name, police, auxiliary, quota per period, quota per unit, min judges, vote weight, award code
TYPES = [
    ("most_beautiful_police", "最美民警", True, False, 1, 1, 3, Decimal("0.20"), "most_beautiful_police"),
    ("aux_star", "辅警之星", False, True, 1, 1, 3, Decimal("0"), "aux_star"),
    ("aux_model", "辅警标兵", False, True, 2, 2, 3, Decimal("0"), "aux_model"),
]
# name, weight, informational
CRITERIA = [("业绩", Decimal("0.40"), False), ("群众评价", Decimal("0.30"), False), ("事迹", Decimal("0.30"), False),
            ("廉洁自律", Decimal("0"), True)]


def seed(apps, schema_editor):
    CampaignType = apps.get_model("campaigns", "CampaignType")
    Criterion = apps.get_model("campaigns", "Criterion")
    AwardType = apps.get_model("honours", "AwardType")
    for code, name, police, auxiliary, per_period, per_unit, judges, vote, award in TYPES:
        award_type = AwardType.objects.filter(code=award).first()
        if award_type is None:
            continue
        campaign_type, _ = CampaignType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "police_eligible": police,
                "auxiliary_eligible": auxiliary,
                "period": "monthly",
                "quota_per_period": per_period,
                "quota_per_unit": per_unit,
                "min_judges": judges,
                "vote_weight": vote,
                "notice_working_days": 7,
                "award_type": award_type,
            },
        )
        for order, (criterion, weight, informational) in enumerate(CRITERIA):
            Criterion.objects.get_or_create(
                campaign_type=campaign_type,
                name=criterion,
                defaults={"weight": weight or Decimal("1"), "informational": informational, "order": order,
                          "min_score": 0, "max_score": 10},
            )


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial"), ("honours", "0002_seed_catalogue")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
