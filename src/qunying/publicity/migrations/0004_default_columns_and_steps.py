from django.db import migrations

COLUMNS = [("辅警风采", 10), ("公安群英榜", 20), ("寻找最美民警辅警", 30)]
STEPS = [(10, "宣传编辑", "publicity_editor"), (20, "政治处", "political_officer"), (30, "领导", "leader")]


def seed(apps, schema_editor):
    Column = apps.get_model("publicity", "Column")
    ReviewStep = apps.get_model("publicity", "ReviewStep")
    for name, position in COLUMNS:
        Column.objects.get_or_create(name=name, defaults={"position": position})
    for position, name, role in STEPS:
        ReviewStep.objects.get_or_create(position=position, defaults={"name": name, "role": role})


class Migration(migrations.Migration):
    dependencies = [("publicity", "0003_stories")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
