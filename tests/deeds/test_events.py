"""Duty events: scope, the roster by hand and from Excel (all or nothing, errors by row and column), mass entry
for a 200-person roster in a constant number of queries, and the paginated verification page."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.deeds import services
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import Deed, DeedPerson, DutyEvent, RosterEntry
from qunying.deeds.services import RosterRow
from qunying.org.rules import PEOPLE_READERS
from tests.core.crafted_xlsx import crafted_xlsx
from tests.deeds.conftest import DAY, make_event
from tests.factories import PersonFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def roster_of_size(event, unit, size):
    people = PersonFactory.create_batch(size, unit=unit)
    services.import_roster_rows(
        event,
        rows=[
            RosterRow(person=p, role="执勤", post="一号卡点", hours=Decimal(8 + i % 3)) for i, p in enumerate(people)
        ],
        by=None,
    )
    return people


def workbook(rows, header=("警号", "姓名", "职责", "岗位", "时长")) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("名单.xlsx", buffer.getvalue(), content_type=XLSX)


def test_create_an_event_through_the_page(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.post(
        reverse("deeds:event_create"),
        {
            "name": "2022年巢湖防汛抢险",
            "kind": "flood_relief",
            "starts_on": "2022-07-04",
            "ends_on": "2022-07-22",
            "unit": tree["bureau"].pk,
            "units": [tree["station_a"].pk, tree["station_b"].pk],
            "description": "",
        },
    )

    event = DutyEvent.objects.get(name="2022年巢湖防汛抢险")
    assert response.status_code == 302
    assert set(event.units.all()) == {tree["station_a"], tree["station_b"]}
    assert AuditEntry.objects.filter(action="deeds.duty_event.created", object_id=str(event.pk)).exists()


def test_an_event_ending_before_it_starts_is_refused_with_a_message(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.post(
        reverse("deeds:event_create"),
        {
            "name": "x",
            "kind": "major_task",
            "starts_on": "2022-07-04",
            "ends_on": "2022-07-01",
            "unit": tree["bureau"].pk,
            "units": [tree["station_a"].pk],
        },
    )

    assert "结束日期不能早于开始日期。" in response.content.decode()
    assert not DutyEvent.objects.exists()


@pytest.mark.parametrize("role", PEOPLE_READERS)
def test_events_of_another_unit_do_not_leak(client, tree, role_user, role):
    ours = make_event(tree["station_a"], name="甲所安保")
    theirs = make_event(tree["station_b"], name="乙所安保")
    client.force_login(role_user(role, "squad_a"))

    listing = client.get(reverse("deeds:event_list")).content.decode()

    assert "乙所安保" not in listing
    assert client.get(reverse("deeds:event_detail", args=[theirs.pk])).status_code == 404
    # squad_a lies below station_a, but the event belongs to station_a: it is not in the squad's subtree.
    assert "甲所安保" not in listing
    assert client.get(reverse("deeds:event_detail", args=[ours.pk])).status_code == 404


def test_an_event_involving_our_unit_is_visible_to_us(client, tree, role_user):
    event = make_event(tree["bureau"], [tree["station_a"]], name="全局卡点")
    client.force_login(role_user(Role.LEADER, "station_a"))

    assert client.get(reverse("deeds:event_detail", args=[event.pk])).status_code == 200
    assert client.get(reverse("deeds:event_update", args=[event.pk])).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for index in range(count):
        event = make_event(tree["bureau"], [tree["station_a"], tree["station_b"]], name=f"任务{index}")
        roster_of_size(event, tree["station_a"], 2)

    with django_assert_num_queries(11):
        response = client.get(reverse("deeds:event_list"))

    assert len(response.context["page"].object_list) == count
    assert response.context["page"].object_list[0].roster_size == 2


@pytest.mark.parametrize("count", [1, 3])
def test_event_roster_page_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    event = make_event(tree["bureau"], [tree["station_a"]])
    roster_of_size(event, tree["station_a"], count)

    # 14: the roster's size, for the count of other units' officers not named (issue 18 rule 7).
    with django_assert_num_queries(14):
        response = client.get(reverse("deeds:event_detail", args=[event.pk]))

    assert len(response.context["page"].object_list) == count


def test_roster_add_and_remove_by_hand(client, tree, role_user):
    event = make_event(tree["station_a"])
    person = PersonFactory(unit=tree["squad_a"], badge_number="340777")
    outsider = PersonFactory(unit=tree["station_b"], badge_number="340888")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    client.post(reverse("deeds:roster_add", args=[event.pk]), {"who": "340777", "role": "带班", "hours": "12"})
    refused = client.post(reverse("deeds:roster_add", args=[event.pk]), {"who": "340888"}, follow=True)

    entry = RosterEntry.objects.get(event=event)
    assert (entry.person, entry.role, entry.hours) == (person, "带班", Decimal(12))
    assert "您的单位中没有与“340888”相符的人员。" in refused.content.decode()
    assert not RosterEntry.objects.filter(person=outsider).exists()

    client.post(reverse("deeds:roster_remove", args=[entry.pk]))

    assert not RosterEntry.objects.filter(event=event).exists()


def test_roster_import_from_excel(client, tree, role_user):
    event = make_event(tree["station_a"])
    a = PersonFactory(unit=tree["station_a"], badge_number="340101", name="杨磊成")
    b = PersonFactory(unit=tree["squad_a"], badge_number="340102", name="周敏")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.post(
        reverse("deeds:roster_import", args=[event.pk]),
        {"file": workbook([("340101", "杨磊成", "带班", "合巢路卡点", 120), ("340102", "", "执勤", "", "7.5")])},
    )

    assert response.status_code == 302
    entries = {entry.person: entry for entry in RosterEntry.objects.filter(event=event)}
    assert (entries[a].role, entries[a].post, entries[a].hours) == ("带班", "合巢路卡点", Decimal(120))
    assert entries[b].hours == Decimal("7.5")
    assert AuditEntry.objects.filter(action="deeds.roster.imported").count() == 1


def test_roster_import_reports_every_problem_in_chinese_and_imports_nothing(client, tree, role_user):
    event = make_event(tree["station_a"])
    PersonFactory(unit=tree["station_a"], badge_number="340101", name="杨磊成")
    PersonFactory(unit=tree["station_b"], badge_number="340201", name="吴乙所")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.post(
        reverse("deeds:roster_import", args=[event.pk]),
        {
            "file": workbook(
                [
                    ("340101", "杨磊成", "带班", "", 8),
                    ("340201", "", "", "", ""),
                    ("340101", "", "", "", ""),
                    ("999999", "", "", "", ""),
                    ("340101", "李四", "", "", "很多"),
                    ("", "王五", "", "", "=1+1"),
                ]
            )
        },
    )

    page = response.content.decode()
    errors = [(e.row, e.column, e.message) for e in response.context["row_errors"]]
    assert (3, "警号", "您的单位中没有警号为 340201 的人员。") in errors
    assert (4, "警号", "已在第 2 行出现。") in errors
    assert (5, "警号", "您的单位中没有警号为 999999 的人员。") in errors
    assert (7, "时长", "不接受公式，请粘贴数值。") in errors
    assert (7, "警号", "请填写警号。") in errors
    assert "未导入任何数据" in page
    assert not RosterEntry.objects.exists()


def test_roster_import_refuses_a_file_that_is_not_a_workbook(client, tree, role_user):
    event = make_event(tree["station_a"])
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.post(
        reverse("deeds:roster_import", args=[event.pk]),
        {"file": SimpleUploadedFile("名单.xlsx", b"not a workbook", content_type=XLSX)},
    )

    assert "无法将该文件作为 Excel 工作簿（.xlsx）读取。" in response.content.decode()


@pytest.mark.parametrize("kind", ["macro_workbook", "vba_default", "activex"])
def test_roster_import_refuses_a_workbook_declaring_macros(client, tree, role_user, kind):
    event = make_event(tree["station_a"])
    PersonFactory(unit=tree["station_a"], badge_number="340101", name="杨磊成")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    crafted = crafted_xlsx([["警号", "姓名"], ["340101", "杨磊成"]], kind)

    response = client.post(
        reverse("deeds:roster_import", args=[event.pk]),
        {"file": SimpleUploadedFile("名单.xlsx", crafted, content_type=XLSX)},
    )

    assert "不接受含宏的工作簿" in response.content.decode()
    assert not RosterEntry.objects.exists()


def test_roster_template_downloads(client, tree, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.get(reverse("deeds:roster_template"))

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]] == ["警号", "姓名", "职责", "岗位", "时长"]


def test_roster_editor_finds_a_person_by_name_or_pinyin_initials_and_lists_several_matches(client, tree, role_user):
    event = make_event(tree["station_a"])
    yang = PersonFactory(unit=tree["station_a"], name="杨磊成", badge_number="340101")
    zhou = PersonFactory(unit=tree["squad_a"], name="周敏", badge_number="340102")
    PersonFactory(unit=tree["station_a"], name="杨乐城", badge_number="340103")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    url = reverse("deeds:roster_add", args=[event.pk])

    client.post(url, {"who": "周敏"})
    several = client.post(url, {"who": "ylc"}, follow=True).content.decode()
    client.post(url, {"who": "杨磊"})

    assert set(RosterEntry.objects.filter(event=event).values_list("person_id", flat=True)) == {yang.pk, zhou.pk}
    assert "有多人与“ylc”相符" in several
    assert "杨磊成（340101，" in several and "杨乐城（340103，" in several


def test_adding_someone_of_a_unit_not_taking_part_asks_first(client, tree, role_user):
    event = make_event(tree["bureau"], [tree["station_a"]])
    outsider = PersonFactory(unit=tree["station_b"], name="吴乙所", badge_number="340201")
    inside = PersonFactory(unit=tree["squad_a"], badge_number="340102")
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    url = reverse("deeds:roster_add", args=[event.pk])

    client.post(url, {"who": "340102"})  # a squad of a participating station: no question
    asked = client.post(url, {"who": "340201", "role": "支援"})

    page = asked.content.decode()
    assert "data-confirmation" in page and "吴乙所" in page and "未参加" in page
    assert 'name="who" value="340201"' in page and 'name="confirmed" value="1"' in page
    assert list(RosterEntry.objects.filter(event=event).values_list("person_id", flat=True)) == [inside.pk]

    client.post(url, {"who": "340201", "role": "支援", "confirmed": "1"})

    entry = RosterEntry.objects.get(event=event, person=outsider)
    assert entry.role == "支援"
    audit = AuditEntry.objects.filter(action="deeds.roster.entry_added").order_by("-id").first()
    assert audit.data["outside_units"] is True


def test_takes_part_counts_the_participating_units_and_the_units_below_them(tree):
    event = make_event(tree["bureau"], [tree["station_a"]])

    assert services.takes_part(event, tree["station_a"])
    assert services.takes_part(event, tree["squad_a"])
    assert not services.takes_part(event, tree["station_b"])
    assert not services.takes_part(event, tree["bureau"])  # organising is not taking part


def mass_entry(event, by=None, people=None, **fields):
    """Everyone on the roster unless `people` are named."""
    if people is None:
        people = [entry.person for entry in event.roster.select_related("person__unit")]
    return services.propose_deeds_from_roster(
        event, title="坚守疫情防控卡点", narrative="坚守卡点七十余天。", date=DAY, people=people, by=by, **fields
    )


@pytest.mark.parametrize("size", [3, 200])
def test_mass_entry_runs_in_a_constant_number_of_queries(tree, role_user, django_assert_num_queries, size):
    officer = role_user(Role.POLITICAL_OFFICER)
    event = make_event(tree["bureau"], [tree["station_a"]])
    people = roster_of_size(event, tree["station_a"], size)

    # Savepoint, the actor's roles, roster, people already entered, deeds, their people, audit, release.
    with django_assert_num_queries(9):
        deeds = mass_entry(event, by=officer, people=people)

    assert len(deeds) == size
    assert Deed.objects.filter(event=event, status=DeedStatus.PROPOSED).count() == size
    assert DeedPerson.objects.filter(deed__event=event, role="执勤").count() == size
    assert AuditEntry.objects.filter(action="deeds.deed.mass_proposed").count() == 1


def test_mass_entry_gives_each_their_own_role_hours_and_unit_and_skips_those_already_entered(tree):
    event = make_event(tree["bureau"], [tree["station_a"], tree["station_b"]])
    a, b = PersonFactory(unit=tree["squad_a"]), PersonFactory(unit=tree["station_b"])
    services.import_roster_rows(
        event, rows=[RosterRow(person=a, role="带班", hours=Decimal(30)), RosterRow(person=b, role="执勤")], by=None
    )

    first = mass_entry(event, people=[a])
    second = mass_entry(event)

    assert [d.unit for d in first] == [tree["squad_a"]]
    assert [d.unit for d in second] == [tree["station_b"]]
    part = DeedPerson.objects.get(person=a)
    assert (part.role, part.hours) == ("带班", Decimal(30))
    with pytest.raises(Exception, match="已有该任务的事迹"):
        mass_entry(event)


def test_mass_entry_page_then_the_verification_page_paginates(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    event = make_event(tree["bureau"], [tree["station_a"]])
    roster_of_size(event, tree["station_a"], 120)

    response = client.post(
        reverse("deeds:mass_entry", args=[event.pk]),
        {
            "title": "坚守卡点",
            "date": "2022-05-20",
            "hazard": "medium",
            "narrative": "昼夜值守。",
            "people": list(event.roster.values_list("person_id", flat=True)),
        },
    )
    # Four eyes: another political officer verifies what this one entered.
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    first = client.get(response["Location"])
    last = client.get(response["Location"], {"page": 3})

    assert Deed.objects.filter(event=event).count() == 120
    assert first.status_code == 200
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.num_pages == 3
    assert len(last.context["page"].object_list) == 20
    assert "已提交 120 条事迹，请在下方核实。" in first.content.decode()


def test_mass_entry_page_gives_a_deed_to_exactly_the_ticked_people(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    event = make_event(tree["bureau"], [tree["station_a"]])
    a, b, c = roster_of_size(event, tree["station_a"], 3)
    url = reverse("deeds:mass_entry", args=[event.pk])
    fields = {"title": "坚守卡点", "date": "2022-05-20", "hazard": "none", "narrative": "昼夜值守。"}

    page = client.get(url).content.decode()
    client.post(url, {**fields, "people": [a.pk, c.pk]})  # b unticked

    for person in (a, b, c):  # everyone ticked at first
        assert re.search(rf'<input[^>]*name="people"[^>]*value="{person.pk}"[^>]*checked', page)
    assert set(DeedPerson.objects.filter(deed__event=event).values_list("person_id", flat=True)) == {a.pk, c.pk}
    audit = AuditEntry.objects.get(action="deeds.deed.mass_proposed")
    assert sorted(audit.data["people"]) == sorted([a.pk, c.pk])


def test_mass_entry_page_with_nobody_ticked_enters_nothing(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    event = make_event(tree["bureau"], [tree["station_a"]])
    roster_of_size(event, tree["station_a"], 3)
    fields = {"title": "坚守卡点", "date": "2022-05-20", "hazard": "none", "narrative": "昼夜值守。"}

    response = client.post(reverse("deeds:mass_entry", args=[event.pk]), fields)

    assert response.status_code == 200
    assert "请至少勾选一人" in response.content.decode()
    assert not Deed.objects.filter(event=event).exists()


def test_mass_entry_refuses_people_off_the_roster_or_outside_the_users_units_and_writes_nothing(tree, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    event = make_event(tree["station_a"], [tree["station_a"], tree["station_b"]])
    a = PersonFactory(unit=tree["station_a"])
    b = PersonFactory(unit=tree["station_b"])
    stranger = PersonFactory(unit=tree["station_a"], name="路人甲")
    services.import_roster_rows(event, rows=[RosterRow(person=a), RosterRow(person=b)], by=None)

    with pytest.raises(ValidationError) as off_roster:
        mass_entry(event, by=manager, people=[a, stranger])
    with pytest.raises(ValidationError) as outside:
        mass_entry(event, by=manager, people=[a, b])
    with pytest.raises(ValidationError) as nobody:
        mass_entry(event, by=manager, people=[])

    assert "不在该任务的名单上" in " ".join(off_roster.value.messages)
    assert "路人甲" in " ".join(off_roster.value.messages)
    assert str(b) in " ".join(outside.value.messages)
    assert "请至少勾选一人" in " ".join(nobody.value.messages)
    assert not Deed.objects.filter(event=event).exists()
    assert not AuditEntry.objects.filter(action="deeds.deed.mass_proposed").exists()


def test_verify_several_at_once_and_reject_several_only_with_a_reason(client, tree, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    client.force_login(manager)
    event = make_event(tree["station_a"])
    roster_of_size(event, tree["station_a"], 4)
    deeds = mass_entry(event)
    url = reverse("deeds:deed_verification")

    asked = client.post(url, {"deeds": [deeds[0].pk, deeds[1].pk], "decision": "verify"})
    assert "data-confirmation" in asked.content.decode()  # asked first: nothing decided yet
    assert not Deed.objects.filter(status="verified").exists()
    client.post(url, {"deeds": [deeds[0].pk, deeds[1].pk], "decision": "verify", "confirmed": "1"})
    no_reason = client.post(url, {"deeds": [deeds[2].pk], "decision": "reject"})
    rejected = {"deeds": [deeds[2].pk, deeds[3].pk], "decision": "reject", "reason": "未实际到岗", "confirmed": "1"}
    client.post(url, rejected)

    statuses = dict(Deed.objects.values_list("pk", "status"))
    assert [statuses[d.pk] for d in deeds] == ["verified", "verified", "rejected", "rejected"]
    assert "请填写不予认定的理由。" in no_reason.content.decode()
    assert Deed.objects.filter(verified_by=manager).count() == 4
    assert AuditEntry.objects.filter(action="deeds.deed.verified").count() == 2


def test_the_verification_page_cannot_decide_a_deed_of_another_station(client, tree, role_user):
    event = make_event(tree["station_b"])
    roster_of_size(event, tree["station_b"], 1)
    (deed,) = mass_entry(event)
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    page = client.get(reverse("deeds:deed_verification"))
    client.post(reverse("deeds:deed_verification"), {"deeds": [deed.pk], "decision": "verify", "confirmed": "1"})

    assert list(page.context["page"].object_list) == []
    deed.refresh_from_db()
    assert deed.status == DeedStatus.PROPOSED


@pytest.mark.parametrize("count", [1, 3])
def test_verification_page_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    event = make_event(tree["station_a"])
    roster_of_size(event, tree["station_a"], count)
    mass_entry(event)

    with django_assert_num_queries(11):
        response = client.get(reverse("deeds:deed_verification"))

    assert len(response.context["page"].object_list) == count
