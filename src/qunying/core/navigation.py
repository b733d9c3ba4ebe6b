"""The main navigation: each entry shows to the users who hold its permission (rules decide, not templates)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str | None  # None: every signed-in user
    icon: str


NAVIGATION = [
    NavItem(_("Home"), "core:home", None, "house"),
    NavItem(_("Organisation"), "org:unit_tree", "org.view_unit_tree", "diagram-3"),
    NavItem(_("People"), "org:person_list", "org.view_people", "people"),
    NavItem(_("Party branches"), "branches:branch_list", "branches.view_branch_list", "flag"),
    NavItem(_("Citizen ratings"), "feedback:dashboard", "feedback.view_ratings", "chat-square-heart"),
    NavItem(_("My ratings"), "feedback:my_ratings", "feedback.view_own_ratings", "hand-thumbs-up"),
    NavItem(_("SMS simulator"), "feedback:simulator", "feedback.use_simulator", "chat-dots"),
    NavItem(_("Deeds"), "deeds:deed_list", "deeds.view_deeds", "star"),
    NavItem(_("Duty events"), "deeds:event_list", "deeds.view_events", "calendar-event"),
    NavItem(_("Police-citizen forums"), "deeds:forum_list", "deeds.view_forums", "chat-square-text"),
    NavItem(_("Public nominations"), "deeds:nomination_list", "deeds.triage_nominations", "envelope-paper"),
    NavItem(_("Honours"), "honours:honour_list", "honours.view_honours", "award"),
    NavItem(_("Award catalogue"), "honours:award_type_list", "honours.manage_catalogue", "list-stars"),
    NavItem(_("My record"), "org:my_profile", "org.view_own_record", "person-badge"),
    NavItem(_("User management"), "accounts:user_list", "accounts.manage_users", "people"),
    NavItem(_("API tokens"), "accounts:api_token_list", "accounts.manage_api_tokens", "key"),
    NavItem(_("Role assignments"), "accounts:role_list", "accounts.manage_roles", "shield-lock"),
    NavItem(_("Audit log"), "core:audit_list", "core.view_audit_log", "journal-text"),
]


def navigation_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [
        {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name, "icon": item.icon}
        for item in NAVIGATION
        if item.permission is None or user.has_perm(item.permission)
    ]
