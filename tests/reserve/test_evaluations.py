"""Year-end evaluation: set-based rounds, consolidation/training checks, recording, approval by the tier rules
(approved outcomes change the tier through the tier service), progress, scope, export, closing."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.org.timeline import timeline_for
from qunying.reserve.models import AnnualEvaluation, EvaluationRound, ReserveEntry
from qunying.reserve.queries import evaluations_visible_to, round_progress
from qunying.reserve.services import retire_entry
from qunying.reserve.services.evaluations import (
    add_new_entries,
    close_round,
    decide_evaluation,
    open_round,
    record_evaluation,
)
from tests.factories import PersonFactory
from tests.reserve.conftest import admit

YEAR = timezone.localdate().year


def record(evaluation, by, outcome="keep", **changes):
    data = {
        "method": "talk",
        "evaluator": "政治处 王科长",
        "findings": "表现良好",
        "outcome": outcome,
        "check_note": "参加培训班",
    }
    return record_evaluation(evaluation, by=by, **{**data, **changes})


def evaluation_of(entry):
    return AnnualEvaluation.objects.select_related("entry").get(entry=entry)


@pytest.fixture
def entries(tree, officer, leader):
    """An old exemplar (since three years ago), a new exemplar, a focus person, a reserve of station_b."""
    old = admit(PersonFactory(unit=tree["squad_a"], name="老典型"), "exemplar", officer, leader)
    ReserveEntry.objects.filter(pk=old.pk).update(since=datetime.date(YEAR - 3, 6, 1))
    new = admit(PersonFactory(unit=tree["squad_a"], name="新典型"), "exemplar", officer, leader)
    focus = admit(PersonFactory(unit=tree["station_a"], name="重点对象"), "focus", officer)
    other = admit(PersonFactory(unit=tree["station_b"], name="乙所储备"), "reserve", officer)
    return {"old": old, "new": new, "focus": focus, "other": other}


def test_opening_a_round_creates_one_evaluation_per_active_entry_with_its_check(tree, officer, entries):
    retired = admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer)
    retire_entry(retired, reason="调离", by=officer)

    evaluation_round = open_round(year=YEAR, unit=tree["bureau"], by=officer)

    checks = dict(evaluation_round.evaluations.values_list("entry__person__name", "check_kind"))
    assert checks == {"老典型": "consolidation", "新典型": "training", "重点对象": "training", "乙所储备": "training"}
    audit = AuditEntry.objects.get(action="reserve.round.opened")
    assert audit.data["due"] == 4


def test_opening_rounds_is_for_the_political_department_once_a_year(tree, officer, role_user, entries):
    with pytest.raises(ValidationError):
        open_round(year=YEAR, unit=tree["station_a"], by=role_user(Role.UNIT_MANAGER, "station_a"))
    with pytest.raises(ValidationError):
        open_round(year=YEAR, unit=tree["station_a"], by=officer)  # a station is not a political department
    with pytest.raises(ValidationError):
        open_round(year=YEAR + 1, unit=tree["bureau"], by=officer)
    open_round(year=YEAR, unit=tree["bureau"], by=officer)
    with pytest.raises(ValidationError):
        open_round(year=YEAR, unit=tree["bureau"], by=officer)
    assert EvaluationRound.objects.count() == 1 and AnnualEvaluation.objects.count() == 4


def test_a_unit_manager_cannot_approve_an_exemplar_tier_outcome(tree, officer, leader, role_user, entries):
    open_round(year=YEAR, unit=tree["bureau"], by=officer)
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    evaluation = record(evaluation_of(entries["focus"]), manager, outcome="upgrade")

    for refused in (manager, officer):
        with pytest.raises(PermissionDenied, match="局领导"):
            decide_evaluation(evaluation, approve=True, by=refused)
    assert ReserveEntry.objects.get(pk=entries["focus"].pk).tier == "focus"

    decide_evaluation(evaluation, approve=True, note="同意升为典型", by=leader)

    entry = ReserveEntry.objects.get(pk=entries["focus"].pk)
    assert entry.tier == "exemplar"
    change = entry.tier_changes.order_by("-pk").first()
    assert (change.from_tier, change.to_tier, change.status, change.decided_by) == (
        "focus",
        "exemplar",
        "approved",
        leader,
    )
    assert f"{YEAR}" in change.reason and "表现良好" in change.reason
    approved = AuditEntry.objects.get(action="reserve.evaluation.approved")
    assert approved.data["tier_change"] == change.pk


def test_downgrading_or_keeping_an_exemplar_is_a_leaders_decision(tree, officer, leader, entries):
    open_round(year=YEAR, unit=tree["bureau"], by=officer)
    down = record(evaluation_of(entries["old"]), officer, outcome="downgrade")
    keep = record(evaluation_of(entries["new"]), officer, outcome="keep")
    with pytest.raises(PermissionDenied):
        decide_evaluation(down, approve=True, by=officer)
    with pytest.raises(PermissionDenied):
        decide_evaluation(keep, approve=True, by=officer)

    decide_evaluation(down, approve=True, by=leader)
    decide_evaluation(keep, approve=True, by=leader)

    assert ReserveEntry.objects.get(pk=entries["old"].pk).tier == "focus"
    assert ReserveEntry.objects.get(pk=entries["new"].pk).tier == "exemplar"


def test_a_reserve_keep_is_approved_by_the_political_department(tree, officer, leader, entries):
    open_round(year=YEAR, unit=tree["bureau"], by=officer)
    evaluation = record(evaluation_of(entries["other"]), officer)
    with pytest.raises(PermissionDenied):
        decide_evaluation(evaluation, approve=True, by=leader)
    decide_evaluation(evaluation, approve=True, by=officer)
    assert AnnualEvaluation.objects.get(pk=evaluation.pk).status == "approved"


def test_an_approved_retire_outcome_retires_the_entry(tree, officer, entries):
    open_round(year=YEAR, unit=tree["bureau"], by=officer)
    evaluation = record(evaluation_of(entries["other"]), officer, outcome="retire", findings="已调离一线")

    decide_evaluation(evaluation, approve=True, by=officer)

    entry = ReserveEntry.objects.get(pk=entries["other"].pk)
    assert entry.status == "retired" and "已调离一线" in entry.retired_reason
    assert AuditEntry.objects.filter(action="reserve.entry.retired", object_id=str(entry.pk)).exists()


@pytest.mark.parametrize(
    ("who", "outcome", "changes", "field"),
    [
        ("old", "upgrade", {}, "outcome"),  # no tier above 典型
        ("other", "downgrade", {}, "outcome"),  # below 储备 is retiring
        ("other", "keep", {"method": "letter"}, "method"),
        ("other", "keep", {"findings": " "}, "findings"),
        ("other", "keep", {"check_note": ""}, "check_note"),
        ("other", "promote", {}, "outcome"),
    ],
)
def test_bad_evaluation_input_is_refused(tree, officer, entries, who, outcome, changes, field):
    open_round(year=YEAR, unit=tree["bureau"], by=officer)
    with pytest.raises(ValidationError) as error:
        record(evaluation_of(entries[who]), officer, outcome=outcome, **changes)
    assert field in error.value.error_dict
    assert evaluation_of(entries[who]).status == "due"


def test_returning_needs_a_reason_and_a_returned_evaluation_is_recorded_again(tree, officer, entries):
    open_round(year=YEAR, unit=tree["bureau"], by=officer)
    evaluation = record(evaluation_of(entries["other"]), officer)
    with pytest.raises(ValidationError):
        decide_evaluation(evaluation, approve=False, note=" ", by=officer)
    decide_evaluation(evaluation, approve=False, note="座谈记录不全", by=officer)
    assert AnnualEvaluation.objects.get(pk=evaluation.pk).status == "returned"

    record(evaluation, officer, findings="补充了座谈记录")

    assert AnnualEvaluation.objects.get(pk=evaluation.pk).status == "recorded"


def test_progress_per_unit_and_closing_only_when_done(tree, officer, leader, entries):
    evaluation_round = open_round(year=YEAR, unit=tree["bureau"], by=officer)
    decide_evaluation(record(evaluation_of(entries["other"]), officer), approve=True, by=officer)
    retire_entry(entries["focus"], reason="调离", by=officer)  # withdraws its evaluation

    progress = {row["unit"]: (row["done"], row["due"]) for row in round_progress(evaluation_round.evaluations.all())}

    assert progress == {"甲所一中队": (0, 2), "甲派出所": (1, 1), "乙派出所": (1, 1)}
    with pytest.raises(ValidationError, match="2"):
        close_round(evaluation_round, by=officer)
    for name in ("old", "new"):
        decide_evaluation(record(evaluation_of(entries[name]), officer), approve=True, by=leader)
    close_round(evaluation_round, by=officer)
    assert EvaluationRound.objects.get().status == "closed"
    with pytest.raises(PermissionDenied):
        record(evaluation_of(entries["old"]), officer)


def test_a_round_is_seen_through_the_users_scope(client, tree, officer, role_user, entries):
    evaluation_round = open_round(year=YEAR, unit=tree["bureau"], by=officer)
    manager = role_user(Role.UNIT_MANAGER, "station_b")
    client.force_login(manager)

    assert [e.entry.person.name for e in evaluations_visible_to(manager)] == ["乙所储备"]
    page = client.get(reverse("reserve:round_detail", args=[evaluation_round.pk])).content.decode()
    assert "乙所储备" in page and "老典型" not in page and "甲所一中队" not in page
    assert client.get(reverse("reserve:evaluation_detail", args=[evaluation_of(entries["old"]).pk])).status_code == 404
    response = client.get(reverse("reserve:round_export", args=[evaluation_round.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["乙所储备"]
    assert client.get(reverse("reserve:round_open")).status_code == 403


def test_recording_and_deciding_through_the_pages(client, tree, officer, leader, role_user, entries):
    open_round(year=YEAR, unit=tree["bureau"], by=officer)
    evaluation = evaluation_of(entries["focus"])
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    client.force_login(manager)
    response = client.post(
        reverse("reserve:evaluation_record", args=[evaluation.pk]),
        {"method": "forum", "evaluator": "所长", "findings": "群众好评", "check_note": "已培训", "outcome": "upgrade"},
    )
    assert response.status_code == 302
    assert (
        client.post(reverse("reserve:evaluation_decide", args=[evaluation.pk]), {"decision": "approve"}).status_code
        == 403
    )

    client.force_login(officer)  # a political officer decides evaluations, but not this one: told who does, no button
    page = client.get(reverse("reserve:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert "局领导" in page and reverse("reserve:evaluation_decide", args=[evaluation.pk]) not in page
    response = client.post(reverse("reserve:evaluation_decide", args=[evaluation.pk]), {"decision": "approve"})
    assert response.status_code == 403

    client.force_login(leader)
    response = client.post(reverse("reserve:evaluation_decide", args=[evaluation.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert ReserveEntry.objects.get(pk=entries["focus"].pk).tier == "exemplar"
    assert any(f"{YEAR}" in event.title for event in timeline_for(entries["focus"].person))


def test_bad_round_input_gives_messages_not_errors(client, tree, officer):
    client.force_login(officer)
    response = client.post(reverse("reserve:round_open"), {"year": "abc", "unit": tree["bureau"].pk})
    assert response.status_code == 200
    response = client.post(reverse("reserve:round_open"), {"year": YEAR, "unit": tree["station_a"].pk})
    assert response.status_code == 200
    assert not EvaluationRound.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_round_pages_query_count_does_not_grow(client, tree, officer, django_assert_num_queries, count):
    for _index in range(count):
        admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer)
    evaluation_round = open_round(year=YEAR, unit=tree["bureau"], by=officer)
    client.force_login(officer)

    with django_assert_num_queries(13):
        response = client.get(reverse("reserve:round_detail", args=[evaluation_round.pk]))
    assert len(response.context["page"].object_list) == count

    with django_assert_num_queries(10):
        response = client.get(reverse("reserve:round_list"))
    assert response.context["page"].object_list[0].due == count


@pytest.mark.parametrize("count", [1, 3])
def test_round_list_query_count_does_not_grow_with_rounds(client, tree, officer, django_assert_num_queries, count):
    admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer)
    for offset in range(count):
        open_round(year=YEAR - offset, unit=tree["bureau"], by=officer)
    client.force_login(officer)

    with django_assert_num_queries(10):
        response = client.get(reverse("reserve:round_list"))

    assert [r.due for r in response.context["page"].object_list] == [1] * count


def test_recording_returning_and_closing_are_audited(tree, officer):
    entry = admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer)
    evaluation_round = open_round(year=YEAR, unit=tree["bureau"], by=officer)
    evaluation = record(evaluation_of(entry), officer)
    decide_evaluation(evaluation, approve=False, note="补充材料", by=officer)
    decide_evaluation(record(evaluation, officer), approve=True, by=officer)

    close_round(evaluation_round, by=officer)

    actions = list(
        AuditEntry.objects.filter(action__startswith="reserve.")
        .exclude(action__startswith="reserve.tier")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reserve.round.opened",
        "reserve.evaluation.recorded",
        "reserve.evaluation.returned",
        "reserve.evaluation.recorded",
        "reserve.evaluation.approved",
        "reserve.round.closed",
    ]
    assert AuditEntry.objects.get(action="reserve.evaluation.returned").data["note"] == "补充材料"


def test_people_admitted_after_opening_join_the_round_once(client, tree, officer, role_user):
    admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer)
    evaluation_round = open_round(year=YEAR, unit=tree["bureau"], by=officer)
    late = admit(PersonFactory(unit=tree["station_b"], name="新入库"), "reserve", officer)
    with pytest.raises(PermissionDenied):
        add_new_entries(evaluation_round, by=role_user(Role.UNIT_MANAGER, "station_b"))
    client.force_login(officer)

    client.post(reverse("reserve:round_add_entries", args=[evaluation_round.pk]))
    client.post(reverse("reserve:round_add_entries", args=[evaluation_round.pk]))

    assert evaluation_round.evaluations.count() == 2
    assert evaluation_of(late).check_kind == "training"
    assert [
        a.data["added"] for a in AuditEntry.objects.filter(action="reserve.round.entries_added").order_by("pk")
    ] == [
        1,
        0,
    ]


def test_evaluations_awaiting_follow_the_tier_rules(client, tree, officer, leader, role_user, entries):
    from qunying.reserve.queries import evaluations_awaiting

    open_round(year=YEAR, unit=tree["bureau"], by=officer)
    upgrade = record(evaluation_of(entries["focus"]), officer, outcome="upgrade")
    keep_exemplar = record(evaluation_of(entries["old"]), officer)
    keep_reserve = record(evaluation_of(entries["other"]), officer)

    assert set(evaluations_awaiting(leader)) == {upgrade, keep_exemplar}
    assert set(evaluations_awaiting(officer)) == {keep_reserve}
    assert list(evaluations_awaiting(role_user(Role.LEADER, "station_b"))) == []
    client.force_login(leader)
    page = client.get(reverse("reserve:awaiting")).content.decode()
    assert "重点对象" in page and "老典型" in page and "乙所储备" not in page
