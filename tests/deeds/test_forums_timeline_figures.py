"""Forums and their feedback (an item naming officers becomes a proposed deed), the person timeline, the yearly
figures for reports, and the demo data the honours demo relies on."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.deeds import services
from qunying.deeds.enums import DeedSource, DeedStatus
from qunying.deeds.models import Deed, DutyEvent, Forum, ForumFeedback, PublicNomination
from qunying.deeds.queries import deed_figures
from qunying.org.rules import PEOPLE_READERS
from tests.deeds.conftest import make_deed, make_event
from tests.factories import PersonFactory

FORUM_DAY = datetime.date(2022, 4, 26)


def make_forum(unit, *, place="汤山社区居委会", by=None):
    return services.create_forum(date=FORUM_DAY, place=place, unit=unit, units=[unit], attendees=30, by=by)


def test_record_a_forum_and_its_feedback_through_the_pages(client, tree, people, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    created = client.post(
        reverse("deeds:forum_create"),
        {
            "date": "2022-04-26",
            "place": "汤山社区",
            "unit": tree["station_a"].pk,
            "units": [tree["station_a"].pk],
            "attendees": 36,
            "notes": "",
        },
    )
    forum = Forum.objects.get()
    client.post(
        reverse("deeds:feedback_add", args=[forum.pk]), {"text": "社区民警每天给独居老人送药。", "officers": "340101"}
    )

    assert created.status_code == 302
    item = ForumFeedback.objects.get()
    assert list(item.officers.all()) == [people["a"]]
    assert "社区民警每天给独居老人送药。" in client.get(reverse("deeds:forum_detail", args=[forum.pk])).content.decode()


def test_feedback_naming_officers_becomes_a_proposed_forum_deed_linked_back(client, tree, people, role_user):
    forum = make_forum(tree["station_a"])
    item = services.add_forum_feedback(
        forum, text="两位民警连夜帮我找回孩子。", officers=[people["a"], people["squad"]], by=None
    )
    general = services.add_forum_feedback(forum, text="希望窗口周末开放。", officers=[], by=None)
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.post(
        reverse("deeds:feedback_convert", args=[item.pk]), {"title": "连夜寻回走失儿童", "hazard": "low"}
    )
    refused = client.post(
        reverse("deeds:feedback_convert", args=[general.pk]), {"title": "x", "hazard": "none"}, follow=True
    )
    again = client.post(
        reverse("deeds:feedback_convert", args=[item.pk]), {"title": "y", "hazard": "none"}, follow=True
    )

    item.refresh_from_db()
    deed = item.deed
    assert response["Location"] == reverse("deeds:deed_detail", args=[deed.pk])
    assert (deed.source, deed.status, deed.date, deed.narrative) == (
        DeedSource.FORUM,
        DeedStatus.PROPOSED,
        FORUM_DAY,
        "两位民警连夜帮我找回孩子。",
    )
    assert set(deed.people.all()) == {people["a"], people["squad"]}
    assert "该条意见未点名任何民警或辅警，不能转为事迹。" in refused.content.decode()
    assert "该条意见已转为事迹。" in again.content.decode()
    assert Deed.objects.count() == 1
    assert AuditEntry.objects.filter(action="deeds.forum_feedback.converted").count() == 1


@pytest.mark.parametrize("role", PEOPLE_READERS)
def test_forums_of_another_unit_do_not_leak(client, tree, role_user, role):
    make_forum(tree["station_a"], place="甲所座谈")
    theirs = make_forum(tree["station_b"], place="乙所座谈")
    client.force_login(role_user(role, "station_a"))

    listing = client.get(reverse("deeds:forum_list")).content.decode()

    assert "甲所座谈" in listing and "乙所座谈" not in listing
    assert client.get(reverse("deeds:forum_detail", args=[theirs.pk])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_forum_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for index in range(count):
        forum = make_forum(tree["station_a"], place=f"座谈{index}")
        services.add_forum_feedback(forum, text="好", officers=[], by=None)

    with django_assert_num_queries(11):
        response = client.get(reverse("deeds:forum_list"))

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_forum_feedback_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    forum = make_forum(tree["station_a"])
    for _ in range(count):
        services.add_forum_feedback(
            forum, text="好", officers=PersonFactory.create_batch(2, unit=tree["station_a"]), by=None
        )

    with django_assert_num_queries(12):
        response = client.get(reverse("deeds:forum_detail", args=[forum.pk]))

    assert len(response.context["feedback"]) == count


def test_timeline_shows_deeds_nominations_and_forum_mentions(client, tree, people, role_user):
    person = people["a"]
    verified = make_deed(person, title="勇救落水儿童")
    services.verify_deed(verified, by=None)
    make_deed(person, title="协助破获盗窃案")
    services.reject_deed(make_deed(person, title="不实事迹"), reason="不属实", by=None)
    nomination = services.submit_public_nomination(
        officer_text="杨警官", story="帮我找回了丢失的钱包，谢谢他。", contact_phone="13955112345"
    )
    services.link_nomination(nomination, person=person, by=None)
    forum = make_forum(tree["station_a"])
    services.add_forum_feedback(forum, text="杨警官调解纠纷很耐心。", officers=[person], by=None)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    page = client.get(reverse("org:person_detail", args=[person.pk])).content.decode()

    assert "勇救落水儿童" in page
    assert "协助破获盗窃案（待核实）" in page
    assert "不实事迹" not in page
    assert "群众来信表扬（社会征集）" in page and "帮我找回了丢失的钱包" in page
    assert "在警民座谈会上被点名表扬：汤山社区居委会" in page
    assert "13955112345" not in page


def test_deed_figures_count_verified_deeds_per_kind_and_hazard_in_the_units_and_year(tree, people, settings):
    settings.QUNYING_EVIDENCE_FROM_HAZARD = ""  # evidence is not the point here
    event = make_event(tree["bureau"], [tree["station_a"]])
    in_event = make_deed(people["a"], event=event, hazard="medium")
    standalone = make_deed(people["squad"], hazard="high")
    for deed in (in_event, standalone):
        services.verify_deed(deed, by=None)
    make_deed(people["a"])  # proposed: not counted
    services.verify_deed(make_deed(people["b"]), by=None)  # another station
    services.verify_deed(make_deed(people["a"], date=datetime.date(2021, 3, 1)), by=None)  # another year

    figures = deed_figures([tree["station_a"]], 2022)

    assert figures.total == 2
    assert figures.people == 2
    assert figures.by_kind["epidemic_control"] == 1 and figures.by_kind[""] == 1
    assert figures.by_hazard == {"none": 0, "low": 0, "medium": 1, "high": 1}
    assert deed_figures([tree["bureau"]], 2022).total == 3


def test_demo_data_holds_what_the_honours_demo_relies_on_and_loads_twice_without_duplicates(demo):
    from qunying.demo.deeds import EPIDEMIC_EVENT, FLOOD_EVENT, demo_traffic_auxiliary, demo_veteran

    counts = (Deed.objects.count(), DutyEvent.objects.count(), Forum.objects.count(), PublicNomination.objects.count())
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert (
        Deed.objects.count(),
        DutyEvent.objects.count(),
        Forum.objects.count(),
        PublicNomination.objects.count(),
    ) == counts
    epidemic = DutyEvent.objects.get(name=EPIDEMIC_EVENT)
    assert epidemic.kind == "epidemic_control" and epidemic.units.count() >= 3
    assert epidemic.roster.filter(person__status="active").count() == epidemic.roster.count() == 20
    assert len({entry.person.unit_id for entry in epidemic.roster.select_related("person")}) >= 3
    verified = Deed.objects.filter(event=epidemic, status="verified", date__year=2022)
    assert verified.count() == 20
    assert set(verified.values_list("participants__person", flat=True)) == set(
        epidemic.roster.values_list("person", flat=True)
    )
    flood = DutyEvent.objects.get(name=FLOOD_EVENT)
    assert flood.kind == "flood_relief" and Deed.objects.filter(event=flood, status="verified").count() == 8
    auxiliary = demo_traffic_auxiliary()
    assert (auxiliary.category, auxiliary.post_type, auxiliary.unit.name) == ("auxiliary", "traffic", "城区中队")
    assert Deed.objects.filter(participants__person=auxiliary, status="verified").count() == 3
    veteran = demo_veteran()
    assert veteran.unit.kind == "police_station"
    assert Deed.objects.filter(
        participants__person=veteran, narrative__startswith="扎根基层", status="verified"
    ).exists()
    assert Deed.objects.filter(status="proposed").count() >= 3
    assert Forum.objects.count() == 2 and ForumFeedback.objects.count() >= 4
    statuses = list(PublicNomination.objects.values_list("status", flat=True))
    assert len(statuses) == 5 and statuses.count("linked") == 1 and statuses.count("rejected") == 1
