"""Excel exports of the reserve lists that had none: awaiting approval, coverage, guidance visits, evaluation rounds;
and the entry list's export on the shared ExcelExportView. Each: same filters and scope as its page, roles without
access refused, formula text neutralised, an audit entry, and the same number of queries for 1 and 3 rows."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.reserve.enums import Tier
from qunying.reserve.services import propose_tier
from qunying.reserve.services.activities import create_visit
from qunying.reserve.services.evaluations import open_round
from tests.factories import PersonFactory
from tests.reserve.conftest import admit


def rows_of(response) -> list[tuple]:
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return list(sheet.iter_rows(min_row=2, values_only=True))


def queries_for(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        rows_of(client.get(url, params or {}))
    return len(context)


def propose(person, officer, reason="表现突出"):
    return propose_tier(
        person=person, to_tier=Tier.RESERVE, reason=reason, level="unit", category="grassroots", by=officer
    )


def visit(unit, by, *, findings="缺少重点培养对象", date=datetime.date(2026, 3, 1)):
    return create_visit(unit=unit, date=date, visitors="政治处主任", findings=findings, by=by)


# --- the entry list (now on ExcelExportView) ---------------------------------------------------------------------


def test_entry_export_follows_the_filters_neutralises_and_is_audited(client, tree, officer):
    admit(PersonFactory(unit=tree["squad_a"], name="=甲所民警"), Tier.RESERVE, officer)
    admit(PersonFactory(unit=tree["station_b"], name="乙所民警"), Tier.RESERVE, officer)
    client.force_login(officer)

    rows = rows_of(client.get(reverse("reserve:entry_export"), {"unit": tree["station_a"].pk}))

    assert [row[0] for row in rows] == ["'=甲所民警"]
    assert AuditEntry.objects.filter(action="reserve.entries.exported").exists()


# --- awaiting my approval -----------------------------------------------------------------------------------------


def test_awaiting_export_holds_the_pending_proposals_in_scope(client, tree, officer, role_user):
    propose(PersonFactory(unit=tree["squad_a"], name="甲所民警"), officer, reason="=HYPERLINK()")
    propose(PersonFactory(unit=tree["station_b"], name="乙所民警"), officer)
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))

    rows = rows_of(client.get(reverse("reserve:awaiting_export")))

    assert [(row[0], row[4]) for row in rows] == [("甲所民警", "'=HYPERLINK()")]
    assert AuditEntry.objects.filter(action="reserve.awaiting.exported", data__rows=1).exists()


@pytest.mark.parametrize("role", [Role.UNIT_MANAGER, Role.PUBLICITY_EDITOR, Role.MEMBER, Role.SYS_ADMIN])
def test_awaiting_export_is_refused_to_roles_that_do_not_decide(client, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("reserve:awaiting_export")).status_code == 403


def test_awaiting_export_queries_do_not_grow(client, tree, officer):
    client.force_login(officer)
    propose(PersonFactory(unit=tree["squad_a"]), officer)
    one = queries_for(client, reverse("reserve:awaiting_export"))
    propose(PersonFactory(unit=tree["squad_a"]), officer)
    propose(PersonFactory(unit=tree["station_b"]), officer)
    assert len(rows_of(client.get(reverse("reserve:awaiting_export")))) == 3
    assert queries_for(client, reverse("reserve:awaiting_export")) == one


# --- coverage -----------------------------------------------------------------------------------------------------


def test_coverage_export_holds_the_units_in_scope_with_their_counts(client, tree, officer, role_user):
    tree["squad_a"].name = "=一中队"
    tree["squad_a"].save()
    admit(PersonFactory(unit=tree["squad_a"]), Tier.RESERVE, officer)
    admit(PersonFactory(unit=tree["station_b"]), Tier.RESERVE, officer)
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    rows = rows_of(client.get(reverse("reserve:coverage_export")))

    assert [row[:2] + row[4:] for row in rows] == [("甲派出所", 0, 1, 2), ("'=一中队", 1, 1, 2)]
    assert not any("乙派出所" in row[0] for row in rows)
    assert AuditEntry.objects.filter(action="reserve.coverage.exported").exists()


@pytest.mark.parametrize("role", [Role.PUBLICITY_EDITOR, Role.CARE_OFFICER, Role.MEMBER, Role.AUDIT_ADMIN])
def test_coverage_export_is_refused_to_roles_outside_the_reserve(client, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("reserve:coverage_export")).status_code == 403


def test_coverage_export_queries_do_not_grow(client, tree, officer):
    client.force_login(officer)
    admit(PersonFactory(unit=tree["squad_a"]), Tier.RESERVE, officer)
    one = queries_for(client, reverse("reserve:coverage_export"))
    admit(PersonFactory(unit=tree["squad_a"]), Tier.FOCUS, officer)
    admit(PersonFactory(unit=tree["station_b"]), Tier.RESERVE, officer)
    assert queries_for(client, reverse("reserve:coverage_export")) == one


# --- guidance visits ----------------------------------------------------------------------------------------------


def test_visit_export_follows_the_filters_and_the_scope(client, tree, officer, role_user):
    visit(tree["squad_a"], officer, findings="=CMD()")
    visit(tree["squad_a"], officer, findings="去年的调研", date=datetime.date(2025, 5, 1))
    visit(tree["station_b"], officer, findings="乙所调研")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    rows = rows_of(client.get(reverse("reserve:visit_export"), {"year": 2026}))

    assert [(row[1], row[3]) for row in rows] == [("甲所一中队", "'=CMD()")]
    assert {row[3] for row in rows_of(client.get(reverse("reserve:visit_export")))} == {"'=CMD()", "去年的调研"}
    assert client.get(reverse("reserve:visit_export"), {"unit": tree["station_b"].pk}).status_code == 404
    assert AuditEntry.objects.filter(action="reserve.visits.exported", data__filters__year=2026).exists()


@pytest.mark.parametrize("role", [Role.PUBLICITY_EDITOR, Role.JUDGE, Role.MEMBER, Role.SECURITY_ADMIN])
def test_visit_export_is_refused_to_roles_outside_the_reserve(client, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("reserve:visit_export")).status_code == 403


def test_visit_export_queries_do_not_grow(client, tree, officer):
    client.force_login(officer)
    visit(tree["squad_a"], officer)
    one = queries_for(client, reverse("reserve:visit_export"))
    visit(tree["station_a"], officer)
    visit(tree["station_b"], officer)
    assert len(rows_of(client.get(reverse("reserve:visit_export")))) == 3
    assert queries_for(client, reverse("reserve:visit_export")) == one


# --- evaluation rounds --------------------------------------------------------------------------------------------


def test_round_list_export_holds_the_rounds_in_scope_with_progress(client, tree, officer, role_user):
    tree["bureau"].name = "=局"
    tree["bureau"].save()
    admit(PersonFactory(unit=tree["squad_a"]), Tier.RESERVE, officer)
    open_round(year=2026, unit=tree["bureau"], by=officer)
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    rows = rows_of(client.get(reverse("reserve:round_list_export")))

    assert [row[:2] + row[3:5] for row in rows] == [(2026, "'=局", 0, 1)]
    assert AuditEntry.objects.filter(action="reserve.rounds.exported").exists()
    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))  # no one of theirs in the round
    assert rows_of(client.get(reverse("reserve:round_list_export"))) == []


@pytest.mark.parametrize("role", [Role.PUBLICITY_EDITOR, Role.CARE_OFFICER, Role.MEMBER, Role.SYS_ADMIN])
def test_round_list_export_is_refused_to_roles_outside_the_reserve(client, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("reserve:round_list_export")).status_code == 403


def test_round_list_export_queries_do_not_grow(client, tree, officer):
    client.force_login(officer)
    admit(PersonFactory(unit=tree["squad_a"]), Tier.RESERVE, officer)
    open_round(year=2026, unit=tree["bureau"], by=officer)
    one = queries_for(client, reverse("reserve:round_list_export"))
    open_round(year=2025, unit=tree["bureau"], by=officer)
    open_round(year=2024, unit=tree["bureau"], by=officer)
    assert len(rows_of(client.get(reverse("reserve:round_list_export")))) == 3
    assert queries_for(client, reverse("reserve:round_list_export")) == one
