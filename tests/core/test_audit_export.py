"""The audit page for the audit administrator: the archive export (JSON lines with the chain hashes) and the alert
when the daily check found the chain broken."""

import datetime
import json

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core import audit, services
from qunying.core.models import AuditEntry
from qunying.core.services import log_action
from tests.conftest import drop_audit_triggers

TZ = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture
def auditor(client, role_user):
    user = role_user(Role.AUDIT_ADMIN)
    client.force_login(user)
    return user


def entries_on(*days: datetime.date) -> list[AuditEntry]:
    written = []
    for day in days:
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(23, 30), tzinfo=TZ), tick=False):
            written.append(log_action(None, f"tests.on.{day:%m%d}", by=None, data={"day": day}))
    return written


def download(client, **params):
    query = {f"export-{name}": value for name, value in params.items()}
    return client.get(reverse("core:audit_export"), query)


def test_export_streams_the_days_asked_for_with_their_hashes(client, auditor):
    _before, first, second, _after = entries_on(
        datetime.date(2026, 3, 1), datetime.date(2026, 3, 2), datetime.date(2026, 3, 3), datetime.date(2026, 3, 4)
    )

    response = download(client, date_from="2026-03-02", date_to="2026-03-03")

    assert response.status_code == 200
    assert response.streaming
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert 'filename="audit-20260302_20260303.jsonl"' in response["Content-Disposition"]
    lines = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert [line["id"] for line in lines] == [first.pk, second.pk]
    assert lines[1]["prev_hash"] == first.hash
    assert (lines[0]["hash"], lines[0]["sequence"], lines[0]["data"]) == (
        first.hash,
        first.sequence,
        {"day": "2026-03-02"},
    )
    exported = AuditEntry.objects.get(action="core.audit.exported")
    assert (exported.actor, exported.data) == (auditor, {"date_from": "2026-03-02", "date_to": "2026-03-03"})


def test_exported_lines_can_be_checked_with_the_key_alone(client, auditor, tree):
    log_action(tree["bureau"], "tests.archived", by=auditor, data={"n": 1.5, "名": "张三"})

    body = b"".join(download(client).streaming_content).decode()

    rows = []
    for text in body.splitlines():
        line = json.loads(text)
        line["created_at"] = datetime.datetime.fromisoformat(line["created_at"])
        rows.append(audit.Row(**line))
    assert audit.walk(rows, audit.audit_key()).ok
    assert [row.action for row in rows[-2:]] == ["tests.archived", "core.audit.exported"]  # the export is in it


@pytest.mark.parametrize("role", [Role.SYS_ADMIN, Role.SECURITY_ADMIN, Role.POLITICAL_OFFICER, Role.LEADER])
def test_export_is_for_the_audit_administrator_only(client, role_user, role):
    entries_on(datetime.date(2026, 3, 2))
    client.force_login(role_user(role))

    response = download(client)

    assert response.status_code in (403, 404)
    assert not AuditEntry.objects.filter(action="core.audit.exported").exists()


def test_export_asks_an_anonymous_visitor_to_sign_in(client, db):
    response = download(client)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_export_with_dates_the_wrong_way_round_explains_and_exports_nothing(client, auditor):
    response = download(client, date_from="2026-03-03", date_to="2026-03-02")

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "起始日期晚于结束日期" in page
    assert not AuditEntry.objects.filter(action="core.audit.exported").exists()


def test_export_with_a_bad_date_is_not_an_error(client, auditor):
    response = download(client, date_from="not-a-date")

    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="core.audit.exported").exists()


def test_audit_page_alerts_when_the_daily_check_found_a_break(client, auditor):
    written = entries_on(datetime.date(2026, 3, 1), datetime.date(2026, 3, 2), datetime.date(2026, 3, 3))
    drop_audit_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET object_repr = 'rewritten' WHERE id = %s", [written[1].pk])
    services.check_audit_chain(by=None)

    page = client.get(reverse("core:audit_list")).content.decode()

    assert "审计日志哈希链已断开" in page
    assert f"条目 {written[1].pk}" in page
    assert "tests.on.0302" in page


def test_audit_page_shows_the_last_clean_check(client, auditor):
    entries_on(datetime.date(2026, 3, 1))
    services.check_audit_chain(by=None)

    page = client.get(reverse("core:audit_list")).content.decode()

    assert "审计日志哈希链已断开" not in page
    assert "条目完好" in page
    assert "近 7 天内未校验哈希链" not in page


def test_audit_page_warns_when_no_check_ran_for_a_week(client, auditor):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 2, 0, tzinfo=TZ), tick=False):
        services.check_audit_chain(by=None)

    with time_machine.travel(datetime.datetime(2026, 3, 9, 9, 0, tzinfo=TZ), tick=False):
        page = client.get(reverse("core:audit_list")).content.decode()

    assert "近 7 天内未校验哈希链" in page
    assert "条目完好" not in page
