"""The public honour board: only published, consented, non-classified people; cached with explicit invalidation."""

import datetime
import io

import pytest
from django.urls import reverse

from qunying.demo import publicity as publicity_demo
from qunying.publicity import services
from qunying.publicity.models import Story
from tests.factories import HonourFactory, PersonFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


def published_story(people, unit, *, consent=True, title="城关卫士"):
    story = services.create_story(title=title, body="正文", unit=unit, people=people, by=None)
    services.submit_story(story, by=None)
    for _ in range(3):
        story = services.review_story(story, decision="approve", by=None)
    if consent:
        for featured in story.featured.all():
            services.record_consent(featured, given_by="self", by=None)
        story = services.publish_story(story, by=None)
    return story


def board(client, **params):
    return client.get(reverse("board:honour_board"), params).content.decode()


def test_a_consented_person_of_a_published_story_appears_with_unit_honours_and_story(
    client, tree, django_capture_on_commit_callbacks
):
    person = PersonFactory(name="陈志远", unit=tree["station_a"])
    HonourFactory(person=person, award_type="commendation", awarded_on=datetime.date(2023, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        published_story([person], tree["station_a"])
    body = board(client)
    assert "陈志远" in body and "甲派出所" in body and "嘉奖" in body and "城关卫士" in body
    assert person.badge_number not in body  # no identifying data beyond name and unit


def test_an_unpublished_story_shows_nobody(client, tree):
    person = PersonFactory(name="陈志远", unit=tree["station_a"])
    published_story([person], tree["station_a"], consent=False)  # approved, never published
    assert "陈志远" not in board(client)


def test_withdrawing_consent_removes_the_person_at_once_despite_the_cache(
    client, tree, django_capture_on_commit_callbacks
):
    person = PersonFactory(name="陈志远", unit=tree["station_a"])
    with django_capture_on_commit_callbacks(execute=True):
        story = published_story([person], tree["station_a"])
    assert "陈志远" in board(client)  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_consent(story.featured.get(), by=None)
    assert "陈志远" not in board(client)


def test_a_withdrawn_story_disappears(client, tree, django_capture_on_commit_callbacks):
    person = PersonFactory(name="陈志远", unit=tree["station_a"])
    with django_capture_on_commit_callbacks(execute=True):
        story = published_story([person], tree["station_a"])
    assert "陈志远" in board(client)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_story(story, reason="内容需更新", by=None)
    assert "陈志远" not in board(client)


def test_a_classified_person_never_appears_nor_a_story_featuring_them(client, tree):
    secret = PersonFactory(name="秘密人", unit=tree["station_a"], classified=True)
    other = PersonFactory(name="刘桂芳", unit=tree["station_a"])
    published_story([secret, other], tree["station_a"], title="联合行动")
    body = board(client)
    assert "秘密人" not in body
    assert "刘桂芳" not in body and "联合行动" not in body


def test_a_person_whose_consent_is_missing_in_one_story_does_not_leak_through_it(client, tree):
    person = PersonFactory(name="赵永强", unit=tree["station_a"])
    story = published_story([person], tree["station_a"])
    featured = story.featured.get()
    # consent withdrawn outside the service (e.g. a data fix): the board still checks consent itself
    featured.consent_withdrawn_at = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    featured.save(update_fields=["consent_withdrawn_at"])
    from django.core.cache import cache

    cache.clear()
    assert "赵永强" not in board(client)


def test_filters_by_year_unit_and_honour(client, tree):
    a = PersonFactory(name="陈志远", unit=tree["station_a"])
    b = PersonFactory(name="刘桂芳", unit=tree["station_b"])
    HonourFactory(person=a, award_type="commendation", awarded_on=datetime.date(2022, 5, 1))
    HonourFactory(person=b, award_type="commendation", awarded_on=datetime.date(2023, 5, 1))
    published_story([a], tree["station_a"], title="甲")
    published_story([b], tree["station_b"], title="乙")
    body = board(client, year=2022)
    assert "陈志远" in body and "刘桂芳" not in body
    body = board(client, unit=tree["station_b"].pk)
    assert "刘桂芳" in body and "陈志远" not in body
    body = board(client, honour="merit_class_3")
    assert "刘桂芳" not in body and "陈志远" not in body


@pytest.mark.parametrize("count", [1, 3])
def test_board_query_count_does_not_grow(client, tree, django_assert_num_queries, count):
    people = [PersonFactory(name=f"人员{i}", unit=tree["station_a"]) for i in range(count)]
    for person in people:
        HonourFactory(person=person, award_type="commendation", awarded_on=datetime.date(2023, 5, 1))
    published_story(people, tree["station_a"])
    with django_assert_num_queries(7):
        body = board(client)
    assert body.count("人员") >= count
    with django_assert_num_queries(0):  # served from the cache
        board(client)


def test_demo_is_idempotent_and_fills_the_board(client, tree):
    person = PersonFactory(name="陈志远", unit=tree["station_a"])
    HonourFactory(person=person, award_type="commendation", awarded_on=datetime.date(2023, 5, 1))
    publicity_demo.load(io.StringIO())
    publicity_demo.load(io.StringIO())
    assert Story.objects.filter(status="published").count() == 1
    assert "陈志远" in board(client)


def test_the_cached_board_never_carries_a_visitors_csrf_token(client, tree, role_user):
    client.force_login(role_user("political_officer"))
    client.get(reverse("publicity:story_list"))  # a staff page: the visitor now has a CSRF token
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else None
    body = board(client)  # this visitor's request renders the page that everyone will be served
    assert '"X-CSRFToken": ""' in body
    if token:
        assert token not in body


def test_the_board_url_is_made_canonical_before_anything_is_cached(client, tree):
    url = reverse("board:honour_board")
    response = client.get(url, {"year": "2023", "junk": "evil"})
    assert response.status_code == 302 and response.url == f"{url}?year=2023"
    response = client.get(url, {"unit": "1" * 50})
    assert response.status_code == 302 and response.url == f"{url}?unit={'1' * 20}"
    assert client.get(f"{url}?year=2022&year=2023").status_code == 302  # a parameter given twice
    assert client.get(f"{url}?year=").url == url
    body = client.get(url, {"year": "2023"}).content.decode()
    assert "evil" not in body
