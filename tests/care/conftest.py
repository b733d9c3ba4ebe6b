"""Care fixtures: a care officer over the bureau and one record of every kind for a person of a unit."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from qunying.accounts.enums import Role
from qunying.care import services
from qunying.care.models import CareNotice, Entitlement
from qunying.honours.models import AwardType
from qunying.honours.services import revoke_honour
from tests.care.helpers import days_ago, reserve_entry, rule
from tests.factories import HonourFactory, PersonFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def care(role_user):
    return role_user(Role.CARE_OFFICER)


def png(name="photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def make_records(tree, role_user, care):
    """`make_records(unit_name, name)` → dict of one record of each kind about a new person of that unit."""
    officer = role_user(Role.POLITICAL_OFFICER)
    hospital = services.save_hospital(by=care, name="测试合作医院", response_hours=24, active=True)
    training = rule("培训名额", kind="training", min_tier="focus")
    praise = rule(
        "表扬津贴", kind="allowance_amount", value=100, award_type=AwardType.objects.get(code="public_praise")
    )

    def make(unit="squad_a", name="钱关爱"):
        person = PersonFactory(unit=tree[unit], name=name)
        honour = HonourFactory(person=person, award_type="commendation", awarded_on=days_ago(60))
        reserve_entry(person, "focus", officer=officer)
        praised = HonourFactory(person=person, award_type="public_praise", awarded_on=days_ago(30))
        services.run_eligibility()
        entitlement = Entitlement.objects.get(person=person, rule=training)
        event = services.record_health_event(
            person=person, kind="hospitalised", occurred_on=days_ago(1), details="骨折住院治疗", by=care
        )
        case = services.open_case(person=person, kind="family_schooling", description="子女入学困难", by=care)
        referral = services.request_referral(person=person, hospital=hospital, purpose="康复理疗预约", by=care)
        delivery_honour = HonourFactory(person=person, award_type="most_beautiful_police", awarded_on=days_ago(50))
        delivery = services.record_delivery(
            delivery_honour, method="at_post", delivered_on=days_ago(40), delivered_by="所长", photo=png(), by=care
        )
        services.run_eligibility()
        revoke_honour(
            praised, ground="撤销", approved_by=officer, revoked_on=days_ago(0), document_number="撤", by=officer
        )
        return {
            "person": person,
            "honour": honour,
            "entitlement": entitlement,
            "visit": event.visits.get(),
            "event": event,
            "case": case,
            "referral": referral,
            "delivery": delivery,
            "hospital": hospital,
            "rule": training,
            "notice": CareNotice.objects.get(person=person),
            "revoked": Entitlement.objects.get(person=person, rule=praise),
        }

    return make
