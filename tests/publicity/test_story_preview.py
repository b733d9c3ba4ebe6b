"""The story editor's preview: the body rendered through the published story's renderer and sanitiser, refreshed by
htmx (a CSRF-protected POST) or by a 预览 button without JavaScript, which saves nothing."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from qunying.publicity.models import Story
from tests.factories import PersonFactory
from tests.publicity.helpers import published_story

BODY = "## 路口守护人\n\n**十年**如一日，[报道](https://example.org/a) <script>alert(1)</script>\n\n- 疏导\n- 救助"


@pytest.fixture
def writer(role_user):
    return role_user("publicity_editor", "station_a")


def test_the_preview_sanitises_a_script(client, writer):
    client.force_login(writer)
    page = client.post(reverse("publicity:story_preview"), {"body": BODY}).content.decode()
    assert "<h2>路口守护人</h2>" in page and "<strong>十年</strong>" in page
    assert "<script>" not in page
    assert "&lt;script&gt;" in page  # shown as text, never run


def test_the_preview_equals_the_published_rendering(client, tree, writer):
    person = PersonFactory(name="陈志远", unit=tree["station_a"])
    story = published_story([person], tree["station_a"], body=BODY)
    client.force_login(writer)
    preview = client.post(reverse("publicity:story_preview"), {"body": BODY}).content.decode().strip()
    read = client.get(reverse("publicity:story_read", args=[story.pk])).content.decode()
    published = re.search(r'<div class="qy-story-body fs-6 lh-lg">(.*?)</div>\n</article>', read, re.S).group(1)
    assert preview == published.strip()


def test_the_preview_refuses_a_post_without_the_csrf_token(tree, writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    assert client.post(reverse("publicity:story_preview"), {"body": "正文"}).status_code == 403


def test_the_preview_is_for_writers_only(client, role_user):
    client.force_login(role_user("care_officer"))
    assert client.post(reverse("publicity:story_preview"), {"body": "正文"}).status_code == 403


def test_the_editor_asks_htmx_to_refresh_the_preview_while_typing(client, writer):
    client.force_login(writer)
    page = client.get(reverse("publicity:story_create")).content.decode()
    assert f'hx-post="{reverse("publicity:story_preview")}"' in page
    assert 'hx-trigger="input changed delay:500ms"' in page
    assert 'id="qy-story-preview"' in page


def test_without_javascript_the_preview_button_renders_the_body_and_saves_nothing(client, tree, writer):
    client.force_login(writer)
    response = client.post(
        reverse("publicity:story_create"),
        {"title": "", "body": "**事迹** <script>x</script>", "unit": tree["station_a"].pk, "preview": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>事迹</strong>" in page and "<script>x" not in page
    assert "此项必填" not in page  # what was typed comes back, unjudged
    assert not Story.objects.exists()


def test_the_preview_button_on_an_existing_story_keeps_it_unchanged(client, tree, writer):
    story = published_story([], tree["station_a"], consent=False, body="旧正文")
    story.status = "draft"
    story.save(update_fields=["status"])
    client.force_login(writer)
    response = client.post(
        reverse("publicity:story_update", args=[story.pk]), {"title": story.title, "body": "*新*正文", "preview": "1"}
    )
    assert "<em>新</em>正文" in response.content.decode()
    story.refresh_from_db()
    assert story.body == "旧正文"
