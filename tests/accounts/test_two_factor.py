"""Two-factor sign-in: enrolment, the second step at /accounts/2fa/, backup codes, lockout, expiry and resets."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP

from qunying.accounts.enums import Role
from qunying.accounts.models import BackupCode, SecondFactor
from qunying.accounts.twofactor import check_settings
from qunying.core.models import AuditEntry
from tests.factories import PASSWORD

LOGIN = reverse("accounts:login")
HOME = reverse("core:home")
VERIFY = reverse("accounts:twofactor_verify")
SETUP = reverse("accounts:twofactor_setup")
MANAGE = reverse("accounts:twofactor_manage")
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _required_for_officers_and_admins(settings):
    settings.QUNYING_2FA_ROLES = ["political_officer", "sys_admin", "security_admin", "audit_admin"]


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def officer(role_user):
    return role_user(Role.POLITICAL_OFFICER, username="officer")


def current_code(user) -> str:
    device = SecondFactor.objects.get(user=user)
    return f"{TOTP(bytes.fromhex(device.secret)).token():06d}"


def password_step(client, username="officer", password=PASSWORD, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def enrol(client, user, clock) -> list[str]:
    """Password, then enrolment with the app's first code; returns the backup codes shown."""
    password_step(client, user.username)
    client.get(SETUP)
    response = client.post(SETUP, {"code": current_code(user)})
    assert response.status_code == 200, response.content.decode()[:500]
    clock.shift(datetime.timedelta(seconds=60))  # the next code belongs to a later time step
    return response.context["codes"]


def signed_in(client) -> bool:
    return client.get(HOME).status_code == 200


def test_a_required_user_is_sent_to_enrolment_and_not_signed_in(client, officer):
    response = password_step(client)

    assert response.url == VERIFY
    assert client.get(VERIFY).url == SETUP
    assert "_auth_user_id" not in client.session
    assert client.get(HOME).url.startswith(LOGIN)
    assert not AuditEntry.objects.filter(action="accounts.login.succeeded").exists()


def test_enrolment_shows_a_qr_code_and_the_secret(client, officer):
    password_step(client)

    response = client.get(SETUP)

    page = response.content.decode()
    device = SecondFactor.objects.get(user=officer)
    assert "<svg" in page and "设置两步验证" in page
    assert response.context["secret"].replace(" ", "") in page.replace(" ", "")
    assert not device.confirmed
    assert response["Cache-Control"] == "no-store"


def test_enrolment_signs_in_and_shows_ten_backup_codes_once(client, officer, clock):
    codes = enrol(client, officer, clock)

    assert len(codes) == 10 and len(set(codes)) == 10
    assert signed_in(client)
    stored = set(BackupCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 10 and not stored & {code.replace("-", "") for code in codes}
    assert AuditEntry.objects.get(action="accounts.twofactor.enrolled").actor == officer
    assert AuditEntry.objects.filter(action="accounts.login.succeeded", actor=officer).count() == 1


def test_a_wrong_first_code_does_not_enrol(client, officer):
    password_step(client)
    client.get(SETUP)

    response = client.post(SETUP, {"code": "000000" if current_code(officer) != "000000" else "111111"})

    assert response.status_code == 400
    assert not SecondFactor.objects.get(user=officer).confirmed
    assert "_auth_user_id" not in client.session


def test_sign_in_asks_for_the_code_after_the_password(client, officer, clock):
    enrol(client, officer, clock)
    client.logout()

    assert password_step(client).url == VERIFY
    assert client.get(HOME).url.startswith(LOGIN)
    wrong = client.post(VERIFY, {"code": "12345"})
    assert wrong.status_code == 400 and "验证码不正确" in wrong.content.decode()
    clock.shift(datetime.timedelta(seconds=5))  # django-otp's back-off after a failure
    right = client.post(VERIFY, {"code": current_code(officer)})

    assert right.url == HOME
    assert signed_in(client)
    assert AuditEntry.objects.filter(action="accounts.twofactor.failed", data__username="officer").count() == 1


def test_a_code_cannot_be_used_twice(client, officer, clock):
    enrol(client, officer, clock)
    client.logout()
    code = current_code(officer)
    password_step(client)
    client.post(VERIFY, {"code": code})
    client.logout()

    password_step(client)
    replayed = client.post(VERIFY, {"code": code})

    assert replayed.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_backup_code_works_once_and_is_audited(client, officer, clock):
    codes = enrol(client, officer, clock)
    client.logout()

    password_step(client)
    assert client.post(VERIFY, {"code": codes[0].upper()}).url == HOME
    client.logout()
    clock.shift(datetime.timedelta(seconds=60))
    password_step(client)
    again = client.post(VERIFY, {"code": codes[0]})

    assert again.status_code == 400
    used = AuditEntry.objects.get(action="accounts.twofactor.backup_code_used")
    assert used.data == {"remaining": 9}
    assert BackupCode.objects.filter(used_at__isnull=False).count() == 1


def test_wrong_codes_count_as_failed_sign_ins_and_lock_the_account(client, officer, clock, settings):
    enrol(client, officer, clock)
    client.logout()
    settings.QUNYING_2FA_THROTTLE_FACTOR = 0  # only axes counts here; the back-off is tested below

    password_step(client)
    for _ in range(4):
        assert client.post(VERIFY, {"code": "999999x"}, REMOTE_ADDR="10.0.0.1").status_code == 400
    locked = client.post(VERIFY, {"code": "9999999"}, REMOTE_ADDR="10.0.0.1")

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert password_step(client).status_code == 429  # the right password no longer opens the second step
    assert client.post(VERIFY, {"code": current_code(officer)}, REMOTE_ADDR="10.0.0.1").url == LOGIN
    assert AuditEntry.objects.filter(action="accounts.login.locked_out").exists()
    assert AuditEntry.objects.filter(action="accounts.twofactor.failed").count() == 5


def test_quick_guesses_are_slowed_down(client, officer, clock):
    enrol(client, officer, clock)
    client.logout()
    password_step(client)
    client.post(VERIFY, {"code": "000000x"})

    response = client.post(VERIFY, {"code": current_code(officer)})

    assert response.status_code == 400 and "请稍候" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_session_without_the_second_step_reaches_no_page(client, officer, settings):
    client.force_login(officer)  # as the admin site's own sign-in page would

    assert client.get(HOME).url == VERIFY
    assert client.get(reverse("accounts:profile")).url == VERIFY
    assert client.get(VERIFY).url == SETUP


def test_the_second_step_expires(client, officer, clock):
    password_step(client)

    clock.shift(datetime.timedelta(minutes=11))

    assert client.get(VERIFY).url == LOGIN


def test_password_expiry_still_applies_after_the_second_step(client, officer, clock):
    enrol(client, officer, clock)
    client.logout()
    officer.password_changed_at = timezone.now() - datetime.timedelta(days=91)
    officer.save(update_fields=["password_changed_at"])

    password_step(client)
    client.post(VERIFY, {"code": current_code(officer)})

    assert client.get(HOME).url == reverse("accounts:password_change")


def test_idle_timeout_still_applies(client, officer, clock):
    enrol(client, officer, clock)

    clock.shift(datetime.timedelta(minutes=31))

    assert client.get(HOME).url.startswith(LOGIN)


def test_users_whose_role_does_not_require_it_sign_in_with_the_password(client, role_user):
    role_user(Role.LEADER, username="leader")

    assert password_step(client, "leader").url == HOME
    assert signed_in(client)


def test_anyone_may_choose_it_and_then_it_is_asked(client, role_user, clock):
    leader = role_user(Role.LEADER, username="leader")
    password_step(client, "leader")
    assert "设置两步验证" in client.get(MANAGE).content.decode()

    client.get(SETUP)
    client.post(SETUP, {"code": current_code(leader)})
    clock.shift(datetime.timedelta(seconds=60))
    client.logout()

    assert password_step(client, "leader").url == VERIFY


def test_a_holder_who_chose_it_may_turn_it_off_with_a_code(client, role_user, clock):
    leader = role_user(Role.LEADER, username="leader")
    enrol(client, leader, clock)

    client.post(MANAGE, {"action": "disable", "code": current_code(leader)})

    assert not SecondFactor.objects.filter(user=leader).exists()
    assert AuditEntry.objects.filter(action="accounts.twofactor.disabled", actor=leader).exists()


def test_a_required_holder_cannot_turn_it_off(client, officer, clock):
    enrol(client, officer, clock)

    page = client.get(MANAGE).content.decode()
    client.post(MANAGE, {"action": "disable", "code": current_code(officer)})

    assert 'value="disable"' not in page
    assert SecondFactor.objects.filter(user=officer, confirmed=True).exists()


def test_new_backup_codes_replace_the_old_ones(client, officer, clock):
    old = enrol(client, officer, clock)

    response = client.post(MANAGE, {"action": "regenerate", "code": current_code(officer)})

    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert BackupCode.objects.count() == 10
    assert AuditEntry.objects.filter(action="accounts.twofactor.backup_codes_regenerated").exists()


def test_the_security_administrator_resets_a_lost_device(client, officer, role_user, clock, settings):
    enrol(client, officer, clock)
    client.logout()
    settings.QUNYING_2FA_ROLES = []  # the administrator's own sign-in is not what this test is about
    secadmin = role_user(Role.SECURITY_ADMIN)
    client.force_login(secadmin)

    page = client.get(reverse("accounts:role_list")).content.decode()
    response = client.post(reverse("accounts:user_twofactor_reset", args=[officer.pk]))

    assert reverse("accounts:user_twofactor_reset", args=[officer.pk]) in page
    assert response.url == reverse("accounts:role_list")
    assert not SecondFactor.objects.filter(user=officer).exists() and not BackupCode.objects.exists()
    entry = AuditEntry.objects.get(action="accounts.twofactor.reset")
    assert (entry.actor, entry.object_id) == (secadmin, str(officer.pk))
    client.logout()
    settings.QUNYING_2FA_ROLES = ["political_officer"]
    password_step(client)
    assert client.get(VERIFY).url == SETUP


@pytest.mark.parametrize("role", [Role.SYS_ADMIN, Role.AUDIT_ADMIN, Role.POLITICAL_OFFICER])
def test_only_the_security_administrator_resets(client, officer, role_user, clock, settings, role):
    enrol(client, officer, clock)
    client.logout()
    settings.QUNYING_2FA_ROLES = []
    client.force_login(role_user(role))

    response = client.post(reverse("accounts:user_twofactor_reset", args=[officer.pk]))

    # Fetched through the security administrator's scope: to anyone else the account is not even there.
    assert response.status_code == 404
    assert SecondFactor.objects.filter(user=officer).exists()


@pytest.fixture
def gateway(settings):
    settings.QUNYING_TRUSTED_USER_HEADER = "X-Remote-User"
    settings.QUNYING_TRUSTED_PROXIES = ["10.8.0.0/16", "192.0.2.7"]


def test_the_trusted_header_is_ignored_from_other_addresses(client, officer, gateway):
    response = client.get(HOME, HTTP_X_REMOTE_USER="officer", REMOTE_ADDR="10.9.0.5")

    assert response.url.startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_the_trusted_header_signs_in_from_the_gateway_as_two_factor(client, officer, gateway):
    response = client.get(HOME, HTTP_X_REMOTE_USER="officer", REMOTE_ADDR="10.8.3.4")

    assert response.status_code == 200
    assert client.session["_auth_user_id"] == str(officer.pk)
    entry = AuditEntry.objects.get(action="accounts.login.trusted_header")
    assert (entry.actor, entry.ip_address) == (officer, "10.8.3.4")


def test_the_trusted_header_names_only_active_users(client, officer, gateway):
    officer.is_active = False
    officer.save(update_fields=["is_active"])

    response = client.get(HOME, HTTP_X_REMOTE_USER="officer", REMOTE_ADDR="192.0.2.7")

    assert response.url.startswith(LOGIN)
    assert AuditEntry.objects.filter(action="accounts.login.trusted_header_refused").exists()


def test_the_trusted_header_is_off_by_default(client, officer):
    response = client.get(HOME, HTTP_X_REMOTE_USER="officer", REMOTE_ADDR="127.0.0.1")

    assert response.url.startswith(LOGIN)


def test_a_mistyped_role_code_fails_the_system_check(settings):
    settings.QUNYING_2FA_ROLES = ["political_officer", "sysadmin"]

    errors = check_settings()

    assert [error.id for error in errors] == ["qunying.E2FA"] and "sysadmin" in errors[0].msg
