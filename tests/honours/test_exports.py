"""The award catalogue exports (political department only): every award and issuer with the honours in force,
formula text neutralised, a constant number of queries."""

import pytest
from django.urls import reverse

from qunying.core.models import AuditEntry
from qunying.honours.models import AwardType
from tests.factories import HonourFactory, IssuerFactory, PersonFactory
from tests.xlsx import export_rows


def test_the_award_catalogue_exports_with_honours_in_force(client, tree, role_user):
    issuer = IssuerFactory(name="=测试市公安局", level="county", kind="police")
    HonourFactory(person=PersonFactory(unit=tree["station_a"]), issuer=issuer)
    client.force_login(role_user("political_officer"))

    awards = export_rows(client.get(reverse("honours:award_type_export")))
    issuers = export_rows(client.get(reverse("honours:issuer_export")))

    assert len(awards) - 1 == AwardType.objects.count()
    assert [row[6] for row in awards[1:] if row[3] == "commendation"] == [1]
    assert ("'=测试市公安局", 1) in [(row[0], row[5]) for row in issuers[1:]]
    assert (
        AuditEntry.objects.filter(action__in=["honours.award_types.exported", "honours.issuers.exported"]).count() == 2
    )


@pytest.mark.parametrize("role", ["leader", "unit_manager", "sys_admin"])
def test_only_the_political_department_exports_the_catalogue(client, role_user, role):
    client.force_login(role_user(role))

    assert client.get(reverse("honours:award_type_export")).status_code == 403
    assert client.get(reverse("honours:issuer_export")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_catalogue_exports_run_a_constant_number_of_queries(client, role_user, django_assert_num_queries, count):
    for index in range(count):
        IssuerFactory(name=f"测试机关{index}", level="county", kind="police")
    client.force_login(role_user("political_officer"))

    for name in ("award_type_export", "issuer_export"):
        with django_assert_num_queries(9):
            export_rows(client.get(reverse(f"honours:{name}")))
