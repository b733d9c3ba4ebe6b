"""Campaign pages: lists with flat query counts, scope through the pages, judging and the public notice."""

import datetime

import pytest
from django.urls import reverse

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Objection
from tests.campaigns.conftest import DAY, judge_all, move
from tests.factories import PersonFactory


def nominate_many(campaign, tree, officer, count):
    campaign.campaign_type.quota_per_unit = 10
    campaign.campaign_type.save(update_fields=["quota_per_unit"])
    people = PersonFactory.create_batch(count, unit=tree["squad_a"], category="auxiliary", police_rank="")
    return [services.nominate(campaign=campaign, person=p, statement="事迹", by=officer) for p in people]


@pytest.mark.parametrize("count", [1, 3])
def test_campaign_list_query_count_does_not_grow(client, types, role_user, django_assert_num_queries, count):
    client.force_login(role_user("political_officer"))
    for month in range(count):
        services.open_campaign(campaign_type=types["aux_star"], day=datetime.date(2024, month + 1, 5), by=None)
    with django_assert_num_queries(11):
        response = client.get(reverse("campaigns:campaign_list"))
    assert len(response.context["page"].object_list) == count
    assert "2024年1月“辅警之星”评选" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_campaign_detail_query_count_does_not_grow(client, campaign, tree, role_user, django_assert_num_queries, count):
    officer = role_user("political_officer")
    nominate_many(campaign, tree, officer, count)
    client.force_login(officer)
    with django_assert_num_queries(19):  # 18 and the judges' design (one query)
        response = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk]))
    assert len(response.context["nominations"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_review_list_query_count_does_not_grow(client, campaign, tree, role_user, django_assert_num_queries, count):
    officer, judge = role_user("political_officer"), role_user("judge")
    for nomination in nominate_many(campaign, tree, officer, count):
        services.assign_judge(nomination=nomination, judge=judge, by=officer)
    client.force_login(judge)
    with django_assert_num_queries(11):  # one of them: the menu's count of reviews to score
        response = client.get(reverse("campaigns:review_list"))
    assert len(response.context["page"].object_list) == count


def test_nominations_of_another_unit_do_not_leak_through_the_page(client, campaign, aux, role_user):
    officer = role_user("political_officer")
    services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    services.nominate(campaign=campaign, person=aux["b"], statement="事迹", by=officer)
    client.force_login(role_user("unit_manager", "station_b"))
    page = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    assert "辅警丙" in page and "辅警甲" not in page
    form = client.get(reverse("campaigns:nominate", args=[campaign.pk])).content.decode()
    assert "辅警丁" in form and "辅警乙" not in form
    client.force_login(role_user("member"))
    assert client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).status_code == 404


def test_nominating_through_the_page_shows_refusals_in_chinese(client, campaign, aux, role_user):
    client.force_login(role_user("unit_manager", "station_b"))
    url = reverse("campaigns:nominate", args=[campaign.pk])
    response = client.post(url, {"person": aux["b"].pk, "statement": "抗洪抢险"})
    assert response.status_code == 302
    client.post(url, {"person": aux["b2"].pk, "statement": "抗洪抢险"})
    response = client.post(url, {"person": aux["b2"].pk, "statement": "抗洪抢险"})
    assert response.status_code == 200
    assert "本单位2个推荐名额已用完" in response.content.decode()


def test_a_judge_scores_through_the_page_and_only_their_own_review(client, campaign, aux, role_user):
    officer, judge, other = role_user("political_officer"), role_user("judge"), role_user("judge")
    nomination = services.nominate(campaign=campaign, person=aux["b"], statement="事迹", by=officer)
    mine = services.assign_judge(nomination=nomination, judge=judge, by=officer)
    theirs = services.assign_judge(nomination=nomination, judge=other, by=officer)
    move(campaign, Phase.JUDGING)
    client.force_login(judge)
    assert client.get(reverse("campaigns:review", args=[theirs.pk])).status_code == 404
    data = {f"score_{c.pk}": "8" for c in campaign.campaign_type.criteria.all()}
    response = client.post(reverse("campaigns:review", args=[mine.pk]), data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.submitted_at is not None and mine.scores.count() == 4
    page = client.get(reverse("campaigns:review", args=[mine.pk])).content.decode()
    assert "其他评委的评分" in page


def test_the_public_notice_redacts_classified_winners_and_takes_objections(client, campaign, aux, role_user):
    officer = role_user("political_officer")
    a = services.nominate(campaign=campaign, person=aux["a"], statement="秘密任务", by=officer)
    b = services.nominate(campaign=campaign, person=aux["b"], statement="抗洪抢险", by=officer)
    judge_all(campaign, [], {role_user("judge"): {a: 9, b: 8}})
    move(campaign, Phase.DECIDING)
    services.propose_winners(campaign=campaign, winners=[a, b], by=officer)
    services.approve_winners(campaign=campaign, by=role_user("leader"), today=DAY)
    aux["a"].classified = True
    aux["a"].save(update_fields=["classified"])
    url = reverse("campaigns:public_notice", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert "某单位辅警" in page and "辅警甲" not in page and "秘密任务" not in page and "辅警丙" in page
    response = client.post(url, {"nomination": b.pk, "name": "张三", "contact": "13900000000", "text": "事迹夸大"})
    assert response.status_code == 302
    assert Objection.objects.get().nomination == b
    response = client.post(url, {"nomination": b.pk, "name": "", "contact": "x", "text": "y"})
    assert response.status_code == 200 and Objection.objects.count() == 1


def test_nominating_from_a_reserve_entry_keeps_it_as_the_source(client, campaign, aux, role_user):
    from qunying.reserve.models import ReserveEntry

    officer = role_user("political_officer")
    entry = ReserveEntry.objects.create(person=aux["b"], category="grassroots", created_by=officer)
    other = ReserveEntry.objects.create(person=aux["a"], category="grassroots", created_by=officer)
    client.force_login(role_user("unit_manager", "station_b"))
    url = reverse("campaigns:nominate", args=[campaign.pk])
    assert client.get(f"{url}?reserve_entry={other.pk}").status_code == 404  # another unit's entry
    form = client.get(f"{url}?reserve_entry={entry.pk}")
    assert form.context["form"].initial["person"] == aux["b"].pk
    response = client.post(f"{url}?reserve_entry={entry.pk}", {"person": aux["b2"].pk, "statement": "事迹"})
    assert "储备库条目或推荐线索所指并非此人" in response.content.decode()
    client.post(f"{url}?reserve_entry={entry.pk}", {"person": aux["b"].pk, "statement": "事迹"})
    assert campaign.nominations.get().reserve_entry == entry
