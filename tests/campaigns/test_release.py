"""Results release on close: nominees and the managers of their units are told in one step, audited, once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import Campaign, ResultNotice
from qunying.core.models import AuditEntry
from tests.campaigns.conftest import judge_all, move

TODAY = datetime.date(2024, 9, 30)


@pytest.fixture
def people(aux, tree, role_user):
    """Member accounts for 辅警甲 (winner) and 辅警丙 (not selected); managers over station A and station B."""
    accounts = {}
    for key in ("a", "b"):
        user = role_user("member", "station_a" if key == "a" else "station_b")
        aux[key].user = user
        aux[key].save(update_fields=["user"])
        accounts[key] = user
    accounts["manager_a"] = role_user("unit_manager", "station_a")
    accounts["manager_b"] = role_user("unit_manager", "station_b")
    accounts["manager_squad"] = role_user("unit_manager", "squad_a")
    return accounts


def decide(campaign, aux, role_user, winners=("a",)):
    officer = role_user("political_officer")
    noms = {k: services.nominate(campaign=campaign, person=aux[k], statement="事迹", by=officer) for k in ("a", "b")}
    judge = role_user("judge")
    judge_all(campaign, [judge], {judge: {noms["a"]: 9, noms["b"]: 6}})
    move(campaign, Phase.DECIDING)
    services.propose_winners(campaign=campaign, winners=[noms[k] for k in winners], by=officer)
    services.approve_winners(campaign=campaign, by=role_user("leader"), today=TODAY)
    return noms, officer


def close(campaign, officer):
    return services.close_campaign(campaign=campaign, by=officer, today=datetime.date(2024, 10, 15))


def test_closing_tells_nominees_and_their_units_in_one_step(campaign, aux, role_user, people):
    noms, officer = decide(campaign, aux, role_user)
    close(campaign, officer)
    notices = {(n.recipient_id, n.nomination_id): n for n in ResultNotice.objects.select_related("nomination")}
    assert set(notices) == {
        (people["a"].pk, noms["a"].pk),
        (people["b"].pk, noms["b"].pk),
        (people["manager_a"].pk, noms["a"].pk),
        (people["manager_b"].pk, noms["b"].pk),
    }  # the squad's manager does not cover station A; nobody hears of another unit's nominee
    assert notices[(people["a"].pk, noms["a"].pk)].message() == "您在2024年9月“辅警标兵”评选中获评。"
    assert notices[(people["manager_b"].pk, noms["b"].pk)].message() == (
        "本单位推荐的辅警丙在2024年9月“辅警标兵”评选中未获评。"
    )
    campaign.refresh_from_db()
    assert campaign.results_released_at is not None
    entry = AuditEntry.objects.get(action="campaigns.results.release")
    assert entry.object_id == str(campaign.pk) and entry.data["notices"] == 4


def test_release_is_idempotent_and_waits_for_the_close(campaign, aux, role_user, people):
    _noms, officer = decide(campaign, aux, role_user)
    with pytest.raises(PermissionDenied, match="评选结束后"):
        services.release_results(campaign=campaign, by=officer)
    assert not ResultNotice.objects.exists()
    close(campaign, officer)
    assert services.release_results(campaign=campaign, by=officer) == []
    assert ResultNotice.objects.count() == 4
    assert AuditEntry.objects.filter(action="campaigns.results.release").count() == 1


def test_a_campaign_closed_before_release_existed_is_released_from_its_page(client, campaign, aux, role_user, people):
    _noms, officer = decide(campaign, aux, role_user)
    close(campaign, officer)
    ResultNotice.objects.all().delete()
    Campaign.objects.filter(pk=campaign.pk).update(results_released_at=None)
    url = reverse("campaigns:release_results", args=[campaign.pk])
    client.force_login(role_user("leader"))
    assert client.post(url).status_code == 403
    client.force_login(officer)
    assert "发布评选结果" in client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    client.post(url)
    client.post(url)
    assert ResultNotice.objects.count() == 4
    assert AuditEntry.objects.filter(action="campaigns.results.release").count() == 2  # the close's and this one


def test_each_user_reads_only_their_own_results_and_marks_them_read(client, campaign, aux, role_user, people):
    _noms, officer = decide(campaign, aux, role_user)
    close(campaign, officer)
    client.force_login(people["a"])
    page = client.get(reverse("campaigns:my_notices")).content.decode()
    assert "您在2024年9月“辅警标兵”评选中获评" in page and "辅警丙" not in page
    client.post(reverse("campaigns:notices_read"))
    assert ResultNotice.objects.get(recipient=people["a"]).read_at is not None
    assert ResultNotice.objects.get(recipient=people["b"]).read_at is None
    assert AuditEntry.objects.filter(action="campaigns.results.read", actor=people["a"]).count() == 1
    client.force_login(people["manager_b"])
    listing = client.get(reverse("campaigns:campaign_list")).content.decode()
    assert "评选结果" in listing
    detail = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    assert "本单位推荐的辅警丙" in detail and "辅警甲" not in detail
    client.force_login(role_user("sys_admin"))
    assert client.get(reverse("campaigns:my_notices")).status_code == 403


def test_withdrawn_nominations_are_not_told(campaign, aux, role_user, people):
    officer = role_user("political_officer")
    nomination = services.nominate(campaign=campaign, person=aux["b"], statement="事迹", by=officer)
    services.withdraw_nomination(nomination=nomination, by=officer)
    move(campaign, Phase.CLOSED)
    services.release_results(campaign=campaign, by=officer)
    assert not ResultNotice.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_notice_list_query_count_does_not_grow(client, types, tree, role_user, django_assert_num_queries, count):
    from tests.factories import PersonFactory

    manager, officer = role_user("unit_manager", "station_a"), role_user("political_officer")
    for month in range(count):
        campaign = services.open_campaign(
            campaign_type=types["aux_star"], day=datetime.date(2024, month + 1, 5), by=None
        )
        person = PersonFactory(unit=tree["station_a"], category="auxiliary", police_rank="")
        services.nominate(campaign=campaign, person=person, statement="事迹", by=officer)
        move(campaign, Phase.CLOSED)
        services.release_results(campaign=campaign, by=officer)
    client.force_login(manager)
    with django_assert_num_queries(10):
        response = client.get(reverse("campaigns:my_notices"))
    assert len(response.context["page"].object_list) == count
