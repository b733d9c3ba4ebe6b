"""Exports of the duty events, public nominations and forums: each list's filters and scope, formula text
neutralised, the citizen's contact masked, a constant number of queries."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.deeds import services
from tests.deeds.conftest import make_event
from tests.deeds.test_forums_timeline_figures import make_forum
from tests.xlsx import export_rows


def nominate(unit=None, **fields):
    values = {
        "officer_text": "王警官",
        "story": "那天我的电动车被偷，这位民警连夜调取监控，第二天就帮我找回来了。",
        "contact_name": "胡女士",
        "contact_phone": "13955112345",
    }
    return services.submit_public_nomination(unit=unit, **(values | fields))


def test_events_export_holds_the_units_events_with_the_kind_filter(client, tree, role_user):
    make_event(tree["station_a"], name="=SUM(A1:A9)")
    make_event(tree["station_a"], name="甲所安保", kind="major_security")
    make_event(tree["station_b"], name="乙所执勤")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    everything = export_rows(client.get(reverse("deeds:event_export")))
    security = export_rows(client.get(reverse("deeds:event_export"), {"kind": "major_security"}))

    assert everything[0][:2] == ("名称", "类别")
    assert sorted(row[0] for row in everything[1:]) == ["'=SUM(A1:A9)", "甲所安保"]
    assert [row[0] for row in security[1:]] == ["甲所安保"]
    assert AuditEntry.objects.filter(action="deeds.events.exported").count() == 2


def test_nominations_export_masks_the_contact_and_keeps_to_scope(client, tree, role_user):
    nominate(tree["station_a"], story="+连夜帮忙寻回走失的老人，全家人都非常感谢这位民警同志")
    nominate(tree["station_b"], officer_text="乙所警官")
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))

    rows = export_rows(client.get(reverse("deeds:nomination_export")))

    assert [row[1] for row in rows[1:]] == ["王警官"]
    assert rows[1][6] == "'+连夜帮忙寻回走失的老人，全家人都非常感谢这位民警同志"
    assert "13955112345" not in rows[1] and "胡女士" not in rows[1]
    assert rows[1][8] and rows[1][8].startswith("139")


def test_nominations_export_takes_the_search(client, tree, role_user):
    nominate(officer_text="李警官")
    nominate(officer_text="赵警官")
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    rows = export_rows(client.get(reverse("deeds:nomination_export"), {"q": "赵"}))

    assert [row[1] for row in rows[1:]] == ["赵警官"]


def test_forums_export_keeps_to_scope(client, tree, role_user):
    make_forum(tree["station_a"], place="甲社区")
    make_forum(tree["station_b"], place="乙社区")
    client.force_login(role_user(Role.LEADER, "station_a"))

    rows = export_rows(client.get(reverse("deeds:forum_export")))

    assert [row[1] for row in rows[1:]] == ["甲社区"]
    assert rows[1][4] == 30


def test_exports_are_refused_to_roles_without_the_list(client, role_user):
    client.force_login(role_user(Role.SECURITY_ADMIN))

    for name in ("event_export", "nomination_export", "forum_export"):
        assert client.get(reverse(f"deeds:{name}")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_exports_run_a_constant_number_of_queries(client, tree, role_user, django_assert_num_queries, count):
    for index in range(count):
        make_event(tree["station_a"], name=f"执勤{index}")
        make_forum(tree["station_a"], place=f"社区{index}")
        nominate(tree["station_a"], officer_text=f"警官{index}")
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    for name, queries in (("event_export", 10), ("nomination_export", 9), ("forum_export", 10)):
        with django_assert_num_queries(queries):
            export_rows(client.get(reverse(f"deeds:{name}")))
