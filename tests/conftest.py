"""Shared fixtures: a small bureau tree and a user per role, each scoped the way the demo scopes them."""

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import translation

# The demo bureau built once for the tests on it, and the migrated state back after every flush (found by name).
from tests.database import (  # noqa: F401
    _demo_session,
    _shared_demo,
    demo,
    pytest_collection_modifyitems,
    pytest_runtest_teardown,
)
from tests.factories import UnitFactory, user_with_role


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_second_factor_required(settings):
    """Tests sign in with force_login or the form as any role; the two-factor tests turn the requirement on."""
    settings.QUNYING_2FA_ROLES = []


@pytest.fixture
def tree(db):
    """bureau → station_a → squad_a;  bureau → station_b."""
    bureau = UnitFactory(name="测试市公安局", kind="bureau")
    station_a = UnitFactory(name="甲派出所", parent=bureau)
    squad_a = UnitFactory(name="甲所一中队", kind="squad", parent=station_a)
    station_b = UnitFactory(name="乙派出所", parent=bureau)
    return {"bureau": bureau, "station_a": station_a, "squad_a": squad_a, "station_b": station_b}


@pytest.fixture
def role_user(tree):
    """Make a user holding `role` over the named unit of the tree (the bureau by default)."""

    def make(role: str, unit: str = "bureau", **kwargs):
        return user_with_role(role, tree[unit], **kwargs)

    return make


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English leaves English active in the thread; every test starts in the default language."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


AUDIT_TRIGGERS = ("core_auditentry_no_update", "core_auditentry_no_delete", "core_auditentry_no_truncate")


def drop_audit_triggers(connection) -> None:
    """Let a test change the audit log behind the application's back (or the test flush empty it)."""
    on = " ON core_auditentry" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        for name in AUDIT_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")


def _flushes_database(request) -> bool:
    """Mirrors pytest-django: these tests run outside a transaction and end with a flush."""
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return any(name in request.fixturenames for name in ("transactional_db", "live_server"))


@pytest.fixture(autouse=True)
def _audit_log_flushable(request):
    """The audit log refuses DELETE (SQLite) and TRUNCATE (PostgreSQL), which is how a test flush empties tables.
    Around that flush only, its triggers are dropped; the post_migrate signal sent after it (tests.database) creates
    them again (core.apps)."""
    if not _flushes_database(request):
        yield
        return
    # Set up the database first, so that this fixture's teardown runs before the flush.
    request.getfixturevalue("_django_db_helper")
    yield
    drop_audit_triggers(connection)
