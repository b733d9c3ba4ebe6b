"""Campaigns fixtures: the seeded types with an issuer, nominees in the test tree, judges, and a campaign helper."""

import datetime

import pytest

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign, CampaignType
from tests.factories import IssuerFactory, PersonFactory

DAY = datetime.date(2024, 9, 2)


@pytest.fixture
def types(db):
    issuer = IssuerFactory(name="测试市公安局", short_name="测试市局", level="county", kind="police")
    CampaignType.objects.update(issuer=issuer)
    return {t.code: t for t in CampaignType.objects.select_related("award_type", "issuer")}


@pytest.fixture
def aux(tree):
    return {
        "a": PersonFactory(name="辅警甲", category="auxiliary", police_rank="", unit=tree["station_a"]),
        "squad": PersonFactory(name="辅警乙", category="auxiliary", police_rank="", unit=tree["squad_a"]),
        "b": PersonFactory(name="辅警丙", category="auxiliary", police_rank="", unit=tree["station_b"]),
        "b2": PersonFactory(name="辅警丁", category="auxiliary", police_rank="", unit=tree["station_b"]),
    }


@pytest.fixture
def campaign(types):
    """A 辅警标兵 campaign (no public vote) in its nominating phase."""
    return services.open_campaign(campaign_type=types["aux_model"], day=DAY, by=None)


def move(campaign: Campaign, phase: str) -> Campaign:
    """Force a phase for permission tests (bypassing preconditions)."""
    Campaign.objects.filter(pk=campaign.pk).update(phase=phase)
    campaign.refresh_from_db()
    return campaign


def judge_all(campaign, judges, table: dict) -> None:
    """table: {judge: {nomination: value}} — the same value on every criterion."""
    move(campaign, Phase.JUDGING)
    for judge, row in table.items():
        for nomination, value in row.items():
            assignment = campaign.nominations.get(pk=nomination.pk).assignments.get_or_create(judge=judge)[0]
            criteria = {c.pk: (value, "") for c in campaign.campaign_type.criteria.all()}
            services.submit_scores(assignment=assignment, scores=criteria, by=judge)
