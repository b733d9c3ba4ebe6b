"""Confirming an imported article: proposed deeds, honours recorded through the honours services, new people
through the org services, the article archived as a published story; all or nothing; consent still guards the
public board."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qunying.core.models import AuditEntry
from qunying.deeds.models import Deed
from qunying.honours.models import Honour
from qunying.org.models import Person
from qunying.publicity import services
from qunying.publicity.models import Story
from tests.factories import IssuerFactory, PersonFactory, UnitFactory

SAMPLE = Path(__file__).resolve().parent / "samples" / "article-garbled.txt"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def station(tree):
    return UnitFactory(name="城关派出所", parent=tree["bureau"])


@pytest.fixture
def article(tree):
    # Imported as an article of our bureau: people are matched (an article of another bureau proposes no one).
    return services.import_article(data=SAMPLE.read_bytes(), filename="sample.txt", bureau=tree["bureau"], by=None)


@pytest.fixture
def city_police(db):
    return IssuerFactory(name="市公安局", level="city", kind="police")


def nothing_written(article):
    article.refresh_from_db()
    assert article.status == "proposed"
    assert not Deed.objects.exists() and not Honour.objects.exists() and not Story.objects.exists()
    assert not article.links.exists()


def test_the_catalogue_decides_which_honours_can_be_recorded(article, city_police):
    found = services.recordable_honours(article)
    liu = {h["title"]: h for h in found["刘桂芳"]}
    assert liu["三等功"]["award"].code == "merit_class_3" and liu["三等功"]["issuer_obj"] == city_police
    assert str(liu["三等功"]["awarded_on"]) == "2022-12-31"
    assert liu["全省优秀社区民警"]["problem"] == "授奖机关不在目录中。"
    zhao = {h["title"]: h for h in found["赵永强"]}
    assert zhao["辅警之星"]["award"].code == "aux_star"  # matched by its name before its type


def test_confirming_links_creates_people_records_honours_and_archives_the_story(
    article, station, tree, city_police, role_user
):
    chen = PersonFactory(name="陈志远", unit=station)
    officer = role_user("political_officer")
    services.confirm_article_import(
        article,
        people={"陈志远": chen},
        new_people={"刘桂芳": {"badge_number": "A1001", "unit": station}},
        by=officer,
    )
    article.refresh_from_db()
    assert article.status == "confirmed"
    liu = Person.objects.get(badge_number="A1001")
    assert liu.name == "刘桂芳" and liu.unit == station and liu.category == "police"
    assert AuditEntry.objects.filter(action="org.person.created", object_id=str(liu.pk)).exists()
    honour = Honour.objects.get()
    assert (honour.person, honour.award_type.code, honour.issuer) == (liu, "merit_class_3", city_police)
    assert "青山县公安局" in honour.reason
    links = {link.person: link for link in article.links.all()}
    assert set(links) == {chen, liu} and links[liu].created_person and not links[chen].created_person
    assert list(links[liu].honours.all()) == [honour]
    assert Deed.objects.filter(source="import", status="proposed").count() == 2
    story = Story.objects.get(source_article=article)
    assert story.status == "published" and story.title == article.title
    assert set(story.people.all()) == {chen, liu} and list(story.honours.all()) == [honour]
    assert story.published_at == article.published_at and story.unit == tree["bureau"]
    assert AuditEntry.objects.filter(action="publicity.story.archived", object_id=str(story.pk)).exists()


def test_the_archived_story_reaches_the_board_only_with_everyones_consent(
    client, article, station, city_police, django_capture_on_commit_callbacks
):
    chen = PersonFactory(name="陈志远", unit=station)
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_article_import(article, people={"陈志远": chen}, by=None)
    board = reverse("board:honour_board")
    assert "陈志远" not in client.get(board).content.decode()  # published, but no consent yet
    story = Story.objects.get(source_article=article)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_consent(story.featured.get(), given_by="self", by=None)
    assert "陈志远" in client.get(board).content.decode()
    chen.classified = True
    chen.save(update_fields=["classified"])
    cache.clear()
    assert "陈志远" not in client.get(board).content.decode()  # classified: never public, consent or not


def test_a_duplicate_badge_number_writes_nothing(article, station, city_police):
    chen = PersonFactory(name="陈志远", unit=station)
    PersonFactory(badge_number="A1001", unit=station)
    with pytest.raises(ValidationError, match="刘桂芳"):
        services.confirm_article_import(
            article, people={"陈志远": chen}, new_people={"刘桂芳": {"badge_number": "A1001", "unit": station}}, by=None
        )
    nothing_written(article)
    assert not Person.objects.filter(name="刘桂芳").exists()


def test_an_honour_the_issuer_may_not_award_writes_nothing(article, station):
    IssuerFactory(name="市公安局", level="county", kind="police")  # a county issuer cannot award 三等功
    liu = PersonFactory(name="刘桂芳", unit=station)
    with pytest.raises(ValidationError, match="三等功"):
        services.confirm_article_import(article, people={"刘桂芳": liu}, by=None)
    nothing_written(article)
    # Without the honours, the same confirmation goes through.
    services.confirm_article_import(article, people={"刘桂芳": liu}, record_honours=False, by=None)
    assert not Honour.objects.exists() and Story.objects.filter(source_article=article).exists()


def test_a_person_outside_the_confirmers_scope_cannot_be_created(article, tree, city_police, role_user):
    officer = role_user("political_officer", "station_a")
    with pytest.raises(Exception):  # noqa: B017 — PermissionDenied from the org services
        services.confirm_article_import(
            article, people={}, new_people={"赵永强": {"badge_number": "F9", "unit": tree["station_b"]}}, by=officer
        )
    nothing_written(article)


def test_confirming_twice_is_refused(article, station, city_police):
    chen = PersonFactory(name="陈志远", unit=station)
    services.confirm_article_import(article, people={"陈志远": chen}, by=None)
    with pytest.raises(PermissionDenied):  # publicity.confirm_article: only while it awaits confirmation
        services.confirm_article_import(article, people={"陈志远": chen}, by=None)
    assert Story.objects.count() == 1


def test_the_confirm_page_creates_a_new_person_when_ticked(client, article, station, city_police, role_user):
    chen = PersonFactory(name="陈志远", unit=station)
    client.force_login(role_user("political_officer"))
    url = reverse("publicity:article_detail", args=[article.pk])
    body = client.get(url).content.decode()
    assert "新建人员 刘桂芳" in body and "授奖机关不在目录中" in body
    chosen = str(chen.pk)
    response = client.post(url, {"person_0": chosen, "person_1": "new", "badge_1": "", "record_honours": "on"})
    assert response.status_code == 200 and "请填写警号" in response.content.decode()
    nothing_written(article)
    response = client.post(
        url, {"person_0": chosen, "person_1": "new", "badge_1": "B2002", "unit_1": station.pk, "record_honours": "on"}
    )
    assert response.status_code == 302
    assert Person.objects.get(badge_number="B2002").name == "刘桂芳"
    assert Honour.objects.filter(person__badge_number="B2002", award_type__code="merit_class_3").exists()
    story = Story.objects.get(source_article=article)
    assert set(story.people.all()) == {chen, Person.objects.get(badge_number="B2002")}
    assert reverse("publicity:story_detail", args=[story.pk]) in client.get(url).content.decode()


def test_the_confirm_page_offers_only_units_in_scope(client, article, tree, station, role_user):
    client.force_login(role_user("political_officer", "station_a"))
    response = client.post(
        reverse("publicity:article_detail", args=[article.pk]),
        {"person_0": "new", "badge_0": "C1", "unit_0": tree["station_b"].pk},
    )
    assert response.status_code == 200
    nothing_written(article)
