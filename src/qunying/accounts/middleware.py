"""Sign-in gates on every request: the second factor (and sign-in by a trusted gateway's header), then an expired
password (or one set by an administrator) sends the user to the password change page."""

import ipaddress

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from qunying.accounts import twofactor
from qunying.accounts.models import User
from qunying.core.services import log_action

# Pages a signed-in user whose second step is missing can still reach.
SECOND_STEP_URL_NAMES = {
    "accounts:twofactor_verify",
    "accounts:twofactor_setup",
    "accounts:logout",
    "core:healthz",
    "set_language",
}

# Pages a user with an expired password can still reach.
ALLOWED_URL_NAMES = {
    "accounts:password_change",
    "accounts:logout",
    "accounts:login",
    "accounts:twofactor_verify",
    "accounts:twofactor_setup",
    "core:healthz",
    "set_language",
}


class TwoFactorMiddleware:
    """A user who needs a second factor sees nothing but /accounts/2fa/ until the session has it, whichever way they
    signed in (the sign-in page, the admin site's, a session from before the requirement)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.QUNYING_TRUSTED_USER_HEADER:
            sign_in_from_trusted_header(request)
        if (
            request.user.is_authenticated
            and _view_name(request) not in SECOND_STEP_URL_NAMES
            and not twofactor.session_satisfied(request)
        ):
            return redirect("accounts:twofactor_verify")
        return self.get_response(request)


def sign_in_from_trusted_header(request) -> None:
    """The intranet gateway authenticated the user (PKI certificate) and names them in a header. Anyone can send that
    header, so it counts only on a connection straight from a trusted address; such a sign-in counts as two-factor."""
    meta_key = "HTTP_" + settings.QUNYING_TRUSTED_USER_HEADER.upper().replace("-", "_")
    username = request.META.get(meta_key, "").strip()
    if not username or not _peer_is_trusted(request.META.get("REMOTE_ADDR", "")):
        return
    if request.user.is_authenticated:
        if request.user.get_username() == username:
            request.session[twofactor.STATE_KEY] = twofactor.TRUSTED_HEADER
            return
        logout(request)  # the certificate on this connection is someone else's
    user = User.objects.filter(username=username[:150], is_active=True).first()
    if user is None:
        log_action(None, "accounts.login.trusted_header_refused", by=None, data={"username": username[:150]})
        return
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[twofactor.STATE_KEY] = twofactor.TRUSTED_HEADER
    log_action(user, "accounts.login.trusted_header", by=user, data={"header": settings.QUNYING_TRUSTED_USER_HEADER})


def _peer_is_trusted(address: str) -> bool:
    try:
        peer = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in settings.QUNYING_TRUSTED_PROXIES:
        try:
            if peer in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a mistyped entry trusts nothing
    return False


class PasswordExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.password_expired() and _view_name(request) not in ALLOWED_URL_NAMES:
            if user.must_change_password:
                messages.warning(request, _("Please change the initial password set by your administrator first."))
            else:
                messages.warning(request, _("Your password has expired. Please change it to continue."))
            return redirect("accounts:password_change")
        return self.get_response(request)


def _view_name(request) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None
