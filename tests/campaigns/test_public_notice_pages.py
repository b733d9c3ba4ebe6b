"""The public notice (公示) page: who issues it, when, for how many working days and how to object; after it closes its
address says it has ended instead of "page not found"."""

from django.urls import reverse

from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign


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
