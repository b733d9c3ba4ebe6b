"""Public nominations (issue 19 item 15): the story's live character counter with no silent cut, identical repeats
from one phone flagged for triage, and the triage search that takes a name out of a sentence."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.deeds.models import PublicNomination
from qunying.deeds.queries import names_in, people_named_in
from qunying.org.models import Person
from tests.deeds.test_nominations import STORY, URL, form_data, submitted
from tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _no_fill_delay(settings):
    settings.QUNYING_NOMINATION_MIN_FILL_SECONDS = 0


def test_the_story_has_a_counter_and_no_maxlength_that_would_cut_a_paste(client, db):
    page = client.get(URL).content.decode()

    assert 'data-charcount="5000"' in page and 'id="id_story-count"' in page
    assert "maxlength" not in page
    assert "/static/deeds/charcount.js" in page and "<script>" not in page  # a static file: the CSP allows no inline
    assert "已输入 {count} / {limit} 字" in page and "超出上限 {over} 字" in page


def test_a_story_over_the_limit_keeps_the_text_and_says_so_in_chinese(client, db):
    story = "好" * 5_010

    response = client.post(URL, form_data(story=story))

    page = response.content.decode()
    assert response.status_code == 400 and "讲述最多 5000 字（您写了 5010 字）" in page
    assert story in page  # nothing cut: the citizen shortens it themselves
    assert not PublicNomination.objects.exists()


def test_an_identical_repeat_from_the_same_phone_is_flagged_not_refused(client, tree):
    first = submitted()
    other_phone = submitted(contact_phone="13800001111")
    other_story = submitted(story=STORY + "再次感谢！")
    repeat = submitted(contact_phone="139 5511 2345")  # the same number, typed differently

    assert (first.repeat_of, other_phone.repeat_of, other_story.repeat_of) == (None, None, None)
    assert repeat.repeat_of == first
    assert submitted().repeat_of == first  # a third copy points at the first one too
    assert AuditEntry.objects.filter(action="deeds.public_nomination.submitted", data__repeat_of=first.pk).count() == 2


def test_without_a_phone_nothing_is_flagged(tree):
    submitted(contact_phone="", contact_name="")

    assert submitted(contact_phone="", contact_name="").repeat_of is None


def test_the_repeat_through_the_public_form_shows_on_the_triage_list_and_pages(client, tree, role_user):
    client.post(URL, form_data())
    client.post(URL, form_data())
    first, repeat = PublicNomination.objects.order_by("id")
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    listing = client.get(reverse("deeds:nomination_list")).content.decode()
    repeat_page = client.get(reverse("deeds:nomination_detail", args=[repeat.pk])).content.decode()
    first_page = client.get(reverse("deeds:nomination_detail", args=[first.pk])).content.decode()

    assert listing.count(f'data-repeat-of="{first.pk}"') == 1 and "重复提交" in listing
    assert f'data-repeat-of="{first.pk}"' in repeat_page and first.reference in repeat_page
    assert 'data-repeats="1"' in first_page and 'data-repeat-of="' not in first_page


def test_names_in_a_sentence_are_its_runs_of_two_to_six_chinese_characters():
    found = names_in("半汤派出所的李玲警官 badge 12")

    assert {"李玲", "半汤", "李玲警官"} <= found
    assert not any(len(name) < 2 or name.isascii() for name in found)
    assert names_in("wjg 340555") == set()


def test_triage_search_takes_a_name_out_of_a_sentence(client, tree, role_user):
    li_ling = PersonFactory(name="李玲", unit=tree["station_a"])
    PersonFactory(name="李林", unit=tree["station_a"])  # the same pinyin initials, another name
    PersonFactory(name="李玲", unit=tree["station_b"])  # outside the searching officer's units
    nomination = submitted(officer_text="半汤派出所的李玲警官")
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))
    nomination.unit = tree["station_a"]
    nomination.save(update_fields=["unit"])

    typed = client.get(reverse("deeds:nomination_detail", args=[nomination.pk]), {"q": "半汤派出所的李玲警官"})
    default = client.get(reverse("deeds:nomination_detail", args=[nomination.pk]))

    assert typed.context["results"] == [li_ling]
    assert default.context["q"] == "半汤派出所的李玲警官" and default.context["results"] == [li_ling]


def test_people_named_in_is_one_query_and_needs_the_whole_name(tree, django_assert_num_queries):
    PersonFactory(name="李玲", unit=tree["station_a"])
    PersonFactory(name="李玲玲", unit=tree["station_a"])

    with django_assert_num_queries(1):
        names = sorted(p.name for p in people_named_in(Person.objects.all(), "找李玲警官"))

    assert names == ["李玲"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_triage_list_with_repeats_keeps_its_query_count(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    submitted()
    for _ in range(count):
        submitted()

    with django_assert_num_queries(10):
        response = client.get(reverse("deeds:nomination_list"))

    assert len(response.context["page"].object_list) == count + 1


def test_triage_messages_say_what_happened_and_what_is_next(client, tree, role_user):
    officer = PersonFactory(name="王建国", unit=tree["station_a"])
    nomination = submitted()
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    triaged = client.post(reverse("deeds:nomination_triage", args=[nomination.pk]), follow=True)
    linked = client.post(reverse("deeds:nomination_link", args=[nomination.pk]), {"person": officer.pk}, follow=True)

    assert "已标记为已分拣。下一步：关联到民警，或填写理由不予认定。" in triaged.content.decode()
    assert "下一步：转为拟认定事迹，提交核实。" in linked.content.decode()
