"""The rating workflow: who may do what in which state (one table), and the whole flow through the pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.branches import services
from qunying.branches.enums import RatingStatus
from qunying.branches.models import BranchRating
from qunying.core.models import AuditEntry
from tests.branches.conftest import make_branch, make_deed, make_scheme, opened_round, party_member

SA, SUBMITTED, REVIEWED, APPROVED, PUBLISHED = (
    RatingStatus.SELF_ASSESSMENT,
    RatingStatus.SUBMITTED,
    RatingStatus.REVIEWED,
    RatingStatus.APPROVED,
    RatingStatus.PUBLISHED,
)
READERS = {"political_officer", "leader", "unit_manager", "secretary"}
# permission → {state: the actors allowed}; every other (actor, state) is refused.
ALLOWED = {
    "branches.view_rating": {state: READERS for state in RatingStatus},
    "branches.self_assess_rating": {SA: {"political_officer", "unit_manager", "secretary"}},
    "branches.refresh_rating": {
        SA: {"political_officer", "unit_manager", "secretary"},
        SUBMITTED: {"political_officer"},
    },
    "branches.review_rating": {SUBMITTED: {"political_officer"}},
    "branches.approve_rating": {REVIEWED: {"leader"}},
    "branches.publish_rating": {APPROVED: {"political_officer"}},
    "branches.return_rating": {SUBMITTED: {"political_officer"}, REVIEWED: {"leader"}},
}


@pytest.fixture
def actors(tree, role_user):
    secretary_account = role_user(Role.MEMBER, "station_a")
    secretary = party_member(tree["station_a"], user=secretary_account)
    branch = make_branch(tree["station_a"], secretary=secretary)
    return {
        "branch": branch,
        "users": {
            "political_officer": role_user(Role.POLITICAL_OFFICER),
            "leader": role_user(Role.LEADER),
            "unit_manager": role_user(Role.UNIT_MANAGER, "station_a"),
            "secretary": secretary_account,
            "member": role_user(Role.MEMBER, "station_a"),
            "judge": role_user(Role.JUDGE),
            "care_officer": role_user(Role.CARE_OFFICER),
            "other_political_officer": role_user(Role.POLITICAL_OFFICER, "station_b"),
            "other_leader": role_user(Role.LEADER, "station_b"),
            "other_unit_manager": role_user(Role.UNIT_MANAGER, "station_b"),
            "audit_admin": role_user(Role.AUDIT_ADMIN),
        },
    }


def rating_in(state, branch, tree) -> BranchRating:
    """A rating of `branch` brought to `state` by the system."""
    scheme = make_scheme(thresholds=(1, 2, 3, 4, 5))
    rating = opened_round(scheme, tree["bureau"]).ratings.get(branch=branch)
    steps = [
        lambda: services.save_self_assessment(rating, entries={scheme.criteria.get().pk: (10, "记录")}, by=None),
        lambda: services.submit_rating(rating, by=None),
        lambda: services.review_rating(rating, adjustments={}, by=None),
        lambda: services.approve_rating(rating, by=None),
        lambda: services.publish_rating(rating, by=None),
    ]
    order = [SA, SUBMITTED, REVIEWED, APPROVED, PUBLISHED]
    steps[0]()
    for step in steps[1 : order.index(state) + 1]:
        step()
    return BranchRating.objects.select_related("round__scheme", "branch__unit", "branch__secretary").get(pk=rating.pk)


@pytest.mark.parametrize("state", list(RatingStatus))
@pytest.mark.parametrize("permission", list(ALLOWED))
def test_who_may_act_in_each_state(actors, tree, state, permission):
    rating = rating_in(state, actors["branch"], tree)

    allowed = {name for name, user in actors["users"].items() if user.has_perm(permission, rating)}

    assert allowed == ALLOWED[permission].get(state, set())


def test_refused_steps_change_nothing(client, actors, tree):
    rating = rating_in(SUBMITTED, actors["branch"], tree)
    users = actors["users"]

    for name, url in [
        ("leader", "branches:rating_approve"),
        ("unit_manager", "branches:rating_publish"),
        ("secretary", "branches:rating_submit"),
        ("other_political_officer", "branches:rating_publish"),
    ]:
        client.force_login(users[name])
        assert client.post(reverse(url, args=[rating.pk])).status_code in {403, 404}, (name, url)

    rating.refresh_from_db()
    assert rating.status == SUBMITTED


def test_the_whole_flow_through_the_pages(client, actors, tree):
    users, branch = actors["users"], actors["branch"]
    make_deed([branch.secretary])
    scheme = make_scheme(computed=[("deeds.verified", 5, 2, None)], thresholds=(5, 10, 15, 20, 25))
    criterion = scheme.criteria.get(kind="entered")
    rating = opened_round(scheme, tree["bureau"]).ratings.get(branch=branch)
    assert rating.total == Decimal("2.00")

    # The secretary claims points; above zero needs evidence.
    client.force_login(users["secretary"])
    url = reverse("branches:rating_self_assess", args=[rating.pk])
    refused = client.post(url, {f"points_{criterion.pk}": "18", f"evidence_{criterion.pk}": ""})
    assert "请说明佐证材料" in refused.content.decode()
    client.post(url, {f"points_{criterion.pk}": "18", f"evidence_{criterion.pk}": "会议记录12份", "submit": "1"})
    rating.refresh_from_db()
    assert (rating.status, rating.total) == (SUBMITTED, Decimal("20.00"))

    # The political department adjusts a claim: only with a reason.
    client.force_login(users["political_officer"])
    review_url = reverse("branches:rating_review", args=[rating.pk])
    refused = client.post(review_url, {f"points_{criterion.pk}": "15", f"reason_{criterion.pk}": ""})
    assert "调整自评分时请填写理由" in refused.content.decode()
    rating.refresh_from_db()
    assert rating.status == SUBMITTED
    client.post(
        review_url, {f"points_{criterion.pk}": "15", f"reason_{criterion.pk}": "缺两次会议记录", "comment": "基本属实"}
    )
    rating.refresh_from_db()
    assert (rating.status, rating.total, rating.stars) == (REVIEWED, Decimal("17.00"), 3)

    # A leader sends it back once, then approves; the department publishes.
    client.force_login(users["leader"])
    client.post(reverse("branches:rating_return", args=[rating.pk]), {"comment": "请核实事迹"})
    rating.refresh_from_db()
    assert (rating.status, rating.return_comment) == (SUBMITTED, "请核实事迹")
    client.force_login(users["political_officer"])
    client.post(review_url, {f"points_{criterion.pk}": "15", f"reason_{criterion.pk}": "缺两次会议记录"})
    client.force_login(users["leader"])
    client.post(reverse("branches:rating_approve", args=[rating.pk]))
    client.force_login(users["political_officer"])
    client.post(reverse("branches:rating_publish", args=[rating.pk]))

    rating.refresh_from_db()
    assert rating.status == PUBLISHED
    actions = list(
        AuditEntry.objects.filter(object_id=str(rating.pk), action__startswith="branches.rating.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [  # the refused attempts wrote nothing
        "branches.rating.self_assessed",
        "branches.rating.submitted",
        "branches.rating.reviewed",
        "branches.rating.returned",
        "branches.rating.reviewed",
        "branches.rating.approved",
        "branches.rating.published",
    ]
    page = client.get(reverse("branches:rating_detail", args=[rating.pk])).content.decode()
    assert "缺两次会议记录" in page and "已发布" in page
    history = client.get(reverse("branches:branch_detail", args=[branch.pk])).content.decode()
    assert 'aria-label="3 星"' in history


def test_submitting_needs_every_entered_criterion(actors, tree):
    scheme = make_scheme(entered=(("组织建设", 10), ("政治学习", 10)), thresholds=(1, 2, 3, 4, 5))
    rating = opened_round(scheme, tree["bureau"]).ratings.get(branch=actors["branch"])
    services.save_self_assessment(rating, entries={scheme.criteria.get(name="组织建设").pk: (0, "")}, by=None)

    with pytest.raises(Exception, match="政治学习"):
        services.submit_rating(rating, by=None)

    rating.refresh_from_db()
    assert rating.status == SA


def test_points_above_the_maximum_are_refused(client, actors, tree):
    scheme = make_scheme(thresholds=(1, 2, 3, 4, 5))
    criterion = scheme.criteria.get()
    rating = opened_round(scheme, tree["bureau"]).ratings.get(branch=actors["branch"])
    client.force_login(actors["users"]["unit_manager"])

    response = client.post(
        reverse("branches:rating_self_assess", args=[rating.pk]),
        {f"points_{criterion.pk}": "21", f"evidence_{criterion.pk}": "……"},
    )

    assert response.status_code == 200
    assert "20" in response.content.decode()
    assert rating.scores.get().self_points is None


def test_a_round_closes_only_when_every_rating_is_published(actors, tree):
    rating = rating_in(APPROVED, actors["branch"], tree)

    with pytest.raises(Exception, match="未发布"):
        services.close_round(rating.round, by=None)
    services.publish_rating(rating, by=None)
    services.close_round(rating.round, by=None)

    rating.round.refresh_from_db()
    assert rating.round.status == "closed"


def test_sent_back_to_the_secretary_the_claims_count_again(actors, tree):
    rating = rating_in(REVIEWED, actors["branch"], tree)
    criterion_id = rating.scores.get().criterion_id
    services.return_rating(rating, comment="再核实", by=None)  # the leader: back to the department
    services.review_rating(rating, adjustments={criterion_id: (6, "材料不足")}, by=None)
    services.return_rating(rating, comment="补充材料", by=None)  # the leader again
    services.return_rating(rating, comment="请补充会议记录", by=None)  # the department: back to the secretary

    services.save_self_assessment(rating, entries={criterion_id: (9, "补充了会议记录")}, by=None)

    rating.refresh_from_db()
    assert (rating.status, rating.total) == (SA, Decimal("9.00"))
    assert rating.scores.get().review_points is None
