"""Sensitive downloads are never kept by a browser or proxy cache (issue 15, finding 8): every Excel export through
the core export view, the roster with full ID numbers, care exports and the annual summary."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from tests.factories import PersonFactory


@pytest.mark.parametrize(
    ("role", "url"),
    [
        (Role.POLITICAL_OFFICER, "org:roster_export"),  # full ID numbers
        (Role.POLITICAL_OFFICER, "org:unit_export"),  # the core export view
        (Role.POLITICAL_OFFICER, "feedback:interaction_export"),
        (Role.CARE_OFFICER, "care:people_export"),
        (Role.POLITICAL_OFFICER, "org:roster_template"),  # every workbook download goes the same way
        (Role.POLITICAL_OFFICER, "reports:summary_template_download"),
    ],
)
def test_sensitive_downloads_say_no_store(client, tree, role_user, role, url):
    PersonFactory(unit=tree["station_a"])
    client.force_login(role_user(role))

    response = client.get(reverse(url))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_pages_that_are_not_downloads_keep_their_caching(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("org:person_list"))

    assert "no-store" not in response.get("Cache-Control", "")
