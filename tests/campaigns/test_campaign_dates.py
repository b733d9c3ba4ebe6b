"""Campaign dates (issue 18 rule 6): a campaign closed for an earlier day carries that day — its approval, closing and
results — and so do the honours it confers; on a winner's timeline the win falls on the honour's day. Checked on the
demo's 2022 campaigns, through the services' records and through the pages."""

from django.urls import reverse
from django.utils import timezone

from qunying.accounts.models import User
from qunying.campaigns.enums import NominationStatus, Phase
from qunying.campaigns.models import Campaign, Nomination
from qunying.org.timeline import timeline_for


def test_the_demo_2022_campaigns_carry_their_own_dates(demo):
    closed = Campaign.objects.filter(phase=Phase.CLOSED, period_start__year=2022)

    assert closed.exists()
    for campaign in closed:
        assert timezone.localdate(campaign.results_released_at).year == 2022, campaign
        assert timezone.localdate(campaign.closed_at) > campaign.notice_ends
        assert timezone.localdate(campaign.approved_at) <= campaign.notice_starts
        for nomination in campaign.nominations.filter(status=NominationStatus.AWARDED).select_related("honour"):
            assert nomination.honour.awarded_on <= timezone.localdate(campaign.closed_at)


def test_the_win_on_the_timeline_falls_on_the_honours_day(demo):
    nomination = (
        Nomination.objects.filter(status=NominationStatus.AWARDED, campaign__period_start__year=2022)
        .select_related("honour", "campaign", "person")
        .first()
    )

    events = timeline_for(nomination.person)

    won = next(event for event in events if nomination.campaign.title in event.title and "当选" in event.title)
    assert won.date == nomination.honour.awarded_on


def test_the_campaign_page_shows_the_2022_release_date(client, demo):
    campaign = Campaign.objects.filter(phase=Phase.CLOSED, period_start__year=2022).first()
    client.force_login(User.objects.get(username="zhengzhichu"))

    page = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()

    released = timezone.localtime(campaign.results_released_at)
    assert released.year == 2022 and f"{released:%Y-%m-%d}" in page
