"""Citizen ratings as nomination evidence: the nominee's fair score for a period from feedback's scoring, linked on
the nomination (service, nominate form, own page), shown on the campaign page and in the dossier."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Nomination, RatingEvidence
from qunying.core.models import AuditEntry
from qunying.feedback.queries import Period, officer_scores
from tests.branches.conftest import make_replies
from tests.campaigns.conftest import move

YEAR = 2024


@pytest.fixture
def rated(aux, tree):
    """辅警丙 has 12 replies in 2024 (one dissatisfied) and 5 in 2023; peers give the prior something to fit."""
    from tests.factories import PersonFactory

    make_replies(aux["b"], 11, year=YEAR)
    make_replies(aux["b"], 1, year=YEAR, rating="dissatisfied")
    make_replies(aux["b"], 5, year=YEAR - 1)
    for _ in range(3):
        make_replies(PersonFactory(unit=tree["station_a"], post_type=aux["b"].post_type), 20, year=YEAR)
    return aux["b"]


def test_linking_keeps_feedbacks_fair_score_for_the_period(campaign, rated, role_user):
    officer = role_user("political_officer")
    nomination = services.nominate(campaign=campaign, person=rated, statement="事迹", by=officer)
    evidence = services.link_rating(nomination=nomination, year=YEAR, by=officer)
    expected = officer_scores(Period(YEAR))[rated.pk]
    assert (evidence.replies, evidence.dissatisfied) == (12, 1)
    assert evidence.shrunk == pytest.approx(expected.shrunk) and evidence.raw == pytest.approx(11 / 12)
    assert evidence.shrunk != evidence.raw  # shrunk toward the peers
    entry = AuditEntry.objects.get(action="campaigns.evidence.rating")
    assert entry.object_id == str(evidence.pk) and entry.data["replies"] == 12
    # Linking the same period again refreshes rather than duplicates; another year is its own row.
    services.link_rating(nomination=nomination, year=YEAR, by=officer)
    services.link_rating(nomination=nomination, year=YEAR - 1, by=officer)
    assert sorted(nomination.ratings.values_list("year", "replies")) == [(YEAR - 1, 5), (YEAR, 12)]


def test_a_period_without_replies_is_refused(campaign, rated, aux, role_user):
    officer = role_user("political_officer")
    nomination = services.nominate(campaign=campaign, person=rated, statement="事迹", by=officer)
    with pytest.raises(ValidationError, match="没有有效的群众评价回复"):
        services.link_rating(nomination=nomination, year=YEAR, month=3, by=officer)
    with pytest.raises(ValidationError, match="请选择2000年至"):
        services.link_rating(nomination=nomination, year=1990, by=officer)
    with pytest.raises(ValidationError, match="月份"):
        services.link_rating(nomination=nomination, year=YEAR, month=13, by=officer)
    assert not RatingEvidence.objects.exists()


def test_nominating_with_a_rating_period_links_it_or_nominates_nobody(client, campaign, rated, aux, role_user):
    client.force_login(role_user("unit_manager", "station_b"))
    url = reverse("campaigns:nominate", args=[campaign.pk])
    response = client.post(url, {"person": aux["b2"].pk, "statement": "事迹", "rating_year": YEAR})
    assert response.status_code == 200 and "没有有效的群众评价回复" in response.content.decode()
    assert not Nomination.objects.exists()  # all or nothing
    response = client.post(url, {"person": rated.pk, "statement": "事迹", "rating_month": 3})
    assert "请填写该月份所在的年份" in response.content.decode() and not Nomination.objects.exists()
    response = client.post(url, {"person": rated.pk, "statement": "事迹", "rating_year": YEAR})
    assert response.status_code == 302
    assert Nomination.objects.get().ratings.get().replies == 12


def test_the_rating_page_links_and_the_campaign_page_and_dossier_show_it(client, campaign, rated, role_user):
    officer = role_user("political_officer")
    nomination = services.nominate(campaign=campaign, person=rated, statement="事迹", by=officer)
    client.force_login(role_user("unit_manager", "station_b"))
    url = reverse("campaigns:rating_evidence", args=[nomination.pk])
    assert client.post(url, {"year": "abc"}).status_code == 200
    assert client.post(url, {"year": YEAR, "month": "13"}).status_code == 200
    assert not RatingEvidence.objects.exists()
    assert client.post(url, {"year": YEAR}).status_code == 302
    detail = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    assert f"群众评价 {YEAR}年" in detail and "12 条回复" in detail
    move(campaign, Phase.DECIDING)
    client.force_login(officer)
    dossier = client.get(reverse("campaigns:dossier", args=[campaign.pk])).content.decode()
    assert f"群众评价 {YEAR}年" in dossier


@pytest.mark.parametrize(
    ("role", "unit", "phase", "status"),
    [
        ("unit_manager", "station_a", Phase.NOMINATING, 404),  # another unit's nomination
        ("judge", "bureau", Phase.NOMINATING, 404),
        ("member", "bureau", Phase.NOMINATING, 404),
        ("political_officer", "bureau", Phase.JUDGING, 403),
        ("unit_manager", "station_b", Phase.JUDGING, 403),
    ],
)
def test_the_rating_page_refuses_by_scope_role_and_phase(client, campaign, rated, role_user, role, unit, phase, status):
    nomination = services.nominate(campaign=campaign, person=rated, statement="事迹", by=role_user("political_officer"))
    move(campaign, phase)
    client.force_login(role_user(role, unit))
    url = reverse("campaigns:rating_evidence", args=[nomination.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"year": YEAR}).status_code == status
    assert not RatingEvidence.objects.exists()
