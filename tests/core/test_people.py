"""People as 姓名（单位） on the audit page, never a login; the audit data as a readable table."""

from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.people import person_label
from qunying.core.services import log_action


def test_person_label_names_the_unit_not_the_login(role_user):
    officer = role_user(Role.POLITICAL_OFFICER, full_name="张华")

    assert person_label(officer) == f"张华（{officer.role_assignments.get().unit.name}）"
    assert person_label(None) == "系统"


def test_the_audit_page_shows_people_and_data_as_words(client, role_user):
    officer = role_user(Role.POLITICAL_OFFICER, full_name="张华")
    log_action(None, "campaigns.campaign.advance", by=officer, data={"winners": [3, 4], "released": True})
    client.force_login(role_user(Role.AUDIT_ADMIN))

    page = client.get(reverse("core:audit_list")).content.decode()

    assert f"张华（{officer.role_assignments.get().unit.name}）" in page
    assert "3、4" in page and "是" in page
    assert "{&#x27;winners&#x27;" not in page and "{'winners'" not in page
