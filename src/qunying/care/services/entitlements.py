"""Entitlement writes: rules as data, the eligibility run (set-based), grant within the unit's yearly quota,
schedule, mark used, expiry on the clock, notices read, and the eligibility export."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qunying.care.enums import ENTITLEMENT_TRANSITIONS, OPEN_STATUSES, QUOTA_STATUSES, EntitlementStatus, NoticeKind
from qunying.care.models import CareNotice, Entitlement, EntitlementRule
from qunying.care.rules import policy
from qunying.care.services.revocation import revoke_lapsed_bases
from qunying.care.tiers import issuer_levels_at_least, levels_at_least, tiers_at_least
from qunying.core.exports import write_table
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.honours.enums import AwardEligibility, HonourStatus
from qunying.honours.models import Honour
from qunying.honours.services.honours import shift_years
from qunying.org.enums import PersonCategory, PersonStatus
from qunying.reserve.enums import EntryStatus
from qunying.reserve.models import ReserveEntry

RULE_FIELDS = (
    "name",
    "kind",
    "value",
    "min_tier",
    "min_level",
    "category",
    "award_type",
    "min_issuer_level",
    "person_category",
    "within_years",
    "validity_days",
    "yearly_quota",
    "active",
    "description",
)


def check_rule(rule: EntitlementRule) -> None:
    """Whether a rule holds together: the one check of a rule (the form only types the fields and shows these)."""
    errors = {}
    if not rule.name.strip():
        errors["name"] = _("Name the rule.")
    if not rule.needs_tier and not rule.needs_honour:
        errors["min_tier"] = _("A rule needs a reserve condition or an honour condition.")
    if rule.kind in {"promotion_points", "allowance_multiplier", "allowance_amount"} and (
        rule.value is None or rule.value <= 0
    ):
        errors["value"] = _("This entitlement needs a positive value.")
    if rule.validity_days < 1:
        errors["validity_days"] = _("An entitlement is valid for at least one day.")
    if rule.needs_honour and rule.within_years < 1:
        errors["within_years"] = _("Count honours of at least the last year.")
    award, people = rule.award_type, rule.person_category
    restricted = award is not None and award.eligible_category != AwardEligibility.ANYONE
    if restricted and people not in {AwardEligibility.ANYONE, award.eligible_category}:
        message = _("%(award)s is for %(eligible)s only: a rule on it cannot apply to %(category)s.")
        errors["person_category"] = message % {
            "award": award.name,
            "eligible": AwardEligibility(award.eligible_category).label,
            "category": PersonCategory(people).label,
        }
    if EntitlementRule.objects.filter(name=rule.name.strip()).exclude(pk=rule.pk).exists():
        errors["name"] = _("A rule with this name already exists.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_rule(rule: EntitlementRule | None = None, *, by, **fields) -> EntitlementRule:
    """Create a rule (rule=None) or change one; the audit entry lists what changed."""
    policy.require(by, "manage_care")
    created = rule is None
    rule = rule or EntitlementRule()
    before = {name: str(getattr(rule, name, "")) for name in RULE_FIELDS}
    for name, value in fields.items():
        if name not in RULE_FIELDS:
            raise TypeError(name)
        setattr(rule, name, value.strip() if isinstance(value, str) else value)
    # A rule on an award for police or for auxiliaries names those people: it never reaches across the series.
    if rule.person_category == AwardEligibility.ANYONE and rule.award_type is not None:
        rule.person_category = rule.award_type.eligible_category
    check_rule(rule)
    rule.save()
    changes = {name: str(getattr(rule, name)) for name in RULE_FIELDS if str(getattr(rule, name)) != before[name]}
    log_action(rule, "care.rule.created" if created else "care.rule.changed", by=by, data=changes)
    return rule


# --- the eligibility run ---------------------------------------------------------------------------------------------


def eligible_people(rule: EntitlementRule, *, today: datetime.date) -> dict[int, dict]:
    """Who meets `rule` today: person id → {unit, basis_entry, basis_tier, basis_honour}. One query per condition."""
    found: dict[int, dict] | None = None
    if rule.needs_tier:
        entries = ReserveEntry.objects.filter(
            rule.applies_to(), status=EntryStatus.ACTIVE, person__status=PersonStatus.ACTIVE
        )
        if rule.min_tier:
            entries = entries.filter(tier__in=tiers_at_least(rule.min_tier))
        if rule.min_level:
            entries = entries.filter(level__in=levels_at_least(rule.min_level))
        if rule.category:
            entries = entries.filter(category=rule.category)
        found = {
            person: {"unit": unit, "basis_entry": entry, "basis_tier": tier, "basis_honour": None}
            for person, entry, tier, unit in entries.values_list("person_id", "pk", "tier", "person__unit_id")
        }
    if rule.needs_honour:
        honours = Honour.objects.filter(
            rule.applies_to(),
            rule.counted_awards(),
            status=HonourStatus.ACTIVE,
            person__isnull=False,
            person__status=PersonStatus.ACTIVE,
            awarded_on__gt=shift_years(today, -rule.within_years),
            awarded_on__lte=today,
        )
        if rule.min_issuer_level:
            honours = honours.filter(issuer__level__in=issuer_levels_at_least(rule.min_issuer_level))
        latest: dict[int, tuple[int, int]] = {}
        rows = honours.order_by("person_id", "-awarded_on", "-pk").values_list("person_id", "pk", "person__unit_id")
        for person, honour, unit in rows:
            latest.setdefault(person, (honour, unit))
        if found is None:
            found = {
                person: {"unit": unit, "basis_entry": None, "basis_tier": "", "basis_honour": honour}
                for person, (honour, unit) in latest.items()
            }
        else:
            found = {
                person: {**basis, "basis_honour": latest[person][0]}
                for person, basis in found.items()
                if person in latest
            }
    return found or {}


@transaction.atomic
def run_eligibility(*, today: datetime.date | None = None, by=None) -> dict:
    """Find everyone eligible under every rule in use for this year and record them as `eligible` (people already
    holding a live entitlement of the rule this year are left as they are); revoke entitlements whose basis lapsed;
    expire those past their validity. Idempotent: a second run the same day adds nothing."""
    policy.require(by, "manage_care")
    today = today or timezone.localdate()
    year = today.year
    revoked = revoke_lapsed_bases()
    rules = list(EntitlementRule.objects.filter(active=True).select_related("award_type"))
    live = set(
        Entitlement.objects.filter(year=year, status__in=[*OPEN_STATUSES, EntitlementStatus.USED]).values_list(
            "rule_id", "person_id"
        )
    )
    new, per_rule = [], {}
    for rule in rules:
        people = eligible_people(rule, today=today)
        fresh = [
            Entitlement(
                rule=rule,
                person_id=person,
                unit_id=basis["unit"],
                year=year,
                basis_entry_id=basis["basis_entry"],
                basis_tier=basis["basis_tier"] or "",
                basis_honour_id=basis["basis_honour"],
            )
            for person, basis in people.items()
            if (rule.pk, person) not in live
        ]
        new += fresh
        per_rule[rule.pk] = {"eligible": len(people), "new": len(fresh)}
    Entitlement.objects.bulk_create(new)
    expired = expire_entitlements(today=today)
    result = {"year": year, "rules": per_rule, "new": len(new), "revoked": len(revoked), "expired": expired}
    log_action(None, "care.eligibility.run", by=by, data=result)
    return result


# --- grant, schedule, use ------------------------------------------------------------------------------------------


def _locked(entitlement: Entitlement) -> Entitlement:
    return (
        Entitlement.objects.select_for_update(of=("self",))
        .select_related("rule", "person__unit", "unit")
        .get(pk=entitlement.pk)
    )


def quota_left(rule: EntitlementRule, *, unit_id: int, year: int) -> int | None:
    if not rule.yearly_quota:
        return None
    used = Entitlement.objects.filter(rule=rule, unit_id=unit_id, year=year, status__in=QUOTA_STATUSES).count()
    return max(rule.yearly_quota - used, 0)


def grant_problem(entitlement: Entitlement, *, rule: EntitlementRule | None = None, left: int | None = -1) -> str:
    """Why the entitlement cannot be granted now ("" when it can): the unit's yearly quota of the rule is used up.
    The detail page passes the `left` it shows, so its Grant button and grant_entitlement answer alike."""
    rule = rule or entitlement.rule
    if left == -1:
        left = quota_left(rule, unit_id=entitlement.unit_id, year=entitlement.year)
    if left != 0:
        return ""
    return _("The yearly quota of %(rule)s for %(unit)s (%(quota)s) is used up.") % {
        "rule": rule.name,
        "unit": entitlement.unit.name,
        "quota": rule.yearly_quota,
    }


@transaction.atomic
def grant_entitlement(entitlement: Entitlement, *, by, note: str = "") -> Entitlement:
    """Grant an eligible entitlement, valid from today for the rule's days, within the unit's yearly quota."""
    entitlement = _locked(entitlement)
    policy.require(by, "grant_entitlement", entitlement)
    rule = EntitlementRule.objects.select_for_update().get(pk=entitlement.rule_id)  # grants of a rule queue here
    if problem := grant_problem(entitlement, rule=rule):
        raise ValidationError(problem)
    today = timezone.localdate()
    transition(entitlement, EntitlementStatus.GRANTED, ENTITLEMENT_TRANSITIONS)
    entitlement.granted_on = today
    entitlement.valid_until = today + datetime.timedelta(days=rule.validity_days - 1)
    entitlement.note = (note or "").strip()[:300]
    entitlement.save(update_fields=["status", "granted_on", "valid_until", "note"])
    log_action(entitlement, "care.entitlement.granted", by=by, data={"valid_until": entitlement.valid_until})
    return entitlement


@transaction.atomic
def schedule_entitlement(entitlement: Entitlement, *, on: datetime.date, by) -> Entitlement:
    """Set (or move) the date a granted entitlement will be taken up, within its validity."""
    entitlement = _locked(entitlement)
    policy.require(by, "schedule_entitlement", entitlement)
    if on < timezone.localdate() or on > entitlement.valid_until:
        raise ValidationError({"on": _("Choose a date from today until %(date)s.") % {"date": entitlement.valid_until}})
    transition(entitlement, EntitlementStatus.SCHEDULED, ENTITLEMENT_TRANSITIONS)
    entitlement.scheduled_for = on
    entitlement.save(update_fields=["status", "scheduled_for"])
    log_action(entitlement, "care.entitlement.scheduled", by=by, data={"on": on})
    return entitlement


@transaction.atomic
def mark_entitlement_used(entitlement: Entitlement, *, on: datetime.date, by) -> Entitlement:
    entitlement = _locked(entitlement)
    policy.require(by, "use_entitlement", entitlement)
    if on > timezone.localdate() or on < entitlement.granted_on or on > entitlement.valid_until:
        raise ValidationError(
            {
                "on": _("Choose a date from %(start)s until %(end)s, not in the future.")
                % {"start": entitlement.granted_on, "end": entitlement.valid_until}
            }
        )
    transition(entitlement, EntitlementStatus.USED, ENTITLEMENT_TRANSITIONS)
    entitlement.used_on = on
    entitlement.save(update_fields=["status", "used_on"])
    log_action(entitlement, "care.entitlement.used", by=by, data={"on": on})
    return entitlement


@transaction.atomic
def expire_entitlements(*, today: datetime.date | None = None) -> int:
    """Granted or scheduled entitlements whose validity ended before `today` expire, each with a notice."""
    today = today or timezone.localdate()
    due = Entitlement.objects.select_for_update(of=("self",)).filter(
        status__in=[EntitlementStatus.GRANTED, EntitlementStatus.SCHEDULED], valid_until__lt=today
    )
    count = 0
    for entitlement in due.select_related("person", "rule"):
        transition(entitlement, EntitlementStatus.EXPIRED, ENTITLEMENT_TRANSITIONS)
        entitlement.closed_reason = _("Not used by %(date)s.") % {"date": entitlement.valid_until}
        entitlement.save(update_fields=["status", "closed_reason"])
        CareNotice.objects.create(
            kind=NoticeKind.EXPIRED,
            entitlement=entitlement,
            person=entitlement.person,
            message=_("%(person)s: %(rule)s (%(year)s) expired unused on %(date)s.")
            % {
                "person": entitlement.person.name,
                "rule": entitlement.rule.name,
                "year": entitlement.year,
                "date": entitlement.valid_until,
            },
        )
        log_action(entitlement, "care.entitlement.expired", by=None, data={"valid_until": entitlement.valid_until})
        count += 1
    return count


@transaction.atomic
def mark_notice_read(notice: CareNotice, *, by) -> CareNotice:
    notice = CareNotice.objects.select_for_update(of=("self",)).select_related("person__unit").get(pk=notice.pk)
    policy.require(by, "read_notice", notice)
    notice.read_at, notice.read_by = timezone.now(), by
    notice.save(update_fields=["read_at", "read_by"])
    log_action(notice, "care.notice.read", by=by, data={"entitlement": notice.entitlement_id})
    return notice


# --- export ---------------------------------------------------------------------------------------------------------

# For HR and finance: the file is Chinese whatever the UI language, so headers are not translated.
ELIGIBILITY_COLUMNS = (
    ("姓名", 12),
    ("警号", 10),
    ("单位", 18),
    ("待遇", 16),
    ("规则", 20),
    ("数值", 8),
    ("年度", 6),
    ("状态", 8),
    ("依据", 28),
    ("有效期至", 12),
    ("安排日期", 12),
    ("使用日期", 12),
)


def _row(entitlement: Entitlement) -> list:
    basis = []
    if entitlement.basis_tier:
        basis.append(entitlement.get_basis_tier_display())
    if entitlement.basis_honour_id:
        honour = entitlement.basis_honour
        basis.append(f"{honour.awarded_on:%Y-%m-%d} {honour.award_type.name}（{honour.issuer.cited_name}）")
    return [
        entitlement.person.name,
        entitlement.person.badge_number,
        entitlement.unit.name,
        entitlement.rule.get_kind_display(),
        entitlement.rule.name,
        entitlement.rule.value,
        entitlement.year,
        entitlement.get_status_display(),
        "；".join(basis),
        entitlement.valid_until,
        entitlement.scheduled_for,
        entitlement.used_on,
    ]


def export_entitlements(entitlements, target, *, by, filters: dict) -> int:
    """Write the eligibility list (already scoped and filtered) and record the export."""
    with translation.override("zh-hans"):
        rows = (_row(entitlement) for entitlement in entitlements.iterator(chunk_size=2000))
        count = write_table(rows, columns=ELIGIBILITY_COLUMNS, sheet_name="待遇资格名单", target=target)
    shown = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None, False)}
    log_action(None, "care.entitlements.exported", by=by, data={"filters": shown, "rows": count})
    return count
