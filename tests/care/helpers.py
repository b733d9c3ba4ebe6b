"""Care test helpers: reserve entries at a tier, rules, and an entitlement found by the run."""

import datetime

from qunying.care import services
from qunying.care.models import Entitlement
from qunying.reserve.models import ReserveEntry
from qunying.reserve.services import decide_tier_change, propose_tier


def reserve_entry(person, tier, *, officer, leader=None) -> ReserveEntry:
    change = propose_tier(
        person=person, to_tier="reserve", reason="表现突出", level="unit", category="grassroots", by=officer
    )
    decide_tier_change(change, approve=True, by=officer)
    for step in ("focus", "exemplar"):
        if ["reserve", "focus", "exemplar"].index(tier) >= ["reserve", "focus", "exemplar"].index(step):
            change = propose_tier(person=person, to_tier=step, reason="晋升层级", by=officer)
            decide_tier_change(change, approve=True, by=leader if step == "exemplar" else officer)
    return ReserveEntry.objects.get(person=person, status="active")


def rule(name="规则", *, kind="recuperation", value=None, by=None, **conditions):
    fields = {
        "min_tier": "",
        "min_level": "",
        "category": "",
        "award_type": None,
        "min_issuer_level": "",
        "within_years": 3,
        "validity_days": 365,
        "yearly_quota": 0,
        "active": True,
        "description": "",
        **conditions,
    }
    return services.save_rule(by=by, name=name, kind=kind, value=value, **fields)


def found(rule, person) -> Entitlement:
    return Entitlement.objects.get(rule=rule, person=person)


def days_ago(n: int) -> datetime.date:
    from django.utils import timezone

    return timezone.localdate() - datetime.timedelta(days=n)
