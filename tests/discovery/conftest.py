"""Discovery test helpers: records built directly (arrange), the way branches' tests build theirs."""

import datetime
import itertools
from decimal import Decimal

import pytest

from qunying.deeds.models import Deed, DeedPerson, DutyEvent
from qunying.discovery.models import DiscoveryWeights
from qunying.honours.models import AwardType, Honour, Issuer

YEAR = 2025
_titles = itertools.count(1)


def make_event(kind, unit):
    return DutyEvent.objects.create(
        kind=kind,
        name=f"事件{next(_titles)}",
        starts_on=datetime.date(YEAR, 7, 1),
        ends_on=datetime.date(YEAR, 7, 9),
        unit=unit,
    )


def make_deed(person, *, event=None, hazard="none", status="verified", date=datetime.date(YEAR, 7, 2)):
    deed = Deed.objects.create(
        title=f"事迹{next(_titles)}",
        date=date,
        narrative="……",
        status=status,
        hazard=hazard,
        unit=person.unit,
        event=event,
    )
    DeedPerson.objects.create(deed=deed, person=person, position=0)
    return deed


def make_honour(person, *, code="commendation", level="county", revoked=False, date=datetime.date(YEAR, 9, 1)):
    issuer, _ = Issuer.objects.get_or_create(name=f"测试{level}机关", defaults={"level": level, "kind": "police"})
    return Honour.objects.create(
        person=person,
        award_type=AwardType.objects.get(code=code),
        issuer=issuer,
        awarded_on=date,
        reason="……",
        status="revoked" if revoked else "active",
        revoked_on=date + datetime.timedelta(days=30) if revoked else None,
    )


@pytest.fixture(autouse=True)
def low_threshold(db):
    """Test trees are small, so percentiles are coarse: suggest from a composite of 30."""
    return DiscoveryWeights.objects.create(threshold=Decimal("30"))
