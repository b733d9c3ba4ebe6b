"""The intranet column pages: published stories only, phone-friendly reading page, view counts by F() update."""

import pytest
from django.urls import reverse

from qunying.publicity import services
from qunying.publicity.models import Column, Story
from tests.factories import PersonFactory
from tests.publicity.helpers import published_story


@pytest.fixture
def column(db):
    return Column.objects.get(name="辅警风采")


def test_a_column_lists_its_published_stories_only(client, tree, column, role_user):
    person = PersonFactory(unit=tree["station_a"])
    published_story([person], tree["station_a"], title="已发布稿件", columns=[column])
    published_story([person], tree["station_a"], title="待发布稿件", columns=[column], consent=False)
    published_story([person], tree["station_a"], title="别的栏目稿件")
    client.force_login(role_user("member", "station_b"))  # every officer reads the intranet columns
    body = client.get(reverse("publicity:column_detail", args=[column.pk])).content.decode()
    assert "已发布稿件" in body and "待发布稿件" not in body and "别的栏目稿件" not in body
    listing = client.get(reverse("publicity:column_list")).content.decode()
    assert "辅警风采" in listing and 'name="viewport"' in listing


def test_reading_counts_each_view(client, tree, column, role_user):
    story = published_story([PersonFactory(unit=tree["station_a"])], tree["station_a"], columns=[column])
    client.force_login(role_user("member", "station_a"))
    url = reverse("publicity:story_read", args=[story.pk])
    for _ in range(3):
        assert client.get(url).status_code == 200
    story.refresh_from_db()
    assert story.view_count == 3
    assert "阅读量 4" in client.get(url).content.decode()  # this reading included


def test_the_view_count_is_one_update_without_reading_the_row(tree, django_assert_num_queries):
    story = services.create_story(title="稿", body="正文", unit=tree["station_a"], by=None)
    Story.objects.filter(pk=story.pk).update(view_count=41)
    with django_assert_num_queries(1):
        services.count_view(story)  # story.view_count is stale (0) in memory: the UPDATE does not use it
    story.refresh_from_db()
    assert story.view_count == 42


def test_unpublished_stories_cannot_be_read(client, tree, role_user):
    story = services.create_story(title="草稿", body="正文", unit=tree["station_a"], by=None)
    client.force_login(role_user("member", "station_a"))
    assert client.get(reverse("publicity:story_read", args=[story.pk])).status_code == 404
    story.refresh_from_db()
    assert story.view_count == 0


@pytest.mark.parametrize("role", ["sys_admin", "security_admin", "audit_admin"])
def test_the_three_admins_do_not_read_the_columns(client, column, role_user, role):
    client.force_login(role_user(role))
    assert client.get(reverse("publicity:column_list")).status_code == 403
    assert client.get(reverse("publicity:column_detail", args=[column.pk])).status_code == 403


def test_the_columns_need_a_login(client, column):
    assert client.get(reverse("publicity:column_detail", args=[column.pk])).status_code == 302


def test_the_reading_page_renders_the_body_inert(client, tree, role_user):
    story = published_story([], tree["station_a"], body="<script>alert(1)</script>[x](javascript:alert(2))")
    client.force_login(role_user("member"))
    body = client.get(reverse("publicity:story_read", args=[story.pk])).content.decode()
    assert "<script>alert(1)" not in body and 'href="javascript' not in body


@pytest.mark.parametrize("count", [1, 3])
def test_column_page_query_count_does_not_grow(client, tree, column, role_user, django_assert_num_queries, count):
    for i in range(count):
        published_story([], tree["station_a"], title=f"稿件{i}", columns=[column])
    client.force_login(role_user("member"))
    url = reverse("publicity:column_detail", args=[column.pk])
    client.get(url)
    with django_assert_num_queries(11):
        body = client.get(url).content.decode()
    assert body.count("稿件") >= count


@pytest.mark.parametrize("count", [1, 3])
def test_column_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    for i in range(count):
        Column.objects.create(name=f"新栏目{i}", position=10 + i)
    client.force_login(role_user("member"))
    client.get(reverse("publicity:column_list"))
    with django_assert_num_queries(9):
        body = client.get(reverse("publicity:column_list")).content.decode()
    assert body.count("新栏目") == count
