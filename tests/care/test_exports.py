"""Care exports of the people search, the notices and every undelivered honour: the page's filters and scope,
an audit entry, formula text neutralised, constant queries. (Other roles are refused by the parametrised test in
test_pages.py, which walks every care URL; one check here makes sure the new ones are in that walk.)"""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.care.urls import urlpatterns
from qunying.core.models import AuditEntry

# Export URL name → the column (1-based) holding the person's name.
EXPORTS = {
    "people_export": 1,
    "notice_export": 2,
    "delivery_undelivered_export": 1,
}


def names_in(response, column: int) -> list:
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [row[column - 1] for row in list(sheet.values)[1:]]


def test_the_new_exports_are_care_urls():
    assert set(EXPORTS) <= {pattern.name for pattern in urlpatterns}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_the_export_keeps_the_scope_and_filters_and_is_audited(client, role_user, tree, make_records, name):
    make_records("squad_a", "甲所关爱")
    make_records("station_a", "甲所另一")
    make_records("station_b", "乙所关爱")
    officer = role_user(Role.CARE_OFFICER, "station_a")
    client.force_login(officer)

    everything = names_in(client.get(reverse(f"care:{name}")), EXPORTS[name])
    filtered = names_in(client.get(reverse(f"care:{name}"), {"q": "甲所关爱"}), EXPORTS[name])
    by_unit = names_in(client.get(reverse(f"care:{name}"), {"unit": tree["squad_a"].pk}), EXPORTS[name])

    assert set(everything) == {"甲所关爱", "甲所另一"}
    assert set(filtered) == {"甲所关爱"}
    assert set(by_unit) == {"甲所关爱"}
    assert client.get(reverse(f"care:{name}"), {"unit": tree["station_b"].pk}).status_code == 404
    what = {"people_export": "people", "notice_export": "notices"}.get(name, "deliveries_undelivered")
    entries = AuditEntry.objects.filter(action=f"care.{what}.exported").order_by("pk")
    assert entries.count() == 3 and entries[0].actor == officer
    assert entries[1].data["filters"] == {"q": "甲所关爱"} and entries[1].data["rows"] == len(filtered)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_formula_text_is_neutralised(client, care, make_records, name):
    make_records(name="=HYPERLINK(1)")
    client.force_login(care)

    assert names_in(client.get(reverse(f"care:{name}")), EXPORTS[name]) == ["'=HYPERLINK(1)"]


@pytest.mark.parametrize("name", sorted(EXPORTS))
@pytest.mark.parametrize("role", [Role.POLITICAL_OFFICER, Role.UNIT_MANAGER, Role.LEADER, Role.SYS_ADMIN])
def test_other_roles_cannot_export(client, role_user, make_records, name, role):
    make_records()
    client.force_login(role_user(role))

    assert client.get(reverse(f"care:{name}")).status_code == 403
    assert not AuditEntry.objects.filter(action__endswith=".exported").exists()


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_the_export_runs_in_constant_queries(client, care, make_records, name):
    client.force_login(care)
    counts = []
    for index in range(3):
        make_records(name=f"关爱{index}")
        if index in (0, 2):  # with 1 row, then with 3
            with CaptureQueriesContext(connection) as queries:
                rows = names_in(client.get(reverse(f"care:{name}")), EXPORTS[name])
            assert len(rows) == index + 1
            counts.append(len(queries))
    assert counts[0] == counts[1]
