"""Sends users whose password has expired (or was set by an administrator) to the password change page."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

# Pages a user with an expired password can still reach.
ALLOWED_URL_NAMES = {
    "accounts:password_change",
    "accounts:logout",
    "accounts:login",
    "core:healthz",
    "set_language",
}


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
