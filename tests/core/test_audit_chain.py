"""The audit log's hash chain and its append-only triggers: the database refuses UPDATE, DELETE and TRUNCATE on both
engines; `qunying verify-audit` finds an entry changed or removed behind the application's back."""

import datetime
import decimal
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.test import RequestFactory

from qunying.core import audit, periodic, services, tasks
from qunying.core.middleware import RequestContextMiddleware
from qunying.core.models import AuditEntry
from qunying.core.queries import CHAIN_BROKEN, CHAIN_VERIFIED, verify_audit_chain
from qunying.core.services import log_action
from tests.conftest import drop_audit_triggers
from tests.factories import UserFactory


@pytest.fixture
def entries(tree):
    return [log_action(tree["bureau"], f"tests.entry.{n}", by=None, data={"n": n}) for n in range(5)]


def run_verify(**options) -> str:
    out = []

    class Out:
        def write(self, text):
            out.append(text)

    call_command("verify-audit", stdout=Out(), **options)
    return "".join(out)


def raw_sql(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_to_delete_entries(entries):
    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("DELETE FROM core_auditentry WHERE id = %s", [entries[0].pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("DELETE FROM core_auditentry")

    assert AuditEntry.objects.filter(pk=entries[0].pk).exists()


def test_the_database_refuses_to_truncate_the_log(entries):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's (SQLite empties a table with DELETE, refused above)")

    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("TRUNCATE core_auditentry")
    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("TRUNCATE core_auditentry, accounts_user CASCADE")

    assert AuditEntry.objects.filter(pk=entries[0].pk).exists()


def test_migrate_recreates_triggers_that_a_table_rebuild_dropped(entries):
    drop_audit_triggers(connection)

    audit.ensure_append_only(connection)

    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("DELETE FROM core_auditentry")
    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("UPDATE core_auditentry SET action = 'tampered'")


def test_each_entry_links_to_the_one_before(entries):
    rows = list(AuditEntry.objects.order_by("sequence").values_list("sequence", "prev_hash", "hash"))

    assert [sequence for sequence, _prev, _hash in rows] == list(range(1, len(rows) + 1))
    assert rows[0][1] == ""
    assert all(rows[n][1] == rows[n - 1][2] for n in range(1, len(rows)))
    assert len({hash_ for _seq, _prev, hash_ in rows}) == len(rows)
    assert [entry.sequence for entry in entries] == [row[0] for row in rows[-5:]]


def test_verify_audit_passes_a_clean_chain(entries):
    assert run_verify() == f"audit chain ok: {entries[-1].sequence} entries\n"


def test_verify_audit_passes_an_empty_log(db):
    assert run_verify() == "audit chain ok: 0 entries\n"


def test_verify_audit_reads_in_chunks(entries):
    assert run_verify(chunk_size=2) == f"audit chain ok: {entries[-1].sequence} entries\n"


def test_verify_audit_detects_a_changed_entry(entries):
    drop_audit_triggers(connection)  # inside the test's transaction: rolled back with it
    raw_sql("UPDATE core_auditentry SET data = %s WHERE id = %s", ['{"n": 99}', entries[2].pk])

    with pytest.raises(CommandError) as broken:
        run_verify(chunk_size=2)

    assert broken.value.returncode == 1
    message = str(broken.value)
    assert f"audit chain broken at entry {entries[2].pk} (sequence {entries[2].sequence}, " in message
    assert "tests.entry.2" in message
    assert "changed" in message


def test_verify_audit_detects_a_changed_time_or_actor(entries):
    drop_audit_triggers(connection)
    # The plain manager, as a script with database access would write: the model's own refuses.
    AuditEntry._base_manager.filter(pk=entries[1].pk).update(created_at=entries[1].created_at + datetime.timedelta(1))
    with pytest.raises(CommandError) as broken:
        run_verify()
    assert f"entry {entries[1].pk} " in str(broken.value)

    AuditEntry._base_manager.filter(pk=entries[1].pk).update(created_at=entries[1].created_at)
    AuditEntry._base_manager.filter(pk=entries[3].pk).update(actor=UserFactory(), actor_name="someone")
    with pytest.raises(CommandError) as broken:
        run_verify()
    assert f"entry {entries[3].pk} " in str(broken.value)


def test_verify_audit_detects_a_removed_entry(entries):
    drop_audit_triggers(connection)
    raw_sql("DELETE FROM core_auditentry WHERE id = %s", [entries[3].pk])

    with pytest.raises(CommandError) as broken:
        run_verify()

    assert broken.value.returncode == 1
    assert f"audit chain broken at entry {entries[4].pk} (sequence {entries[4].sequence}, " in str(broken.value)
    assert "missing_predecessor" in str(broken.value)


def test_verify_audit_detects_a_removed_first_entry(db):
    first, second = (log_action(None, f"tests.entry.{n}", by=None) for n in range(2))
    drop_audit_triggers(connection)
    raw_sql("DELETE FROM core_auditentry WHERE id = %s", [first.pk])

    with pytest.raises(CommandError) as broken:
        run_verify()

    assert f"entry {second.pk} (sequence 2, " in str(broken.value)


def test_verify_audit_detects_an_entry_sealed_without_the_key(entries, settings):
    key = settings.QUNYING_AUDIT_KEY
    settings.QUNYING_AUDIT_KEY = "a-guessed-key"
    forged = log_action(None, "tests.forged", by=None)
    settings.QUNYING_AUDIT_KEY = key

    report = verify_audit_chain()

    assert (report.broken.entry_id, report.broken.problem) == (forged.pk, audit.CHANGED)


def test_data_and_addresses_hash_as_the_database_gives_them_back(tree):
    request = RequestFactory().post("/", REMOTE_ADDR="2001:0db8:0000:0000:0000:0000:0000:0001")
    data = {
        "date": datetime.date(2026, 11, 29),
        "when": datetime.datetime(2026, 11, 29, 8, 30, 15, 123456, tzinfo=datetime.UTC),
        "amount": decimal.Decimal("12.50"),
        "whole": 2.0,
        "huge": 1e20,
        "ratio": 0.1,
        "nested": {"b": [1, "二", None, True], "a": ("x", 3)},
        "名字": "张三",
    }

    def view(request):
        log_action(tree["station_a"], "tests.data", by=None, data=data)

    RequestContextMiddleware(view)(request)
    log_action(None, "tests.after", by=None, data={})

    assert verify_audit_chain().ok


def test_entries_committed_outside_a_test_transaction_are_chained(transactional_db):
    """Written in autocommit mode, as a command or the worker writes them; the test's flush still empties the log."""
    first = log_action(None, "tests.committed.1", by=None)
    second = log_action(None, "tests.committed.2", by=None)

    assert (second.sequence, second.prev_hash) == (first.sequence + 1, first.hash)
    assert verify_audit_chain().ok
    with pytest.raises(DatabaseError), transaction.atomic():
        raw_sql("DELETE FROM core_auditentry")


def test_concurrent_writers_do_not_fork_the_chain(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; PostgreSQL serialises audit writers with an advisory lock")
    errors = []

    def write(worker: int):
        try:
            for n in range(10):
                with transaction.atomic():
                    log_action(None, f"tests.concurrent.{worker}.{n}", by=None)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert verify_audit_chain().entries == 40
    assert verify_audit_chain().ok


def test_the_daily_check_records_its_outcome(entries):
    assert periodic.discover() and tasks.verify_audit_chain.module_path in [
        entry.name for entry in periodic.registered()
    ]
    registered = {entry.name: entry.every for entry in periodic.registered()}
    assert registered[tasks.verify_audit_chain.module_path] == datetime.timedelta(days=1)

    assert tasks.verify_audit_chain.call() == {"entries": entries[-1].sequence, "ok": True}
    verified = AuditEntry.objects.get(action=CHAIN_VERIFIED)
    assert verified.data["entries"] == entries[-1].sequence
    assert verified.data["last_hash"] == entries[-1].hash

    drop_audit_triggers(connection)
    raw_sql("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
    report = services.check_audit_chain(by=None)

    assert not report.ok
    broken = AuditEntry.objects.get(action=CHAIN_BROKEN)
    assert broken.data["entry"] == entries[2].pk
    assert broken.data["problem"] == audit.MISSING_PREDECESSOR
