"""Nominations: quotas, eligibility, scope."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qunying.campaigns import services
from qunying.campaigns.enums import Phase
from qunying.campaigns.queries import nominations_visible_to
from qunying.core.models import AuditEntry
from tests.campaigns.conftest import move
from tests.factories import HonourFactory, PersonFactory
from tests.honours.conftest import verified_deed


def test_a_unit_manager_nominates_within_their_subtree(campaign, aux, role_user):
    manager = role_user("unit_manager", "station_a")
    nomination = services.nominate(campaign=campaign, person=aux["squad"], statement="疫情卡点连续执勤", by=manager)
    assert nomination.unit == aux["squad"].unit and nomination.nominated_by == manager
    assert AuditEntry.objects.filter(action="campaigns.nomination.create", object_id=str(nomination.pk)).count() == 1
    with pytest.raises(PermissionDenied):
        services.nominate(campaign=campaign, person=aux["b"], statement="x", by=manager)


def test_unit_quota_and_duplicates_are_refused(types, aux, role_user):
    campaign = services.open_campaign(campaign_type=types["aux_star"], day=datetime.date(2024, 9, 2), by=None)
    officer = role_user("political_officer")
    services.nominate(campaign=campaign, person=aux["b"], statement="事迹", by=officer)
    with pytest.raises(ValidationError) as error:
        services.nominate(campaign=campaign, person=aux["b2"], statement="事迹", by=officer)
    assert "名额" in " ".join(error.value.messages)
    with pytest.raises(ValidationError):
        services.nominate(campaign=campaign, person=aux["b"], statement="事迹", by=officer)
    assert campaign.nominations.count() == 1


def test_eligibility_category_status_and_discipline_hold(campaign, aux, tree, role_user):
    officer = role_user("political_officer")
    police = PersonFactory(unit=tree["station_a"])
    with pytest.raises(ValidationError):
        services.nominate(campaign=campaign, person=police, statement="事迹", by=officer)
    retired = PersonFactory(unit=tree["station_a"], category="auxiliary", police_rank="", status="retired")
    with pytest.raises(ValidationError):
        services.nominate(campaign=campaign, person=retired, statement="事迹", by=officer)
    services.place_hold(person=aux["a"], reason="正在接受调查", by=officer)
    with pytest.raises(ValidationError) as error:
        services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    assert "纪律" in " ".join(error.value.messages)
    assert campaign.nominations.count() == 0


def test_deeds_already_rewarded_at_the_same_grade_within_a_year_are_refused(campaign, types, aux, role_user):
    officer = role_user("political_officer")
    deed = verified_deed(aux["a"], date=datetime.date(2024, 7, 1))
    HonourFactory(
        person=aux["a"],
        award_type="aux_star",
        issuer=types["aux_star"].issuer,
        awarded_on=datetime.date(2024, 8, 1),
        deeds=[deed],
    )
    with pytest.raises(ValidationError) as error:
        services.nominate(campaign=campaign, person=aux["a"], statement="事迹", deeds=[deed], by=officer)
    assert any("同等或更高" in p for p in error.value.messages)
    # 辅警标兵 ranks below 辅警之星 on the ladder: the same deeds are still barred (a higher grade was won).
    assert services.eligibility_problems(campaign=campaign, person=aux["a"], deeds=[]) == []


def test_nominations_close_with_the_phase(campaign, aux, role_user):
    move(campaign, Phase.JUDGING)
    with pytest.raises(PermissionDenied, match="推荐阶段"):
        services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=role_user("political_officer"))


def test_nominations_of_another_unit_do_not_leak(campaign, aux, role_user):
    officer = role_user("political_officer")
    services.nominate(campaign=campaign, person=aux["a"], statement="事迹", by=officer)
    services.nominate(campaign=campaign, person=aux["b"], statement="事迹", by=officer)
    manager_b = role_user("unit_manager", "station_b")
    assert [n.person for n in nominations_visible_to(manager_b)] == [aux["b"]]
    assert nominations_visible_to(role_user("member")).count() == 0
    assert nominations_visible_to(role_user("judge")).count() == 0
