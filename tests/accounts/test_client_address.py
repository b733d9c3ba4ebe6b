"""The client's address behind reverse proxies: one function for the audit log and for the lockout key (axes)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.middleware import client_ip
from qunying.core.models import AuditEntry
from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")
PROXY = "10.9.9.9"


def login_via_proxy(client, username, password, forwarded_for):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_failures_from_one_forwarded_address_do_not_lock_out_another(client, role_user, settings):
    settings.QUNYING_PROXY_COUNT = 1
    officer = role_user(Role.POLITICAL_OFFICER, username="officer")

    for _ in range(5):
        login_via_proxy(client, "officer", "wrong", "203.0.113.5")

    assert login_via_proxy(client, "officer", PASSWORD, "203.0.113.5").status_code == 429
    allowed = login_via_proxy(client, "officer", PASSWORD, "203.0.113.6")
    assert allowed.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)
    failed = AuditEntry.objects.filter(action="accounts.login.failed")
    assert set(failed.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    assert AuditEntry.objects.get(action="accounts.login.succeeded").ip_address == "203.0.113.6"


def test_without_a_proxy_the_forwarded_header_is_ignored(client, role_user, settings):
    settings.QUNYING_PROXY_COUNT = 0
    role_user(Role.POLITICAL_OFFICER, username="officer")

    for index in range(5):
        login_via_proxy(client, "officer", "wrong", f"203.0.113.{index}")

    assert login_via_proxy(client, "officer", PASSWORD, "203.0.113.99").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", PROXY),
        (1, "203.0.113.5", "203.0.113.5"),
        # A client's own X-Forwarded-For stands left of what the trusted proxy appended.
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_reads_forwarded_for_from_the_right(settings, proxies, forwarded, expected):
    settings.QUNYING_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
