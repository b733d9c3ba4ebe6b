"""Care rules respect category and series (issue 18 rule 4): a rule names the ladder it compares within and the
people it applies to, so "辅警之星及以上 → 执勤津贴系数" never makes a 民警 eligible through 最美民警 — through the
service and through the page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.care import services
from qunying.care.models import Entitlement, EntitlementRule
from qunying.honours.models import AwardType
from tests.care.helpers import days_ago, rule
from tests.factories import HonourFactory, PersonFactory


def test_a_rule_on_an_auxiliary_title_counts_no_police_title(tree):
    allowance = rule("辅警之星执勤津贴系数", kind="allowance_multiplier", value=1.2, award_type=_award("aux_star"))
    police = PersonFactory(unit=tree["station_a"], category="police", name="龚民警")
    auxiliary = PersonFactory(unit=tree["station_a"], category="auxiliary", name="褚辅警")
    HonourFactory(person=police, award_type="most_beautiful_police", awarded_on=days_ago(40))
    HonourFactory(person=auxiliary, award_type="aux_star", awarded_on=days_ago(40))

    services.run_eligibility()

    assert allowance.person_category == "auxiliary"
    assert set(Entitlement.objects.filter(rule=allowance).values_list("person__name", flat=True)) == {"褚辅警"}


def test_a_rule_on_an_auxiliary_title_cannot_apply_to_police(tree):
    with pytest.raises(ValidationError) as refused:
        rule(
            "辅警之星民警津贴",
            kind="allowance_multiplier",
            value=1.2,
            award_type=_award("aux_star"),
            person_category="police",
        )

    assert "仅限辅警" in str(refused.value.message_dict["person_category"])
    assert not EntitlementRule.objects.filter(name="辅警之星民警津贴").exists()


def test_a_rule_for_police_counts_only_police_honours_on_an_open_ladder(tree):
    praise = rule(
        "表扬津贴", kind="allowance_amount", value=100, award_type=_award("public_praise"), person_category="police"
    )
    police = PersonFactory(unit=tree["station_a"], category="police", name="龚民警")
    auxiliary = PersonFactory(unit=tree["station_a"], category="auxiliary", name="褚辅警")
    HonourFactory(person=police, award_type="public_praise", awarded_on=days_ago(20))
    HonourFactory(person=auxiliary, award_type="aux_star", awarded_on=days_ago(20))

    services.run_eligibility()

    assert set(Entitlement.objects.filter(rule=praise).values_list("person__name", flat=True)) == {"龚民警"}


def test_the_rule_page_refuses_a_crossed_rule_and_the_list_names_ladder_and_people(client, role_user):
    client.force_login(role_user(Role.CARE_OFFICER))
    form = {
        "name": "辅警之星津贴",
        "kind": "allowance_multiplier",
        "value": "1.2",
        "award_type": _award("aux_star").pk,
        "person_category": "police",
        "within_years": 5,
        "validity_days": 365,
        "yearly_quota": 0,
        "active": "on",
    }

    refused = client.post(reverse("care:rule_create"), form)
    saved = client.post(reverse("care:rule_create"), form | {"person_category": "anyone"})
    listing = client.get(reverse("care:rule_list")).content.decode()

    assert refused.status_code == 200
    assert "仅限辅警" in refused.content.decode()
    assert saved.status_code == 302
    assert EntitlementRule.objects.get(name="辅警之星津贴").person_category == "auxiliary"
    assert "辅警之星及以上（同属评选称号）" in listing
    assert "仅限辅警" in listing


def _award(code):
    return AwardType.objects.get(code=code)
