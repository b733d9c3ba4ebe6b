"""The navigation each role sees: rules decide, the template only lists."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.navigation import navigation_for

ADMIN_ENTRIES = {"accounts:user_list", "accounts:role_list", "core:audit_list"}
EXPECTED = {
    Role.SYS_ADMIN: {"core:home", "accounts:user_list", "accounts:api_token_list"},
    Role.SECURITY_ADMIN: {"core:home", "accounts:role_list"},
    Role.AUDIT_ADMIN: {"core:home", "core:audit_list"},
}


@pytest.mark.parametrize("role", list(Role))
def test_navigation_matches_the_role(role_user, role):
    user = role_user(role)

    entries = {item["url_name"] for item in navigation_for(user)}

    assert "core:home" in entries
    if role in EXPECTED:
        assert entries == EXPECTED[role]
    else:
        assert not entries & ADMIN_ENTRIES


def test_navigation_is_rendered_on_the_home_page(client, role_user):
    client.force_login(role_user(Role.AUDIT_ADMIN))

    page = client.get(reverse("core:home")).content.decode()

    assert f'href="{reverse("core:audit_list")}"' in page
    assert f'href="{reverse("accounts:user_list")}"' not in page


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("core:home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_menu_groups_entries_and_shows_a_lone_entry_flat(role_user):
    from qunying.core.navigation import navigation_menu_for

    officer_menu = navigation_menu_for(role_user(Role.POLITICAL_OFFICER))
    auditor_menu = navigation_menu_for(role_user(Role.AUDIT_ADMIN))

    groups = {
        str(entry["label"]): [item["url_name"] for item in entry["children"]]
        for entry in officer_menu
        if "children" in entry
    }
    assert groups["组织"] == ["org:unit_tree", "org:person_list", "branches:branch_list"]
    assert "deeds:deed_list" in groups["挖掘"]
    assert [entry.get("url_name") for entry in auditor_menu] == ["core:home", "core:audit_list"]


def test_menu_renders_groups_as_dropdowns(client, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    page = client.get(reverse("core:home")).content.decode()

    assert 'class="nav-link dropdown-toggle' in page
    assert f'class="dropdown-item" href="{reverse("deeds:deed_list")}"' in page


def test_single_entries_are_plain_links_not_dropdowns(client, role_user):
    client.force_login(role_user(Role.AUDIT_ADMIN))

    page = client.get(reverse("core:home")).content.decode()

    assert "dropdown-toggle" not in page.split('id="qy-nav"')[1].split("navbar-nav ms-auto")[0].split("</ul>")[0]
