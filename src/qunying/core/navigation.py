"""The main navigation: each entry shows to the users who hold its permission (rules decide, not templates).
Entries are grouped by stage of the work; a group with one visible entry shows as that entry alone."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.core.todo import todo_count


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str | None  # None: every signed-in user
    icon: str
    todo: str = ""  # a to-do item's key (core.todo): its count shows beside the entry


@dataclass(frozen=True)
class NavGroup:
    label: str | Promise
    icon: str
    items: tuple[NavItem, ...]


NAVIGATION = [
    NavItem(_("Home"), "core:home", None, "house"),
    NavGroup(
        pgettext_lazy("navigation", "Reports"),
        "bar-chart",
        (
            NavItem(_("Dashboard"), "reports:dashboard", "reports.view_dashboard", "speedometer2"),
            NavItem(_("Yearly figures"), "reports:figures", "reports.view_figures", "123"),
            NavItem(_("Annual summary"), "reports:summary", "reports.download_summary", "file-earmark-word"),
        ),
    ),
    NavGroup(
        pgettext_lazy("navigation", "Organisation"),
        "diagram-3",
        (
            NavItem(_("Organisation"), "org:unit_tree", "org.view_unit_tree", "diagram-3"),
            NavItem(_("People"), "org:person_list", "org.view_people", "people"),
            NavItem(_("Party branches"), "branches:branch_list", "branches.view_branch_list", "flag"),
        ),
    ),
    NavGroup(
        pgettext_lazy("navigation", "Discovery"),
        "search",
        (
            NavItem(_("Deeds"), "deeds:deed_list", "deeds.view_deeds", "star"),
            NavItem(_("Duty events"), "deeds:event_list", "deeds.view_events", "calendar-event"),
            NavItem(_("Police-citizen forums"), "deeds:forum_list", "deeds.view_forums", "chat-square-text"),
            NavItem(_("Public nominations"), "deeds:nomination_list", "deeds.triage_nominations", "envelope-paper"),
            NavItem(_("Citizen ratings"), "feedback:dashboard", "feedback.view_ratings", "chat-square-heart"),
            NavItem(_("SMS simulator"), "feedback:simulator", "feedback.use_simulator", "chat-dots"),
            NavItem(_("Suggestions"), "discovery:suggestion_list", "discovery.view_suggestions", "lightbulb"),
        ),
    ),
    NavGroup(
        pgettext_lazy("navigation", "Cultivation"),
        "stars",
        (
            NavItem(_("Exemplar reserve"), "reserve:entry_list", "reserve.view_reserve", "stars"),
            NavItem(_("Practice activities"), "reserve:activity_list", "reserve.view_activities", "megaphone"),
            NavItem(_("Guidance visits"), "reserve:visit_list", "reserve.view_visits", "signpost-split"),
            NavItem(_("Year-end evaluation"), "reserve:round_list", "reserve.view_rounds", "clipboard-check"),
            NavItem(_("Selection campaigns"), "campaigns:campaign_list", "campaigns.view_campaigns", "trophy"),
            NavItem(_("Campaign results"), "campaigns:my_notices", "campaigns.view_own_notices", "envelope"),
        ),
    ),
    NavGroup(
        pgettext_lazy("navigation", "Honours"),
        "award",
        (
            NavItem(_("Honours"), "honours:honour_list", "honours.view_honours", "award"),
            NavItem(_("Award catalogue"), "honours:award_type_list", "honours.manage_catalogue", "list-stars"),
        ),
    ),
    NavGroup(
        pgettext_lazy("navigation", "Publicity"),
        "megaphone",
        (
            NavItem(_("Stories"), "publicity:story_list", "publicity.view_stories", "journal-richtext"),
            NavItem(_("Columns"), "publicity:column_list", "publicity.read_columns", "book"),
            NavItem(_("Media placements"), "publicity:placement_list", "publicity.view_outreach", "broadcast"),
            NavItem(_("Outreach events"), "publicity:event_list", "publicity.view_outreach", "mic"),
            NavItem(_("Publicity plans"), "publicity:plan_list", "publicity.view_plans", "calendar3"),
            NavItem(_("Imported articles"), "publicity:article_list", "publicity.view_article_imports", "newspaper"),
        ),
    ),
    NavGroup(
        pgettext_lazy("navigation", "Care"),
        "heart",
        (
            NavItem(_("Care dashboard"), "care:dashboard", "care.view_care", "heart"),
            NavItem(_("Eligibility and entitlements"), "care:entitlement_list", "care.view_care", "gift"),
            NavItem(_("Award deliveries"), "care:delivery_list", "care.view_care", "award"),
            NavItem(_("Welfare visits"), "care:visit_list", "care.view_care", "house-heart"),
            NavItem(_("Assistance cases"), "care:case_list", "care.view_care", "people"),
            NavItem(_("Medical green channel"), "care:referral_list", "care.view_care", "hospital"),
        ),
    ),
    NavItem(_("My record"), "org:my_profile", "org.view_own_record", "person-badge"),
    NavItem(_("My care records"), "care:my_records", "care.view_own_records", "heart"),
    NavItem(_("My ratings"), "feedback:my_ratings", "feedback.view_own_ratings", "hand-thumbs-up"),
    NavItem(_("My reviews"), "campaigns:review_list", "campaigns.score", "clipboard-check", todo="campaigns.score"),
    NavGroup(
        pgettext_lazy("navigation", "System"),
        "gear",
        (
            NavItem(_("User management"), "accounts:user_list", "accounts.manage_users", "people"),
            NavItem(_("API tokens"), "accounts:api_token_list", "accounts.manage_api_tokens", "key"),
            NavItem(_("Role assignments"), "accounts:role_list", "accounts.manage_roles", "shield-lock"),
            NavItem(_("Audit log"), "core:audit_list", "core.view_audit_log", "journal-text"),
        ),
    ),
]


def _entry(item: NavItem, user) -> dict:
    entry = {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name, "icon": item.icon}
    if item.todo:
        entry["count"] = todo_count(user, item.todo)
    return entry


def _visible(user, item: NavItem) -> bool:
    return item.permission is None or user.has_perm(item.permission)


def navigation_menu_for(user) -> list[dict]:
    """The menu bar: entries, and groups as {"label", "icon", "children"} when two or more of their entries show."""
    if not user.is_authenticated:
        return []
    menu = []
    for node in NAVIGATION:
        if isinstance(node, NavItem):
            if _visible(user, node):
                menu.append(_entry(node, user))
            continue
        items = [_entry(item, user) for item in node.items if _visible(user, item)]
        if len(items) == 1:
            menu.append(items[0])
        elif items:
            menu.append({"label": node.label, "icon": node.icon, "children": items})
    return menu


def navigation_for(user) -> list[dict]:
    """Every entry the user may open, flat (the home page lists them as cards)."""
    flat = []
    for entry in navigation_menu_for(user):
        flat.extend(entry.get("children", [entry]))
    return flat
