"""Reasons in words: structured reasons stored with a signal snapshot or suggestion, rendered in the user's language."""

from django.utils.translation import gettext as _

from qunying.deeds.enums import DutyEventKind
from qunying.honours.enums import IssuerLevel
from qunying.org.enums import PostType


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def describe_one(reason: dict) -> str:
    code = reason.get("code")
    if code == "deeds":
        if reason.get("kind"):
            return _("Verified %(kind)s deeds: %(count)s") % {
                "count": reason["count"],
                "kind": _label(DutyEventKind, reason["kind"]),
            }
        return _("Verified deeds: %(count)s") % {"count": reason["count"]}
    if code == "high_hazard":
        return _("of them at high hazard: %(count)s") % {"count": reason["count"]}
    if code == "honour":
        return _("%(award)s (%(level)s) × %(count)s") % {
            "award": reason["award"],
            "level": _label(IssuerLevel, reason["level"]),
            "count": reason["count"],
        }
    if code == "satisfaction":
        return _("satisfaction in the top %(top)s%% of %(post_type)s officers over %(replies)s replies") % {
            "top": reason["top"],
            "post_type": _label(PostType, reason["post_type"]),
            "replies": reason["replies"],
        }
    if code == "nominations":
        return _("Public nominations: %(count)s") % {"count": reason["count"]}
    if code == "forum_mentions":
        return _("Named at police-citizen forums: %(count)s times") % {"count": reason["count"]}
    if code == "service_years":
        return _("%(years)s years of frontline service") % {"years": reason["years"]}
    return ""


def describe(reasons: list[dict]) -> list[str]:
    return [text for text in (describe_one(reason) for reason in reasons) if text]
