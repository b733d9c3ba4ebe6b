"""Settings chosen from the environment (issue 22 item 2): Redis shares cache and sessions, an S3 bucket takes the
media files, and uploads are never served from a public URL either way. Each case is a fresh interpreter, since
settings are read once at start."""

import json
import os
import subprocess
import sys

from django.urls import get_resolver

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage, storages
from qunying.core.storage import private_storage
default_storage._setup()
storage = default_storage._wrapped
print(json.dumps({
    "storage": f"{type(storage).__module__}.{type(storage).__name__}",
    "private": type(private_storage()).__name__,
    "bucket": getattr(storage, "bucket_name", None),
    "endpoint": getattr(storage, "endpoint_url", None),
    "querystring_auth": getattr(storage, "querystring_auth", None),
    "acl": getattr(storage, "default_acl", "n/a"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
}))
"""


def probe(**env) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("QUNYING_S3_", "QUNYING_REDIS"))}
    environment.update(env, DJANGO_SETTINGS_MODULE="qunying.settings")
    result = subprocess.run(  # noqa: S603 -- our own interpreter and code
        [sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, timeout=300, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_stay_on_local_disk_by_default_and_the_cache_in_the_process():
    chosen = probe()
    assert chosen["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert chosen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert chosen["sessions"] == "django.contrib.sessions.backends.db"
    assert chosen["private"] == "PrivateFileStorage"  # import uploads: 0600 files on local disk


def test_a_bucket_puts_media_in_the_s3_compatible_store_privately():
    chosen = probe(
        QUNYING_S3_BUCKET="qunying-media",
        QUNYING_S3_ENDPOINT_URL="http://minio.intranet:9000",
        QUNYING_S3_ACCESS_KEY="key",
        QUNYING_S3_SECRET_KEY="secret",
    )
    assert chosen["storage"] == "storages.backends.s3.S3Storage"
    assert chosen["bucket"] == "qunying-media" and chosen["endpoint"] == "http://minio.intranet:9000"
    assert chosen["acl"] is None  # the bucket's own (private) policy: no public-read object
    assert chosen["private"] == "S3Storage"  # import uploads too: a worker elsewhere reads what a server stored


def test_redis_shares_the_cache_and_the_sessions():
    chosen = probe(QUNYING_REDIS_URL="redis://127.0.0.1:6379/12")
    assert chosen["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert chosen["sessions"] == "django.contrib.sessions.backends.cached_db"  # written through to the database


def test_no_url_serves_uploaded_files_directly():
    """Whatever the store, files go out only through views that check who asks (core.files.stored_file_response)."""

    def routes(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from routes(pattern, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.callback

    served = [route for route, view in routes(get_resolver()) if route.startswith(("media", "^media"))]
    assert served == []
    assert not [route for route, view in routes(get_resolver()) if view.__module__ == "django.views.static"]
