"""Only possible phase moves are offered (issue 19 item 3): with no nomination in the running a campaign cannot move
to deciding (or voting); the button is shown disabled with the reason advance_phase itself gives."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qunying.campaigns import services
from qunying.campaigns.enums import NominationStatus, Phase
from tests.campaigns.conftest import move

NOTHING = "没有在评的推荐"


def test_deciding_without_nominations_is_refused_with_the_reason_the_page_shows(client, campaign, role_user):
    officer = role_user("political_officer")
    move(campaign, Phase.JUDGING)

    choices = dict(services.phase_choices(campaign))
    client.force_login(officer)
    page = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()

    assert any(NOTHING in problem for problem in choices[Phase.DECIDING])
    assert f'disabled aria-describedby="phase-why-{Phase.DECIDING}"' in page and NOTHING in page
    assert f'name="to" value="{Phase.DECIDING}"' not in page
    with pytest.raises(ValidationError, match=NOTHING):
        services.advance_phase(campaign=campaign, to=Phase.DECIDING, by=officer)


def test_a_withdrawn_nomination_is_not_in_the_running(campaign, aux, role_user):
    officer = role_user("political_officer")
    nomination = services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status"])
    move(campaign, Phase.JUDGING)

    assert any(NOTHING in problem for problem in dict(services.phase_choices(campaign))[Phase.DECIDING])


def test_with_a_nomination_the_reason_is_the_missing_reviews_instead(campaign, aux, role_user):
    officer = role_user("political_officer")
    services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    move(campaign, Phase.JUDGING)

    problems = dict(services.phase_choices(campaign))[Phase.DECIDING]

    assert not any(NOTHING in problem for problem in problems) and any("评审" in problem for problem in problems)


def test_the_voting_phase_needs_a_nomination_too(campaign):
    campaign.campaign_type.vote_weight = Decimal("0.20")
    campaign.campaign_type.save(update_fields=["vote_weight"])
    move(campaign, Phase.JUDGING)

    choices = dict(services.phase_choices(campaign))

    assert any(NOTHING in problem for problem in choices[Phase.VOTING])
