"""Four eyes on story review (issue 18 rule 3): the author may not decide their own story at any step — through the
service, and on the page, which offers them no button, says why, and keeps a refused comment (never a bare 403)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qunying.publicity import services
from qunying.publicity.models import StoryReview
from qunying.publicity.queries import stories_visible_to
from qunying.publicity.rules import policy


@pytest.fixture
def author(role_user):
    return role_user("publicity_editor", "station_a")


@pytest.fixture
def own_story(tree, author):
    story = services.create_story(title="所里的好人好事", body="正文", unit=tree["station_a"], by=author)
    return services.submit_story(story, by=author)


def test_the_author_cannot_approve_their_own_story_at_any_step(own_story, author, role_user):
    with pytest.raises(PermissionDenied, match="作者"):
        services.review_story(own_story, decision="approve", comment="我看可以", by=author)

    story = services.review_story(own_story, decision="approve", by=role_user("publicity_editor"))

    assert list(StoryReview.objects.filter(story=story).values_list("reviewer__pk", flat=True)) != [author.pk]
    assert not policy.filter(author, "review_story", stories_visible_to(author)).filter(pk=story.pk).exists()


def test_a_political_officer_author_is_refused_at_the_political_step(tree, role_user):
    officer = role_user("political_officer")
    story = services.create_story(title="政治处稿件", body="正文", unit=tree["station_a"], by=officer)
    services.submit_story(story, by=officer)
    story = services.review_story(story, decision="approve", by=role_user("publicity_editor"))

    assert not officer.has_perm("publicity.review_story", story)
    with pytest.raises(PermissionDenied):
        services.review_story(story, decision="approve", by=officer)


def test_the_page_offers_the_author_no_review_and_says_why(client, own_story, author):
    client.force_login(author)

    page = client.get(reverse("publicity:story_detail", args=[own_story.pk])).content.decode()

    assert 'value="approve"' not in page
    assert "本稿件由您撰写" in page


def test_a_refused_review_keeps_the_comment_with_a_chinese_message(client, own_story, author):
    client.force_login(author)

    response = client.post(
        reverse("publicity:story_detail", args=[own_story.pk]), {"action": "approve", "comment": "第三段再斟酌"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "本稿件由您撰写" in page
    assert "第三段再斟酌" in page
    assert not StoryReview.objects.filter(story=own_story).exists()
