"""Several server processes without a shared cache: `qunying check` (and `qunying serve`) warn (issue 22 item 2)."""

from django.core import checks

from qunying.core.checks import check_shared_state

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/12"}}


def test_one_process_needs_no_shared_cache(settings):
    settings.QUNYING_WEB_WORKERS, settings.CACHES = 1, LOCMEM
    assert check_shared_state() == []


def test_several_processes_without_redis_are_warned_about(settings):
    settings.QUNYING_WEB_WORKERS, settings.CACHES = 4, LOCMEM

    (warning,) = check_shared_state()

    assert warning.level == checks.WARNING and warning.id == "qunying.W001"
    assert "QUNYING_REDIS_URL" in warning.hint
    assert check_shared_state in checks.registry.registry.get_checks()  # `qunying check` runs it


def test_several_processes_with_redis_are_fine(settings):
    settings.QUNYING_WEB_WORKERS, settings.CACHES = 4, REDIS
    assert check_shared_state() == []
