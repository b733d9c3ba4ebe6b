"""The public notice (公示) page: who issues it, when, for how many working days and how to object; after it closes its
address says it has ended instead of "page not found"."""

from django.urls import reverse

from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign, CampaignType


def test_an_ended_notice_says_so_at_its_address(client, demo):
    closed = Campaign.objects.filter(phase=Phase.CLOSED, notice_starts__isnull=False).first()

    response = client.get(reverse("campaigns:public_notice", args=[closed.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-notice="ended"' in page and "已结束" in page
    assert closed.campaign_type.issuer.name in page


def test_a_campaign_never_noticed_is_not_found(client, demo):
    judging = Campaign.objects.filter(phase=Phase.JUDGING).first()

    assert client.get(reverse("campaigns:public_notice", args=[judging.pk])).status_code == 404


def notice_campaign():
    """A demo campaign put back into its notice phase (the demo's notices have all closed)."""
    campaign = Campaign.objects.filter(phase=Phase.CLOSED, notice_starts__isnull=False).first()
    Campaign.objects.filter(pk=campaign.pk).update(phase=Phase.NOTICE)
    return campaign


def test_the_notice_gives_the_contact_phone_beside_the_issuer(client, demo):
    campaign = notice_campaign()

    page = client.get(reverse("campaigns:public_notice", args=[campaign.pk])).content.decode()

    assert campaign.campaign_type.notice_phone == "0551-82321110"
    assert 'data-notice="phone"' in page and 'href="tel:055182321110"' in page
    assert page.index(campaign.campaign_type.issuer.name) < page.index("0551-82321110")
    assert "异议方式" in page and "办公时间" in page


def test_a_type_without_a_phone_prints_no_phone_line(client, demo):
    campaign = notice_campaign()
    CampaignType.objects.filter(pk=campaign.campaign_type_id).update(notice_phone="")

    page = client.get(reverse("campaigns:public_notice", args=[campaign.pk])).content.decode()

    assert 'data-notice="phone"' not in page and "办公时间" not in page


def test_an_ended_notice_keeps_the_phone_for_questions(client, demo):
    closed = Campaign.objects.filter(phase=Phase.CLOSED, notice_starts__isnull=False).first()

    page = client.get(reverse("campaigns:public_notice", args=[closed.pk])).content.decode()

    assert 'data-notice="phone"' in page and "0551-82321110" in page
