"""Public voting: SMS codes (rate-limited, brute force refused), limits per phone, quarantine, tallies in the score."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Vote, VoteCode
from qunying.campaigns.queries import campaign_results, vote_shares
from qunying.campaigns.services import voting
from qunying.feedback.models import OutboxMessage
from tests.campaigns.conftest import DAY, judge_all, move
from tests.factories import PersonFactory

PHONE = "13912345678"


@pytest.fixture
def police_campaign(types, tree, role_user):
    campaign = services.open_campaign(campaign_type=types["most_beautiful_police"], day=DAY, by=None)
    officer = role_user("political_officer")
    people = [PersonFactory(name=n, unit=tree[u]) for n, u in (("警甲", "station_a"), ("警乙", "station_b"))]
    nominations = [services.nominate(campaign=campaign, person=p, statement="事迹", by=officer) for p in people]
    move(campaign, Phase.VOTING)
    return campaign, nominations


@pytest.fixture
def outbox(settings):
    settings.QUNYING_SMS_BACKEND = "outbox"


def sent_code(django_capture_on_commit_callbacks, campaign, phone=PHONE, ip="10.1.2.3") -> str:
    with django_capture_on_commit_callbacks(execute=True):
        services.send_vote_code(campaign=campaign, phone=phone, ip=ip)
    return OutboxMessage.objects.order_by("-pk").first().text.split("为")[-1][:6]


def test_the_phone_is_stored_only_as_a_per_campaign_salted_hash(
    police_campaign, types, outbox, django_capture_on_commit_callbacks
):
    campaign, _ = police_campaign
    code = sent_code(django_capture_on_commit_callbacks, campaign)
    record = VoteCode.objects.get()
    assert PHONE not in record.phone_hash and code not in record.code_hash
    other = services.open_campaign(campaign_type=types["aux_star"], day=DAY, by=None)
    assert services.phone_hash(campaign, PHONE) != services.phone_hash(other, PHONE)
    assert services.verify_vote_code(campaign=campaign, phone=PHONE, code=code) == record.phone_hash


def test_brute_forcing_the_code_is_refused(police_campaign, outbox, django_capture_on_commit_callbacks):
    campaign, _ = police_campaign
    code = sent_code(django_capture_on_commit_callbacks, campaign)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(voting.CODE_ATTEMPTS):
        with pytest.raises(ValidationError, match="验证码不正确"):
            services.verify_vote_code(campaign=campaign, phone=PHONE, code=wrong)
    with pytest.raises(ValidationError, match="验证码已失效"):
        services.verify_vote_code(campaign=campaign, phone=PHONE, code=code)  # even the right one, now
    for _ in range(voting.CODES_PER_PHONE_PER_HOUR - 1):
        services.send_vote_code(campaign=campaign, phone=PHONE, ip="10.1.2.3")
    with pytest.raises(ValidationError, match="请求验证码过于频繁"):
        services.send_vote_code(campaign=campaign, phone=PHONE, ip="10.1.2.3")


def test_a_vote_beyond_the_limit_is_refused(police_campaign):
    campaign, (a, b) = police_campaign
    hashed = services.phone_hash(campaign, PHONE)
    at = timezone.now() - datetime.timedelta(minutes=1)
    services.cast_vote(campaign=campaign, nomination=a, phone_hash_=hashed, verified_at=at, ip="10.0.0.1")
    with pytest.raises(ValidationError, match="今天已投过票"):
        services.cast_vote(campaign=campaign, nomination=b, phone_hash_=hashed, verified_at=at, ip="10.0.0.1")
    assert Vote.objects.count() == 1


def test_anomalies_quarantine_votes_which_count_only_once_released(police_campaign, role_user):
    campaign, (a, b) = police_campaign
    at = timezone.now() - datetime.timedelta(minutes=1)
    fast = services.cast_vote(
        campaign=campaign, nomination=b, phone_hash_="p-fast", verified_at=timezone.now(), ip="10.9.9.9"
    )
    assert fast.quarantined and "秒" in fast.quarantine_reason
    burst = [
        services.cast_vote(campaign=campaign, nomination=a, phone_hash_=f"p{i}", verified_at=at, ip="10.0.0.7")
        for i in range(voting.VOTES_PER_IP + 1)
    ]
    assert [v.quarantined for v in burst] == [False] * voting.VOTES_PER_IP + [True]
    device = [
        services.cast_vote(
            campaign=campaign, nomination=b, phone_hash_=f"d{i}", verified_at=at, ip=f"10.{i}.1.1", device="dev1"
        )
        for i in range(voting.PHONES_PER_DEVICE + 1)
    ]
    assert [v.quarantined for v in device] == [False] * voting.PHONES_PER_DEVICE + [True]
    assert Vote.objects.filter(quarantined=True).count() == 3  # kept, not deleted

    counted = vote_shares(campaign)
    assert counted == {a.pk: 1.0, b.pk: 3 / 5}
    services.release_vote(vote=fast, by=role_user("political_officer"))
    assert vote_shares(campaign)[b.pk] == pytest.approx(4 / 5)


def test_the_public_vote_enters_the_final_score_with_its_capped_weight(police_campaign, role_user):
    campaign, (a, b) = police_campaign
    at = timezone.now() - datetime.timedelta(minutes=1)
    for i in range(3):
        services.cast_vote(campaign=campaign, nomination=b, phone_hash_=f"x{i}", verified_at=at, ip=f"10.{i}.0.1")
    judge_all(campaign, [], {role_user("judge"): {a: 9, b: 7}, role_user("judge"): {a: 8, b: 6}})
    move(campaign, Phase.VOTING)
    assert all(row.final == row.model for row in campaign_results(campaign))  # hidden while voting
    move(campaign, Phase.DECIDING)
    rows = {row.nomination: row for row in campaign_results(campaign)}
    assert rows[b].final == pytest.approx(0.8 * rows[b].model + 20)
    assert rows[a].final == pytest.approx(0.8 * rows[a].model)


def test_the_public_page_verifies_a_phone_and_shuffles_candidates(
    client, police_campaign, outbox, django_capture_on_commit_callbacks
):
    campaign, (a, b) = police_campaign
    url = reverse("vote:ballot", args=[campaign.pk])
    assert "验证码" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send", "phone": PHONE})
    code = OutboxMessage.objects.get().text.split("为")[-1][:6]
    assert client.post(url, {"action": "verify", "phone": PHONE, "code": code}).status_code == 302
    page = client.get(url).content.decode()
    assert "警甲" in page and "警乙" in page and "票数" not in page
    session = client.session[f"qy_vote_{campaign.pk}"]
    session["at"] = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    s = client.session
    s[f"qy_vote_{campaign.pk}"] = session
    s.save()
    asked = client.post(url, {"action": "vote", "nomination": a.pk})
    assert "data-confirmation" in asked.content.decode() and not Vote.objects.exists()  # confirmed first
    client.post(url, {"action": "vote", "nomination": a.pk, "confirmed": "1"})
    vote = Vote.objects.get()
    assert vote.nomination == a and not vote.quarantined and vote.device
    response = client.post(url, {"action": "vote", "nomination": b.pk}, follow=True)
    assert "今天已投过票" in response.content.decode() and Vote.objects.count() == 1
    assert "您已投票" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_quarantine_list_query_count_does_not_grow(
    client, police_campaign, role_user, django_assert_num_queries, count
):
    campaign, (a, _b) = police_campaign
    for i in range(count):
        services.cast_vote(campaign=campaign, nomination=a, phone_hash_=f"q{i}", verified_at=timezone.now())
    client.force_login(role_user("political_officer"))
    with django_assert_num_queries(11):
        response = client.get(reverse("campaigns:quarantine", args=[campaign.pk]))
    assert len(response.context["page"].object_list) == count
    assert "验证后" in response.content.decode()


def test_only_the_political_department_reviews_quarantined_votes(client, police_campaign, role_user):
    campaign, (a, _b) = police_campaign
    vote = services.cast_vote(campaign=campaign, nomination=a, phone_hash_="q", verified_at=timezone.now())
    client.force_login(role_user("leader"))
    assert client.get(reverse("campaigns:quarantine", args=[campaign.pk])).status_code == 403
    assert client.post(reverse("campaigns:vote_release", args=[vote.pk])).status_code == 403
    client.force_login(role_user("political_officer"))
    client.post(reverse("campaigns:vote_release", args=[vote.pk]))
    vote.refresh_from_db()
    assert not vote.quarantined
