"""The nomination form's evidence picker: only the chosen nominee's verified deeds (with date and unit), swapped in by
htmx or shown by a plain submit without JavaScript; a deed of someone else is refused in Chinese."""

import datetime

import pytest
from django.urls import reverse

from qunying.campaigns.models import Nomination
from tests.honours.conftest import verified_deed


def evidence_url(campaign):
    return reverse("campaigns:nomination_evidence", args=[campaign.pk])


def test_the_picker_lists_only_the_nominees_verified_deeds_with_date_and_unit(client, campaign, aux, role_user):
    mine = verified_deed(aux["b"], title="抗洪抢险转移群众", date=datetime.date(2024, 7, 3))
    verified_deed(aux["b2"], title="夜间巡逻抓获嫌疑人")
    client.force_login(role_user("unit_manager", "station_b"))
    page = client.get(evidence_url(campaign), {"person": aux["b"].pk}).content.decode()
    assert f'value="{mine.pk}"' in page
    assert "2024-07-03 · 抗洪抢险转移群众（乙派出所）" in page
    assert "夜间巡逻抓获嫌疑人" not in page
    assert page.strip().startswith('<div id="qy-evidence"')  # a fragment, no page around it


def test_the_picker_shows_nothing_for_someone_the_user_may_not_nominate(client, campaign, aux, role_user):
    verified_deed(aux["a"], title="甲所的事迹")
    client.force_login(role_user("unit_manager", "station_b"))
    page = client.get(evidence_url(campaign), {"person": aux["a"].pk}).content.decode()
    assert "甲所的事迹" not in page
    assert "请先选择被推荐人" in page


def test_the_form_asks_htmx_to_reload_the_picker_when_the_nominee_changes(client, campaign, aux, role_user):
    client.force_login(role_user("unit_manager", "station_b"))
    page = client.get(reverse("campaigns:nominate", args=[campaign.pk])).content.decode()
    assert f'hx-get="{evidence_url(campaign)}"' in page
    assert 'hx-target="#qy-evidence"' in page


def test_without_javascript_the_show_button_lists_the_deeds_and_saves_nothing(client, campaign, aux, role_user):
    verified_deed(aux["b"], title="抗洪抢险转移群众")
    client.force_login(role_user("unit_manager", "station_b"))
    url = reverse("campaigns:nominate", args=[campaign.pk])
    response = client.post(url, {"person": aux["b"].pk, "statement": "写了一半", "show_deeds": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "抗洪抢险转移群众" in page and "写了一半" in page
    assert "此项必填" not in page
    assert not Nomination.objects.exists()


def test_a_deed_of_another_person_is_refused_in_chinese(client, campaign, aux, role_user):
    own = verified_deed(aux["b"], title="抗洪抢险转移群众")
    other = verified_deed(aux["b2"], title="夜间巡逻抓获嫌疑人")
    client.force_login(role_user("unit_manager", "station_b"))
    url = reverse("campaigns:nominate", args=[campaign.pk])
    response = client.post(url, {"person": aux["b"].pk, "statement": "抗洪", "deeds": [own.pk, other.pk]})
    assert response.status_code == 200
    assert "佐证事迹须为被提名人本人已核实的事迹" in response.content.decode()
    assert not Nomination.objects.exists()
    response = client.post(url, {"person": aux["b"].pk, "statement": "抗洪", "deeds": [own.pk]})
    assert response.status_code == 302
    assert list(Nomination.objects.get().deeds.all()) == [own]


@pytest.mark.parametrize("count", [1, 3])
def test_the_picker_query_count_does_not_grow(client, campaign, aux, role_user, django_assert_num_queries, count):
    for day in range(count):
        verified_deed(aux["b"], title=f"事迹{day}", date=datetime.date(2024, 7, day + 1))
    client.force_login(role_user("unit_manager", "station_b"))
    with django_assert_num_queries(9):
        response = client.get(evidence_url(campaign), {"person": aux["b"].pk})
    assert response.content.decode().count('type="checkbox"') == count
