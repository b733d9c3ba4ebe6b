"""Two-factor sign-in (TOTP): who needs it, the second step's session state, enrolment, verification and resets."""

import base64
import enum
import secrets
import time
from urllib.parse import quote

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import login, user_login_failed
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.oath import TOTP

from qunying.accounts.models import BackupCode, SecondFactor, User
from qunying.accounts.rules import policy
from qunying.core.crypto import blind_index
from qunying.core.policy import roles_of
from qunying.core.roles import Role
from qunying.core.services import log_action

DIGITS = 6
STEP_SECONDS = 30
TOLERANCE = 1  # one step either side: phone clocks drift
BACKUP_CODE_COUNT = 10
BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
BACKUP_CODE_LENGTH = 10

# The session remembers who passed the password step (not yet signed in) and how the second step was satisfied.
PENDING_KEY = "qunying_2fa_pending"
STATE_KEY = "qunying_2fa"
PENDING_MAX_AGE = 600  # seconds between the password and the code
VERIFIED = "verified"
TRUSTED_HEADER = "trusted_header"
NOT_NEEDED = "not_needed"


class Outcome(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    THROTTLED = "throttled"
    LOCKED = "locked"


# --- who needs it -----------------------------------------------------------------------------------------------------


def check_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`qunying check`: a mistyped role code in QUNYING_2FA_ROLES would silently require nothing of that role."""
    unknown = sorted(set(settings.QUNYING_2FA_ROLES) - set(Role.values))
    if not unknown:
        return []
    return [
        checks.Error(
            f"QUNYING_2FA_ROLES names unknown roles: {', '.join(unknown)}.",
            hint=f"Use role codes: {', '.join(Role.values)}.",
            id="qunying.E2FA",
        )
    ]


def required_for(user) -> bool:
    """The user's roles (QUNYING_2FA_ROLES) require a second factor; superusers too whenever any role does."""
    required = set(settings.QUNYING_2FA_ROLES)
    return bool(required) and (user.is_superuser or bool(roles_of(user) & required))


def enrolled_device(user) -> SecondFactor | None:
    return SecondFactor.objects.filter(user=user, confirmed=True).first()


def second_factor_needed(user) -> bool:
    """Required by role, or chosen by the user (an enrolled device is always asked for)."""
    return required_for(user) or SecondFactor.objects.filter(user=user, confirmed=True).exists()


def session_satisfied(request) -> bool:
    """Whether the signed-in user of this request may see pages: the second step done, or not needed."""
    state = request.session.get(STATE_KEY)
    if state in {VERIFIED, TRUSTED_HEADER}:
        return True
    if state == NOT_NEEDED:
        return not required_for(request.user)  # a role granted since sign-in requires it now
    if second_factor_needed(request.user):
        return False
    request.session[STATE_KEY] = NOT_NEEDED
    return True


def note_login(request, user) -> None:
    """At every sign-in: remember when no second step is needed, so later requests cost no query."""
    session = getattr(request, "session", None)
    if session is not None and session.get(STATE_KEY) is None and not second_factor_needed(user):
        session[STATE_KEY] = NOT_NEEDED


# --- the second step's session state ----------------------------------------------------------------------------------


def start_second_step(request, user, *, next_url: str) -> None:
    """After a right password: the user is not signed in yet; the session only names them for /accounts/2fa/."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", None),
        "since": int(time.time()),
        "next": next_url,
    }


def second_step_user(request) -> User | None:
    """Who is at the second step: the signed-in user whose session lacks it, or the one who passed the password."""
    if request.user.is_authenticated:
        return request.user
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("since", 0) > PENDING_MAX_AGE:
        return None
    return User.objects.filter(pk=pending.get("user"), is_active=True).first()


def finish_second_step(request, user, *, how: str) -> str:
    """Sign the user in (if the password step left them pending) and mark the session; returns where to go next."""
    pending = request.session.pop(PENDING_KEY, None) or {}
    if not request.user.is_authenticated:
        login(request, user, backend=pending.get("backend") or "django.contrib.auth.backends.ModelBackend")
    request.session[STATE_KEY] = how
    return pending.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL)


def abandon_second_step(request) -> None:
    request.session.pop(PENDING_KEY, None)


# --- enrolment ----------------------------------------------------------------------------------------------------


@transaction.atomic
def begin_enrolment(user) -> SecondFactor:
    """A device waiting for its first code: the one already waiting (the QR code stays the same), or a new one."""
    device = SecondFactor.objects.select_for_update().filter(user=user).first()
    if device is not None and device.confirmed:
        raise ValidationError(_("Two-factor sign-in is already set up for this account."))
    if device is None:
        device = SecondFactor.objects.create(user=user, name="TOTP", confirmed=False, secret=secrets.token_hex(20))
    return device


def provisioning_uri(device: SecondFactor) -> str:
    """The otpauth:// URI authenticator apps read from the QR code."""
    issuer = settings.QUNYING_2FA_ISSUER.replace(":", "")
    label = quote(f"{issuer}:{device.user.get_username()}")
    secret = secret_text(device).replace(" ", "")
    return (
        f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer)}"
        f"&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )


def secret_text(device: SecondFactor) -> str:
    """The secret in base32, in groups of four, for typing into an app that cannot scan."""
    encoded = base64.b32encode(bytes.fromhex(device.secret)).decode("ascii").rstrip("=")
    return " ".join(encoded[index : index + 4] for index in range(0, len(encoded), 4))


def qr_svg(device: SecondFactor) -> SafeString:
    """The QR code as inline SVG, drawn here: no image service, no request leaves the intranet."""
    svg = segno.make(provisioning_uri(device), error="m").svg_inline(scale=4, dark="#000", light="#fff", border=2)
    return mark_safe(svg)  # noqa: S308 -- markup generated by segno from our own URI


def confirm_enrolment(request, user, code: str) -> tuple[Outcome, list[str]]:
    """The first right code confirms the device; returns the ten backup codes, shown once."""
    with transaction.atomic():
        device = SecondFactor.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None:
            return Outcome.WRONG, []
        outcome = _check(request, user, device, code, step="enrolment", backup_codes=False)
        if outcome is not Outcome.ACCEPTED:
            return outcome, []
        device.confirmed = True
        device.confirmed_at = timezone.now()
        device.save(update_fields=["confirmed", "confirmed_at"])
        codes = _issue_backup_codes(device)
        log_action(user, "accounts.twofactor.enrolled", by=user, data={"backup_codes": len(codes)})
    return outcome, codes


def _issue_backup_codes(device: SecondFactor) -> list[str]:
    device.backup_codes.all().delete()
    codes = [
        "".join(secrets.choice(BACKUP_CODE_ALPHABET) for _ in range(BACKUP_CODE_LENGTH))
        for _ in range(BACKUP_CODE_COUNT)
    ]
    BackupCode.objects.bulk_create(BackupCode(device=device, code_hash=_hash_backup_code(code)) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def _hash_backup_code(code: str) -> str:
    # Keyed: a copy of the database alone does not let anyone try the 10^15 codes offline.
    return blind_index(f"backup-code:{code}")


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())[:32]


# --- verification -------------------------------------------------------------------------------------------------


def verify_second_factor(request, user, code: str) -> Outcome:
    """The second step: a code from the app or an unused backup code. A wrong one counts as a failed sign-in."""
    with transaction.atomic():
        device = SecondFactor.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            return Outcome.WRONG
        return _check(request, user, device, code, step="verification", backup_codes=True)


def _check(request, user, device: SecondFactor, code: str, *, step: str, backup_codes: bool) -> Outcome:
    """One attempt against a locked device row: the lockout first, then django-otp's back-off, then the code."""
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials=credentials):
        return Outcome.LOCKED
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return Outcome.THROTTLED
    code = _normalise(code)
    used_backup = None
    if len(code) == DIGITS and code.isdigit():
        accepted = _totp_matches(device, int(code))
    elif backup_codes and code:
        used_backup = device.backup_codes.filter(code_hash=_hash_backup_code(code), used_at__isnull=True).first()
        accepted = used_backup is not None
    else:
        accepted = False
    now = timezone.now()
    if accepted:
        device.throttle_reset(commit=False)
        device.last_used_at = now
        device.save(
            update_fields=["throttling_failure_timestamp", "throttling_failure_count", "last_step", "last_used_at"]
        )
        if used_backup is not None:
            used_backup.used_at = now
            used_backup.save(update_fields=["used_at"])
            remaining = device.backup_codes.filter(used_at__isnull=True).count()
            log_action(user, "accounts.twofactor.backup_code_used", by=user, data={"remaining": remaining})
        return Outcome.ACCEPTED
    device.throttle_increment(commit=False)
    device.save(update_fields=["throttling_failure_timestamp", "throttling_failure_count"])
    log_action(user, "accounts.twofactor.failed", by=None, data={"username": credentials["username"], "step": step})
    # The same counter as wrong passwords (django-axes): five in a row lock the account on this address.
    user_login_failed.send(sender=__name__, credentials={**credentials, "second_factor": step}, request=request)
    return Outcome.LOCKED if getattr(request, "axes_locked_out", False) else Outcome.WRONG


def _totp_matches(device: SecondFactor, code: int) -> bool:
    totp = TOTP(bytes.fromhex(device.secret), step=STEP_SECONDS, digits=DIGITS)
    totp.time = time.time()
    if totp.verify(code, tolerance=TOLERANCE, min_t=device.last_step + 1):
        device.last_step = totp.t()  # the code (and any earlier one) cannot be replayed
        return True
    return False


def remaining_backup_codes(device: SecondFactor) -> int:
    return device.backup_codes.filter(used_at__isnull=True).count()


# --- the holder's own changes, and the security administrator's reset ------------------------------------------------


@transaction.atomic
def regenerate_backup_codes(user) -> list[str]:
    device = SecondFactor.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        raise ValidationError(_("Two-factor sign-in is not set up for this account."))
    codes = _issue_backup_codes(device)
    log_action(user, "accounts.twofactor.backup_codes_regenerated", by=user, data={"backup_codes": len(codes)})
    return codes


@transaction.atomic
def disable_own_second_factor(user) -> None:
    """Someone who chose two-factor sign-in may turn it off; where the role requires it, they may not."""
    if required_for(user):
        raise ValidationError(_("Your role requires two-factor sign-in: it cannot be turned off."))
    deleted, _counts = SecondFactor.objects.filter(user=user).delete()
    if deleted:
        log_action(user, "accounts.twofactor.disabled", by=user)


@transaction.atomic
def reset_second_factor(user: User, *, by) -> None:
    """The security administrator removes a lost device: the holder enrols again at their next sign-in."""
    policy.require(by, "reset_second_factor", user)
    if user == by:
        raise ValidationError(_("You cannot reset your own two-factor sign-in; ask another security administrator."))
    deleted, _counts = SecondFactor.objects.filter(user=user).delete()
    if not deleted:
        raise ValidationError(_("This account has no two-factor sign-in to reset."))
    log_action(user, "accounts.twofactor.reset", by=by, data={"username": user.get_username()})
