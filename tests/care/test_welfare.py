"""Welfare services: cases reviewed monthly, the green channel's response, consent, hospitals — each write audited,
each refusal changing nothing."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.care import services
from qunying.care.models import AssistanceCase, CareConsent, MedicalReferral
from qunying.care.services.welfare import next_month
from qunying.core.models import AuditEntry
from tests.factories import PersonFactory


def actions_on(obj) -> list[str]:
    entries = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
    return list(entries.order_by("pk").values_list("action", flat=True))


def test_a_case_is_reviewed_monthly_until_closed(tree, care):
    person = PersonFactory(unit=tree["squad_a"])
    with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC), tick=False):
        case = services.open_case(person=person, kind="family_employment", description="配偶失业", by=care)
        assert case.next_review_on == datetime.date(2026, 2, 28)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        services.add_case_step(case, description="联系人社局推荐岗位", review=True, by=care)
    case.refresh_from_db()
    assert case.status == "in_progress" and case.next_review_on == datetime.date(2026, 4, 2)

    with pytest.raises(ValidationError):
        services.close_case(case, resolved=True, outcome=" ", by=care)
    services.close_case(case, resolved=True, outcome="配偶已在社区就业", by=care)
    case.refresh_from_db()
    assert case.status == "resolved" and case.next_review_on is None and case.outcome == "配偶已在社区就业"
    with pytest.raises(PermissionDenied):  # a closed case takes no more steps (care.add_case_step's state)
        services.add_case_step(case, description="再次回访", by=care)
    assert actions_on(case) == ["care.case.opened", "care.case.reviewed", "care.case.closed"]


def test_next_month_keeps_the_day_or_takes_the_last_day():
    assert next_month(datetime.date(2026, 1, 31)) == datetime.date(2026, 2, 28)
    assert next_month(datetime.date(2026, 12, 15)) == datetime.date(2027, 1, 15)


def test_a_referral_for_a_family_member_runs_to_completion(tree, care):
    hospital = services.save_hospital(by=care, name="合作医院甲", response_hours=12, active=True)
    person = PersonFactory(unit=tree["squad_a"])

    with pytest.raises(ValidationError) as error:
        services.request_referral(person=person, hospital=hospital, purpose="", for_family=True, by=care)
    assert {"purpose", "family_member"} <= set(error.value.message_dict)
    referral = services.request_referral(
        person=person, hospital=hospital, purpose="心脏复查", for_family=True, family_member="父亲", by=care
    )
    assert referral.due_at - referral.requested_at == datetime.timedelta(hours=12)
    with pytest.raises(ValidationError):
        services.close_referral(referral, completed=True, outcome="已复查", by=care)  # not arranged yet
    services.arrange_referral(referral, appointment_on=timezone.localdate(), by=care)
    services.close_referral(referral, completed=True, outcome="已复查，无异常", by=care)

    referral = MedicalReferral.objects.get(pk=referral.pk)
    assert referral.status == "completed" and referral.family_member == "父亲" and referral.responded_at
    assert actions_on(referral) == ["care.referral.requested", "care.referral.arranged", "care.referral.closed"]


def test_consent_is_recorded_and_changed_with_audit(tree, care):
    person = PersonFactory(unit=tree["squad_a"])
    services.record_consent(person=person, status="given", by=care)
    services.record_consent(person=person, status="withdrawn", note="本人撤回", by=care)
    with pytest.raises(ValidationError):
        services.record_consent(person=person, status="maybe", by=care)

    consent = CareConsent.objects.get(person=person)
    assert consent.status == "withdrawn" and consent.note == "本人撤回"
    assert AuditEntry.objects.filter(action="care.consent.recorded").count() == 2


def test_hospitals_need_a_name_and_a_target(db, care):
    with pytest.raises(ValidationError) as error:
        services.save_hospital(by=care, name=" ", response_hours=0, active=True)
    assert {"name", "response_hours"} <= set(error.value.message_dict)
    hospital = services.save_hospital(by=care, name="合作医院乙", response_hours=24, active=True)
    with pytest.raises(ValidationError):
        services.save_hospital(by=care, name="合作医院乙", response_hours=24, active=True)
    services.save_hospital(hospital, by=care, active=False)
    hospital.refresh_from_db()
    assert not hospital.active
    assert [a for a in actions_on(hospital)] == ["care.hospital.created", "care.hospital.changed"]


def test_care_officers_of_another_unit_cannot_write_about_a_person(tree, role_user):
    person = PersonFactory(unit=tree["squad_a"])
    outsider = role_user(Role.CARE_OFFICER, "station_b")
    with pytest.raises(PermissionDenied):
        services.open_case(person=person, kind="family_schooling", description="入学", by=outsider)
    with pytest.raises(PermissionDenied):
        services.record_health_event(
            person=person, kind="hospitalised", occurred_on=timezone.localdate(), details="", by=outsider
        )
    assert not AssistanceCase.objects.exists()
