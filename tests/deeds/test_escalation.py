"""Escalation (issue 18 rule 3): when the only verifier of a deed's unit entered it or is named in it, verification
goes to the next unit up, and the deed's page says who verifies it and why it went up."""

from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.deeds import services
from qunying.deeds.enums import DeedStatus
from qunying.deeds.rules import verifiers_of
from tests.deeds.conftest import make_deed


def test_a_deed_entered_by_the_only_manager_goes_to_the_next_unit_up(people, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a", full_name="甲所所长")
    officer = role_user(Role.POLITICAL_OFFICER, full_name="政治处干事")
    deed = make_deed(people["a"], by=manager)

    verifiers = verifiers_of(deed)
    services.verify_deed(deed, by=officer)

    assert verifiers.unit.name == "测试市公安局"
    assert verifiers.users == [officer]
    assert verifiers.escalated and verifiers.passed_over == [manager]
    deed.refresh_from_db()
    assert deed.status == DeedStatus.VERIFIED and deed.verified_by == officer


def test_a_deed_entered_by_someone_else_stays_with_its_unit(people, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    role_user(Role.POLITICAL_OFFICER)

    verifiers = verifiers_of(make_deed(people["squad"]))

    assert verifiers.unit.name == "甲派出所"
    assert verifiers.users == [manager]
    assert not verifiers.escalated


def test_the_deed_page_shows_who_verifies_and_the_escalation(client, people, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a", full_name="甲所所长")
    officer = role_user(Role.POLITICAL_OFFICER, full_name="政治处干事")
    deed = make_deed(people["a"], by=manager)
    client.force_login(officer)

    page = client.get(reverse("deeds:deed_detail", args=[deed.pk])).content.decode()

    assert "测试市公安局：政治处干事" in page
    assert "已提交上级单位核实" in page
    assert "甲所所长" in page
    assert reverse("deeds:deed_decide", args=[deed.pk]) in page
