"""Unit privacy on joint duty events (issue 18 rule 7): a participating unit's manager sees their own people on the
roster and only a count of the others; the organiser's keepers and the political department see everyone."""

from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.deeds import services
from qunying.deeds.models import RosterEntry
from qunying.deeds.rules import policy
from tests.deeds.conftest import make_event


def _joint_event(tree, people):
    event = make_event(tree["bureau"], [tree["station_a"], tree["station_b"]], name="联合防汛抢险")
    for person in (people["a"], people["squad"], people["b"]):
        services.add_roster_entry(event, person=person, role="执勤", by=None)
    return event


def test_a_participating_manager_reads_only_their_own_units_entries(tree, people, role_user):
    event = _joint_event(tree, people)
    manager_b = role_user(Role.UNIT_MANAGER, "station_b")

    visible = policy.filter(manager_b, "view_roster_entry", RosterEntry.objects.filter(event=event))
    everyone = policy.filter(role_user(Role.POLITICAL_OFFICER), "view_roster_entry", event.roster.all())

    assert [entry.person.name for entry in visible] == ["吴乙所"]
    assert everyone.count() == 3


def test_the_event_page_names_own_people_and_counts_the_others(client, tree, people, role_user):
    event = _joint_event(tree, people)
    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))

    page = client.get(reverse("deeds:event_detail", args=[event.pk])).content.decode()

    assert "吴乙所" in page
    assert "杨磊成" not in page and "周敏" not in page
    assert "另有其他单位民警2人" in page


def test_the_political_department_sees_the_whole_roster(client, tree, people, role_user):
    event = _joint_event(tree, people)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    page = client.get(reverse("deeds:event_detail", args=[event.pk])).content.decode()

    assert all(name in page for name in ("吴乙所", "杨磊成", "周敏"))
    assert "另有其他单位" not in page
