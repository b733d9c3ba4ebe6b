"""Seed the award catalogue and the approval-authority rules. They are data: the political department edits them
in the app afterwards.

Police ladder and authority per the 2015 公安机关人民警察奖励条令 (公安部令第135号): 个人奖励由低至高为嘉奖、记三等功、
二等功、一等功、授予荣誉称号 (全国公安系统二级、一级英雄模范); 第十一条: one reward per deed, and no second award of
the same or a lower grade within a year; 第十三—十六条: 公安部 grants 荣誉称号 and 一等功, 省级 二等功, 市(地)级 嘉奖 and
三等功, and 县级 嘉奖 (the bureau-level 嘉奖 Chaohu reports). Party and government organs award civil
servants on the same ladder under 公务员奖励规定 (县级 up to 三等功, 市级 二等功, 省级 一等功). Auxiliary ladders differ by
province; the seed is a common pattern (嘉奖, 记功, 荣誉称号) to adjust locally. Named titles rank by the level that usually confers
them (county 10–19, city 20–29, province 30–39, national 40+)."""

from django.db import migrations

# (code, name, ladder, grade, applies_to, description)
AWARD_TYPES = [
    ("public_praise", "通报表扬", "police", 10, "both", "低于嘉奖的表扬，常见于专项任务"),
    ("commendation", "嘉奖", "police", 20, "both", ""),
    ("merit_class_3", "三等功", "police", 30, "both", "记三等功"),
    ("merit_class_2", "二等功", "police", 40, "both", "记二等功"),
    ("merit_class_1", "一等功", "police", 50, "both", "记一等功"),
    ("honorary_title", "荣誉称号", "police", 60, "both", "授予荣誉称号；集体称号按事迹定名"),
    ("honorary_title_hero_2", "全国公安系统二级英雄模范", "police", 60, "person", "个人荣誉称号"),
    ("honorary_title_hero_1", "全国公安系统一级英雄模范", "police", 70, "person", "个人荣誉称号"),
    ("aux_commendation", "嘉奖（辅警）", "auxiliary", 20, "both", ""),
    ("aux_merit", "记功（辅警）", "auxiliary", 30, "both", ""),
    ("aux_honorary_title", "荣誉称号（辅警）", "auxiliary", 40, "both", ""),
    ("aux_model", "辅警标兵", "title", 10, "person", "月度评选"),
    ("aux_star", "辅警之星", "title", 12, "person", "月度评选"),
    ("most_beautiful_police", "最美民警", "title", 12, "person", "月度评选"),
    ("chaohu_good_person", "巢湖好人", "title", 14, "person", "巢湖市文明办评选"),
    ("model_caring_for_people", "最美爱民模范", "title", 20, "person", ""),
]

# (issuer level, issuer kind ("" = any), ladder, highest grade)
AUTHORITY_RULES = [
    ("county", "police", "police", 20),
    ("city", "police", "police", 30),
    ("province", "police", "police", 40),
    ("national", "police", "police", 70),
    ("county", "party", "police", 30),
    ("city", "party", "police", 40),
    ("province", "party", "police", 50),
    ("national", "party", "police", 50),
    ("county", "government", "police", 30),
    ("city", "government", "police", 40),
    ("province", "government", "police", 50),
    ("national", "government", "police", 50),
    ("county", "police", "auxiliary", 30),
    ("city", "police", "auxiliary", 40),
    ("province", "police", "auxiliary", 40),
    ("national", "police", "auxiliary", 40),
    ("county", "", "title", 19),
    ("city", "", "title", 29),
    ("province", "", "title", 39),
    ("national", "", "title", 99),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("honours", "AwardType")
    AuthorityRule = apps.get_model("honours", "AuthorityRule")
    for code, name, ladder, grade, applies_to, description in AWARD_TYPES:
        AwardType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "ladder": ladder,
                "grade": grade,
                "applies_to": applies_to,
                "description": description,
            },
        )
    for issuer_level, issuer_kind, ladder, max_grade in AUTHORITY_RULES:
        AuthorityRule.objects.get_or_create(
            issuer_level=issuer_level, issuer_kind=issuer_kind, ladder=ladder, defaults={"max_grade": max_grade}
        )


class Migration(migrations.Migration):
    dependencies = [("honours", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
