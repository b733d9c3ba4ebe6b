"""The staff pages for imported articles: upload, review with the damaged span highlighted, confirm, scope."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qunying.core.models import AuditEntry
from qunying.deeds.models import Deed
from qunying.demo import publicity as publicity_demo
from qunying.publicity.models import ArticleImport
from qunying.publicity.services import import_article
from tests.factories import PersonFactory, UnitFactory

SAMPLE = Path(__file__).resolve().parent / "samples" / "article-garbled.txt"


@pytest.fixture
def station(tree):
    return UnitFactory(name="城关派出所", parent=tree["bureau"])


@pytest.fixture
def article(tree):
    # Imported as an article of our bureau: people are matched (an article of another bureau proposes no one).
    return import_article(data=SAMPLE.read_bytes(), filename="sample.txt", bureau=tree["bureau"], by=None)


def chosen_in(body: str, index: int) -> str | None:
    """The value of the radio button ticked for the index-th person on the review page."""
    ticked = re.search(rf'name="person_{index}"\s+value="([^"]*)"\s+id="[^"]+"\s+checked', body)
    return ticked.group(1) if ticked else None


IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def test_upload_shows_the_repaired_text_with_the_damaged_span_highlighted(
    client, role_user, immediate_tasks, django_capture_on_commit_callbacks
):
    client.force_login(role_user("publicity_editor"))
    upload = SimpleUploadedFile("a.txt", SAMPLE.read_bytes(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publicity:article_upload"), {"file": upload})
    response = client.get(response["Location"])
    article = ArticleImport.objects.get()
    response = client.get(reverse("publicity:article_detail", args=[article.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert article.uploaded_by is not None
    assert "青山县公安局:“三个一线”发现培树先进典型" in body
    assert '<mark class="bg-danger-subtle border border-danger" title="受损片段">?票焕\ufffd</mark>' in body
    assert "陈志远" in body and "路口守护人" in body


@pytest.mark.parametrize(("content", "message"), [(b"", "上传的文件是空的"), (b"\x00\x01binary", "二进制")])
def test_an_upload_that_is_not_an_article_is_refused_on_the_form(client, role_user, content, message):
    client.force_login(role_user("publicity_editor"))
    upload = SimpleUploadedFile("a.txt", content, content_type="text/plain")
    response = client.post(reverse("publicity:article_upload"), {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ArticleImport.objects.exists()


def test_an_existing_person_whose_unit_and_category_agree_is_chosen(client, role_user, station, article):
    same = PersonFactory(name="陈志远", unit=station)
    client.force_login(role_user("political_officer"))
    body = client.get(reverse("publicity:article_detail", args=[article.pk])).content.decode()
    assert reverse("org:person_detail", args=[same.pk]) in body
    assert chosen_in(body, 0) == str(same.pk)


def test_homonyms_are_listed_side_by_side_and_none_is_chosen(client, role_user, station, tree, article):
    PersonFactory(name="陈志远", unit=station)
    PersonFactory(name="陈志远", unit=tree["station_b"])
    client.force_login(role_user("political_officer"))
    body = client.get(reverse("publicity:article_detail", args=[article.pk])).content.decode()
    assert "陈志远 · 城关派出所" in body and "陈志远 · 乙派出所" in body
    assert "2 人同名" in body
    assert chosen_in(body, 0) == ""  # 不记录 stays the choice until the reviewer picks


def test_people_outside_the_users_scope_are_not_offered(client, role_user, tree, article):
    other = UnitFactory(name="交警大队", parent=tree["bureau"])
    hidden = PersonFactory(name="赵永强", unit=other)
    client.force_login(role_user("political_officer", "station_a"))
    body = client.get(reverse("publicity:article_detail", args=[article.pk])).content.decode()
    assert reverse("org:person_detail", args=[hidden.pk]) not in body


def test_confirming_creates_proposed_deeds_with_the_article_as_source(client, role_user, station, article):
    person = PersonFactory(name="陈志远", unit=station)
    client.force_login(role_user("political_officer"))
    response = client.post(
        reverse("publicity:article_detail", args=[article.pk]), {"person_0": str(person.pk), "confirm": ""}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "confirmed"
    deed = Deed.objects.get()
    assert deed.source == "import" and deed.status == "proposed"
    assert [p.person_id for p in deed.participants.all()] == [person.pk]
    assert "突击队" in deed.narrative
    assert article.links.get().deed == deed
    assert AuditEntry.objects.filter(action="publicity.article.confirmed", object_id=str(article.pk)).count() == 1
    body = client.get(reverse("publicity:article_detail", args=[article.pk])).content.decode()
    assert reverse("deeds:deed_detail", args=[deed.pk]) in body


def test_confirming_without_choosing_anyone_is_refused(client, role_user, station, article):
    PersonFactory(name="陈志远", unit=station)
    client.force_login(role_user("political_officer"))
    response = client.post(reverse("publicity:article_detail", args=[article.pk]), {"confirm": ""})
    assert response.status_code == 200
    assert "请至少选择一名要关联或新建的人员" in response.content.decode()
    assert not Deed.objects.exists()


def test_a_publicity_editor_cannot_confirm(client, role_user, station, article):
    client.force_login(role_user("publicity_editor"))
    person = PersonFactory(name="陈志远", unit=station)
    response = client.post(reverse("publicity:article_detail", args=[article.pk]), {"person_0": str(person.pk)})
    assert response.status_code == 403
    assert not Deed.objects.exists()


def test_discarding_creates_nothing_and_cannot_be_confirmed_afterwards(client, role_user, station, article):
    PersonFactory(name="陈志远", unit=station)
    client.force_login(role_user("political_officer"))
    client.post(reverse("publicity:article_detail", args=[article.pk]), {"discard": ""})
    article.refresh_from_db()
    assert article.status == "discarded"
    body = client.get(reverse("publicity:article_detail", args=[article.pk])).content.decode()
    assert 'name="confirm"' not in body
    assert not Deed.objects.exists()


@pytest.mark.parametrize("role", ["unit_manager", "member", "leader"])
def test_other_roles_do_not_see_imported_articles(client, role_user, article, role):
    client.force_login(role_user(role))
    assert client.get(reverse("publicity:article_list")).status_code == 403
    assert client.get(reverse("publicity:article_detail", args=[article.pk])).status_code in (403, 404)


@pytest.mark.parametrize("count", [1, 3])
def test_article_list_query_count_does_not_grow(client, role_user, django_assert_num_queries, count):
    user = role_user("political_officer")
    text = SAMPLE.read_text(encoding="utf-8")
    for n in range(count):  # articles of different days: the same one twice is recognised and proposed once
        import_article(data=text.replace("2023-06-12", f"2023-06-1{n}").encode(), by=user)
    client.force_login(user)
    with django_assert_num_queries(10):
        response = client.get(reverse("publicity:article_list"))
    assert response.content.decode().count("三个一线") == count


@pytest.mark.django_db
def test_demo_imports_the_sample_once():
    publicity_demo.load(io.StringIO())
    publicity_demo.load(io.StringIO())
    assert ArticleImport.objects.filter(filename="article-sample.txt").count() == 1
