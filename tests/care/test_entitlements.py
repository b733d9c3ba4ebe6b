"""Entitlements: the set-based run, revocation when the honour or tier they rest on goes (and nothing else),
the unit's yearly quota, expiry on the clock, audit entries."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.care import services
from qunying.care.models import CareNotice, Entitlement
from qunying.core.models import AuditEntry
from qunying.honours.models import AwardType
from qunying.honours.services import revoke_honour
from qunying.reserve.services import decide_tier_change, propose_tier
from qunying.reserve.services.tiers import retire_entry
from tests.care.helpers import days_ago, found, reserve_entry, rule
from tests.factories import HonourFactory, IssuerFactory, PersonFactory


@pytest.fixture
def officer(role_user):
    return role_user(Role.POLITICAL_OFFICER)


@pytest.fixture
def leader(role_user):
    return role_user(Role.LEADER)


@pytest.fixture
def care(role_user):
    return role_user(Role.CARE_OFFICER)


def test_run_finds_people_by_tier_and_by_honour_and_is_idempotent(tree, officer, leader, care):
    exemplar = PersonFactory(unit=tree["squad_a"])
    focus = PersonFactory(unit=tree["squad_a"])
    reserve_entry(exemplar, "exemplar", officer=officer, leader=leader)
    reserve_entry(focus, "focus", officer=officer)
    merit = HonourFactory(
        person=PersonFactory(unit=tree["station_b"]),
        award_type="merit_class_3",
        issuer=IssuerFactory(level="city"),
        awarded_on=days_ago(100),
    )
    HonourFactory(person=PersonFactory(unit=tree["station_b"]), award_type="commendation", awarded_on=days_ago(100))
    old = HonourFactory(
        person=PersonFactory(unit=tree["station_b"]),
        award_type="merit_class_3",
        issuer=IssuerFactory(level="city"),
        awarded_on=days_ago(365 * 4),
    )
    retreat = rule("功模休养", min_tier="exemplar")
    points = rule("晋升积分", kind="promotion_points", value=5, award_type=AwardType.objects.get(code="merit_class_3"))

    result = services.run_eligibility(by=care)

    assert set(Entitlement.objects.filter(rule=retreat).values_list("person", flat=True)) == {exemplar.pk}
    assert set(Entitlement.objects.filter(rule=points).values_list("person", flat=True)) == {merit.person_id}
    assert old.person_id not in Entitlement.objects.values_list("person", flat=True)
    assert found(points, merit.person).basis_honour == merit
    assert found(retreat, exemplar).basis_tier == "exemplar"
    assert result["new"] == 2
    assert AuditEntry.objects.filter(action="care.eligibility.run", actor=care).count() == 1

    assert services.run_eligibility(by=care)["new"] == 0
    assert Entitlement.objects.count() == 2


def test_revoking_an_honour_revokes_only_the_entitlements_resting_on_it_and_notifies(tree, officer, care):
    person = PersonFactory(unit=tree["squad_a"], name="赵立功")
    issuer = IssuerFactory(level="city")
    revoked = HonourFactory(person=person, award_type="merit_class_3", issuer=issuer, awarded_on=days_ago(200))
    other_person = PersonFactory(unit=tree["squad_a"])
    kept = HonourFactory(person=other_person, award_type="merit_class_3", issuer=issuer, awarded_on=days_ago(200))
    reserve_entry(person, "focus", officer=officer)
    points = rule("晋升积分", kind="promotion_points", value=5, award_type=AwardType.objects.get(code="merit_class_3"))
    training = rule("培训名额", kind="training", min_tier="focus")
    services.run_eligibility()
    services.grant_entitlement(found(points, person), by=care)

    revoke_honour(
        revoked,
        ground="事迹失实",
        approved_by=officer,
        revoked_on=timezone.localdate(),
        document_number="撤1号",
        by=officer,
    )

    assert found(points, person).status == "revoked"
    assert found(points, other_person).status == "eligible"  # another person's honour: untouched
    assert found(training, person).status == "eligible"  # rests on the tier, not on the honour
    notice = CareNotice.objects.get()
    assert notice.entitlement == found(points, person) and notice.kind == "revoked_honour"
    assert "赵立功" in notice.message
    assert AuditEntry.objects.filter(action="care.entitlement.revoked", object_id=str(notice.entitlement_id)).exists()
    assert kept.status == "active"


def test_lowering_a_tier_revokes_what_needed_the_higher_tier(tree, officer, leader, care):
    person = PersonFactory(unit=tree["squad_a"])
    entry = reserve_entry(person, "exemplar", officer=officer, leader=leader)
    retreat = rule("功模休养", min_tier="exemplar")
    training = rule("培训名额", kind="training", min_tier="focus")
    services.run_eligibility()

    decide_tier_change(
        propose_tier(person=person, to_tier="focus", reason="年终评估降级", by=officer), approve=True, by=leader
    )

    assert found(retreat, person).status == "revoked"
    assert found(training, person).status == "eligible"
    assert CareNotice.objects.get().kind == "revoked_tier"
    assert entry.pk == found(training, person).basis_entry_id


def test_retiring_an_entry_revokes_everything_resting_on_it_at_once(tree, officer, care):
    person = PersonFactory(unit=tree["squad_a"])
    entry = reserve_entry(person, "focus", officer=officer)
    training = rule("培训名额", kind="training", min_tier="focus")
    grassroots = rule("基层类别", kind="promotion_points", value=2, category="grassroots")
    services.run_eligibility()

    retire_entry(entry, reason="调离公安机关", by=officer)

    assert found(training, person).status == "revoked" and found(grassroots, person).status == "revoked"
    assert CareNotice.objects.filter(kind="revoked_tier").count() == 2


def test_a_retired_entry_is_caught_by_the_next_run(tree, officer, care):
    person = PersonFactory(unit=tree["squad_a"])
    entry = reserve_entry(person, "focus", officer=officer)
    training = rule("培训名额", kind="training", min_tier="focus")
    services.run_eligibility()
    type(entry).objects.filter(pk=entry.pk).update(status="retired")  # retired outside decide_tier_change

    result = services.run_eligibility()

    assert result["revoked"] == 1
    assert found(training, person).status == "revoked"
    assert CareNotice.objects.filter(kind="revoked_tier").count() == 1


def test_yearly_quota_per_unit_is_enforced(tree, officer, care):
    people = [PersonFactory(unit=tree["squad_a"]) for _ in range(3)]
    elsewhere = PersonFactory(unit=tree["station_b"])
    for person in [*people, elsewhere]:
        reserve_entry(person, "focus", officer=officer)
    training = rule("培训名额", kind="training", min_tier="focus", yearly_quota=2)
    services.run_eligibility()

    services.grant_entitlement(found(training, people[0]), by=care)
    services.grant_entitlement(found(training, people[1]), by=care)
    with pytest.raises(ValidationError, match=r"名额|quota"):
        services.grant_entitlement(found(training, people[2]), by=care)

    assert found(training, people[2]).status == "eligible"
    services.grant_entitlement(found(training, elsewhere), by=care)  # another unit has its own quota
    assert found(training, elsewhere).status == "granted"
    assert AuditEntry.objects.filter(action="care.entitlement.granted").count() == 3


def test_entitlements_expire_on_the_clock_with_a_notice(tree, officer, care):
    person = PersonFactory(unit=tree["squad_a"])
    reserve_entry(person, "focus", officer=officer)
    training = rule("培训名额", kind="training", min_tier="focus", validity_days=30)
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False) as clock:
        services.run_eligibility()
        entitlement = services.grant_entitlement(found(training, person), by=care)
        assert entitlement.valid_until == datetime.date(2026, 3, 30)

        clock.move_to(datetime.datetime(2026, 3, 30, 10, tzinfo=datetime.UTC))
        assert services.expire_entitlements() == 0
        assert found(training, person).status == "granted"

        clock.move_to(datetime.datetime(2026, 3, 31, 10, tzinfo=datetime.UTC))
        services.run_eligibility()  # the daily task

    assert found(training, person).status == "expired"
    assert CareNotice.objects.get().kind == "expired"
    assert AuditEntry.objects.filter(action="care.entitlement.expired").count() == 1


def test_schedule_and_use_within_validity_and_refuse_bad_dates(tree, officer, care):
    person = PersonFactory(unit=tree["squad_a"])
    reserve_entry(person, "focus", officer=officer)
    training = rule("培训名额", kind="training", min_tier="focus", validity_days=60)
    services.run_eligibility()
    entitlement = services.grant_entitlement(found(training, person), by=care)

    with pytest.raises(ValidationError):
        services.schedule_entitlement(entitlement, on=timezone.localdate() + datetime.timedelta(days=90), by=care)
    with pytest.raises(ValidationError):
        services.mark_entitlement_used(entitlement, on=timezone.localdate() + datetime.timedelta(days=1), by=care)
    services.schedule_entitlement(entitlement, on=timezone.localdate() + datetime.timedelta(days=10), by=care)
    services.mark_entitlement_used(entitlement, on=timezone.localdate(), by=care)
    with pytest.raises(PermissionDenied, match=r"eligible|符合条件"):  # the policy's state: only an eligible one
        services.grant_entitlement(entitlement, by=care)

    entitlement.refresh_from_db()
    assert entitlement.status == "used" and entitlement.used_on == timezone.localdate()
    actions = set(AuditEntry.objects.filter(object_id=str(entitlement.pk)).values_list("action", flat=True))
    assert {"care.entitlement.granted", "care.entitlement.scheduled", "care.entitlement.used"} <= actions


def test_a_care_officer_of_another_unit_may_not_grant(tree, officer, role_user):
    person = PersonFactory(unit=tree["squad_a"])
    reserve_entry(person, "focus", officer=officer)
    training = rule("培训名额", kind="training", min_tier="focus")
    services.run_eligibility()

    with pytest.raises(PermissionDenied):
        services.grant_entitlement(found(training, person), by=role_user(Role.CARE_OFFICER, "station_b"))
    assert found(training, person).status == "eligible"


def test_a_rule_without_a_condition_or_value_is_refused(db, care):
    with pytest.raises(ValidationError) as error:
        rule("空规则", kind="promotion_points", by=care)
    assert {"min_tier", "value"} <= set(error.value.message_dict)
    assert not AuditEntry.objects.filter(action="care.rule.created").exists()


def test_the_daily_task_is_registered_and_runs_the_eligibility_check(tree, officer):
    from qunying.care import tasks
    from qunying.core.periodic import discover

    person = PersonFactory(unit=tree["squad_a"])
    reserve_entry(person, "focus", officer=officer)
    training = rule("培训名额", kind="training", min_tier="focus")

    entry = next(entry for entry in discover() if entry.name == tasks.run_eligibility.module_path)
    result = tasks.run_eligibility.call()

    assert entry.every == datetime.timedelta(days=1)
    assert result["new"] == 1 and found(training, person).status == "eligible"
    assert AuditEntry.objects.get(action="care.eligibility.run").actor is None


def test_grant_is_disabled_with_the_services_reason_once_the_quota_is_used(client, tree, officer, care):
    people = [PersonFactory(unit=tree["squad_a"]) for _ in range(2)]
    for person in people:
        reserve_entry(person, "focus", officer=officer)
    training = rule("培训名额", kind="training", min_tier="focus", yearly_quota=1)
    services.run_eligibility()
    client.force_login(care)
    url = reverse("care:entitlement_detail", args=[found(training, people[1]).pk])
    grant_url = reverse("care:entitlement_grant", args=[found(training, people[1]).pk])

    offered = client.get(url).content.decode()
    services.grant_entitlement(found(training, people[0]), by=care)
    blocked = client.get(url).content.decode()

    assert 'data-grant="blocked"' not in offered and grant_url in offered
    assert 'data-grant="blocked"' in blocked and "培训名额" in blocked and "已用完" in blocked
    assert grant_url not in blocked
