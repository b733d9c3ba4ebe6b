"""Manual judge assignment page: adding and removing judges by hand, conflicts still refused, phase and role
permissions, scope, bad input, audit entries and a flat query count."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.models import JudgeAssignment
from qunying.core.models import AuditEntry
from tests.campaigns.conftest import move
from tests.factories import PersonFactory


@pytest.fixture
def nominations(campaign, aux, role_user):
    officer = role_user("political_officer")
    return {
        key: services.nominate(campaign=campaign, person=aux[key], statement="事迹", by=officer) for key in ("a", "b")
    }


def page(campaign):
    return reverse("campaigns:assignments", args=[campaign.pk])


def test_an_officer_assigns_and_removes_a_judge_through_the_page(client, campaign, nominations, role_user):
    officer, judge = role_user("political_officer"), role_user("judge", full_name="评委张")
    client.force_login(officer)
    listing = client.get(page(campaign)).content.decode()
    assert "辅警甲" in listing and "评委张" in listing
    response = client.post(page(campaign), {"action": "add", "nomination": nominations["a"].pk, "judge": judge.pk})
    assert response.status_code == 302
    assignment = JudgeAssignment.objects.get(nomination=nominations["a"], judge=judge)
    assert AuditEntry.objects.filter(action="campaigns.judge.assign", object_id=str(assignment.pk)).exists()
    assert "已分配评委" in client.get(page(campaign)).content.decode()
    client.post(page(campaign), {"action": "remove", "assignment": assignment.pk})
    assert not JudgeAssignment.objects.exists()
    entry = AuditEntry.objects.get(action="campaigns.judge.unassign")
    assert entry.object_id == str(nominations["a"].pk) and entry.data["judge"] == judge.pk


def test_a_judge_from_the_nominees_unit_subtree_is_refused(client, campaign, tree, nominations, aux, role_user):
    officer, judge = role_user("political_officer"), role_user("judge")
    PersonFactory(user=judge, unit=tree["station_a"])  # the judge serves in 甲派出所
    squad = services.nominate(campaign=campaign, person=aux["squad"], statement="事迹", by=officer)
    client.force_login(officer)
    for nomination in (nominations["a"], squad):
        client.post(page(campaign), {"action": "add", "nomination": nomination.pk, "judge": judge.pk})
    client.post(page(campaign), {"action": "add", "nomination": nominations["b"].pk, "judge": judge.pk})
    assert list(JudgeAssignment.objects.values_list("nomination", flat=True)) == [nominations["b"].pk]
    assert "被提名人在评委本单位工作" in client.get(page(campaign)).content.decode()


def test_a_submitted_review_is_not_removed(campaign, nominations, role_user):
    officer, judge = role_user("political_officer"), role_user("judge")
    assignment = services.assign_judge(nomination=nominations["a"], judge=judge, by=officer)
    move(campaign, Phase.JUDGING)
    services.submit_scores(assignment=assignment, abstain=True, by=judge)
    with pytest.raises(ValidationError, match="已提交的评审不能移除"):
        services.unassign_judge(assignment=assignment, by=officer)
    assert JudgeAssignment.objects.filter(pk=assignment.pk).exists()


@pytest.mark.parametrize(
    ("role", "phase", "allowed"),
    [
        ("political_officer", Phase.NOMINATING, True),
        ("political_officer", Phase.JUDGING, True),
        ("political_officer", Phase.DECIDING, False),
        ("political_officer", Phase.CLOSED, False),
        ("leader", Phase.JUDGING, False),
        ("unit_manager", Phase.NOMINATING, False),
        ("judge", Phase.JUDGING, False),
        ("member", Phase.JUDGING, False),
    ],
)
def test_assignment_page_permissions_by_role_and_phase(client, campaign, nominations, role_user, role, phase, allowed):
    judge = role_user("judge")
    user = role_user(role)
    move(campaign, phase)
    client.force_login(user)
    assert client.get(page(campaign)).status_code == (200 if allowed else (404 if role == "member" else 403))
    client.post(page(campaign), {"action": "add", "nomination": nominations["b"].pk, "judge": judge.pk})
    assert JudgeAssignment.objects.exists() == allowed


def test_a_station_officer_sees_and_changes_only_their_stations_nominations(client, campaign, nominations, role_user):
    bureau, judge = role_user("political_officer"), role_user("judge")
    theirs = services.assign_judge(nomination=nominations["a"], judge=judge, by=bureau)
    client.force_login(role_user("political_officer", "station_b"))
    listing = client.get(page(campaign)).content.decode()
    assert "辅警丙" in listing and "辅警甲" not in listing
    assert client.post(page(campaign), {"action": "remove", "assignment": theirs.pk}).status_code == 404
    client.post(page(campaign), {"action": "add", "nomination": nominations["a"].pk, "judge": judge.pk})
    assert list(JudgeAssignment.objects.all()) == [theirs]


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add", "nomination": "abc", "judge": "1"},
        {"action": "add"},
        {"action": "remove", "assignment": "x"},
        {"action": "remove", "assignment": "99999"},
    ],
)
def test_bad_input_changes_nothing(client, campaign, nominations, role_user, data):
    client.force_login(role_user("political_officer"))
    response = client.post(page(campaign), data)
    assert response.status_code in (302, 404)
    assert not JudgeAssignment.objects.exists()


def test_a_non_judge_is_refused(client, campaign, nominations, role_user):
    client.force_login(role_user("political_officer"))
    leader = role_user("leader")
    client.post(page(campaign), {"action": "add", "nomination": nominations["a"].pk, "judge": leader.pk})
    assert not JudgeAssignment.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_assignment_page_query_count_does_not_grow(client, campaign, tree, role_user, django_assert_num_queries, count):
    officer = role_user("political_officer")
    judges = [role_user("judge") for _ in range(2)]
    campaign.campaign_type.quota_per_unit = 10
    campaign.campaign_type.save(update_fields=["quota_per_unit"])
    for person in PersonFactory.create_batch(count, unit=tree["squad_a"], category="auxiliary", police_rank=""):
        nomination = services.nominate(campaign=campaign, person=person, statement="事迹", by=officer)
        for judge in judges:
            services.assign_judge(nomination=nomination, judge=judge, by=officer)
    client.force_login(officer)
    with django_assert_num_queries(
        15
    ):  # 13 and the judges as 姓名（单位）: their roles with units, for the list and the picker
        response = client.get(page(campaign))
    assert len(response.context["page"].object_list) == count


def test_a_station_officer_balances_only_their_stations_nominations(campaign, nominations, role_user):
    judges = [role_user("judge") for _ in range(3)]
    made = services.balance_judges(campaign=campaign, judges=judges, by=role_user("political_officer", "station_b"))
    assert {a.nomination_id for a in made} == {nominations["b"].pk}
    assert not JudgeAssignment.objects.filter(nomination=nominations["a"]).exists()


def test_the_filters_and_the_excel_export_keep_the_scope(client, campaign, tree, nominations, aux, role_user):
    import io

    import openpyxl

    officer = role_user("political_officer")
    judges = [role_user("judge", full_name=f"评委{i}") for i in range(3)]
    for judge in judges:
        services.assign_judge(nomination=nominations["b"], judge=judge, by=officer)
    client.force_login(officer)
    short = client.get(page(campaign), {"short": "on"}).context["page"].object_list
    assert [n.pk for n in short] == [nominations["a"].pk]  # 辅警丙 has the three judges it needs
    assert [n.pk for n in client.get(page(campaign), {"q": "丙"}).context["page"].object_list] == [nominations["b"].pk]
    response = client.get(reverse("campaigns:assignments_export", args=[campaign.pk]), {"q": "丙"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    judges = "、".join(f"评委{n}（测试市公安局）" for n in range(3))  # 姓名（单位）, never a login
    assert rows[0][0] == "被推荐人" and rows[1][:3] == ("辅警丙", "乙派出所", judges) and len(rows) == 2
    assert AuditEntry.objects.filter(action="campaigns.judge.export").count() == 1
    client.force_login(role_user("political_officer", "station_b"))
    response = client.get(reverse("campaigns:assignments_export", args=[campaign.pk]))
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    assert [row[0] for row in rows[1:]] == ["辅警丙"]  # station A's nominee stays out
    client.force_login(role_user("unit_manager"))
    assert client.get(reverse("campaigns:assignments_export", args=[campaign.pk])).status_code == 403
