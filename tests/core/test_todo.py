"""The home page's to-do list (待办): counts per role from the apps' policies, zero items collapse, constant queries."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.accounts.models import User
from qunying.core.todo import REGISTRY, todos_for
from tests.deeds.conftest import make_deed
from tests.factories import PersonFactory


def _todo_keys(response) -> dict[str, int]:
    return {item["key"]: item["count"] for item in response.context["todos"]}


def test_every_app_item_is_registered_from_its_app_config():
    assert {
        "deeds.verify",
        "deeds.triage",
        "reserve.decide",
        "reserve.evaluations",
        "campaigns.score",
        "campaigns.propose",
        "campaigns.approve",
        "campaigns.objections",
        "publicity.review",
        "feedback.overdue",
        "care.visits",
        "branches.review",
        "branches.approve",
    } <= set(REGISTRY)


def test_deeds_awaiting_verification_link_to_the_filtered_list(client, tree, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    make_deed(PersonFactory(unit=tree["squad_a"]), by=manager)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("core:home"))

    assert _todo_keys(response) == {"deeds.verify": 1}
    page = response.content.decode()
    assert f'href="{reverse("deeds:deed_verification")}"' in page
    assert "待我核实的事迹" in page
    assert "全部模块" in page


def test_whoever_entered_a_deed_is_not_asked_to_verify_it(client, tree, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    make_deed(PersonFactory(unit=tree["squad_a"]), by=manager)

    assert todos_for(manager) == []


def test_nothing_to_do_collapses_to_one_line(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("core:home"))

    assert response.context["todos"] == []
    assert "目前没有待办事项" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_does_not_grow_with_the_work(client, tree, role_user, django_assert_num_queries, count):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    for index in range(count):
        make_deed(PersonFactory(unit=tree["squad_a"]), PersonFactory(unit=tree["station_a"]), title=f"事迹{index}")
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)

    with django_assert_num_queries(18):  # one query per to-do item, whatever the work (honours to approve: the 18th)
        response = client.get(reverse("core:home"))

    assert _todo_keys(response)["deeds.verify"] == count
    assert manager.pk


def test_demo_roles_see_their_own_work(demo, client):
    """The demo bureau as each role: the judge has reviews to score (with the judging deadline), the political
    department deeds to verify and nominations to triage, the care officer visits due; the 三员 nothing."""
    expected = {
        "pingwei": {"campaigns.score"},
        "zhengzhichu": {"deeds.verify"},
        "guanai": set(),
        "sysadmin": set(),
        "minjing": set(),
    }
    seen = {}
    for username in expected:
        client.force_login(User.objects.get(username=username))
        response = client.get(reverse("core:home"))
        assert response.status_code == 200
        seen[username] = response.context["todos"]

    assert {"campaigns.score"} <= {item["key"] for item in seen["pingwei"]}
    judge_item = next(item for item in seen["pingwei"] if item["key"] == "campaigns.score")
    assert judge_item["deadline"] is not None
    assert judge_item["url"] == reverse("campaigns:review_list") + "?todo=on"
    assert {"deeds.verify"} <= {item["key"] for item in seen["zhengzhichu"]}
    assert seen["sysadmin"] == [] and seen["minjing"] == []
    assert all(item["count"] > 0 for items in seen.values() for item in items)
