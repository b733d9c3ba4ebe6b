"""The audit log's hash chain: every entry gets a sequence, the previous entry's hash and its own HMAC (existing
entries are chained in the order they were written); the database now refuses UPDATE, DELETE and TRUNCATE on
both engines. The old triggers go first, so that sealing the existing rows is not refused."""

import django.utils.timezone
from django.db import migrations, models

from qunying.core import audit

OLD_POSTGRESQL = """
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
"""
OLD_SQLITE = [
    "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END"
]
TRIGGERS = ("core_auditentry_no_update", "core_auditentry_no_delete", "core_auditentry_no_truncate")
CHUNK = 5_000


def drop_triggers(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for name in TRIGGERS:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON core_auditentry")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS core_auditentry_chain_tip()")


def drop_old_triggers(apps, schema_editor):
    drop_triggers(schema_editor)


def create_old_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": [OLD_POSTGRESQL], "sqlite": OLD_SQLITE}.get(vendor, []):
        schema_editor.execute(statement)


def create_triggers(apps, schema_editor):
    audit.ensure_append_only(schema_editor.connection)


def drop_new_triggers(apps, schema_editor):
    drop_triggers(schema_editor)


def seal_existing(apps, schema_editor):
    """Chain the entries written so far, oldest first, as `log_action` chains new ones (one UPDATE per entry, sent
    in batches: bulk_update's CASE expressions grow quadratically on SQLite)."""
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    object_types = {
        pk: f"{app}.{model}" for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")
    }
    fields = ("id", "created_at", "actor_id", "actor_name", "action", "content_type_id", "object_id", "object_repr")
    fields += ("data", "ip_address")
    key = audit.audit_key()
    sequence, prev_hash, last_id = 0, "", 0
    while True:
        rows = list(AuditEntry.objects.filter(pk__gt=last_id).order_by("pk").values_list(*fields)[:CHUNK])
        if not rows:
            return
        updates = []
        for values in rows:
            row = dict(zip(fields, values, strict=True))
            content_type_id = row.pop("content_type_id")
            sequence += 1
            row.update(sequence=sequence, object_type=object_types.get(content_type_id, ""), prev_hash=prev_hash)
            hash_ = audit.seal(audit.Row(hash="", **row), key)
            updates.append((sequence, prev_hash, hash_, row["id"]))
            prev_hash = hash_
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE core_auditentry SET sequence = %s, prev_hash = %s, hash = %s WHERE id = %s", updates
            )
        last_id = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("core", "0003_periodicrun"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.RunPython(drop_old_triggers, create_old_triggers),
        migrations.AddField(
            model_name="auditentry",
            name="sequence",
            field=models.BigIntegerField(editable=False, null=True, verbose_name="Sequence"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="Previous hash"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="Hash"),
            preserve_default=False,
        ),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="sequence",
            field=models.BigIntegerField(editable=False, unique=True, verbose_name="Sequence"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="created_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="Time"
            ),
        ),
        migrations.RunPython(create_triggers, drop_new_triggers),
    ]
