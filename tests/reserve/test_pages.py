"""Reserve pages: list filters and scope, detail with history, proposing and deciding through the forms, coverage."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.reserve.enums import Tier
from qunying.reserve.models import ReserveEntry, TierChange
from qunying.reserve.queries import coverage, entries_visible_to
from qunying.reserve.services import decide_tier_change, propose_tier
from tests.factories import PersonFactory, UnitFactory


def _entry(person, tier, by_officer, by_leader=None):
    change = propose_tier(
        person=person, to_tier=Tier.RESERVE, reason="表现突出", level="unit", category="grassroots", by=by_officer
    )
    decide_tier_change(change, approve=True, by=by_officer)
    if tier != Tier.RESERVE:
        change = propose_tier(person=person, to_tier=tier, reason="晋升层级", by=by_officer)
        decide_tier_change(change, approve=True, by=by_leader if tier == Tier.EXEMPLAR else by_officer)
    return ReserveEntry.objects.get(person=person)


@pytest.mark.parametrize("count", [1, 3])
def test_entry_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    officer = role_user(Role.POLITICAL_OFFICER)
    for _index in range(count):
        _entry(PersonFactory(unit=tree["squad_a"]), Tier.RESERVE, officer)
    client.force_login(officer)

    with django_assert_num_queries(12):
        response = client.get(reverse("reserve:entry_list"))

    assert len(response.context["page"].object_list) == count


def test_another_units_entries_do_not_leak(client, tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    mine = _entry(PersonFactory(unit=tree["squad_a"], name="甲所民警"), Tier.RESERVE, officer)
    theirs = _entry(PersonFactory(unit=tree["station_b"], name="乙所民警"), Tier.RESERVE, officer)
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    client.force_login(manager)

    assert list(entries_visible_to(manager)) == [mine]
    page = client.get(reverse("reserve:entry_list")).content.decode()
    assert "甲所民警" in page and "乙所民警" not in page
    assert "乙所民警" not in client.get(reverse("reserve:entry_list"), {"q": "乙所"}).content.decode()
    assert client.get(reverse("reserve:entry_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("reserve:propose"), {"person": theirs.person_id}).status_code == 404
    assert client.get(reverse("reserve:entry_detail", args=[mine.pk])).status_code == 200


def test_member_and_three_admins_see_no_reserve(client, tree, role_user):
    for role in [Role.MEMBER, Role.SYS_ADMIN, Role.AUDIT_ADMIN]:
        client.force_login(role_user(role))
        assert client.get(reverse("reserve:entry_list")).status_code == 403


def test_propose_and_approve_through_the_pages(client, tree, role_user):
    person = PersonFactory(unit=tree["squad_a"], name="王守岗")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    response = client.post(
        reverse("reserve:propose") + f"?person={person.pk}",
        {"to_tier": "focus", "level": "unit", "category": "public", "reason": "群众满意度高"},
    )
    entry = ReserveEntry.objects.get(person=person)
    assert response.status_code == 302

    client.force_login(role_user(Role.POLITICAL_OFFICER))
    response = client.post(reverse("reserve:decide", args=[entry.pk]), {"decision": "approve", "decision_note": "同意"})
    entry.refresh_from_db()
    assert entry.tier == Tier.FOCUS

    page = client.get(reverse("reserve:entry_detail", args=[entry.pk])).content.decode()
    assert "王守岗" in page and "群众满意度高" in page and "已批准" in page


def test_an_approval_by_the_wrong_role_is_refused(client, tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    change = propose_tier(
        person=PersonFactory(unit=tree["squad_a"]),
        to_tier="exemplar",
        reason="二等功",
        level="county",
        category="frontline",
        by=officer,
    )
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    response = client.post(reverse("reserve:decide", args=[change.entry_id]), {"decision": "approve"})
    assert response.status_code == 403
    assert TierChange.objects.get(pk=change.pk).status == "proposed"

    client.force_login(officer)  # a political officer may decide, but not this tier: no button, and the page refuses
    page = client.get(reverse("reserve:entry_detail", args=[change.entry_id])).content.decode()
    assert reverse("reserve:decide", args=[change.entry_id]) not in page
    response = client.post(reverse("reserve:decide", args=[change.entry_id]), {"decision": "approve"})
    assert response.status_code == 403
    assert TierChange.objects.get(pk=change.pk).status == "proposed"


def test_bad_proposal_input_shows_a_message_not_an_error(client, tree, role_user):
    person = PersonFactory(unit=tree["squad_a"])
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    response = client.post(reverse("reserve:propose") + f"?person={person.pk}", {"to_tier": "saint", "reason": ""})
    assert response.status_code == 200
    assert not ReserveEntry.objects.exists()
    assert client.get(reverse("reserve:propose"), {"person": "x"}).status_code == 404


def test_coverage_with_gaps_at_different_depths_in_constant_queries(tree, role_user, django_assert_num_queries):
    officer = role_user(Role.POLITICAL_OFFICER)
    leader = role_user(Role.LEADER)
    deep = UnitFactory(name="甲所一中队一组", kind="squad", parent=tree["squad_a"])
    _entry(PersonFactory(unit=deep), Tier.EXEMPLAR, officer, leader)
    _entry(PersonFactory(unit=tree["squad_a"]), Tier.FOCUS, officer)
    _entry(PersonFactory(unit=tree["station_b"]), Tier.RESERVE, officer)
    _entry(PersonFactory(unit=tree["station_a"]), Tier.RESERVE, officer)

    with django_assert_num_queries(2):
        rows = coverage(tree["bureau"].__class__.objects.all())

    flags = {row.unit.name: (row.has_exemplar, row.has_focus, row.has_reserve) for row in rows}
    assert flags == {
        "测试市公安局": (True, True, True),
        "甲派出所": (True, True, True),
        "甲所一中队": (True, True, False),
        "甲所一中队一组": (True, False, False),
        "乙派出所": (False, False, True),
    }
    assert [row.unit.name for row in rows][:3] == ["甲所一中队一组", "乙派出所", "甲所一中队"]


@pytest.mark.parametrize("count", [1, 3])
def test_coverage_page_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    officer = role_user(Role.POLITICAL_OFFICER)
    for _index in range(count):
        _entry(PersonFactory(unit=tree["squad_a"]), Tier.RESERVE, officer)
    client.force_login(officer)
    with django_assert_num_queries(10):
        response = client.get(reverse("reserve:coverage"))
    assert "乙派出所" in response.content.decode()


def test_coverage_for_a_unit_manager_lists_only_their_units(client, tree, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    page = client.get(reverse("reserve:coverage")).content.decode()
    assert "甲所一中队" in page and "乙派出所" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_awaiting_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    officer = role_user(Role.POLITICAL_OFFICER)
    for _index in range(count):
        propose_tier(
            person=PersonFactory(unit=tree["squad_a"]),
            to_tier="reserve",
            reason="好",
            level="unit",
            category="public",
            by=officer,
        )
    client.force_login(officer)
    with django_assert_num_queries(13):  # 11 and the proposers as 姓名（单位）: their roles and units
        response = client.get(reverse("reserve:awaiting"))
    assert len(response.context["page"].object_list) == count


def test_timeline_shows_approved_tiers(client, tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    person = PersonFactory(unit=tree["squad_a"])
    _entry(person, Tier.RESERVE, officer)
    from qunying.org.timeline import timeline_for

    assert any("储备" in event.title for event in timeline_for(person))


def test_export_holds_only_entries_in_scope(client, tree, role_user):
    import io

    import openpyxl

    officer = role_user(Role.POLITICAL_OFFICER)
    _entry(PersonFactory(unit=tree["squad_a"], name="甲所民警"), Tier.RESERVE, officer)
    _entry(PersonFactory(unit=tree["station_b"], name="乙所民警"), Tier.RESERVE, officer)
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.get(reverse("reserve:entry_export"))

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["甲所民警"]
    assert client.get(reverse("reserve:entry_export"), {"unit": tree["station_b"].pk}).status_code == 404
