"""Automatic revocation: entitlements resting on a revoked honour or a lowered/retired reserve tier are revoked,
each with a notice to the care officers. Registered with the honours and reserve hooks; the eligibility run repeats
the tier check so a retirement that bypasses the hook is caught by the next run."""

from django.db.models import Q
from django.utils.translation import gettext as _

from qunying.care.enums import ENTITLEMENT_TRANSITIONS, OPEN_STATUSES, EntitlementStatus, NoticeKind
from qunying.care.models import CareNotice, Entitlement
from qunying.care.tiers import tiers_at_least
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.reserve.enums import EntryStatus, Tier


def revoke_entitlements(entitlements, *, kind: str, reason: str) -> list[Entitlement]:
    """Revoke each open entitlement of `entitlements` with a notice and an audit entry (by the system)."""
    revoked = []
    for entitlement in entitlements.filter(status__in=OPEN_STATUSES).select_related("person", "rule"):
        transition(entitlement, EntitlementStatus.REVOKED, ENTITLEMENT_TRANSITIONS)
        entitlement.closed_reason = reason[:300]
        entitlement.save(update_fields=["status", "closed_reason"])
        CareNotice.objects.create(
            kind=kind,
            entitlement=entitlement,
            person=entitlement.person,
            message=_("%(person)s: %(rule)s (%(year)s) was revoked. %(reason)s")
            % {
                "person": entitlement.person.name,
                "rule": entitlement.rule.name,
                "year": entitlement.year,
                "reason": reason,
            },
        )
        log_action(entitlement, "care.entitlement.revoked", by=None, data={"kind": kind, "reason": reason})
        revoked.append(entitlement)
    return revoked


def revoke_resting_on_honour(honour) -> list[Entitlement]:
    """Registered with honours.services.on_honour_revoked: runs inside the revoking transaction."""
    reason = _("The honour %(award)s of %(date)s it rested on was revoked.") % {
        "award": honour.award_type.name,
        "date": honour.awarded_on,
    }
    return revoke_entitlements(
        Entitlement.objects.filter(basis_honour=honour), kind=NoticeKind.REVOKED_HONOUR, reason=reason
    )


def _below_rule_tier(tier: str) -> Q:
    """Entitlements whose rule asks for a higher tier than `tier` (or for any tier, when `tier` is blank)."""
    allowed = [rule_tier for rule_tier in Tier.values if tier and tier in tiers_at_least(rule_tier)]
    return Q(rule__min_tier__gt="") & ~Q(rule__min_tier__in=allowed)


def revoke_resting_on_tier(entry, from_tier: str, to_tier: str) -> list[Entitlement]:
    """Registered with reserve.services.on_tier_changed: a lowered tier revokes what needed the higher one; a retired
    entry (`to_tier` "") revokes everything resting on it."""
    if not to_tier:
        return revoke_entitlements(
            Entitlement.objects.filter(basis_entry=entry),
            kind=NoticeKind.REVOKED_TIER,
            reason=_("The reserve entry it rested on is no longer active."),
        )
    if not from_tier or to_tier in tiers_at_least(from_tier):
        return []  # raised or unchanged: nothing rested on a tier it no longer holds
    reason = _("The reserve tier it rested on was lowered to %(tier)s.") % {"tier": Tier(to_tier).label}
    return revoke_entitlements(
        Entitlement.objects.filter(_below_rule_tier(to_tier), basis_entry=entry),
        kind=NoticeKind.REVOKED_TIER,
        reason=reason,
    )


def revoke_lapsed_bases() -> list[Entitlement]:
    """The run's safety net: bases retired, declined or lowered without the hook, or honours revoked earlier."""
    revoked = revoke_entitlements(
        Entitlement.objects.filter(basis_entry__isnull=False).exclude(basis_entry__status=EntryStatus.ACTIVE),
        kind=NoticeKind.REVOKED_TIER,
        reason=_("The reserve entry it rested on is no longer active."),
    )
    for tier in Tier.values:
        revoked += revoke_entitlements(
            Entitlement.objects.filter(_below_rule_tier(tier), basis_entry__tier=tier),
            kind=NoticeKind.REVOKED_TIER,
            reason=_("The reserve tier it rested on was lowered to %(tier)s.") % {"tier": Tier(tier).label},
        )
    revoked += revoke_entitlements(
        Entitlement.objects.filter(basis_honour__status="revoked"),
        kind=NoticeKind.REVOKED_HONOUR,
        reason=_("The honour it rested on was revoked."),
    )
    return revoked
