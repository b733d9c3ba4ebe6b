"""The reports dashboard and figures for (user's scope, unit, year), cached and invalidated by the writes that change
them: every save or delete of a record of an app the reports read bumps the "reports" data version (signals, wired
in ReportsConfig.ready), the rating summaries bump their own, and `qunying rebuild-summaries` bumps both after a
bulk load. An entry is keyed by both versions, so it is never read after such a write; the timeout only frees memory.

The key holds the user and their role assignments: sections are read through each app's policy for that user, so
two users never share an entry (a leader and a political officer of the same unit may see different honours)."""

import hashlib

from django.core.cache import cache
from django.utils import translation

from qunying.core import versions
from qunying.core.policy import assignments_of
from qunying.feedback import summaries as rating_summaries

VERSION = "reports"
TIMEOUT = 15 * 60
# Apps whose records the dashboard and the figures count (org and accounts: units, people, role assignments).
WATCHED_APPS = frozenset(
    {
        "org",
        "accounts",
        "deeds",
        "feedback",
        "honours",
        "discovery",
        "reserve",
        "campaigns",
        "publicity",
        "care",
        "branches",
    }
)


def changed(sender, **kwargs) -> None:
    """Signal receiver: a record of a watched app was saved or deleted."""
    if sender._meta.app_label in WATCHED_APPS:
        versions.bump(VERSION)


def key(kind: str, scope) -> str:
    user = scope.user
    held = sorted((a.role, a.unit_id) for a in assignments_of(user))
    parts = [
        kind,
        str(user.pk),
        repr(held),
        str(scope.unit.pk if scope.unit is not None else ""),
        str(scope.year),
        translation.get_language() or "",
        versions.current(VERSION),
        versions.current(rating_summaries.VERSION),
    ]
    return "qunying:reports:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def cached(kind: str, scope, compute):
    """`compute()` for this scope, from the cache when the data has not changed since."""
    entry = key(kind, scope)
    found = cache.get(entry)
    if found is None:
        found = compute()
        cache.set(entry, found, TIMEOUT)
    return found
