"""Yearly figures in the published form: the demo's 2022 sentence exactly, issuer short names and 本级, the order of
the parts, revoked honours and other units left out, and a query count that does not grow."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from qunying.accounts.enums import Role
from qunying.accounts.models import User
from qunying.honours.services import revoke_honour
from qunying.org.models import Unit
from qunying.reports.queries import yearly_figures
from tests.reports.builders import YEAR, honour, issuer, person

PUBLISHED_2022 = (
    "获合肥市局嘉奖4人，获巢湖市委组织部、疫情防控办公室嘉奖8人，获巢湖市局本级嘉奖8人；"
    "评选出“辅警之星”8人、“辅警标兵”16人"
)


def test_the_demo_yields_the_published_2022_figures_on_the_page_and_in_the_query(client, demo):
    with translation.override("zh-hans"):
        sentence = yearly_figures(Unit.objects.all(), 2022).sentence
    client.force_login(User.objects.get(username="zhengzhichu"))

    page = client.get(reverse("reports:figures"), {"year": 2022}).content.decode()

    assert PUBLISHED_2022 in sentence
    assert PUBLISHED_2022 in demo  # the demo prints the figures too
    assert PUBLISHED_2022 in page.replace("&#x27;", "'")


def test_own_bureau_is_cited_as_its_own_level_and_awards_come_highest_first(tree):
    bureau_issuer = issuer(tree["bureau"].name, "测试市局")
    city = issuer("合肥市公安局", "合肥市局", level="city")
    honour(person(tree["station_a"]), source=bureau_issuer)
    honour(person(tree["station_b"]), source=city)
    honour(person(tree["station_b"]), "merit_class_3", source=city)

    with translation.override("zh-hans"):
        sentence = yearly_figures(Unit.objects.all(), YEAR).sentence

    assert sentence == "获合肥市局三等功1人，获合肥市局嘉奖1人，获测试市局本级嘉奖1人。"


def test_praise_comes_after_the_awards_and_auxiliary_commendations_merge_with_police_ones(tree):
    county = issuer(tree["bureau"].name, "测试市局")
    honour(person(tree["station_a"]), source=county)
    honour(person(tree["station_a"], category="auxiliary"), "aux_commendation", source=county)
    honour(person(tree["station_a"]), "public_praise", source=county)

    figures = yearly_figures(Unit.objects.all(), YEAR)
    with translation.override("zh-hans"):
        sentence = figures.sentence

    assert sentence == "获测试市局本级嘉奖2人；获测试市局本级通报表扬1人。"
    assert (
        sorted(figures.awards[0].award_type_ids) == sorted(figures.awards[0].award_type_ids)
        and len(figures.awards[0].award_type_ids) == 2
    )


def test_revoked_honours_other_years_and_other_units_are_not_counted(tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    city = issuer("合肥市公安局", "合肥市局", level="city")
    honour(person(tree["squad_a"]), source=city)
    revoked = honour(person(tree["squad_a"]), source=city)
    revoke_honour(
        revoked,
        ground="事迹不实",
        revoked_on=datetime.date(YEAR, 12, 1),
        document_number="撤〔2022〕1号",
        approved_by=officer,
        by=officer,
    )
    honour(person(tree["squad_a"]), source=city, on=datetime.date(YEAR - 1, 6, 1))
    honour(person(tree["station_b"]), source=city)

    station_a = Unit.objects.filter(path__startswith=tree["station_a"].path)
    with translation.override("zh-hans"):
        sentence = yearly_figures(station_a, YEAR).sentence

    assert sentence == "获合肥市局嘉奖1人。"


def test_campaign_awards_are_selections_in_the_order_they_began(tree):
    county = issuer(tree["bureau"].name, "测试市局")
    for month in (1, 2):
        honour(
            person(tree["station_a"], category="auxiliary"),
            "aux_model",
            source=county,
            on=datetime.date(YEAR, month, 28),
        )
    honour(person(tree["station_a"]), "most_beautiful_police", source=county, on=datetime.date(YEAR, 11, 26))
    honour(person(tree["station_a"], category="auxiliary"), "aux_star", source=county, on=datetime.date(YEAR, 1, 28))
    honour(person(tree["station_a"]), "chaohu_good_person", source=issuer("巢湖市文明办", level="county", kind="civic"))

    with translation.override("zh-hans"):
        sentence = yearly_figures(Unit.objects.all(), YEAR).sentence

    assert sentence == "评选出“辅警之星”1人、“辅警标兵”2人、“最美民警”1人；获巢湖市文明办“巢湖好人”称号1人。"


def test_no_honours_make_an_empty_sentence(tree):
    figures = yearly_figures(Unit.objects.all(), YEAR)

    assert figures.is_empty and figures.sentence == ""


@pytest.mark.parametrize("count", [1, 3])
def test_figures_take_six_queries_whatever_the_data(tree, django_assert_num_queries, count):
    for index in range(count):
        source = issuer(f"机关{index}", level="city")
        honour(person(tree["station_a"]), source=source)
        honour(person(tree["station_b"], category="auxiliary"), "aux_star", source=source)

    with django_assert_num_queries(6):
        figures = yearly_figures(Unit.objects.all(), YEAR)

    assert len(figures.awards) == count and figures.selections[0].people == count
