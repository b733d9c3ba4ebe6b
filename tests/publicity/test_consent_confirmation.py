"""Withdrawing a featured person's consent is an action beside the consent status, confirmed before it is done
(a page without JavaScript); each step's message says what happened and what comes next."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PersonFactory
from tests.publicity.helpers import published_story


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()


def test_withdrawing_consent_asks_first_then_withdraws(client, tree, role_user):
    story = published_story([PersonFactory(name="陈志远", unit=tree["station_a"])], tree["station_a"])
    featured = story.featured.get()
    client.force_login(role_user("publicity_editor", "station_a"))
    url = reverse("publicity:story_detail", args=[story.pk])
    page = client.get(url).content.decode()
    assert "撤回同意" in page and "data-confirm=" in page

    asked = client.post(url, {"action": "withdraw_consent", "featured": featured.pk})

    assert asked.status_code == 200
    assert "data-confirmation" in asked.content.decode()
    featured.refresh_from_db()
    assert featured.has_consent

    done = client.post(url, {"action": "withdraw_consent", "featured": featured.pk, "confirmed": "1"}, follow=True)

    featured.refresh_from_db()
    assert not featured.has_consent
    assert "不再出现在公开荣誉榜" in done.content.decode()
