"""The care policy (care.rules): role × unit × state → allowed, the same answer for a page, a list and a service."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from qunying.care import services
from qunying.care.enums import CaseStatus, EntitlementStatus, ReferralStatus, VisitStatus
from qunying.care.models import AssistanceCase, Entitlement, MedicalReferral, PartnerHospital, WelfareVisit
from qunying.care.queries import deliverable_honours, entitlements_visible_to
from qunying.care.rules import policy
from qunying.care.services.revocation import revoke_entitlements
from qunying.core.roles import Role
from qunying.honours.models import Honour
from tests.care.helpers import rule
from tests.factories import HonourFactory, PersonFactory

TODAY = datetime.date(2026, 5, 4)


@pytest.fixture
def person(tree):
    return PersonFactory(unit=tree["squad_a"], name="钱关爱")


@pytest.fixture
def records(person, care):
    """One record of each kind with a status, about a person of squad_a (statuses set per test)."""
    hospital = PartnerHospital.objects.create(name="合作医院", response_hours=24)
    now = timezone.now()
    return {
        "entitlement": Entitlement.objects.create(
            rule=rule("培训名额", kind="training", min_tier="focus"), person=person, unit=person.unit, year=2026
        ),
        "visit": WelfareVisit.objects.create(person=person, reason="festival", due_on=TODAY, recorded_by=care),
        "case": AssistanceCase.objects.create(
            person=person, kind="family_schooling", description="入学", opened_on=TODAY, recorded_by=care
        ),
        "referral": MedicalReferral.objects.create(
            person=person,
            purpose="复查",
            hospital=hospital,
            requested_at=now,
            due_at=now + datetime.timedelta(hours=24),
            recorded_by=care,
        ),
    }


E, V, C, R = EntitlementStatus, VisitStatus, CaseStatus, ReferralStatus


@pytest.mark.parametrize(
    ("action", "record", "status", "allowed"),
    [
        ("grant_entitlement", "entitlement", E.ELIGIBLE, True),
        ("grant_entitlement", "entitlement", E.GRANTED, False),
        ("grant_entitlement", "entitlement", E.REVOKED, False),
        ("schedule_entitlement", "entitlement", E.ELIGIBLE, False),
        ("schedule_entitlement", "entitlement", E.GRANTED, True),
        ("schedule_entitlement", "entitlement", E.SCHEDULED, True),  # another date
        ("schedule_entitlement", "entitlement", E.USED, False),
        ("use_entitlement", "entitlement", E.GRANTED, True),
        ("use_entitlement", "entitlement", E.SCHEDULED, True),
        ("use_entitlement", "entitlement", E.EXPIRED, False),
        ("complete_visit", "visit", V.PLANNED, True),
        ("complete_visit", "visit", V.DONE, False),
        ("cancel_visit", "visit", V.PLANNED, True),
        ("cancel_visit", "visit", V.CANCELLED, False),
        ("add_case_step", "case", C.OPEN, True),
        ("add_case_step", "case", C.IN_PROGRESS, True),
        ("add_case_step", "case", C.RESOLVED, False),
        ("close_case", "case", C.IN_PROGRESS, True),
        ("close_case", "case", C.CLOSED, False),
        ("arrange_referral", "referral", R.REQUESTED, True),
        ("arrange_referral", "referral", R.ARRANGED, False),
        ("close_referral", "referral", R.REQUESTED, True),
        ("close_referral", "referral", R.ARRANGED, True),
        ("close_referral", "referral", R.COMPLETED, False),
    ],
)
def test_each_step_by_the_record_state(records, role_user, action, record, status, allowed):
    obj = records[record]
    type(obj).objects.filter(pk=obj.pk).update(status=status)
    obj.refresh_from_db()
    user = role_user(Role.CARE_OFFICER, "station_a")

    assert user.has_perm(f"care.{action}", obj) is allowed
    assert policy.filter(user, action, type(obj).objects.all()).exists() is allowed


@pytest.mark.parametrize(
    ("role", "unit", "allowed"),
    [
        (Role.CARE_OFFICER, "bureau", True),
        (Role.CARE_OFFICER, "station_a", True),
        (Role.CARE_OFFICER, "squad_a", True),
        (Role.CARE_OFFICER, "station_b", False),
        (Role.POLITICAL_OFFICER, "bureau", False),  # health and family details are need-to-know
        (Role.LEADER, "bureau", False),
        (Role.UNIT_MANAGER, "station_a", False),
        (Role.MEMBER, "squad_a", False),
    ],
)
def test_care_records_by_role_and_unit(records, person, role_user, role, unit, allowed):
    user = role_user(role, unit)

    for record in ("entitlement", "visit", "case", "referral"):
        obj = records[record]
        assert user.has_perm(f"care.view_{record}", obj) is allowed, record
    assert user.has_perm("care.grant_entitlement", records["entitlement"]) is allowed
    assert user.has_perm("care.plan_visit", person) is allowed
    assert entitlements_visible_to(user).exists() is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.grant_entitlement(records["entitlement"], by=user)
        with pytest.raises(PermissionDenied):
            services.plan_visit(person=person, reason="festival", due_on=TODAY, by=user)


def test_a_step_refused_by_state_is_refused_by_the_service_with_the_reason(records, care):
    Entitlement.objects.filter(pk=records["entitlement"].pk).update(status=E.USED)

    with pytest.raises(PermissionDenied, match=r"eligible|符合条件"):
        services.grant_entitlement(records["entitlement"], by=care)
    with pytest.raises(PermissionDenied):  # the system too follows the transitions map
        services.grant_entitlement(records["entitlement"], by=None)


@pytest.mark.parametrize(
    ("role", "unit", "subject", "allowed"),
    [
        (Role.CARE_OFFICER, "station_a", "person", True),
        (Role.CARE_OFFICER, "station_a", "collective", True),  # the collective unit is squad_a itself
        (Role.CARE_OFFICER, "station_b", "person", False),
        (Role.CARE_OFFICER, "station_b", "collective", False),
        (Role.POLITICAL_OFFICER, "bureau", "person", False),
    ],
)
def test_recording_a_delivery_by_the_honours_subject(tree, person, role_user, role, unit, subject, allowed):
    if subject == "person":
        honour = HonourFactory(person=person, awarded_on=TODAY - datetime.timedelta(days=40))
    else:
        honour = HonourFactory(person=None, unit=tree["squad_a"], awarded_on=TODAY - datetime.timedelta(days=40))
    user = role_user(role, unit)

    assert user.has_perm("care.record_delivery", honour) is allowed
    assert deliverable_honours(user).filter(pk=honour.pk).exists() is allowed


def test_a_revoked_honour_has_no_delivery_to_record(person, care):
    honour = HonourFactory(person=person, awarded_on=TODAY - datetime.timedelta(days=40))
    Honour.objects.filter(pk=honour.pk).update(status="revoked", revoked_on=TODAY)
    honour.refresh_from_db()

    assert not care.has_perm("care.record_delivery", honour)
    assert not deliverable_honours(care).exists()
    with pytest.raises(PermissionDenied):
        services.record_delivery(honour, method="at_post", delivered_on=TODAY, delivered_by="所长", by=care)


def test_a_notice_is_marked_read_once(records, care):
    records["entitlement"].status = E.GRANTED
    records["entitlement"].save(update_fields=["status"])
    revoke_entitlements(Entitlement.objects.all(), kind="revoked_tier", reason="层级下调")
    notice = records["entitlement"].notices.get()

    assert care.has_perm("care.read_notice", notice)
    services.mark_notice_read(notice, by=care)
    notice.refresh_from_db()
    assert notice.read_by == care and not care.has_perm("care.read_notice", notice)
    with pytest.raises(PermissionDenied):
        services.mark_notice_read(notice, by=care)
