"""Stories: the review steps, consent per featured person, publishing and withdrawal, safe rendering."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qunying.core.models import AuditEntry
from qunying.publicity import services
from qunying.publicity.models import Column, ReviewStep, StoryReview
from qunying.publicity.rendering import render_markdown
from tests.factories import PersonFactory


@pytest.fixture
def person(tree):
    return PersonFactory(name="陈志远", unit=tree["station_a"])


@pytest.fixture
def story(tree, person):
    return services.create_story(
        title="城关卫士", body="**陈志远**带领突击队。", unit=tree["station_a"], people=[person], by=None
    )


def approved(story, role_user):
    services.submit_story(story, by=role_user("publicity_editor"))
    for role in ("publicity_editor", "political_officer", "leader"):
        story = services.review_story(story, decision="approve", comment="好", by=role_user(role))
    return story


def test_default_columns_and_review_steps_exist(db):
    assert list(Column.objects.values_list("name", flat=True)) == ["辅警风采", "公安群英榜", "寻找最美民警辅警"]
    assert list(ReviewStep.objects.values_list("role", flat=True)) == [
        "publicity_editor",
        "political_officer",
        "leader",
    ]


def test_review_goes_through_every_step_in_order_with_comments(story, role_user):
    services.submit_story(story, by=role_user("publicity_editor"))
    with pytest.raises(PermissionDenied):  # the leader's step is the last, not the first
        services.review_story(story, decision="approve", by=role_user("leader"))
    story = services.review_story(story, decision="approve", comment="文字通顺", by=role_user("publicity_editor"))
    assert story.status == "in_review" and story.review_step.role == "political_officer"
    story = services.review_story(story, decision="approve", by=role_user("political_officer"))
    story = services.review_story(story, decision="approve", by=role_user("leader"))
    assert story.status == "approved" and story.review_step is None
    assert [r.comment for r in StoryReview.objects.filter(story=story)] == ["文字通顺", "", ""]
    assert AuditEntry.objects.filter(object_id=str(story.pk), action="publicity.story.reviewed").count() == 3


def test_a_return_needs_a_comment_and_goes_back_to_draft(story, role_user):
    services.submit_story(story, by=role_user("publicity_editor"))
    with pytest.raises(ValidationError):
        services.review_story(story, decision="return", comment="", by=role_user("publicity_editor"))
    story = services.review_story(story, decision="return", comment="补充细节", by=role_user("publicity_editor"))
    assert story.status == "draft"


def test_publishing_without_consent_is_refused(story, role_user):
    story = approved(story, role_user)
    with pytest.raises(ValidationError, match="陈志远"):
        services.publish_story(story, by=role_user("political_officer"))
    story.refresh_from_db()
    assert story.status == "approved"


def test_publishing_with_consent_and_withdrawing_consent_unpublishes(story, role_user):
    story = approved(story, role_user)
    featured = story.featured.get()
    services.record_consent(featured, given_by="self", note="书面同意", by=role_user("publicity_editor"))
    story = services.publish_story(story, by=role_user("political_officer"))
    assert story.status == "published" and story.published_at is not None
    services.withdraw_consent(featured, by=role_user("publicity_editor"))
    story.refresh_from_db()
    assert story.status == "withdrawn"
    entry = AuditEntry.objects.get(action="publicity.consent.withdrawn", object_id=str(story.pk))
    assert entry.data["unpublished"] is True


def test_a_deceased_officers_consent_comes_from_the_family(story, person, role_user):
    person.status = "deceased"
    person.save(update_fields=["status"])
    featured = story.featured.get()
    with pytest.raises(ValidationError):
        services.record_consent(featured, given_by="self", by=role_user("publicity_editor"))
    featured = services.record_consent(featured, given_by="family", by=role_user("publicity_editor"))
    assert featured.has_consent


def test_a_published_story_cannot_go_back_to_review(story, role_user):
    story = approved(story, role_user)
    services.record_consent(story.featured.get(), given_by="self", by=None)
    story = services.publish_story(story, by=None)
    with pytest.raises(PermissionDenied):  # publicity.submit_story: only a draft
        services.submit_story(story, by=None)


def test_writers_outside_the_unit_cannot_write_stories(tree, role_user):
    with pytest.raises(PermissionDenied):
        services.create_story(
            title="标题", body="正文", unit=tree["station_b"], by=role_user("publicity_editor", "station_a")
        )


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_story_bodies_render_inert():
    html = render_markdown(
        "<script>alert(1)</script>\n\n"
        '<img src=x onerror="alert(2)">\n\n'
        "[点我](javascript:alert(3)) [好](https://example.org)\n\n"
        '<a href="javascript:alert(4)" onclick="alert(5)">x</a>'
    )
    parser = _Tags()
    parser.feed(html)
    names = [tag for tag, _ in parser.tags]
    assert "script" not in names and "img" not in names
    for _tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript")
    assert ("a", {"href": "https://example.org", "rel": "noopener noreferrer"}) in parser.tags


def test_the_story_page_runs_the_workflow_and_renders_the_body_inert(client, tree, person, role_user):
    story = services.create_story(
        title="城关卫士", body="**勇敢**<script>alert(1)</script>", unit=tree["station_a"], people=[person], by=None
    )
    url = reverse("publicity:story_detail", args=[story.pk])
    client.force_login(role_user("political_officer"))
    body = client.get(url).content.decode()
    assert "<strong>勇敢</strong>" in body and "<script>alert(1)" not in body
    client.post(url, {"action": "submit"})
    for role in ("publicity_editor", "political_officer", "leader"):
        client.force_login(role_user(role))
        client.post(url, {"action": "approve", "comment": "同意"})
    client.force_login(role_user("political_officer"))
    response = client.post(url, {"action": "publish"}, follow=True)
    assert "发布须经每名报道人员同意" in response.content.decode()
    featured = story.featured.get()
    client.post(url, {"action": "consent", "featured": featured.pk, "given_by": "self"})
    client.post(url, {"action": "publish"})
    story.refresh_from_db()
    assert story.status == "published"


def test_another_units_stories_do_not_leak(client, tree, role_user):
    other = services.create_story(title="乙所稿件", body="正文", unit=tree["station_b"], by=None)
    client.force_login(role_user("publicity_editor", "station_a"))
    assert "乙所稿件" not in client.get(reverse("publicity:story_list")).content.decode()
    assert client.get(reverse("publicity:story_detail", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_story_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    for i in range(count):
        services.create_story(title=f"稿件{i}", body="正文", unit=tree["station_a"], by=None)
    client.force_login(role_user("publicity_editor"))
    with django_assert_num_queries(12):
        body = client.get(reverse("publicity:story_list")).content.decode()
    assert body.count("稿件") >= count


def test_published_stories_appear_on_the_persons_timeline(story, person):
    from qunying.org.timeline import timeline_for

    assert not [e for e in timeline_for(person) if "城关卫士" in e.title]
    services.submit_story(story, by=None)
    for _ in range(3):
        story = services.review_story(story, decision="approve", by=None)
    services.record_consent(story.featured.get(), given_by="self", by=None)
    services.publish_story(story, by=None)
    assert [e.title for e in timeline_for(person) if "城关卫士" in e.title] == ["稿件已发布：城关卫士"]
