"""The suggestion export: the page's filters and scope, reasons in words, formula text neutralised, constant queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from qunying.core.models import AuditEntry
from qunying.discovery.models import Suggestion
from tests.discovery.conftest import YEAR
from tests.factories import PersonFactory
from tests.xlsx import export_rows


def suggest(unit, name, *, year=YEAR, composite="80", status="open", reason=""):
    person = PersonFactory(name=name, unit=unit)
    return Suggestion.objects.create(
        person=person,
        year=year,
        composite=Decimal(composite),
        reasons=[{"code": "deeds", "count": 4}],
        status=status,
        dismissal_reason=reason,
    )


def test_export_holds_the_units_suggestions_only_with_their_reasons(client, tree, role_user):
    suggest(tree["squad_a"], "甲所强者", status="dismissed", reason="=cmd|' /C calc'!A0")
    suggest(tree["station_b"], "乙所强者")
    client.force_login(role_user("unit_manager", "station_a"))

    rows = export_rows(client.get(reverse("discovery:suggestion_export")))

    assert rows[0][:3] == ("姓名", "警号", "单位")
    assert [row[0] for row in rows[1:]] == ["甲所强者"]
    assert "4" in rows[1][5]  # the reason in words, with its count
    assert rows[1][7] == "'=cmd|' /C calc'!A0"
    assert AuditEntry.objects.filter(action="discovery.suggestions.exported").exists()


def test_export_takes_the_pages_filters(client, tree, role_user):
    suggest(tree["station_a"], "今年的", year=YEAR)
    suggest(tree["station_a"], "去年的", year=YEAR - 1)
    client.force_login(role_user("political_officer"))

    rows = export_rows(client.get(reverse("discovery:suggestion_export"), {"year": YEAR - 1}))

    assert [row[0] for row in rows[1:]] == ["去年的"]


def test_export_of_a_unit_outside_the_scope_is_404_and_other_roles_are_refused(client, tree, role_user):
    client.force_login(role_user("unit_manager", "station_a"))
    assert client.get(reverse("discovery:suggestion_export"), {"unit": tree["station_b"].pk}).status_code == 404
    client.force_login(role_user("audit_admin"))
    assert client.get(reverse("discovery:suggestion_export")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_export_runs_a_constant_number_of_queries(client, tree, role_user, django_assert_num_queries, count):
    for index in range(count):
        suggest(tree["station_a"], f"强者{index}")
    client.force_login(role_user("political_officer"))

    with django_assert_num_queries(9):
        export_rows(client.get(reverse("discovery:suggestion_export")))
