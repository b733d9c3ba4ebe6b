"""Keeps the current request reachable from services, so audit entries record the client's IP without plumbing."""

import ipaddress
from contextvars import ContextVar

from django.conf import settings

current_request: ContextVar = ContextVar("qunying_current_request", default=None)


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind QUNYING_PROXY_COUNT trusted reverse proxies the address the
    outermost of them saw. The one answer for the audit log, django-axes (AXES_CLIENT_IP_CALLABLE) and rate limits.

    X-Forwarded-For is read from the right: each trusted proxy appends the address it was called from, so the N-th
    entry from the end is the one a client cannot forge; whatever a client wrote itself stands further left."""
    proxies = settings.QUNYING_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies and _is_ip(hops[-proxies]):
            return hops[-proxies]
    remote = request.META.get("REMOTE_ADDR") or ""
    return remote if _is_ip(remote) else None


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
