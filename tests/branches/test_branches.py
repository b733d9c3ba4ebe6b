"""Party branches: who sees which, the rules a branch keeps (party members, units within its own), the pages and
their query counts, and the stars on the unit page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.branches import services
from qunying.branches.models import PartyBranch
from qunying.branches.rules import READERS
from qunying.core.models import AuditEntry
from tests.branches.conftest import make_branch, make_scheme, opened_round, party_member
from tests.factories import PersonFactory, UnitFactory


@pytest.fixture
def branches(tree):
    return {
        "a": make_branch(tree["station_a"], units=[tree["station_a"], tree["squad_a"]], name="甲所党支部"),
        "b": make_branch(tree["station_b"], name="乙所党支部"),
    }


def branch_form(unit, secretary, members=(), units=None, **overrides):
    data = {
        "name": "新党支部",
        "unit": unit.pk,
        "units": [u.pk for u in (units or [unit])],
        "secretary": secretary.pk,
        "members": [m.pk for m in members],
        "founded_on": "2015-07-01",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("role", READERS)
def test_branches_of_another_unit_do_not_leak(client, branches, role_user, role):
    client.force_login(role_user(role, "station_a"))
    other = branches["b"]

    assert client.get(reverse("branches:branch_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("branches:branch_update", args=[other.pk])).status_code in {403, 404}
    listing = client.get(reverse("branches:branch_list")).content.decode()
    searched = client.get(reverse("branches:branch_list"), {"q": "乙所"}).content.decode()
    assert "甲所党支部" in listing
    assert "乙所党支部" not in listing and "乙所党支部" not in searched


def test_the_secretary_sees_their_own_branch_only(client, branches, role_user):
    account = role_user(Role.MEMBER, "station_a")  # every officer holds `member` over their unit
    secretary = branches["a"].secretary
    secretary.user = account
    secretary.save(update_fields=["user"])
    client.force_login(account)

    listing = client.get(reverse("branches:branch_list"))

    assert [branch.name for branch in listing.context["page"].object_list] == ["甲所党支部"]
    assert client.get(reverse("branches:branch_detail", args=[branches["a"].pk])).status_code == 200
    assert client.get(reverse("branches:branch_detail", args=[branches["b"].pk])).status_code == 404
    assert client.get(reverse("branches:branch_update", args=[branches["a"].pk])).status_code == 404


def test_a_member_who_is_no_secretary_sees_an_empty_list(client, branches, role_user):
    client.force_login(role_user(Role.MEMBER, "station_a"))

    response = client.get(reverse("branches:branch_list"))

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert "暂无党支部" in response.content.decode()


@pytest.mark.parametrize("role", [Role.JUDGE, Role.PUBLICITY_EDITOR, Role.CARE_OFFICER, Role.SYS_ADMIN])
def test_other_roles_do_not_read_branches(client, branches, role_user, role):
    client.force_login(role_user(role))

    assert client.get(reverse("branches:branch_list")).status_code == 403
    assert client.get(reverse("branches:branch_detail", args=[branches["a"].pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_branch_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for _ in range(count):
        unit = UnitFactory(parent=tree["station_b"])
        make_branch(unit, members=[party_member(unit), party_member(unit)])

    with django_assert_num_queries(11):
        response = client.get(reverse("branches:branch_list"))

    assert len(response.context["page"].object_list) == count
    assert [branch.member_count for branch in response.context["page"].object_list] == [3] * count


@pytest.mark.parametrize("count", [1, 3])
def test_branch_detail_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    unit = tree["station_b"]
    branch = make_branch(unit, members=[party_member(unit) for _ in range(count)])
    for year in range(2020, 2020 + count):
        opened_round(make_scheme(year=year, thresholds=(1, 2, 3, 4, 5)), unit)

    with django_assert_num_queries(13):
        response = client.get(reverse("branches:branch_detail", args=[branch.pk]))

    assert len(response.context["page"].object_list) == count + 1
    assert len(response.context["history"]) == count


def test_create_branch_records_units_members_and_the_secretary(client, tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)
    secretary, member = party_member(tree["station_a"]), party_member(tree["squad_a"])

    response = client.post(
        reverse("branches:branch_create"),
        branch_form(tree["station_a"], secretary, [member], units=[tree["station_a"], tree["squad_a"]]),
    )

    branch = PartyBranch.objects.get(name="新党支部")
    assert response.url == reverse("branches:branch_detail", args=[branch.pk])
    assert set(branch.members.all()) == {secretary, member}  # the secretary is always a member
    assert set(branch.units.all()) == {tree["station_a"], tree["squad_a"]}
    entry = AuditEntry.objects.get(action="branches.branch.created", object_id=str(branch.pk))
    assert entry.actor == officer and entry.data["secretary"] == secretary.pk


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unit_outside", "只能覆盖本单位"),
        ("member_elsewhere", "已属于"),
        ("unit_covered_elsewhere", "已由"),
        ("future", "不能晚于今天"),
    ],
)
def test_bad_branches_are_refused_with_a_message_and_nothing_is_written(
    client, tree, branches, role_user, case, message
):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    station, squad = tree["station_a"], tree["squad_a"]
    secretary = party_member(station)
    data = {
        "unit_outside": branch_form(squad, party_member(squad), units=[station]),
        "member_elsewhere": branch_form(station, secretary, [branches["a"].secretary]),
        "unit_covered_elsewhere": branch_form(station, secretary, units=[squad]),
        "future": branch_form(station, secretary, founded_on=str(timezone.localdate() + datetime.timedelta(days=2))),
    }[case]
    before = PartyBranch.objects.count()

    response = client.post(reverse("branches:branch_create"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert PartyBranch.objects.count() == before


def test_only_serving_party_members_join_a_branch(tree):
    station = tree["station_a"]
    outsider, retired = PersonFactory(unit=station), party_member(station, status="retired")

    errors = services.check_branch(
        name="甲所党支部",
        unit=station,
        units=[station],
        secretary=PersonFactory(unit=station),
        members=[outsider, retired],
        founded_on=datetime.date(2010, 7, 1),
    )

    assert errors["secretary"] == ["支部书记必须是中共党员。"]
    assert outsider.name in errors["members"][0] and retired.name in errors["members"][1]


def test_a_political_officer_of_one_station_cannot_create_a_branch_in_another(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))
    station_b = tree["station_b"]

    response = client.post(reverse("branches:branch_create"), branch_form(station_b, party_member(station_b)))

    assert response.status_code == 200  # station B is no choice on the form
    assert not PartyBranch.objects.filter(name="新党支部").exists()


@pytest.mark.parametrize("role", [Role.UNIT_MANAGER, Role.LEADER])
def test_unit_managers_and_leaders_read_but_do_not_edit(client, branches, role_user, role):
    client.force_login(role_user(role, "station_a"))

    assert client.get(reverse("branches:branch_detail", args=[branches["a"].pk])).status_code == 200
    assert client.get(reverse("branches:branch_create")).status_code == 403
    assert client.get(reverse("branches:branch_update", args=[branches["a"].pk])).status_code in {403, 404}


def test_edit_branch_changes_members_and_audits_the_change(client, tree, branches, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    branch = branches["a"]
    newcomer = party_member(tree["squad_a"])

    response = client.post(
        reverse("branches:branch_update", args=[branch.pk]),
        {
            "name": "甲所第一党支部",
            "units": [tree["station_a"].pk, tree["squad_a"].pk],
            "secretary": branch.secretary.pk,
            "members": [newcomer.pk],
            "founded_on": "2010-07-01",
        },
    )

    assert response.status_code == 302
    branch.refresh_from_db()
    assert branch.name == "甲所第一党支部"
    assert set(branch.members.all()) == {branch.secretary, newcomer}
    entry = AuditEntry.objects.get(action="branches.branch.updated", object_id=str(branch.pk))
    assert entry.data["members"]["added"] == [newcomer.pk]


def test_published_stars_show_on_the_unit_page(client, tree, branches, role_user, django_assert_max_num_queries):
    scheme = make_scheme(entered=(("组织建设", 40),))
    rating = opened_round(scheme, tree["bureau"]).ratings.get(branch=branches["a"])
    services.save_self_assessment(rating, entries={scheme.criteria.get().pk: (33, "记录")}, by=None)
    services.submit_rating(rating, by=None)
    services.review_rating(rating, adjustments={}, by=None)
    services.approve_rating(rating, by=None)
    services.publish_rating(rating, by=None)
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    squad_page = client.get(reverse("org:unit_detail", args=[tree["squad_a"].pk])).content.decode()
    station_page = client.get(reverse("org:unit_detail", args=[tree["station_a"].pk])).content.decode()

    assert "甲所党支部" in squad_page and 'aria-label="4 星"' in squad_page  # covered by station A's branch
    assert "甲所党支部" in station_page


def test_unit_page_without_published_stars_shows_none(client, tree, branches, role_user):
    opened_round(make_scheme(thresholds=(1, 2, 3, 4, 5)), tree["bureau"])
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    page = client.get(reverse("org:unit_detail", args=[tree["station_b"].pk])).content.decode()

    assert "★" not in page
