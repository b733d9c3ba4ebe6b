"""等保 level-3 login policy: lockout, password complexity and expiry, idle timeout — each driven by the clock."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.accounts.validators import CharacterClassValidator
from qunying.core.models import AuditEntry
from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")
HOME = reverse("core:home")
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def login(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def officer(role_user):
    return role_user(Role.POLITICAL_OFFICER, username="officer")


def test_login_succeeds_and_is_audited(client, officer):
    response = login(client, "officer", PASSWORD)

    assert response.status_code == 302
    assert response.url == HOME
    entry = AuditEntry.objects.get(action="accounts.login.succeeded")
    assert entry.actor == officer
    assert entry.ip_address == "10.0.0.1"


def test_login_with_wrong_password_shows_chinese_error(client, officer):
    response = login(client, "officer", "wrong")

    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert AuditEntry.objects.filter(action="accounts.login.failed", data__username="officer").count() == 1


def test_five_failures_lock_the_account_for_thirty_minutes(client, officer):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            login(client, "officer", "wrong")

        locked = login(client, "officer", PASSWORD)
        assert locked.status_code == 429
        assert "锁定" in locked.content.decode()
        assert "_auth_user_id" not in client.session
        assert AuditEntry.objects.filter(action="accounts.login.locked_out").exists()

        clock.shift(datetime.timedelta(minutes=31))
        unlocked = login(client, "officer", PASSWORD)
        assert unlocked.status_code == 302
        assert client.session["_auth_user_id"] == str(officer.pk)


def test_attempts_during_a_lockout_keep_it_locked(client, officer):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            login(client, "officer", "wrong")

        clock.shift(datetime.timedelta(minutes=29))
        assert login(client, "officer", PASSWORD).status_code == 429
        # The cool-off counts from the latest attempt, so guessing on does not shorten it.
        clock.shift(datetime.timedelta(minutes=29))
        assert login(client, "officer", PASSWORD).status_code == 429


def test_lockout_is_per_username_and_ip(client, officer, role_user):
    role_user(Role.LEADER, username="leader")
    with time_machine.travel(START, tick=False):
        for _ in range(5):
            login(client, "officer", "wrong", ip="10.0.0.1")

        # Same user from another terminal, and another user from the same terminal, still get in.
        assert login(client, "officer", PASSWORD, ip="10.0.0.2").status_code == 302
        client.logout()
        assert login(client, "leader", PASSWORD, ip="10.0.0.1").status_code == 302


@pytest.mark.parametrize(
    ("password", "valid"),
    [("abcdefgh", False), ("abcd1234", False), ("Abcd1234", True), ("abcd12!@", True), ("ABCD!@#$", False)],
)
def test_password_needs_three_character_classes(password, valid):
    validator = CharacterClassValidator(min_classes=3)

    if valid:
        validator.validate(password)
    else:
        with pytest.raises(ValidationError, match="至少 3 类"):
            validator.validate(password)


def test_expired_password_forces_a_change_before_anything_else(client, officer):
    officer.password_changed_at = timezone.now() - datetime.timedelta(days=91)
    officer.save(update_fields=["password_changed_at"])
    client.force_login(officer)

    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change")

    changed = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Renewed#2026x", "new_password2": "Renewed#2026x"},
    )
    assert changed.status_code == 302
    assert client.get(HOME).status_code == 200
    officer.refresh_from_db()
    assert officer.check_password("Renewed#2026x")
    assert AuditEntry.objects.filter(action="accounts.user.password_changed", actor=officer).count() == 1


def test_password_is_valid_until_ninety_days(client, officer):
    with time_machine.travel(START, tick=False) as clock:
        officer.password_changed_at = timezone.now()
        officer.save(update_fields=["password_changed_at"])

        clock.shift(datetime.timedelta(days=89))
        client.force_login(officer)
        assert client.get(HOME).status_code == 200

        clock.shift(datetime.timedelta(days=2))
        client.force_login(officer)
        assert client.get(HOME).url == reverse("accounts:password_change")


def test_password_change_refuses_a_simple_password(client, officer):
    client.force_login(officer)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "abcdefgh", "new_password2": "abcdefgh"},
    )

    assert response.status_code == 200
    assert "至少 3 类" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_idle_session_expires_after_thirty_minutes(client, officer):
    with time_machine.travel(START, tick=False) as clock:
        officer.password_changed_at = timezone.now()
        officer.save(update_fields=["password_changed_at"])
        client.force_login(officer)

        # Activity renews the session: two requests 25 minutes apart keep it alive.
        clock.shift(datetime.timedelta(minutes=25))
        assert client.get(HOME).status_code == 200
        clock.shift(datetime.timedelta(minutes=25))
        assert client.get(HOME).status_code == 200

        clock.shift(datetime.timedelta(minutes=31))
        response = client.get(HOME)
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
