"""The nomination form shows the quota before it is filled (issue 19 item 5): the same count services.nominate
checks, for the nominator's unit, or per unit for an officer over several."""

from django.urls import reverse

from qunying.campaigns import services
from qunying.campaigns.queries import nomination_quotas


def test_a_station_manager_sees_the_units_quota_and_what_is_used(client, campaign, aux, role_user):
    manager = role_user("unit_manager", "station_b")
    client.force_login(manager)
    url = reverse("campaigns:nominate", args=[campaign.pk])

    before = client.get(url).content.decode()
    client.post(url, {"person": aux["b"].pk, "statement": "抗洪抢险"})
    after = client.get(url).content.decode()

    assert 'data-quota="0/2"' in before and "本单位（乙派出所）本月可推荐 2 名，已推荐 0 名。" in before
    assert 'data-quota="1/2"' in after and "已推荐 1 名" in after


def test_the_quota_counts_what_the_service_refuses_on(campaign, aux, role_user):
    manager = role_user("unit_manager", "station_b")
    services.nominate(campaign=campaign, person=aux["b"], statement="事迹", by=manager)
    services.nominate(campaign=campaign, person=aux["b2"], statement="事迹", by=manager)

    [quota] = nomination_quotas(manager, campaign)

    assert (quota.unit, quota.used, quota.quota, quota.full) == ("乙派出所", 2, 2, True)


def test_an_officer_over_several_units_sees_each_units_use(
    client, campaign, aux, role_user, django_assert_max_num_queries
):
    officer = role_user("political_officer")
    services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    client.force_login(officer)

    with django_assert_max_num_queries(2):
        quotas = nomination_quotas(officer, campaign)
    page = client.get(reverse("campaigns:nominate", args=[campaign.pk])).content.decode()

    assert {q.unit: q.used for q in quotas}["甲派出所"] == 1 and len(quotas) >= 3
    assert 'data-quota="units"' in page and "每个单位本月可推荐 2 名。" in page and "甲派出所 1/2" in page
