"""Retention: after QUNYING_SMS_RETENTION_DAYS the phone is erased everywhere and only its blind index remains."""

import datetime

from django.db import connection
from django.utils import timezone

from qunying.core import periodic
from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_digits
from qunying.core.models import AuditEntry
from qunying.feedback import tasks
from qunying.feedback.models import OutboxMessage, ServiceInteraction
from qunying.feedback.services import purge_expired_phones, send_due_surveys
from tests.feedback.conftest import PHONE, record, reply

DAY = datetime.timedelta(days=1)


def stored(table: str, pk: int) -> tuple:
    with connection.cursor() as cursor:
        columns = "phone, phone_index" if table == "feedback_serviceinteraction" else "phone, ''"
        cursor.execute(f"SELECT {columns} FROM {table} WHERE id = %s", [pk])  # noqa: S608 -- fixed table names
        return cursor.fetchone()


def test_the_purge_leaves_only_hashes_of_old_phones(officers, settings):
    settings.QUNYING_SMS_BACKEND = "outbox"
    now = timezone.now()
    old = record(officers["a"], now=now - 100 * DAY, occurred_at=now - 100 * DAY)
    send_due_surveys(now=now - 100 * DAY + DAY)
    recent = record(officers["a"], phone="13900001111", occurred_at=now - DAY, now=now)
    OutboxMessage.objects.update(created_at=now - 100 * DAY)

    counts = purge_expired_phones(now=now)

    assert (counts["interactions"], counts["outbox_messages"]) == (1, 1)
    phone, phone_index = stored("feedback_serviceinteraction", old.pk)
    assert phone == "" and phone_index == blind_index(PHONE, normalise=normalise_digits)
    assert stored("feedback_outboxmessage", OutboxMessage.objects.get().pk)[0] == ""
    assert stored("feedback_serviceinteraction", recent.pk)[0] not in ("", None)
    old.refresh_from_db()
    assert (old.phone, old.phone_purged_at) == ("", now)
    entry = AuditEntry.objects.get(action="feedback.phones.purged")
    assert entry.data["interactions"] == 1 and PHONE not in str(entry.data)


def test_a_late_reply_still_finds_its_survey_by_the_hash(officers, settings):
    now = timezone.now()
    record(officers["a"], occurred_at=now - 100 * DAY, now=now - 100 * DAY)
    send_due_surveys(now=now - 100 * DAY + DAY)
    purge_expired_phones(now=now)

    answer, _ = reply("1", at=now)

    assert answer.survey is not None and answer.late and not answer.counted


def test_purging_twice_changes_nothing_more(officers):
    now = timezone.now()
    record(officers["a"], occurred_at=now - 100 * DAY, now=now - 100 * DAY)

    purge_expired_phones(now=now)
    again = purge_expired_phones(now=now + DAY)

    assert again["interactions"] == 0
    assert AuditEntry.objects.filter(action="feedback.phones.purged").count() == 1


def test_the_purge_runs_as_a_periodic_task(officers, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    now = timezone.now()
    record(officers["a"], occurred_at=now - 100 * DAY, now=now - 100 * DAY)

    result = tasks.purge_expired_phones.enqueue()

    assert result.return_value["interactions"] == 1
    assert ServiceInteraction.objects.get().phone == ""


def test_the_apps_periodic_tasks_are_registered():
    names = {entry.name for entry in periodic.discover()}

    assert {
        "qunying.feedback.tasks.purge_expired_phones",
        "qunying.feedback.tasks.send_due_surveys",
        "qunying.feedback.tasks.expire_surveys",
    } <= names
