"""Public nominations: the public form's abuse resistance (rate limits, honeypot, fill time, sizes, HTML) with
nothing stored from a refused post; staff triage with its scope, link, conversion and rejection."""

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qunying.accounts.enums import Role
from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_digits
from qunying.core.models import AuditEntry
from qunying.deeds import services, throttle
from qunying.deeds.enums import DeedSource, DeedStatus, NominationStatus
from qunying.deeds.models import PublicNomination
from qunying.deeds.text import strip_html

URL = "/nominate/"
STORY = "那天我的电动车被偷，这位民警连夜调取监控，第二天就帮我找回来了，非常感谢！"


@pytest.fixture(autouse=True)
def _no_fill_delay(settings):
    """Posts in tests come at once: the minimum fill time has its own test."""
    settings.QUNYING_NOMINATION_MIN_FILL_SECONDS = 0


def form_data(**overrides):
    data = {
        "officer_text": "王警官",
        "unit": "",
        "unit_text": "半汤派出所",
        "place": "半汤街道",
        "occurred_on": "2022-05-06",
        "story": STORY,
        "contact_name": "胡女士",
        "contact_phone": "139 5511 2345",
        "website": "",
        "shown_at": throttle.form_token(),
    }
    return data | overrides


def nothing_stored():
    return not PublicNomination.objects.exists() and not AuditEntry.objects.filter(action__contains="nomination")


def test_the_public_page_is_phone_friendly_and_needs_no_login(client, db):
    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "讲讲身边的好警察" in page
    assert 'name="viewport"' in page
    assert 'name="website"' in page and 'class="d-none"' in page


def test_a_citizen_nominates_and_the_contact_is_encrypted(client, tree):
    response = client.post(URL, form_data(unit=tree["station_a"].pk))

    nomination = PublicNomination.objects.get()
    assert response.status_code == 302
    assert (nomination.status, nomination.unit, nomination.story) == (NominationStatus.NEW, tree["station_a"], STORY)
    assert nomination.contact_phone == "13955112345"
    assert nomination.contact_phone_index == blind_index("13955112345", normalise=normalise_digits)
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_phone, contact_name FROM deeds_publicnomination")
        stored = cursor.fetchone()
    assert "13955112345" not in stored[0] and "胡女士" not in stored[1]
    entry = AuditEntry.objects.get(action="deeds.public_nomination.submitted")
    assert "13955112345" not in str(entry.data) and "胡女士" not in str(entry.data)
    assert "感谢您的讲述" in client.get(response["Location"]).content.decode()


def test_fifty_rapid_posts_from_one_ip_are_throttled(client, db, settings):
    statuses = [client.post(URL, form_data(contact_phone="")).status_code for _ in range(50)]

    assert statuses.count(302) == settings.QUNYING_NOMINATION_IP_LIMIT
    assert statuses[-1] == 429
    assert PublicNomination.objects.count() == settings.QUNYING_NOMINATION_IP_LIMIT
    assert "您所在网络提交次数过多" in client.post(URL, form_data()).content.decode()


def test_another_ip_is_not_throttled_by_the_first(client, db, settings):
    for _ in range(settings.QUNYING_NOMINATION_IP_LIMIT + 1):
        client.post(URL, form_data(contact_phone=""), REMOTE_ADDR="10.0.0.1")

    assert client.post(URL, form_data(contact_phone=""), REMOTE_ADDR="10.0.0.2").status_code == 302


def test_one_contact_may_send_only_a_few(client, db, settings):
    limit = settings.QUNYING_NOMINATION_CONTACT_LIMIT
    for index in range(limit):
        client.post(URL, form_data(), REMOTE_ADDR=f"10.0.1.{index}")

    refused = client.post(URL, form_data(contact_phone="13955112345"), REMOTE_ADDR="10.0.2.1")

    assert refused.status_code == 429
    assert "您今天已提交多次" in refused.content.decode()
    assert PublicNomination.objects.count() == limit


def test_a_100_kb_post_is_refused_with_a_clear_message_and_nothing_stored(client, db):
    response = client.post(URL, form_data(story="好" * 100_000))

    assert response.status_code == 413
    assert "内容太长了。讲述最多 5000 字" in response.content.decode()
    assert nothing_stored()


def test_a_story_over_5000_characters_is_refused_with_a_clear_message(client, db):
    response = client.post(URL, form_data(story="好" * 5_001))

    assert response.status_code == 400
    assert "讲述最多 5000 字（您写了 5001 字）" in response.content.decode()
    assert nothing_stored()


def test_a_story_full_of_html_is_refused_and_one_with_some_html_is_cleaned(client, db):
    only_html = client.post(URL, form_data(story="<script>alert(1)</script><img src=x onerror=alert(2)>" * 20))
    assert only_html.status_code == 400
    assert "请至少用 10 个字讲述经过（网页代码会被去除）" in only_html.content.decode()
    assert nothing_stored()

    mixed = client.post(URL, form_data(story=f"<b>{STORY}</b><script>steal()</script>", officer_text="<i>王</i>警官"))

    nomination = PublicNomination.objects.get()
    assert (nomination.story, nomination.officer_text) == (STORY, "王警官")
    assert "网页代码（HTML）已去除" in client.get(mixed["Location"]).content.decode()


def test_the_honeypot_refuses_the_post_and_stores_nothing(client, db):
    response = client.post(URL, form_data(website="http://spam.example"))

    assert response.status_code == 400
    assert "您的提交未被接受，请重试。" in response.content.decode()
    assert nothing_stored()


def test_a_post_faster_than_the_minimum_fill_time_is_refused(client, db, settings):
    settings.QUNYING_NOMINATION_MIN_FILL_SECONDS = 5

    response = client.post(URL, form_data())

    assert "提交得太快了" in response.content.decode()
    assert nothing_stored()


@pytest.mark.parametrize("stamp", ["", "forged", "1700000000.0:abc"])
def test_a_post_without_a_valid_form_stamp_is_refused(client, db, stamp):
    response = client.post(URL, form_data(shown_at=stamp))

    assert "页面已过期" in response.content.decode()
    assert nothing_stored()


def test_the_unit_select_offers_only_public_unit_names(client, tree):
    response = client.get(URL)

    choices = [label for _, label in response.context["form"].fields["unit"].choices]
    assert "甲派出所" in choices
    assert all("（" not in str(label) for label in choices)  # names only, never people or badge numbers


@given(st.text(alphabet=st.sampled_from(list("<>/&;!-=\"' abcscriptimg好的")), max_size=80))
@hypothesis_settings(max_examples=300, deadline=None)
def test_stripped_html_never_contains_a_tag(text):
    cleaned = strip_html(text)

    assert "<" not in cleaned and ">" not in cleaned


@given(st.text(max_size=200))
@hypothesis_settings(max_examples=200, deadline=None)
def test_stripped_html_keeps_plain_text_without_brackets(text):
    plain = text.replace("<", "").replace(">", "").replace("&", "").replace("\x00", "")

    assert strip_html(plain) == strip_html(strip_html(plain))


def submitted(unit=None, **fields):
    values = {"officer_text": "王警官", "story": STORY, "contact_name": "胡女士", "contact_phone": "13955112345"}
    return services.submit_public_nomination(unit=unit, **(values | fields))


def test_triage_list_masks_the_contact_and_the_detail_shows_it(client, tree, role_user):
    nomination = submitted()
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    listing = client.get(reverse("deeds:nomination_list")).content.decode()
    detail = client.get(reverse("deeds:nomination_detail", args=[nomination.pk])).content.decode()

    assert "139****2345" in listing and "13955112345" not in listing and "胡女士" not in listing
    assert "13955112345" in detail and "胡女士" in detail


def test_unplaced_nominations_are_for_the_bureaus_political_officers(client, tree, role_user):
    nomination = submitted()

    for user, expected in [
        (role_user(Role.POLITICAL_OFFICER), 200),
        (role_user(Role.POLITICAL_OFFICER, "station_b"), 404),
        (role_user(Role.UNIT_MANAGER, "station_a"), 404),
        (role_user(Role.LEADER), 404),
    ]:
        client.force_login(user)
        assert client.get(reverse("deeds:nomination_detail", args=[nomination.pk])).status_code == expected


def test_unit_managers_see_only_nominations_linked_to_their_subtree(client, tree, role_user):
    from tests.factories import PersonFactory

    ours = submitted(officer_text="甲所民警")
    theirs = submitted(officer_text="乙所民警")
    services.link_nomination(ours, person=PersonFactory(unit=tree["squad_a"]), by=None)
    services.link_nomination(theirs, person=PersonFactory(unit=tree["station_b"]), by=None)
    submitted(officer_text="未分拣", unit=tree["station_a"])
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    listing = client.get(reverse("deeds:nomination_list"))
    searched = client.get(reverse("deeds:nomination_list"), {"q": "乙所"})

    assert [n.officer_text for n in listing.context["page"].object_list] == ["甲所民警"]
    assert list(searched.context["page"].object_list) == []
    assert client.get(reverse("deeds:nomination_detail", args=[theirs.pk])).status_code == 404


def test_triage_search_link_and_convert_into_a_proposed_deed(client, tree, role_user):
    from tests.factories import PersonFactory

    officer = PersonFactory(name="王建国", badge_number="340555", unit=tree["station_a"])
    nomination = submitted(occurred_on=None)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    found = client.get(reverse("deeds:nomination_detail", args=[nomination.pk]), {"q": "wjg"})
    client.post(reverse("deeds:nomination_link", args=[nomination.pk]), {"person": officer.pk})
    converted = client.post(
        reverse("deeds:nomination_convert", args=[nomination.pk]), {"title": "群众点赞：找回电动车", "hazard": "none"}
    )

    assert officer in found.context["results"]
    nomination.refresh_from_db()
    assert (nomination.status, nomination.person, nomination.unit) == (NominationStatus.LINKED, officer, officer.unit)
    deed = nomination.deed
    assert converted["Location"] == reverse("deeds:deed_detail", args=[deed.pk])
    assert (deed.source, deed.status, deed.unit) == (DeedSource.PUBLIC, DeedStatus.PROPOSED, officer.unit)
    assert list(deed.people.all()) == [officer]
    assert "13955112345" not in deed.narrative
    assert AuditEntry.objects.filter(action="deeds.public_nomination.linked").count() == 1


def test_reject_with_a_reason_and_a_closed_nomination_stays_closed(client, tree, role_user):
    nomination = submitted()
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    no_reason = client.post(reverse("deeds:nomination_reject", args=[nomination.pk]), {"reason": ""}, follow=True)
    client.post(reverse("deeds:nomination_reject", args=[nomination.pk]), {"reason": "属于投诉，已转督察"})
    again = client.post(reverse("deeds:nomination_triage", args=[nomination.pk]), follow=True)

    nomination.refresh_from_db()
    assert "请填写不予认定的理由。" in no_reason.content.decode()
    assert (nomination.status, nomination.rejection_reason) == (NominationStatus.REJECTED, "属于投诉，已转督察")
    assert again.status_code == 403 and "该征集已处理过。" not in again.content.decode()


def test_conversion_needs_a_linked_officer(tree):
    nomination = submitted()

    with pytest.raises(Exception, match="请先将征集关联"):
        services.convert_nomination_to_deed(nomination, title="x", by=None)


@pytest.mark.parametrize("count", [1, 3])
def test_nomination_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    from tests.factories import PersonFactory

    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for index in range(count):
        services.link_nomination(
            submitted(officer_text=f"民警{index}"), person=PersonFactory(unit=tree["station_a"]), by=None
        )

    with django_assert_num_queries(10):
        response = client.get(reverse("deeds:nomination_list"))

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_triage_search_results_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    from tests.factories import PersonFactory

    for index in range(count):
        PersonFactory(name=f"王{index}", unit=tree["station_a"])
    nomination = submitted()
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(11):  # with the count of repeats of this story
        response = client.get(reverse("deeds:nomination_detail", args=[nomination.pk]), {"q": "王"})

    assert len(response.context["results"]) == count
