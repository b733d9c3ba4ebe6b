"""Orderings of reserve tiers, cultivation levels and issuer levels, for "at least" conditions."""

from qunying.honours.enums import IssuerLevel
from qunying.reserve.enums import CultivationLevel, Tier

TIER_ORDER = [Tier.RESERVE, Tier.FOCUS, Tier.EXEMPLAR]
LEVEL_ORDER = list(CultivationLevel.values)
ISSUER_ORDER = [IssuerLevel.COUNTY, IssuerLevel.CITY, IssuerLevel.PROVINCE, IssuerLevel.NATIONAL]


def _at_least(order: list, value: str) -> list[str]:
    if not value:
        return [str(item) for item in order]
    values = [str(item) for item in order]
    return values[values.index(value) :] if value in values else []


def tiers_at_least(tier: str) -> list[str]:
    return _at_least(TIER_ORDER, tier)


def levels_at_least(level: str) -> list[str]:
    return _at_least(LEVEL_ORDER, level)


def issuer_levels_at_least(level: str) -> list[str]:
    return _at_least(ISSUER_ORDER, level)
