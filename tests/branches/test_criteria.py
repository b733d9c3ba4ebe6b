"""Computed criteria: what counts for a branch in a year, what does not, the points and stars that follow, and the
queries they cost whatever the number of branches."""

import datetime
from decimal import Decimal

import pytest

from qunying.accounts.enums import Role
from qunying.branches import services
from qunying.branches.criteria import compute, scope_of
from qunying.branches.models import BranchRating
from qunying.core.criteria import compute_for
from tests.branches.conftest import (
    YEAR,
    criterion,
    make_branch,
    make_deed,
    make_honour,
    make_scheme,
    opened_round,
    party_member,
)
from tests.factories import PersonFactory, UnitFactory

COMPUTED = (
    ("deeds.verified", 8, 1, None),
    ("honours.grade_below", 4, 1, 30),
    ("honours.grade_at_least", 8, 4, 30),
)


@pytest.fixture
def records(tree):
    """Branch A belongs to station A and covers it only; one of its members serves in squad A (not covered).
    Branch B covers station B. Every record below is dated 2022 unless it says otherwise."""
    a, b, squad = tree["station_a"], tree["station_b"], tree["squad_a"]
    member_in_squad = party_member(squad, name="队员甲")
    branch_a = make_branch(a, members=[member_in_squad])
    branch_b = make_branch(b)
    officer_a, officer_a2, officer_b = PersonFactory(unit=a), PersonFactory(unit=a), PersonFactory(unit=b)
    squad_officer = PersonFactory(unit=squad)
    deeds = {
        "a": make_deed([officer_a]),
        "member": make_deed([member_in_squad]),
        "two_of_a": make_deed([officer_a, officer_a2]),
        "joint": make_deed([officer_b, officer_a]),
        "b": make_deed([officer_b]),
        "proposed": make_deed([officer_a], status="proposed"),
        "rejected": make_deed([officer_a], status="rejected"),
        "last_year": make_deed([officer_a], date=datetime.date(YEAR - 1, 12, 31)),
        "next_year": make_deed([officer_a], date=datetime.date(YEAR + 1, 1, 1)),
        "uncovered_squad": make_deed([squad_officer]),
    }
    honours = {
        "commendation_a": make_honour(person=officer_a, code="commendation"),
        "collective_merit_a": make_honour(unit=a, code="merit_class_3"),
        "member_praise": make_honour(person=member_in_squad, code="public_praise"),
        "revoked": make_honour(person=officer_a2, code="merit_class_2", revoked=True),
        "last_year": make_honour(person=officer_a, code="merit_class_1", date=datetime.date(YEAR - 1, 6, 1)),
        "b": make_honour(person=officer_b, code="merit_class_3"),
        "uncovered_squad": make_honour(unit=squad, code="commendation"),
    }
    return {"a": branch_a, "b": branch_b, "deeds": deeds, "honours": honours}


def ids(*records):
    return tuple(sorted(record.pk for record in records))


def test_verified_deeds_count_people_of_covered_units_and_members_once_each(records):
    deeds = records["deeds"]

    counted_a = compute("deeds.verified", records["a"], YEAR)
    counted_b = compute("deeds.verified", records["b"], YEAR)

    assert counted_a.count == 4
    assert counted_a.ids == ids(deeds["a"], deeds["member"], deeds["two_of_a"], deeds["joint"])
    assert counted_b.ids == ids(deeds["joint"], deeds["b"])


def test_honours_in_force_by_grade_for_people_members_and_the_units_themselves(records):
    honours = records["honours"]

    below = compute("honours.grade_below", records["a"], YEAR, 30)
    at_least = compute("honours.grade_at_least", records["a"], YEAR, 30)

    assert below.ids == ids(honours["commendation_a"], honours["member_praise"])
    assert at_least.ids == ids(honours["collective_merit_a"])  # the revoked 二等功 and last year's 一等功 are ignored
    assert compute("honours.grade_at_least", records["b"], YEAR, 30).ids == ids(honours["b"])


def test_a_year_without_records_counts_nothing(records):
    assert compute("deeds.verified", records["a"], YEAR + 2).count == 0
    assert compute("honours.grade_below", records["a"], YEAR + 2, 30).count == 0


def test_round_scores_each_criterion_and_derives_the_stars(records):
    scheme = make_scheme(computed=COMPUTED)

    rating_round = opened_round(scheme, records["a"].unit.parent)

    rating_a = rating_round.ratings.get(branch=records["a"])
    points = {score.criterion.registry_key: (score.count, score.points) for score in rating_a.scores.all()}
    assert points["deeds.verified"] == (4, Decimal("4.00"))
    assert points["honours.grade_below"] == (2, Decimal("2.00"))
    assert points["honours.grade_at_least"] == (1, Decimal("4.00"))
    assert (rating_a.total, rating_a.stars) == (Decimal("10.00"), 1)
    rating_b = rating_round.ratings.get(branch=records["b"])
    assert (rating_b.total, rating_b.stars) == (Decimal("6.00"), 0)

    services.save_self_assessment(
        rating_a, entries={scheme.criteria.get(name="组织建设").pk: (20, "会议记录")}, by=None
    )

    rating_a.refresh_from_db()
    assert (rating_a.total, rating_a.stars) == (Decimal("30.00"), 3)


def test_points_per_record_are_capped_at_the_maximum(records, tree):
    for _ in range(10):
        make_deed([PersonFactory(unit=tree["station_a"])])
    scheme = make_scheme(computed=COMPUTED)

    rating_round = opened_round(scheme, tree["bureau"])

    score = rating_round.ratings.get(branch=records["a"]).scores.get(criterion=criterion(scheme, "deeds.verified"))
    assert (score.count, score.points) == (14, Decimal("8.00"))


def test_records_are_kept_for_the_drill_down(records, client, role_user, tree):
    scheme = make_scheme(computed=COMPUTED)
    rating_round = opened_round(scheme, tree["bureau"])
    rating = rating_round.ratings.get(branch=records["a"])
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(f"/branches/ratings/{rating.pk}/criteria/{criterion(scheme, 'honours.grade_below').pk}/")

    page = response.content.decode()
    assert "嘉奖" in page and "通报表扬" in page and "队员甲" in page
    assert [row.title for row in response.context["rows"]] == ["嘉奖（测试市公安局）", "通报表扬（测试市公安局）"]


def test_revoking_an_honour_recounts_open_ratings(
    records, tree, role_user, tasks_immediate, django_capture_on_commit_callbacks
):
    from qunying.honours.services import revoke_honour

    scheme = make_scheme(computed=COMPUTED)
    rating_round = opened_round(scheme, tree["bureau"])
    rating = rating_round.ratings.get(branch=records["a"])
    assert rating.total == Decimal("10.00")

    with django_capture_on_commit_callbacks(execute=True):
        revoke_honour(
            records["honours"]["collective_merit_a"],
            ground="事迹失实",
            approved_by=role_user(Role.LEADER),
            revoked_on=datetime.date(YEAR, 12, 1),
            document_number="巢公撤〔2022〕1号",
            by=None,
        )

    rating.refresh_from_db()
    assert rating.total == Decimal("6.00")
    assert rating.scores.get(criterion=criterion(scheme, "honours.grade_at_least")).count == 0


def test_reviewed_ratings_keep_their_counts_when_records_change(records, tree):
    scheme = make_scheme(computed=COMPUTED, entered=(), thresholds=(4, 8, 12, 16, 20))
    rating_round = opened_round(scheme, tree["bureau"])
    rating = BranchRating.objects.get(round=rating_round, branch=records["a"])
    services.submit_rating(rating, by=None)
    services.review_rating(rating, adjustments={}, by=None)
    make_deed([PersonFactory(unit=tree["station_a"])])

    services.refresh_round(rating_round, by=None)

    rating.refresh_from_db()
    assert rating.total == Decimal("10.00")


def branches_under(parent, count):
    return [make_branch(UnitFactory(parent=parent)) for _ in range(count)]


@pytest.mark.parametrize("count", [1, 3])
def test_computing_every_criterion_for_many_branches_costs_one_query_each(tree, django_assert_num_queries, count):
    branches = branches_under(tree["station_b"], count)
    for branch in branches:
        make_deed([party_member(branch.unit)])

    with django_assert_num_queries(2 + 3):
        scope = scope_of(branches)
        results = [compute_for(key, scope, YEAR, 30) for key, *_ in COMPUTED]

    assert sorted(counted.count for counted in results[0].values()) == [1] * count


@pytest.mark.parametrize("count", [1, 3])
def test_opening_a_round_does_not_query_per_branch(tree, django_assert_num_queries, count):
    branches_under(tree["station_b"], count)
    scheme = make_scheme(computed=COMPUTED)
    rating_round = services.create_round(scheme=scheme, unit=tree["station_b"], by=None)

    with django_assert_num_queries(18):
        services.open_round(rating_round, by=None)

    assert rating_round.ratings.count() == count


@pytest.mark.parametrize("count", [1, 3])
def test_refreshing_a_round_does_not_query_per_branch(tree, django_assert_num_queries, count):
    branches_under(tree["station_b"], count)
    rating_round = opened_round(make_scheme(computed=COMPUTED), tree["station_b"])

    with django_assert_num_queries(16):
        services.refresh_round(rating_round, by=None)


def test_rating_coverage_is_the_share_of_officers_with_enough_valid_replies(tree):
    from tests.branches.conftest import make_replies

    a, squad = tree["station_a"], tree["squad_a"]
    member_in_squad = party_member(squad)
    branch = make_branch(a, members=[member_in_squad])
    covered, short, last_year = PersonFactory(unit=a), PersonFactory(unit=a), PersonFactory(unit=a)
    civilian = PersonFactory(unit=a, category="auxiliary", auxiliary_kind="civilian", police_rank="")
    retired = PersonFactory(unit=a, status="retired")
    make_replies(covered, 3)
    make_replies(member_in_squad, 4)
    make_replies(short, 2)
    make_replies(short, 1, counted=False)  # a repeated reply: stored, never counted
    make_replies(last_year, 3, year=YEAR - 1)
    make_replies(civilian, 3)
    make_replies(retired, 3)
    make_replies(PersonFactory(unit=tree["station_b"]), 3)

    counted = compute("feedback.coverage", branch, YEAR, 3)

    # Serving police and duty auxiliaries of station A, and the members: secretary, covered, short, last_year, member.
    assert (counted.count, counted.denominator) == (2, 5)
    assert counted.ids == ids(covered, member_in_squad)
    scheme = make_scheme(computed=[("feedback.coverage", 5, None, 3)], thresholds=(1, 2, 3, 4, 5))
    rating = opened_round(scheme, tree["bureau"]).ratings.get(branch=branch)
    assert (rating.total, rating.stars) == (Decimal("2.00"), 2)
