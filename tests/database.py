"""Database state across tests: the demo bureau built once and shared, and the migrated state back after every flush.

Hooks and fixtures for tests/conftest.py, which imports them by name (pytest finds them there).

- `demo`: a test on the demo bureau (巢湖市公安局). Such tests run one after another at the start of the session (on
  one xdist worker); the first builds the demo inside a transaction that stays open while they run, each runs in its own
  savepoint inside it (so what one writes the next never sees), and the transaction is rolled back before any other
  test runs. A transactional test (live server) that asks for `demo` gets it built for real, and flushed after.
- Every transactional test starts from the migrated state (serialized rollback) and leaves it behind: after its
  flush the migrated rows and the audit log's triggers are loaded again, so no test depends on the order."""

import io
import shutil

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import override_settings
from django.utils import translation
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_GROUP = "demo-bureau"  # the xdist group of the tests that share the demo (`--dist loadgroup`)


def _is_transactional(item: pytest.Item) -> bool:
    """As pytest-django decides: the test runs outside a transaction and ends with a flush of the database."""
    marker = item.get_closest_marker("django_db")
    if marker:
        transactional, reset_sequences, *_ = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _shares_demo(item: pytest.Item | None) -> bool:
    return item is not None and "demo" in getattr(item, "fixturenames", ()) and not _is_transactional(item)


def _serialize_rollback(item: pytest.Item) -> None:
    """Its closing flush then does not recreate content types under new ids, which reloading the migrated state
    (which holds them under the old ids) would collide with: the IntegrityError on django_content_type."""
    marker = item.get_closest_marker("django_db")
    if marker is None:
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False)
        return
    _, reset_sequences, databases, _, available_apps = validate_django_db(marker)
    item.add_marker(
        pytest.mark.django_db(
            transaction=True,
            reset_sequences=reset_sequences,
            databases=databases,
            serialized_rollback=True,
            available_apps=available_apps,
        ),
        append=False,
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Every transactional test gets serialized rollback. The tests sharing the demo go first, together (pytest-django's
    stable sort keeps them at the head of the database tests), and form one xdist group: one worker builds the demo
    once and runs them while the other worker takes everything else."""
    for item in items:
        if _is_transactional(item):
            _serialize_rollback(item)
        elif _shares_demo(item):
            if item.get_closest_marker("django_db"):
                raise pytest.UsageError(
                    f"{item.nodeid}: a test on the demo bureau gets the database from the `demo` fixture; drop its "
                    "django_db mark (the mark would open the test's transaction before the demo's)"
                )
            _join_demo_group(item)
    items[:] = [item for item in items if _shares_demo(item)] + [item for item in items if not _shares_demo(item)]


def _join_demo_group(item: pytest.Item) -> None:
    """pytest-xdist 3.8 groups by a suffix it writes to `_nodeid`, which pytest 9.2 no longer reads (xdist issue
    1386, so every group is silently split); the suffix is written where pytest keeps the id. A fixed xdist adds a
    second suffix, and the group stays the same (it is what follows the last "@")."""
    item.add_marker(pytest.mark.xdist_group(DEMO_GROUP))
    if getattr(item.config.option, "loadgroup", False) and hasattr(item, "_id"):
        item._id = type(item._id).parse(f"{item.nodeid}@{DEMO_GROUP}")


class SharedDemo:
    """The demo built inside a transaction left open while the tests sharing it run."""

    active: "SharedDemo | None" = None

    def __init__(self, blocker, media_root):
        self.blocker, self.media_root = blocker, media_root
        self.output = ""
        self._atomic = self._settings = None

    def start(self) -> None:
        if self._atomic is not None:
            return
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            raise RuntimeError("the demo must be built before the test's own transaction opens")
        self._settings = override_settings(MEDIA_ROOT=self.media_root, PASSWORD_HASHERS=FAST_HASHERS)
        self._settings.enable()
        output = io.StringIO()
        with self.blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic._from_testcase = True  # as Django's TestCase marks its own: durable blocks nest inside
            self._atomic.__enter__()
            SharedDemo.active = self
            try:
                with translation.override(django_settings.LANGUAGE_CODE):
                    call_command("demo", stdout=output)
            except BaseException:
                self.stop()
                raise
        self.output = output.getvalue()

    def stop(self) -> None:
        if self._atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None
        self._settings.disable()
        SharedDemo.active = None


@pytest.fixture(scope="session")
def _demo_session(django_db_setup, django_db_blocker, tmp_path_factory):
    """Session-wide, so that its end (the demo rolled back) comes before the test database is destroyed."""
    shared = SharedDemo(django_db_blocker, tmp_path_factory.mktemp("demo-media"))
    yield shared
    shared.stop()


@pytest.fixture(autouse=True)
def _shared_demo(request):
    """Autouse, so it runs before any fixture that opens the test's transaction (`db`, `tree`, …)."""
    if _shares_demo(request.node):
        request.getfixturevalue("_demo_session").start()


@pytest.fixture
def demo(request, db, settings, tmp_path):
    """The demo bureau (巢湖市公安局) in the database for this test; the value is what `qunying demo` printed. Files
    are not rolled back with the database: the test gets its own copy of the demo's media files."""
    if not _is_transactional(request.node):
        shared = request.getfixturevalue("_demo_session")
        settings.MEDIA_ROOT = shutil.copytree(shared.media_root, tmp_path / "media")
        return shared.output
    settings.MEDIA_ROOT = tmp_path
    output = io.StringIO()
    call_command("demo", stdout=output)
    return output.getvalue()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    if SharedDemo.active is not None and nextitem is not None and not _shares_demo(nextitem):
        SharedDemo.active.stop()
    # After the last test the session's fixtures are gone, the test database with them: nothing to restore.
    if _is_transactional(item) and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            restore_migrated_state()
    return result


def restore_migrated_state() -> None:
    """After a flush: the rows a migrate leaves (content types, permissions, seeded catalogues) and the post_migrate
    work (the audit log's triggers), as the next test expects them."""
    connection = connections[DEFAULT_DB_ALIAS]
    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized is not None:
        connection.creation.deserialize_db_from_string(serialized)
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
