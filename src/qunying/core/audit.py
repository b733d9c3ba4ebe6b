"""The audit log's tamper evidence: the triggers that keep the table append-only, and the HMAC chain over its entries.

Each entry carries `hash` = HMAC-SHA256 (key QUNYING_AUDIT_KEY) over the canonical form of the entry, which
includes `prev_hash`, the hash of the entry before it (empty for the first). The canonical form is the JSON array

    ["qunying-audit-v1", sequence, created_at (UTC ISO, microseconds), actor_id, actor_name, action,
     object type ("app_label.model" or ""), object_id, object_repr, data (sorted keys), ip_address, prev_hash]

written with sorted keys, ASCII escapes and no spaces. Whoever holds the key can check an archive (the JSON lines
export carries every one of these fields) without the application. Changing an entry breaks its own hash; removing
one leaves a gap in `sequence` and a wrong `prev_hash` after it. Removing the newest entries leaves no trace in the
chain itself: the daily check writes the tip it saw to the application log, and archives keep earlier tips.
"""

import datetime
import functools
import hmac
import ipaddress
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from hashlib import sha256
from typing import NamedTuple

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

FORMAT = "qunying-audit-v1"
# The advisory lock every writer on PostgreSQL holds from reading the tip until its transaction ends ("QUNYAUDT").
LOCK_KEY = 0x5155_4E59_4155_4454

CHANGED = "changed"
MISSING_PREDECESSOR = "missing_predecessor"
BAD_LINK = "bad_link"
PROBLEMS = {
    CHANGED: _("its content no longer matches its hash (the entry was changed)"),
    MISSING_PREDECESSOR: _("the entry before it is missing (an entry was removed)"),
    BAD_LINK: _("it does not link to the entry before it"),
}

APPEND_ONLY_MESSAGE = "The audit log is append-only"
POSTGRESQL_APPEND_ONLY = f"""
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}';
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
CREATE OR REPLACE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
CREATE OR REPLACE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only();
-- One statement that waits for the writers' lock, then reads the tip with a fresh snapshot (a VOLATILE function's
-- statements each take their own), so that two writers never chain onto the same entry.
CREATE OR REPLACE FUNCTION core_auditentry_chain_tip() RETURNS TABLE (tip_sequence bigint, tip_hash text) AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    RETURN QUERY SELECT e.sequence, e.hash::text FROM core_auditentry e ORDER BY e.sequence DESC LIMIT 1;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""  # noqa: S608 -- constants only, no input
# SQLite runs one statement per call. Its DELETE without WHERE empties a table through the triggers too.
SQLITE_APPEND_ONLY = [
    f"CREATE TRIGGER IF NOT EXISTS core_auditentry_no_{verb.lower()} BEFORE {verb} ON core_auditentry "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    for verb in ("UPDATE", "DELETE")
]


def ensure_append_only(connection) -> None:
    """Create the triggers that refuse UPDATE, DELETE and TRUNCATE on the audit log, where they are missing.

    Run by the migration and after every `migrate`: SQLite rebuilds a table to alter it, and the rebuilt table has
    no triggers until they are created again."""
    if "core_auditentry" not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRESQL_APPEND_ONLY)
        elif connection.vendor == "sqlite":
            for statement in SQLITE_APPEND_ONLY:
                cursor.execute(statement)


def chain_tip(connection) -> tuple[int, str]:
    """(sequence, hash) of the newest entry, (0, "") for an empty log. Call inside the transaction that appends.

    On PostgreSQL this waits for the writers' advisory lock, held until the caller's transaction ends; SQLite has one
    writer at a time anyway (transactions begin IMMEDIATE)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tip_sequence, tip_hash FROM core_auditentry_chain_tip()")
        else:
            cursor.execute("SELECT sequence, hash FROM core_auditentry ORDER BY sequence DESC LIMIT 1")
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, "")


def audit_key() -> bytes:
    return settings.QUNYING_AUDIT_KEY.encode()


def stored_data(data) -> object:
    """`data` as the JSON column gives it back (dates as text, tuples as lists, keys as strings)."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


# JSON values that both databases give back as they were written (a float may come back as an integer).
_KEPT = frozenset({str, int, bool, type(None)})


def _normalise(value):
    """Numbers as both databases give them back: PostgreSQL's jsonb returns 1e20 or 2.0 as integers."""
    kind = type(value)
    if kind is float:
        return int(Decimal(repr(value))) if value.is_integer() else value
    if kind is dict:
        return {key: item if type(item) in _KEPT else _normalise(item) for key, item in value.items()}
    if kind is list:
        return [item if type(item) in _KEPT else _normalise(item) for item in value]
    return value


@functools.lru_cache(maxsize=4096)  # addresses repeat a great deal, and parsing one costs more than hashing a row
def _ip(value: str | None) -> str:
    if not value:
        return ""
    try:
        return ipaddress.ip_address(value).compressed
    except ValueError:
        return str(value)


class Row(NamedTuple):
    """The fields of one entry that the chain covers, as read from the database or an archive."""

    id: int
    sequence: int
    created_at: datetime.datetime
    actor_id: int | None
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    data: object
    ip_address: str | None
    prev_hash: str
    hash: str


def canonical(row: Row) -> bytes:
    created_at = row.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    fields = [
        FORMAT,
        row.sequence,
        created_at,
        row.actor_id,
        row.actor_name,
        row.action,
        row.object_type,
        row.object_id,
        row.object_repr,
        _normalise(row.data),
        _ip(row.ip_address),
        row.prev_hash,
    ]
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def seal(row: Row, key: bytes) -> str:
    return hmac.new(key, canonical(row), sha256).hexdigest()


@dataclass(frozen=True)
class Break:
    entry_id: int
    sequence: int
    created_at: datetime.datetime
    action: str
    problem: str  # CHANGED, MISSING_PREDECESSOR or BAD_LINK


@dataclass(frozen=True)
class ChainReport:
    entries: int  # entries checked, up to and including a broken one
    last_sequence: int
    last_hash: str
    broken: Break | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None


def walk(rows: Iterable[Row], key: bytes) -> ChainReport:
    """Check `rows` (in sequence order, from the first entry) and stop at the first broken one."""
    count, sequence, prev_hash = 0, 0, ""
    for row in rows:
        count += 1
        problem = None
        if not hmac.compare_digest(seal(row, key).encode(), (row.hash or "").encode()):
            problem = CHANGED
        elif row.sequence != sequence + 1:
            problem = MISSING_PREDECESSOR
        elif row.prev_hash != prev_hash:
            problem = BAD_LINK
        if problem:
            broken = Break(row.id, row.sequence, row.created_at, row.action, problem)
            return ChainReport(count, sequence, prev_hash, broken)
        sequence, prev_hash = row.sequence, row.hash
    return ChainReport(count, sequence, prev_hash)
