"""Pagination: a list counts at most a bounded number of rows, or as far as the page asked for."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from qunying.core.pagination import paginate
from qunying.core.roles import Role
from qunying.org.models import Unit
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(tree):
    UnitFactory.create_batch(26, parent=tree["bureau"])
    return Unit.objects.order_by("pk")  # 30 units


def page_of(queryset, number=None, **kwargs):
    request = RequestFactory().get("/", {"page": number} if number else {})
    return paginate(request, queryset, **kwargs)


def test_a_short_list_is_counted_exactly(units):
    page = page_of(units, per_page=7)

    assert (page.paginator.count, page.paginator.count_exact, page.paginator.num_pages) == (30, True, 5)


def test_a_long_list_stops_counting_and_says_there_is_more(units, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr("qunying.core.pagination.CappedPaginator.__init__.__kwdefaults__", {"limit": 10})

    with django_assert_num_queries(2):  # a bounded count and the page
        page = page_of(units, per_page=5)
        rows = list(page.object_list)

    assert (page.paginator.count, page.paginator.count_exact) == (10, False)
    assert page.has_next() and len(rows) == 5


def test_a_deep_page_is_reached_and_bad_numbers_fall_back(units, monkeypatch):
    monkeypatch.setattr("qunying.core.pagination.CappedPaginator.__init__.__kwdefaults__", {"limit": 5})

    deep = page_of(units, 4, per_page=5)
    last = page_of(units, 99, per_page=5)
    bad = page_of(units, "x", per_page=5)

    assert deep.number == 4 and deep.has_next() and [u.pk for u in deep.object_list] == [u.pk for u in units[15:20]]
    assert last.number == 6 and not last.has_next() and last.paginator.count_exact
    assert bad.number == 1


def test_the_page_shows_chinese_buttons_and_a_capped_total(client, units, role_user, monkeypatch):
    monkeypatch.setattr("qunying.core.pagination.CappedPaginator.__init__.__kwdefaults__", {"limit": 30})
    PersonFactory.create_batch(61, unit=units.first())
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    page = client.get("/org/people/").content.decode()

    assert "下一页" in page and "上一页" in page and "超过 60 条" in page and "1 / 2+" in page


def test_the_bounded_count_does_not_sort_the_list(units, monkeypatch):
    """A count sorted like the list makes the database order every row before it stops (3 s on the interactions
    list of a 2,000-person province); the count reads limit + 1 rows in any order and is the same."""
    monkeypatch.setattr("qunying.core.pagination.CappedPaginator.__init__.__kwdefaults__", {"limit": 10})
    ordered = units.select_related("parent").order_by("-name")

    with CaptureQueriesContext(connection) as queries:
        page = page_of(ordered, per_page=5)

    assert (page.paginator.count, page.paginator.count_exact) == (10, False)
    count_sql = queries.captured_queries[0]["sql"].upper()
    assert "COUNT(" in count_sql and "ORDER BY" not in count_sql and "JOIN" not in count_sql
