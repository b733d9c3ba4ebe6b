"""Honours fixtures: the seeded catalogue, issuers of each level and kind, people of the test tree, verified deeds."""

import datetime

import pytest

from qunying.deeds import services as deed_services
from qunying.deeds.services import Participant
from qunying.honours.models import AwardType
from tests.factories import IssuerFactory, PersonFactory


@pytest.fixture
def awards(db):
    """The catalogue as seeded by migration, by code."""
    return {award.code: award for award in AwardType.objects.all()}


@pytest.fixture
def issuers(db):
    return {
        "county_police": IssuerFactory(name="测试市公安局", short_name="测试市局", level="county", kind="police"),
        "city_police": IssuerFactory(name="上级市公安局", short_name="上级市局", level="city", kind="police"),
        "province_police": IssuerFactory(name="测试省公安厅", level="province", kind="police"),
        "county_party": IssuerFactory(
            name="中共测试市委组织部、测试市疫情防控办公室",
            short_name="测试市委组织部、疫情防控办公室",
            level="county",
            kind="party",
        ),
        "county_civic": IssuerFactory(name="测试市文明办", level="county", kind="civic"),
    }


@pytest.fixture
def people(tree):
    return {
        "a": PersonFactory(name="杨磊成", badge_number="340101", unit=tree["station_a"]),
        "squad": PersonFactory(name="周敏", badge_number="340102", unit=tree["squad_a"]),
        "b": PersonFactory(name="吴乙所", badge_number="340201", unit=tree["station_b"]),
    }


def verified_deed(person, *, title="坚守疫情防控卡点", date=datetime.date(2022, 5, 20), others=()):
    deed = deed_services.create_deed(
        title=title,
        participants=[Participant(person=person), *(Participant(person=other) for other in others)],
        date=date,
        narrative="疫情防控期间坚守卡点七十余天。",
        by=None,
    )
    return deed_services.verify_deed(deed, by=None)
