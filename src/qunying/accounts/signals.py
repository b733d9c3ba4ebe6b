"""Receivers for login events raised by Django and django-axes; each hands over to a service that audits it."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from qunying.accounts import services, twofactor


@receiver(user_logged_in, dispatch_uid="qunying.accounts.login")
def on_login(sender, request, user, **kwargs):
    services.record_login(user)
    if request is not None:
        twofactor.note_login(request, user)


@receiver(user_logged_out, dispatch_uid="qunying.accounts.logout")
def on_logout(sender, request, user, **kwargs):
    services.record_logout(user)


@receiver(user_login_failed, dispatch_uid="qunying.accounts.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    if "second_factor" in credentials:
        return  # a wrong code: the two-factor service audits it with its step
    services.record_login_failure(str(credentials.get("username", "")))


@receiver(user_locked_out, dispatch_uid="qunying.accounts.locked_out")
def on_locked_out(sender, request, username, ip_address, **kwargs):
    services.record_lockout(str(username or ""))
