"""Data versions for caches: a cached result is keyed by the version of the data it was computed from, and the writes
that change that data bump the version, so a stale entry is never read again (it simply expires).

A version is a random token kept in Django's cache (shared by every process with Redis): after a cache clear or an
eviction a new token appears, never an old one, so an entry computed before a write can never come back."""

import uuid

from django.core.cache import cache
from django.db import transaction

PREFIX = "qunying:version:"
TIMEOUT = None  # versions never expire on their own


def current(name: str) -> str:
    key = PREFIX + name
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(key, token, TIMEOUT):
            token = cache.get(key) or token
    return token


def bump(name: str) -> None:
    """A new version now, and again when the surrounding transaction commits (a reader between the write and the
    commit cached the old rows under the first new token; the second one retires that entry too)."""
    cache.set(PREFIX + name, uuid.uuid4().hex, TIMEOUT)
    transaction.on_commit(lambda: cache.set(PREFIX + name, uuid.uuid4().hex, TIMEOUT))
