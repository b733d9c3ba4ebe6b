"""The way out of four eyes (issue 18 rule 3): an honour awaiting approval is declined (不予批准, with a reason) by
whoever may approve it, or withdrawn (撤回) by the officer who recorded it; either way it is set aside for good, leaves
the approvers' to-do list and counts nowhere — through the service, the pages and `qunying check-records`."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.core.todo import todo_count
from qunying.honours import services
from qunying.honours.checks import find_problems
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.honours.queries import filter_honours, honour_figures
from qunying.honours.timeline import honours_of
from qunying.org.models import Unit
from qunying.publicity.board import board_people
from tests.factories import PersonFactory
from tests.publicity.helpers import published_story

AWARDED = datetime.date(2022, 6, 28)
WHY = "事迹材料与实际不符，请核实后重新录入"


@pytest.fixture
def recorder(role_user):
    return role_user(Role.POLITICAL_OFFICER, full_name="张政工")


@pytest.fixture
def approver(role_user):
    return role_user(Role.LEADER, full_name="王局长")


@pytest.fixture
def pending(people, issuers, awards, recorder):
    """An honour entered by hand on the honours page: awaiting approval."""
    return services.record_honour(
        person=people["a"],
        award_type=awards["commendation"],
        issuer=issuers["county_police"],
        awarded_on=AWARDED,
        reason="疫情防控卡点执勤表现突出",
        by=recorder,
    )


def unchanged(honour) -> bool:
    honour = Honour.objects.get(pk=honour.pk)
    return (honour.status, honour.declined_by_id, honour.declined_at, honour.decline_reason) == (
        HonourStatus.PENDING,
        None,
        None,
        "",
    )


# --- the service -----------------------------------------------------------------------------------------------------


def test_the_approver_declines_with_a_reason_and_it_leaves_the_to_do_list(pending, recorder, approver):
    approver.has_perm("honours.approve_honours")
    before = todo_count(approver, "honours.approve")

    services.decline_honour(pending, by=approver, reason=f"  {WHY}  ")

    pending.refresh_from_db()
    assert (pending.status, pending.declined_by, pending.decline_reason) == (HonourStatus.DECLINED, approver, WHY)
    assert pending.declined_at is not None and pending.approved_by is None and not pending.is_withdrawn
    entry = AuditEntry.objects.get(action="honours.honour.declined", object_id=str(pending.pk))
    assert entry.actor == approver and entry.data == {"recorded_by": recorder.pk, "reason": WHY}
    assert (before, todo_count(approver, "honours.approve")) == (1, 0)
    with pytest.raises(ValidationError, match="不在待审批状态"):
        services.approve_honour(pending, by=approver)  # declined for good


def test_the_recorder_cannot_decline_but_withdraws(pending, recorder):
    with pytest.raises(ValidationError, match="您录入了这项奖励"):
        services.decline_honour(pending, by=recorder, reason=WHY)
    assert unchanged(pending)

    services.withdraw_honour(pending, by=recorder)

    pending.refresh_from_db()
    assert (pending.status, pending.declined_by, pending.decline_reason) == (HonourStatus.DECLINED, recorder, "")
    assert pending.is_withdrawn
    entry = AuditEntry.objects.get(action="honours.honour.withdrawn", object_id=str(pending.pk))
    assert entry.actor == recorder
    assert not AuditEntry.objects.filter(action="honours.honour.declined").exists()


def test_neither_the_recipient_nor_another_officer_declines_or_withdraws(people, issuers, awards, recorder, role_user):
    leader = role_user(Role.LEADER)
    himself = PersonFactory(name="李局长", unit=people["a"].unit, user=leader)
    honour = services.record_honour(
        person=himself,
        award_type=awards["commendation"],
        issuer=issuers["county_police"],
        awarded_on=AWARDED,
        reason="表现突出",
        by=recorder,
    )

    with pytest.raises(ValidationError, match="不能对本人的奖励作不予批准"):
        services.decline_honour(honour, by=leader, reason=WHY)
    with pytest.raises(ValidationError, match="只有录入这项奖励的干部才能撤回"):
        services.withdraw_honour(honour, by=leader)
    with pytest.raises(ValidationError, match="领导或政工干部"):
        services.decline_honour(honour, by=role_user(Role.POLITICAL_OFFICER, "station_b"), reason=WHY)
    assert unchanged(honour)


def test_an_empty_reason_is_refused_in_chinese_and_changes_nothing(pending, approver):
    with pytest.raises(ValidationError) as refused:
        services.decline_honour(pending, by=approver, reason="   ")

    assert refused.value.message_dict == {"reason": ["请说明不予批准的理由：录入这项奖励的干部会看到它。"]}
    assert unchanged(pending)
    assert not AuditEntry.objects.filter(action="honours.honour.declined").exists()


def test_a_declined_honour_counts_nowhere_and_does_not_block_a_corrected_one(
    people, issuers, awards, recorder, approver, tree
):
    person = people["a"]
    published_story([person], tree["station_a"])
    wrong = services.record_honour(
        person=person,
        award_type=awards["commendation"],
        issuer=issuers["county_police"],
        awarded_on=AWARDED,
        reason="录错了",
        by=recorder,
    )
    services.decline_honour(wrong, by=approver, reason=WHY)
    units = Unit.objects.all()

    assert (honour_figures(units, 2022), list(honours_of(person)), list(board_people(year=2022))) == ([], [], [])
    assert find_problems() == []
    # The same honour recorded afresh is not refused as a duplicate of the declined one.
    corrected = services.record_honour(
        person=person,
        award_type=awards["commendation"],
        issuer=issuers["county_police"],
        awarded_on=AWARDED,
        reason="疫情防控卡点执勤表现突出",
        by=recorder,
    )
    services.approve_honour(corrected, by=approver)
    assert [row.people for row in honour_figures(units, 2022)] == [1]
    assert list(filter_honours(Honour.objects.all(), status=HonourStatus.DECLINED)) == [wrong]


def test_check_records_does_not_flag_a_declined_honour_dated_in_the_future(pending, approver):
    Honour.objects.filter(pk=pending.pk).update(awarded_on=timezone.localdate() + datetime.timedelta(days=30))
    assert [problem.pk for problem in find_problems()] == [pending.pk]

    services.decline_honour(pending, by=approver, reason=WHY)

    assert find_problems() == []


# --- the pages -------------------------------------------------------------------------------------------------------


def test_the_approver_declines_through_the_page_after_confirming(client, pending, approver):
    client.force_login(approver)
    url = reverse("honours:honour_decline", args=[pending.pk])

    detail = client.get(reverse("honours:honour_detail", args=[pending.pk])).content.decode()
    approval = client.get(reverse("honours:honour_approve", args=[pending.pk])).content.decode()
    empty = client.post(url, {"reason": " ", "confirmed": "1"})
    asked = client.post(url, {"reason": WHY})
    done = client.post(url, {"reason": WHY, "confirmed": "1"}, follow=True)

    assert url in detail and url in approval
    assert reverse("honours:honour_withdraw", args=[pending.pk]) not in detail  # not theirs to withdraw
    assert "只有录入这项奖励的干部才能撤回" in detail
    assert empty.status_code == 200 and "请说明不予批准的理由" in empty.content.decode()
    assert "不可恢复" in asked.content.decode() and 'name="confirmed"' in asked.content.decode()
    assert "奖励未获批准" in done.content.decode() and WHY in done.content.decode()
    pending.refresh_from_db()
    assert pending.status == HonourStatus.DECLINED and pending.declined_by == approver
    assert client.get(url).status_code == 403  # declined once


def test_the_recorder_withdraws_through_the_page_and_is_not_offered_declining(client, pending, recorder):
    client.force_login(recorder)
    url = reverse("honours:honour_withdraw", args=[pending.pk])

    detail = client.get(reverse("honours:honour_detail", args=[pending.pk])).content.decode()
    declined = client.post(reverse("honours:honour_decline", args=[pending.pk]), {"reason": WHY, "confirmed": "1"})
    done = client.post(url, {"reason": "", "confirmed": "1"}, follow=True)

    assert url in detail and reverse("honours:honour_decline", args=[pending.pk]) not in detail
    assert "请撤回" in detail  # why they may not decline, and what to do instead
    assert declined.status_code == 403
    assert "奖励已撤回" in done.content.decode() and "审批前已撤回" in done.content.decode()
    pending.refresh_from_db()
    assert pending.status == HonourStatus.DECLINED and pending.is_withdrawn


def test_the_recipient_is_refused_both_pages(client, people, issuers, awards, recorder, role_user):
    leader = role_user(Role.LEADER)
    himself = PersonFactory(name="李局长", unit=people["a"].unit, user=leader)
    honour = services.record_honour(
        person=himself,
        award_type=awards["commendation"],
        issuer=issuers["county_police"],
        awarded_on=AWARDED,
        reason="表现突出",
        by=recorder,
    )
    client.force_login(leader)

    for name in ("honours:honour_decline", "honours:honour_withdraw"):
        assert client.post(reverse(name, args=[honour.pk]), {"reason": WHY, "confirmed": "1"}).status_code == 403
    assert unchanged(honour)


def test_the_list_filters_and_marks_declined_honours(client, pending, approver, recorder, people):
    services.decline_honour(pending, by=approver, reason=WHY)
    client.force_login(recorder)

    page = client.get(reverse("honours:honour_list"), {"status": HonourStatus.DECLINED}).content.decode()
    active = client.get(reverse("honours:honour_list"), {"status": HonourStatus.ACTIVE}).content.decode()

    assert "未获批准" in page and people["a"].name in page
    assert people["a"].name not in active
