"""System checks of how the installation is served (`qunying check`, and every command that starts a server)."""

from django.conf import settings
from django.core import checks

LOCAL_CACHES = {"django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"}


def cache_is_shared() -> bool:
    return settings.CACHES["default"]["BACKEND"] not in LOCAL_CACHES


def check_shared_state(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Several server processes with a cache in each process's memory: the honour board of one process outlives a
    publication made through another, and every rate limit (public nominations, votes, SMS pace) is counted per
    process, so N processes let N times as much through."""
    if settings.QUNYING_WEB_WORKERS <= 1 or cache_is_shared():
        return []
    return [
        checks.Warning(
            f"{settings.QUNYING_WEB_WORKERS} server processes but no shared cache: the honour board cache and the "
            "rate limits (public nominations, votes, SMS sending pace) are kept in each process separately.",
            hint="Set QUNYING_REDIS_URL (for example redis://127.0.0.1:6379/0) on every server and worker.",
            id="qunying.W001",
        )
    ]
