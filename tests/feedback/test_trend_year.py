"""A figure of 2022 followed from the reports dashboard to the ratings pages shows 2022 (issue 21): the monthly
trend follows the chosen period, not the last two years before today; scores show their valid replies."""

import datetime

from django.urls import reverse
from django.utils import timezone

from qunying.feedback.queries import Period, trend_window
from tests.feedback.conftest import give_ratings


def at(year: int, month: int) -> datetime.datetime:
    return datetime.datetime(year, month, 15, 10, tzinfo=timezone.get_current_timezone())


def test_the_dashboard_of_a_2022_month_shows_2022(client, officers, role_user):
    give_ratings(officers["a"], satisfied=3, at=at(2022, 5))
    give_ratings(officers["a"], satisfied=2, dissatisfied=1, at=at(timezone.localdate().year, 1))
    client.force_login(role_user("political_officer"))

    # The link the reports dashboard puts on a month's figures (reports.queries.dashboard.RatingsSummary).
    page = client.get(reverse("feedback:dashboard"), {"year": 2022, "month": 5}).content.decode()

    assert "2022-05" in page
    assert f"{timezone.localdate().year}-01" not in page
    assert "甲所民警" in page and "n=3" in page  # the month's top officer, with the replies behind the score


def test_an_officers_page_follows_the_chosen_year(client, officers, role_user):
    give_ratings(officers["a"], satisfied=4, at=at(2022, 3))
    give_ratings(officers["a"], satisfied=1, at=at(timezone.localdate().year, 1))
    client.force_login(role_user("political_officer"))

    page = client.get(reverse("feedback:officer_detail", args=[officers["a"].pk]), {"year": 2022}).content.decode()

    assert "2022-03" in page and f"{timezone.localdate().year}-01" not in page
    assert "可信下限" in page and "依据 4 条有效回复" in page


def test_the_trend_window_is_the_periods_year_and_the_one_before():
    since, until = trend_window(Period(2022, 5), 24)

    assert (since.date(), until.date()) == (datetime.date(2021, 1, 1), datetime.date(2023, 1, 1))
    this_year = timezone.localdate().year
    since, until = trend_window(Period(this_year), 24)
    assert until.date() == datetime.date(this_year + 1, 1, 1) and since.date() <= datetime.date(this_year - 1, 12, 1)


def test_the_officer_list_shows_the_ranking_measure_and_replies_beside_every_score(client, officers, role_user):
    give_ratings(officers["a"], satisfied=6)
    give_ratings(officers["b"], satisfied=2)
    client.force_login(role_user("political_officer"))

    page = client.get(reverse("feedback:officer_list")).content.decode()

    assert "可信下限" in page and "高于同类概率" in page
    assert page.count("n=6") == 3 and page.count("n=2") == 3  # raw rate, fair score and lower bound
    assert page.index("甲所民警") < page.index("乙所民警")  # the same perfect rate: more replies first
