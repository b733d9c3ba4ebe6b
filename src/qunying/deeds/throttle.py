"""Abuse resistance for the public nomination page without a third-party captcha: cache counters per IP and per
contact, and a signed timestamp that shows how long the form was open (bots post at once)."""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

FORM_STAMP_NAMESPACE = "qunying.deeds.nomination-form"  # signing namespace, not a secret
PREFIX = "qunying:nominate"


def form_token() -> str:
    """A signed 'the form was shown at' stamp for the hidden field."""
    return signing.dumps(time.time(), salt=FORM_STAMP_NAMESPACE)


def seconds_open(token: str) -> float | None:
    """How long ago the form was shown, or None for a missing, forged or stale token."""
    try:
        shown = signing.loads(
            token or "", salt=FORM_STAMP_NAMESPACE, max_age=settings.QUNYING_NOMINATION_FORM_MAX_AGE_SECONDS
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(shown, int | float):
        return None
    return time.time() - shown


def _count(key: str, window: int) -> int:
    """Increment the counter; the window starts with its first hit (cache.add never extends it)."""
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def allow_ip(ip: str | None) -> bool:
    """Count one post from this address; False once it has posted more than the limit in the window."""
    key = f"{PREFIX}:ip:{ip or 'unknown'}"
    return _count(key, settings.QUNYING_NOMINATION_IP_WINDOW_SECONDS) <= settings.QUNYING_NOMINATION_IP_LIMIT


def contact_exhausted(phone_index: str) -> bool:
    """True when this contact (by the blind index of its phone) already sent the most nominations allowed."""
    if not phone_index:
        return False
    used = cache.get(f"{PREFIX}:contact:{phone_index}", 0)
    return used >= settings.QUNYING_NOMINATION_CONTACT_LIMIT


def count_contact(phone_index: str) -> None:
    if phone_index:
        _count(f"{PREFIX}:contact:{phone_index}", settings.QUNYING_NOMINATION_CONTACT_WINDOW_SECONDS)
