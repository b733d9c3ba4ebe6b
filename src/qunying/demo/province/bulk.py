"""Bulk writing for the synthetic province: batched inserts through the models (so encrypted fields are encrypted and
blind indexes computed by their fields, exactly as a save would), and audit entries chained in one pass."""

import datetime
import json

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from qunying.core import audit
from qunying.core.models import AuditEntry

BATCH = 2000


def insert(model, objects, *, batch_size: int = BATCH) -> list:
    """bulk_create in batches; the returned objects carry their primary keys (SQLite ≥ 3.35 and PostgreSQL)."""
    objects = list(objects)
    model.objects.bulk_create(objects, batch_size=batch_size)
    return objects


FAST_BATCH = 20_000
CST = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")  # the bureau's clock


def next_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


class _Vendor:
    """Whether the database is SQLite, read once per generation (the connection proxy costs microseconds a look)."""

    sqlite = True

    @classmethod
    def refresh(cls) -> None:
        cls.sqlite = connection.vendor == "sqlite"


def moment_value(value: datetime.datetime | None):
    """An aware datetime as the database stores it (SQLite: naive UTC text, as Django writes it)."""
    if value is None or not _Vendor.sqlite:
        return value
    return str((value - value.utcoffset()).replace(tzinfo=None))


def date_value(value: datetime.date | None):
    if value is None or not _Vendor.sqlite:
        return value
    return value.isoformat()


def json_value(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def fast_insert(model, columns: list[str], rows) -> int:
    """INSERT rows given as tuples of database-ready values for `columns` (attnames, usually with "id"), the other
    columns taking their field's default — for the millions of rows where building model instances costs minutes.
    Encrypted values and blind indexes are computed by the caller with the same functions the fields use."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    now = timezone.now()
    rest, defaults = [], []
    for attname, field in fields.items():
        if attname in columns or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = moment_value(now)
        elif field.has_default() or field.null or (field.empty_strings_allowed and field.blank):
            value = field.get_db_prep_save(field.get_default(), connection)  # None, "" or the declared default
        else:
            raise ValueError(f"{model.__name__}.{attname} needs a value")
        rest.append(attname)
        defaults.append(value)
    names = [fields[name].column for name in [*columns, *rest]]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(n) for n in names)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    tail, count, batch = tuple(defaults), 0, []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row + tail)
            if len(batch) == FAST_BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def reset_sequences(*models) -> None:
    """After inserts with explicit ids, PostgreSQL's sequences must move past them (SQLite needs nothing)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(statement)


class AuditTrail:
    """Audit entries a real history would have left, appended to the chain in bulk: each entry is sealed against the
    one before it exactly as `core.services.log_action` does, so `qunying verify-audit` accepts the whole log."""

    def __init__(self):
        _Vendor.refresh()
        self.pending: list[tuple] = []
        self.sequence, self.prev_hash = audit.chain_tip(connection)
        self.key = audit.audit_key()
        self.types: dict[type, ContentType] = {}
        self.written = 0

    def add(self, obj, action: str, *, at, by=None, data: dict | None = None, model=None, text: str = "") -> None:
        """One entry about `obj` (a model instance, or any object with `pk` when `model` and `text` are given)."""
        content_type = None
        if obj is not None:
            model = model or type(obj)
            content_type = self.types.get(model) or ContentType.objects.get_for_model(model)
            self.types[model] = content_type
        actor_name = by.get_username() if by is not None else ""
        object_id = str(obj.pk) if obj is not None else ""
        object_repr = (text or str(obj))[:200] if obj is not None else ""
        data = audit.stored_data(data or {})
        self.sequence += 1
        digest = audit.seal(
            audit.Row(
                id=0,
                sequence=self.sequence,
                created_at=at,
                actor_id=by.pk if by is not None else None,
                actor_name=actor_name,
                action=action,
                object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
                object_id=object_id,
                object_repr=object_repr,
                data=data,
                ip_address=None,
                prev_hash=self.prev_hash,
                hash="",
            ),
            self.key,
        )
        self.pending.append(
            (
                moment_value(at),
                self.sequence,
                self.prev_hash,
                digest,
                by.pk if by is not None else None,
                actor_name,
                action,
                content_type.pk if content_type else None,
                object_id,
                object_repr,
                json_value(data),
            )
        )
        self.prev_hash = digest
        if len(self.pending) >= FAST_BATCH:
            self.flush()

    def resync(self) -> None:
        """After a service wrote its own entries: continue the chain from the log's tip."""
        self.flush()
        self.sequence, self.prev_hash = audit.chain_tip(connection)

    def flush(self) -> None:
        if self.pending:
            columns = ["created_at", "sequence", "prev_hash", "hash", "actor_id", "actor_name", "action"]
            columns += ["content_type_id", "object_id", "object_repr", "data"]
            self.written += fast_insert(AuditEntry, columns, self.pending)
            self.pending = []
