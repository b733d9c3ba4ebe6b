"""Keeps the current request reachable from services, so audit entries record the client's IP without plumbing."""

from contextvars import ContextVar

from django.conf import settings

current_request: ContextVar = ContextVar("qunying_current_request", default=None)


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address the trusted reverse proxies (QUNYING_PROXY_COUNT of them) saw."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
