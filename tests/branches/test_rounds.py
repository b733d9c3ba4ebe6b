"""Rounds, schemes, the comparison table and the export: scope, query counts, and what they contain."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.branches import services
from qunying.branches.enums import CriterionArea
from qunying.branches.models import RatingRound, StarScheme
from qunying.branches.queries import rounds_visible_to
from qunying.branches.services.schemes import DEFAULT_SCHEME_NAME, PENDING_CRITERIA
from qunying.core.models import AuditEntry
from tests.branches.conftest import (
    YEAR,
    make_branch,
    make_deed,
    make_honour,
    make_replies,
    make_scheme,
    opened_round,
    party_member,
)
from tests.factories import PersonFactory, UnitFactory

COMPUTED = (("deeds.verified", 8, 1, None), ("honours.grade_below", 4, 1, 30), ("honours.grade_at_least", 8, 4, 30))


@pytest.fixture
def rated(tree):
    """A bureau round rating station A's and station B's branches; station A did two verified deeds."""
    branch_a = make_branch(tree["station_a"], name="甲所党支部")
    branch_b = make_branch(tree["station_b"], name="=乙所党支部")  # a name a spreadsheet would run as a formula
    make_deed([branch_a.secretary])
    make_deed([branch_a.secretary])
    rating_round = opened_round(make_scheme(computed=COMPUTED), tree["bureau"])
    return {"round": rating_round, "a": branch_a, "b": branch_b}


@pytest.mark.parametrize("role", [Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER])
def test_a_bureau_round_shows_each_role_only_the_branches_in_scope(client, rated, role_user, role):
    client.force_login(role_user(role, "station_a"))
    rating_round = rated["round"]
    rating_b = rating_round.ratings.get(branch=rated["b"])

    detail = client.get(reverse("branches:round_detail", args=[rating_round.pk])).content.decode()
    compare = client.get(reverse("branches:round_compare", args=[rating_round.pk])).content.decode()
    export = client.get(reverse("branches:round_export", args=[rating_round.pk]))

    assert "甲所党支部" in detail and "甲所党支部" in compare
    assert "乙所党支部" not in detail and "乙所党支部" not in compare
    names = [row[0] for row in workbook_rows(export)[1:]]
    assert names == ["甲所党支部"]
    assert client.get(reverse("branches:rating_detail", args=[rating_b.pk])).status_code == 404
    assert client.get(reverse("branches:rating_records", args=[rating_b.pk, 1])).status_code == 404


def test_a_station_round_is_not_seen_from_another_station(client, tree, role_user):
    make_branch(tree["station_b"])
    station_round = opened_round(make_scheme(thresholds=(1, 2, 3, 4, 5)), tree["station_b"])
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))

    assert client.get(reverse("branches:round_detail", args=[station_round.pk])).status_code == 404
    assert client.get(reverse("branches:round_export", args=[station_round.pk])).status_code == 404
    assert list(client.get(reverse("branches:round_list")).context["page"].object_list) == []


def workbook_rows(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def test_export_lists_every_criterion_neutralises_formulas_and_is_audited(client, rated, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)

    response = client.get(reverse("branches:round_export", args=[rated["round"].pk]))

    rows = workbook_rows(response)
    assert rows[0][:4] == ("党支部", "单位", "支部书记", "状态")
    assert rows[0][-2:] == ("总分", "星级")
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"甲所党支部", "'=乙所党支部"}
    assert by_name["甲所党支部"][3] == "支部自评"
    assert Decimal(str(by_name["甲所党支部"][-2])) == Decimal(2)
    entry = AuditEntry.objects.get(action="branches.round.exported")
    assert entry.actor == officer and entry.data == {"ratings": 2}


def test_compare_ranks_branches_by_computed_exemplar_points(client, rated, role_user):
    client.force_login(role_user(Role.LEADER))

    response = client.get(reverse("branches:round_compare", args=[rated["round"].pk]))

    assert [rating.branch.name for rating, _scores in response.context["rows"]] == ["甲所党支部", "=乙所党支部"]
    first_scores = response.context["rows"][0][1]
    assert [score.count for score in first_scores] == [2, 0, 0]


def many_branch_round(tree, count):
    for _ in range(count):
        unit = UnitFactory(parent=tree["station_b"])
        make_deed([party_member(unit)])
        make_branch(unit)
    return opened_round(make_scheme(computed=COMPUTED), tree["station_b"])


@pytest.mark.parametrize("count", [1, 3])
def test_round_detail_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    rating_round = many_branch_round(tree, count)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(11):
        response = client.get(reverse("branches:round_detail", args=[rating_round.pk]))

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_compare_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    rating_round = many_branch_round(tree, count)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(13):
        response = client.get(reverse("branches:round_compare", args=[rating_round.pk]))

    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_export_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    rating_round = many_branch_round(tree, count)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(12):
        response = client.get(reverse("branches:round_export", args=[rating_round.pk]))

    assert len(workbook_rows(response)) == count + 1


@pytest.mark.parametrize("count", [1, 3])
def test_round_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    make_branch(tree["station_b"])
    for year in range(2020, 2020 + count):
        opened_round(make_scheme(year=year, thresholds=(1, 2, 3, 4, 5)), tree["bureau"])
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(10):
        response = client.get(reverse("branches:round_list"))

    assert [r.rating_count for r in response.context["page"].object_list] == [1] * count


@pytest.mark.parametrize("count", [1, 3])
def test_drill_down_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    branch = make_branch(tree["station_b"])
    for _ in range(count):
        make_deed([branch.secretary, PersonFactory(unit=tree["station_b"])])
    scheme = make_scheme(computed=COMPUTED)
    rating = opened_round(scheme, tree["bureau"]).ratings.get()
    criterion = scheme.criteria.get(registry_key="deeds.verified")
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(13):
        response = client.get(reverse("branches:rating_records", args=[rating.pk, criterion.pk]))

    assert len(response.context["rows"]) == count
    assert branch.secretary.name in response.context["rows"][0].people


@pytest.mark.parametrize("count", [1, 3])
def test_rating_detail_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    make_branch(tree["station_b"])
    entered = [(f"项目{n}", 5) for n in range(count)]
    rating = opened_round(make_scheme(entered=entered, thresholds=(1, 2, 3, 4, 5)), tree["bureau"]).ratings.get()
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(10):
        response = client.get(reverse("branches:rating_detail", args=[rating.pk]))

    assert sum(len(scores) for _area, scores in response.context["areas"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_scheme_pages_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    for year in range(2020, 2020 + count):
        make_scheme(year=year, entered=[(f"项目{n}", 10) for n in range(count)])
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(10):
        listing = client.get(reverse("branches:scheme_list"))
    with django_assert_num_queries(12):
        detail = client.get(reverse("branches:scheme_detail", args=[StarScheme.objects.first().pk]))

    assert len(listing.context["page"].object_list) == count
    assert detail.context["criterion_count"] == count


def test_default_scheme_is_created_from_the_page_with_its_pending_criteria_listed(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.post(reverse("branches:scheme_create_default"), {"year": YEAR})

    scheme = StarScheme.objects.get(year=YEAR, name=DEFAULT_SCHEME_NAME)
    assert response.url == reverse("branches:scheme_detail", args=[scheme.pk])
    assert sum(c.max_points for c in scheme.criteria.all()) == Decimal(100)
    computed = set(scheme.criteria.filter(kind="computed").values_list("registry_key", flat=True))
    assert computed == {"deeds.verified", "honours.grade_below", "honours.grade_at_least", "feedback.coverage"}
    assert set(scheme.criteria.filter(kind="computed").values_list("area", flat=True)) == {CriterionArea.EXEMPLAR_WORK}
    assert all(line in scheme.description for line in PENDING_CRITERIA)
    again = client.post(reverse("branches:scheme_create_default"), {"year": YEAR})
    assert "该年度已有同名评定标准" in again.content.decode()


def test_default_scheme_counts_a_branchs_year(tree):
    """The default scheme end to end: each computed criterion and the stars for one branch's 2022."""
    a = tree["station_a"]
    member = party_member(tree["squad_a"])
    branch = make_branch(a, members=[member])
    officers = [PersonFactory(unit=a) for _ in range(3)]
    for person in officers[:2]:
        make_deed([person])
    make_honour(person=officers[0], code="commendation")
    make_honour(person=officers[1], code="merit_class_3")
    make_honour(unit=a, code="merit_class_2")
    make_honour(person=officers[2], code="merit_class_1", revoked=True)
    for person in [*officers, member]:
        make_replies(person, 3)
    scheme = services.create_default_scheme(year=YEAR, by=None)

    rating = opened_round(scheme, tree["bureau"]).ratings.get(branch=branch)
    points = {
        s.criterion.registry_key: (s.count, s.denominator, s.points) for s in rating.scores.all() if s.count is not None
    }

    assert points == {
        "deeds.verified": (2, None, Decimal("2.00")),
        "honours.grade_below": (1, None, Decimal("1.00")),
        "honours.grade_at_least": (2, None, Decimal("8.00")),  # two at 4 points, capped at 8
        "feedback.coverage": (4, 5, Decimal("4.00")),  # the secretary has no replies: 4 of 5, × 5 points
    }
    entries = {
        score.criterion_id: (score.criterion.max_points, "材料齐全")
        for score in rating.scores.select_related("criterion")
        if not score.criterion.is_computed
    }
    services.save_self_assessment(rating, entries=entries, by=None)
    rating.refresh_from_db()
    assert (rating.total, rating.stars) == (Decimal("90.00"), 4)  # 75 entered + 15 computed; five stars need 92


def test_opened_schemes_can_no_longer_change(client, rated, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    scheme = rated["round"].scheme

    page = client.get(reverse("branches:scheme_detail", args=[scheme.pk])).content.decode()
    with pytest.raises(Exception, match="不能再修改"):
        services.add_criterion(scheme, area="organisation", name="新增", max_points=5, kind="entered", by=None)

    assert "不能再修改" in page


def test_a_computed_criterion_needs_its_source(client, tree, role_user):
    scheme = make_scheme()
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.post(
        reverse("branches:criterion_create", args=[scheme.pk]),
        {"area": "exemplar_work", "name": "事迹", "max_points": "5", "kind": "computed", "sort_order": "1"},
    )

    assert response.status_code == 200
    assert "请选择计算依据" in response.content.decode()
    assert scheme.criteria.count() == 1


def test_one_round_per_year_for_a_branch(tree):
    make_branch(tree["station_a"])
    scheme = make_scheme(thresholds=(1, 2, 3, 4, 5))
    services.create_round(scheme=scheme, unit=tree["bureau"], by=None)

    with pytest.raises(Exception, match="已有"):
        services.create_round(scheme=make_scheme(thresholds=(1, 2, 3, 4, 5)), unit=tree["station_a"], by=None)

    assert RatingRound.objects.count() == 1


@pytest.mark.parametrize("role", [Role.LEADER, Role.UNIT_MANAGER, Role.MEMBER])
def test_only_the_political_department_configures(client, tree, role_user, role):
    client.force_login(role_user(role, "station_a"))

    assert client.get(reverse("branches:scheme_create")).status_code == 403
    assert client.post(reverse("branches:scheme_create_default"), {"year": YEAR}).status_code == 403
    assert client.get(reverse("branches:round_create")).status_code == 403
    assert not StarScheme.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("page", ["branches:rating_self_assess", "branches:rating_review"])
def test_score_forms_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count, page):
    make_branch(tree["station_b"])
    entered = [(f"项目{n}", 5) for n in range(count)]
    rating = opened_round(make_scheme(entered=entered, thresholds=(1, 2, 3, 4, 5)), tree["bureau"]).ratings.get()
    if page == "branches:rating_review":
        for score in rating.scores.all():
            services.save_self_assessment(rating, entries={score.criterion_id: (1, "记录")}, by=None)
        services.submit_rating(rating, by=None)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(10):
        response = client.get(reverse(page, args=[rating.pk]))

    assert len(response.context["form"].rows) == count


@pytest.mark.parametrize("count", [1, 3])
def test_unit_page_stars_cost_one_query_whatever_the_history(client, tree, role_user, django_assert_num_queries, count):
    branch = make_branch(tree["station_b"])
    for year in range(2020, 2020 + count):
        rating = opened_round(make_scheme(year=year, thresholds=(1, 2, 3, 4, 5)), tree["station_b"]).ratings.get()
        services.save_self_assessment(
            rating, entries={rating.scores.get().criterion_id: (year - 2017, "记录")}, by=None
        )
        services.submit_rating(rating, by=None)
        services.review_rating(rating, adjustments={}, by=None)
        services.approve_rating(rating, by=None)
        services.publish_rating(rating, by=None)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    with django_assert_num_queries(15):
        page = client.get(reverse("org:unit_detail", args=[tree["station_b"].pk])).content.decode()

    assert f"{branch.name} {2019 + count}年度星级" in page  # only the latest year shows
    assert page.count("年度星级") == 1


def test_scheme_and_criterion_forms_show_the_services_messages(client, tree, role_user):
    """The service is the one place the rules live: the pages show its messages, field by field."""
    existing = make_scheme()
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    thresholds = {"one_star": "10", "two_stars": "9", "three_stars": "30", "four_stars": "40", "five_stars": "50"}

    response = client.post(reverse("branches:scheme_create"), {"year": "1999", "name": "", **thresholds})
    errors = response.context["form"].errors
    assert errors["year"] == ["请填写 2000 到 2100 之间的年份。"]
    assert errors["name"] == ["请填写评定标准名称。"]
    assert errors["five_stars"] == ["每一星级的分数线都必须高于前一星级。"]
    duplicate = {"year": str(existing.year), "name": existing.name, **thresholds, "two_stars": "20"}
    errors = client.post(reverse("branches:scheme_create"), duplicate).context["form"].errors
    assert errors == {"name": ["该年度已有同名评定标准。"]}
    assert client.post(reverse("branches:scheme_create_default"), {"year": ""}).context["form"].errors == {
        "year": ["请填写 2000 到 2100 之间的年份。"]
    }

    response = client.post(reverse("branches:criterion_create", args=[existing.pk]), {"kind": "entered"})
    errors = response.context["form"].errors
    assert errors["name"] == ["请填写评分项。"] and errors["max_points"] == ["满分必须大于 0。"]
    assert StarScheme.objects.count() == 1 and existing.criteria.count() == 1


ROUND_ACTORS = {
    "political_officer": (Role.POLITICAL_OFFICER, "bureau"),
    "leader": (Role.LEADER, "bureau"),
    "station_manager": (Role.UNIT_MANAGER, "station_b"),
    "station_officer": (Role.POLITICAL_OFFICER, "station_b"),
    "member": (Role.MEMBER, "station_a"),
}
READERS_OF_ROUND = frozenset({"political_officer", "leader", "station_manager", "station_officer"})
# permission → {round state: actors allowed} for a bureau round; a station's staff read it (it rates their branches)
ROUND_ALLOWED = {
    "branches.view_rounds": {state: READERS_OF_ROUND for state in ("draft", "open", "closed")},
    "branches.open_round": {"draft": {"political_officer"}},
    "branches.refresh_round": {"open": {"political_officer"}},
    "branches.close_round": {"open": {"political_officer"}},
}


@pytest.mark.parametrize("state", ["draft", "open", "closed"])
@pytest.mark.parametrize("permission", list(ROUND_ALLOWED))
def test_who_may_act_on_a_round_in_each_state(tree, role_user, state, permission):
    make_branch(tree["station_b"])
    rating_round = services.create_round(scheme=make_scheme(thresholds=(1, 2, 3, 4, 5)), unit=tree["bureau"], by=None)
    RatingRound.objects.filter(pk=rating_round.pk).update(status=state)
    rating_round = RatingRound.objects.select_related("unit").get(pk=rating_round.pk)
    users = {name: role_user(role, where) for name, (role, where) in ROUND_ACTORS.items()}

    allowed = {name for name, user in users.items() if user.has_perm(permission, rating_round)}

    assert allowed == ROUND_ALLOWED[permission].get(state, set())
    assert list(rounds_visible_to(users["station_manager"])) == [rating_round]
