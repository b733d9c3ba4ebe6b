"""The planner's statistics: SQLite gets them daily (it has none otherwise); PostgreSQL after a bulk load only."""

import pytest
from django.db import connection

from qunying.core import periodic, planner, tasks

pytestmark = pytest.mark.django_db


def test_statistics_are_refreshed_on_sqlite_and_on_postgresql_after_a_bulk_load():
    refreshed = planner.refresh_statistics()

    if connection.vendor == "sqlite":
        assert refreshed
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1")
            assert cursor.fetchone()[0] > 0
    else:
        assert not refreshed  # autovacuum keeps them
        assert planner.refresh_statistics(everywhere=True)


def test_the_refresh_is_a_daily_periodic_task():
    entry = next(entry for entry in periodic.discover() if entry.task is tasks.refresh_planner_statistics)

    assert entry.every.days == 1
