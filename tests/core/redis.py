"""A Redis database of the tests' own (QUNYING_TEST_REDIS_URL, default db 12 of the local server), flushed after
each use; tests that need it skip, saying why, where no Redis answers."""

import os

import pytest
from django.core.cache import caches

REDIS_URL = os.environ.get("QUNYING_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def flush() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()


@pytest.fixture
def redis_cache(settings):
    """The default cache on the tests' Redis database, as with QUNYING_REDIS_URL."""
    if not redis_answers():
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "qt"}
    }
    assert type(caches["default"]).__name__ == "RedisCache"
    flush()
    yield caches["default"]
    caches["default"].close()
    flush()
