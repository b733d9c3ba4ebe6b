"""Records for report tests, made through each module's services or factories."""

import datetime

from qunying.honours.models import Issuer
from qunying.reserve.enums import Tier
from qunying.reserve.models import ReserveEntry
from qunying.reserve.services import decide_tier_change, propose_tier
from tests.factories import HonourFactory, IssuerFactory, PersonFactory

YEAR = 2022


def issuer(name: str, short_name: str = "", level: str = "county", kind: str = "police") -> Issuer:
    found = Issuer.objects.filter(name=name).first()
    return found or IssuerFactory(name=name, short_name=short_name, level=level, kind=kind)


def honour(person, award: str = "commendation", *, by=None, on=datetime.date(YEAR, 6, 1), source=None, **fields):
    source = source or issuer("合肥市公安局", "合肥市局", level="city")
    return HonourFactory(person=person, award_type=award, issuer=source, awarded_on=on, by=by, **fields)


def reserve_entry(person, tier: str, *, officer, leader=None) -> ReserveEntry:
    change = propose_tier(
        person=person, to_tier=Tier.RESERVE, reason="表现突出", level="unit", category="grassroots", by=officer
    )
    decide_tier_change(change, approve=True, by=officer)
    if tier != Tier.RESERVE:
        change = propose_tier(person=person, to_tier=tier, reason="晋升层级", by=officer)
        decide_tier_change(change, approve=True, by=leader if tier == Tier.EXEMPLAR else officer)
    return ReserveEntry.objects.get(person=person)


def person(unit, **fields):
    return PersonFactory(unit=unit, **fields)
