"""The demo: 2022's published 8 辅警之星 and 16 辅警标兵 come from closed campaigns; one campaign is in judging."""

import io

from django.core.management import call_command

from qunying.campaigns.enums import NominationStatus, Phase
from qunying.campaigns.models import Campaign, JudgeAssignment, Nomination
from qunying.demo.deeds import demo_traffic_auxiliary
from qunying.honours.models import Honour


def test_the_demo_campaigns_give_the_published_2022_winners(demo):
    for code, count in (("aux_star", 8), ("aux_model", 16)):
        honours = Honour.objects.filter(award_type__code=code, awarded_on__year=2022, status="active")
        awarded = Nomination.objects.filter(
            campaign__campaign_type__code=code, campaign__period_start__year=2022, status=NominationStatus.AWARDED
        )
        assert honours.values("person").distinct().count() == count
        assert awarded.values("person").distinct().count() == count
        assert set(awarded.values_list("honour", flat=True)) == set(honours.values_list("pk", flat=True))
    august = Nomination.objects.get(
        campaign__campaign_type__code="aux_star", campaign__period_start__month=8, status=NominationStatus.AWARDED
    )
    assert august.person == demo_traffic_auxiliary() and august.honour.document_number == "巢公政〔2022〕52号"
    assert Campaign.objects.filter(campaign_type__code="most_beautiful_police", phase=Phase.CLOSED).count() == 1
    judging = Campaign.objects.get(phase=Phase.JUDGING)
    assert JudgeAssignment.objects.filter(nomination__campaign=judging, judge__username="pingwei").exists()

    before = (Campaign.objects.count(), Nomination.objects.count(), Honour.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Campaign.objects.count(), Nomination.objects.count(), Honour.objects.count()) == before


def test_the_demo_judges_log_in_and_closed_campaigns_released_their_results(demo):
    from qunying.accounts.models import User
    from qunying.campaigns.models import ResultNotice
    from qunying.demo.accounts import DEMO_PASSWORD

    judges = User.objects.filter(username__in=["pingwei", "pingwei2", "pingwei3"])
    assert judges.count() == 3
    for user in judges:
        assert user.check_password(DEMO_PASSWORD) and not user.must_change_password, user.username
    closed = Campaign.objects.filter(phase=Phase.CLOSED)
    assert closed.exists() and not closed.filter(results_released_at=None).exists()
    notices = ResultNotice.objects.count()
    assert notices > 0
    call_command("demo", stdout=io.StringIO())
    assert ResultNotice.objects.count() == notices
