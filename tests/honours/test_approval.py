"""Four eyes on honours (issue 18 rule 3): an honour entered by hand waits for a second leader or political officer,
never its recorder nor its recipient, and counts nowhere until then — through the service, the pages, the to-do
list and `qunying check-records`."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.core.todo import todo_count, todos_for
from qunying.honours import services
from qunying.honours.checks import find_problems
from qunying.honours.enums import ApprovalBasis, HonourStatus
from qunying.honours.models import Honour
from qunying.honours.queries import honour_figures
from qunying.honours.timeline import honours_of
from qunying.org.models import Unit
from qunying.publicity.board import board_people
from tests.factories import HonourFactory, PersonFactory
from tests.publicity.helpers import published_story

AWARDED = datetime.date(2022, 6, 28)


@pytest.fixture
def recorder(role_user):
    return role_user(Role.POLITICAL_OFFICER, full_name="张政工")


@pytest.fixture
def approver(role_user):
    return role_user(Role.LEADER, full_name="王局长")


def enter(person, issuer, *, by, award=None, awards=None, **kwargs):
    """An honour entered by hand on the honours page: pending."""
    return services.record_honour(
        person=person,
        award_type=award or awards["commendation"],
        issuer=issuer,
        awarded_on=AWARDED,
        reason="疫情防控卡点执勤表现突出",
        by=by,
        **kwargs,
    )


# --- the service -----------------------------------------------------------------------------------------------------


def test_an_honour_entered_by_hand_waits_and_another_officer_approves_it(people, issuers, awards, recorder, approver):
    honour = enter(people["a"], issuers["county_police"], awards=awards, by=recorder)

    assert (honour.status, honour.approved_by, honour.approved_at) == (HonourStatus.PENDING, None, None)
    services.approve_honour(honour, by=approver)

    honour.refresh_from_db()
    assert honour.status == HonourStatus.ACTIVE
    assert (honour.approval_basis, honour.approved_by, honour.recorded_by) == (ApprovalBasis.REVIEW, approver, recorder)
    assert honour.approved_at is not None
    entry = AuditEntry.objects.get(action="honours.honour.approved", object_id=str(honour.pk))
    assert entry.actor == approver and entry.data["recorded_by"] == recorder.pk


def test_the_recorder_cannot_approve_their_own_entry(people, issuers, awards, recorder):
    honour = enter(people["a"], issuers["county_police"], awards=awards, by=recorder)

    with pytest.raises(ValidationError, match="您录入了这项奖励，须由另一名领导或政工干部审批。"):
        services.approve_honour(honour, by=recorder)

    assert Honour.objects.get(pk=honour.pk).status == HonourStatus.PENDING
    assert not AuditEntry.objects.filter(action="honours.honour.approved").exists()


def test_the_recipient_cannot_approve_their_own_honour(people, issuers, awards, recorder, role_user):
    leader = role_user(Role.LEADER)
    himself = PersonFactory(name="李局长", unit=people["a"].unit, user=leader)
    honour = enter(himself, issuers["county_police"], awards=awards, by=recorder)

    with pytest.raises(ValidationError, match="不能审批本人的奖励"):
        services.approve_honour(honour, by=leader)

    assert Honour.objects.get(pk=honour.pk).status == HonourStatus.PENDING


def test_only_a_leader_or_political_officer_over_the_honour_approves_it(people, issuers, awards, recorder, role_user):
    honour = enter(people["a"], issuers["county_police"], awards=awards, by=recorder)

    with pytest.raises(ValidationError, match="领导或政工干部"):
        services.approve_honour(honour, by=role_user(Role.UNIT_MANAGER, "station_a"))
    with pytest.raises(ValidationError, match="领导或政工干部"):
        services.approve_honour(honour, by=role_user(Role.POLITICAL_OFFICER, "station_b"))
    services.approve_honour(honour, by=role_user(Role.POLITICAL_OFFICER, "station_a"))
    with pytest.raises(ValidationError, match="不在待审批状态"):
        services.approve_honour(honour, by=role_user(Role.LEADER))


def test_a_pending_honour_counts_nowhere_until_approved(people, issuers, awards, recorder, approver, tree):
    person = people["a"]
    published_story([person], tree["station_a"])
    honour = enter(person, issuers["county_police"], awards=awards, by=recorder)
    units = Unit.objects.all()

    before = (honour_figures(units, 2022), list(honours_of(person)), list(board_people(year=2022)))
    services.approve_honour(honour, by=approver)
    figures, timeline, board = honour_figures(units, 2022), list(honours_of(person)), list(board_people(year=2022))

    assert before == ([], [], [])
    assert [(row.award_type.code, row.people) for row in figures] == [("commendation", 1)]
    assert [event.title for event in timeline] == ["嘉奖"]
    assert board == [person] and [h.pk for h in board[0].board_honours] == [honour.pk]


def test_a_pending_honour_is_not_revoked_but_blocks_rewarding_its_deed_twice(people, issuers, awards, recorder):
    honour = enter(people["a"], issuers["county_police"], awards=awards, by=recorder)

    assert not services.is_revocation_approver(recorder, honour)
    with pytest.raises(ValidationError):
        enter(people["a"], issuers["county_police"], awards=awards, by=recorder)  # the same honour, again


def test_a_decision_or_a_register_is_the_approval_itself(people, issuers, awards, recorder, approver):
    decided = enter(
        people["a"], issuers["county_police"], awards=awards, by=recorder, approval="decision", approved_by=approver
    )
    imported = enter(people["b"], issuers["county_police"], awards=awards, by=recorder, approval="register")

    assert (decided.status, decided.approved_by, decided.approval_basis) == ("active", approver, "decision")
    assert (imported.status, imported.approved_by, imported.approval_basis) == ("active", recorder, "register")
    assert find_problems() == []


def test_a_decision_is_never_approved_by_its_recipient(people, issuers, awards, recorder, role_user):
    leader = role_user(Role.LEADER)
    himself = PersonFactory(name="李局长", unit=people["a"].unit, user=leader)

    with pytest.raises(ValidationError, match="不能审批本人的奖励"):
        enter(himself, issuers["county_police"], awards=awards, by=recorder, approval="decision", approved_by=leader)
    assert not Honour.objects.exists()


# --- the pages -------------------------------------------------------------------------------------------------------


def test_recording_on_the_page_leaves_the_honour_awaiting_approval(client, people, issuers, awards, recorder):
    client.force_login(recorder)

    response = client.post(
        f"{reverse('honours:honour_create')}?person={people['a'].pk}",
        {
            "award_type": awards["commendation"].pk,
            "issuer": issuers["county_police"].pk,
            "awarded_on": "2022-06-28",
            "reason": "表现突出",
        },
        follow=True,
    )

    honour = Honour.objects.get()
    page = response.content.decode()
    assert honour.status == HonourStatus.PENDING and honour.recorded_by == recorder
    assert "奖励已录入，须经另一名领导或政工干部审批后生效。" in page and "待审批" in page


def test_the_recorder_is_not_offered_the_button_but_told_why_and_who_may(
    client, people, issuers, awards, recorder, approver
):
    honour = enter(people["a"], issuers["county_police"], awards=awards, by=recorder)
    client.force_login(recorder)

    detail = client.get(reverse("honours:honour_detail", args=[honour.pk])).content.decode()
    direct = client.get(reverse("honours:honour_approve", args=[honour.pk]))
    posted = client.post(reverse("honours:honour_approve", args=[honour.pk]))

    assert reverse("honours:honour_approve", args=[honour.pk]) not in detail
    assert "disabled" in detail and "您录入了这项奖励，须由另一名领导或政工干部审批。" in detail
    assert "王局长" in detail  # who may approve it
    assert direct.status_code == 403 and posted.status_code == 403
    assert Honour.objects.get(pk=honour.pk).status == HonourStatus.PENDING


def test_another_officer_approves_through_the_approval_page(client, people, issuers, awards, recorder, approver):
    honour = enter(people["a"], issuers["county_police"], awards=awards, by=recorder)
    client.force_login(approver)
    url = reverse("honours:honour_approve", args=[honour.pk])

    detail = client.get(reverse("honours:honour_detail", args=[honour.pk])).content.decode()
    page = client.get(url)
    response = client.post(url, follow=True)

    assert url in detail
    assert page.status_code == 200 and "疫情防控卡点执勤表现突出" in page.content.decode()
    assert "张政工" in page.content.decode()  # the recorder, named to the approver
    honour.refresh_from_db()
    assert honour.status == HonourStatus.ACTIVE and honour.approved_by == approver
    assert "奖励已审批生效" in response.content.decode() and "王局长" in response.content.decode()
    assert client.get(url).status_code == 403  # approved once


def test_the_approval_page_warns_of_a_same_or_higher_award_within_a_year(
    client, people, issuers, awards, recorder, approver
):
    HonourFactory(person=people["a"], issuer=issuers["city_police"], awarded_on=datetime.date(2022, 3, 1))
    honour = enter(people["a"], issuers["county_police"], awards=awards, by=recorder)
    client.force_login(approver)

    page = client.get(reverse("honours:honour_approve", args=[honour.pk])).content.decode()

    assert "一年内已获同级或更高奖励" in page and "2022-03-01" in page


# --- the to-do list --------------------------------------------------------------------------------------------------


def test_honours_awaiting_my_approval_on_the_to_do_list_in_one_query(
    client, people, issuers, awards, recorder, approver, django_assert_num_queries
):
    enter(people["a"], issuers["county_police"], awards=awards, by=recorder)
    approver.has_perm("honours.approve_honours")  # the roles are read once, before counting

    def count(user):
        return {item["key"]: item for item in todos_for(user)}.get("honours.approve")

    with django_assert_num_queries(1):
        one = todo_count(approver, "honours.approve")
    enter(people["b"], issuers["county_police"], awards=awards, by=recorder)
    enter(people["squad"], issuers["county_police"], awards=awards, by=recorder)
    with django_assert_num_queries(1):
        todo_count(approver, "honours.approve")
    three = count(approver)
    recorder.has_perm("honours.approve_honours")

    assert (one, three["count"]) == (1, 3)
    assert count(recorder) is None  # their own entries wait for someone else
    client.force_login(approver)
    listed = client.get(three["url"]).content.decode()
    client.force_login(recorder)
    theirs = client.get(three["url"]).content.decode()
    assert all(name in listed for name in ("杨磊成", "吴乙所", "周敏"))
    assert "杨磊成" not in theirs and "待我审批" in theirs


# --- check-records ---------------------------------------------------------------------------------------------------


def test_check_records_names_an_honour_approved_by_its_recorder_and_exits_1(people, issuers, awards, recorder):
    honour = enter(people["a"], issuers["county_police"], awards=awards, by=recorder)
    Honour.objects.filter(pk=honour.pk).update(status="active", approved_by=recorder)  # straight to the table
    output = io.StringIO()

    with pytest.raises(CommandError) as failed:
        call_command("check-records", stdout=output)

    assert failed.value.returncode == 1
    assert "【由本人或录入人审核】" in output.getvalue()
    assert "张政工录入了这项奖励，却又审批了它。" in output.getvalue()
    assert [(p.kind, p.pk) for p in find_problems(Honour.objects.filter(pk=honour.pk))] == [("four_eyes", honour.pk)]


def test_check_records_names_a_self_approved_and_a_pending_but_approved_honour(
    people, issuers, awards, recorder, role_user
):
    leader = role_user(Role.LEADER, full_name="李局长")
    himself = PersonFactory(name="李局长", unit=people["a"].unit, user=leader)
    own = enter(himself, issuers["county_police"], awards=awards, by=recorder)
    marked = enter(people["b"], issuers["county_police"], awards=awards, by=recorder)
    Honour.objects.filter(pk=own.pk).update(status="active", approved_by=leader)
    Honour.objects.filter(pk=marked.pk).update(approved_by=leader)

    problems = {p.pk: p.detail for p in find_problems()}

    assert problems == {own.pk: "李局长审批了本人的奖励。", marked.pk: "该奖励尚待审批，却已标记为已审批。"}
