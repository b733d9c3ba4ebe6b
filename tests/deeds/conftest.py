"""Ledger fixtures: people in both stations of the tree, deeds, events, and a clean cache for the rate limits."""

import datetime

import pytest
from django.core.cache import cache

from qunying.deeds import services
from qunying.deeds.services import Participant
from tests.factories import PersonFactory

DAY = datetime.date(2022, 5, 20)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(tree):
    return {
        "a": PersonFactory(name="杨磊成", badge_number="340101", unit=tree["station_a"]),
        "squad": PersonFactory(name="周敏", badge_number="340102", unit=tree["squad_a"]),
        "b": PersonFactory(name="吴乙所", badge_number="340201", unit=tree["station_b"]),
    }


def make_deed(*people, title="抓获盗窃嫌疑人", by=None, **fields):
    fields.setdefault("date", DAY)
    fields.setdefault("narrative", "深夜巡逻时发现并抓获盗窃电动车的嫌疑人。")
    return services.create_deed(
        title=title, participants=[Participant(person=person) for person in people], by=by, **fields
    )


def make_event(unit, units=None, *, name="2022年疫情防控卡点执勤", kind="epidemic_control", by=None):
    return services.create_duty_event(
        kind=kind,
        name=name,
        starts_on=datetime.date(2022, 3, 1),
        ends_on=DAY,
        unit=unit,
        units=units or [unit],
        by=by,
    )
