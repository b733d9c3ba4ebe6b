"""Care policy: care officers keep the care records of the people of their units (by the person's current unit; an
honour by its holder's unit or, for a collective honour, by the unit itself), every officer reads their own, and
each step asks the record's state that the transitions maps (care.enums) allow it from — declared once; the
permissions, the lists (care.queries) and the service checks derive from it.

Health and family details are need-to-know: political officers, leaders, unit managers and the 三员 get no care page."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.care.enums import (
    CASE_TRANSITIONS,
    ENTITLEMENT_TRANSITIONS,
    REFERRAL_TRANSITIONS,
    VISIT_TRANSITIONS,
    CaseStatus,
    EntitlementStatus,
    ReferralStatus,
    VisitStatus,
)
from qunying.core.policy import Policy, anywhere, over
from qunying.core.roles import Role
from qunying.honours.enums import HonourStatus

CARE_ROLES = (Role.CARE_OFFICER,)
# A care record follows its person's current unit; an honour its holder's unit, or the collective unit itself.
PERSON_UNIT = "person__unit"
HONOUR_SUBJECT = ("person__unit", "unit")
DELIVERY_SUBJECT = ("honour__person__unit", "honour__unit")

KEEPER = _("Only a care officer over the person's unit keeps their care records.")
CONFIGURATION = _("Only care officers keep the entitlement rules, the partner hospitals and the eligibility run.")


def reaching(transitions: dict, *targets: str) -> Q:
    """The states from which `transitions` allows a move to one of `targets`: the state condition of that step."""
    wanted = set(targets)
    return Q(status__in=sorted(state for state, allowed in transitions.items() if wanted & set(allowed)))


policy = Policy("care")

# --- the care pages and the bureau-wide configuration (rules, hospitals, the eligibility run) -------------------------
policy.action("view_care", anywhere(*CARE_ROLES), reason=KEEPER)
policy.action("manage_care", anywhere(*CARE_ROLES), reason=CONFIGURATION)
policy.action("view_own_records", anywhere(Role.MEMBER))

# --- people (org.Person) and units (org.Unit) -----------------------------------------------------------------------
policy.action("view_unit_care", over(*CARE_ROLES, unit=""), reason=KEEPER)
policy.action("view_person_care", over(*CARE_ROLES), reason=KEEPER)
policy.action("record_consent", over(*CARE_ROLES), reason=KEEPER)
policy.action("record_health_event", over(*CARE_ROLES), reason=KEEPER)
policy.action("plan_visit", over(*CARE_ROLES), reason=KEEPER)
policy.action("open_case", over(*CARE_ROLES), reason=KEEPER)
policy.action("request_referral", over(*CARE_ROLES), reason=KEEPER)

# The care ledger's history (功模休养 and training places used, visits made) imported from a bureau's files: the page
# for care officers, then each row on its person like the pages (a care officer over the person's unit).
policy.action("import_care_ledger", anywhere(*CARE_ROLES), reason=KEEPER)
policy.action("record_ledger", over(*CARE_ROLES), reason=KEEPER)

# --- entitlements and their notices ----------------------------------------------------------------------------------
policy.action("view_entitlement", over(*CARE_ROLES, unit=PERSON_UNIT), reason=KEEPER)
policy.action(
    "grant_entitlement",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=reaching(ENTITLEMENT_TRANSITIONS, EntitlementStatus.GRANTED),
    reason=_("Only an eligible entitlement is granted, by a care officer over the person's unit."),
)
policy.action(
    "schedule_entitlement",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=reaching(ENTITLEMENT_TRANSITIONS, EntitlementStatus.SCHEDULED),
    reason=_("Only a granted or scheduled entitlement is given a date, by a care officer over the person's unit."),
)
policy.action(
    "use_entitlement",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=reaching(ENTITLEMENT_TRANSITIONS, EntitlementStatus.USED),
    reason=_("Only a granted or scheduled entitlement is marked used, by a care officer over the person's unit."),
)
policy.action("view_notice", over(*CARE_ROLES, unit=PERSON_UNIT), reason=KEEPER)
policy.action(
    "read_notice",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=Q(read_at__isnull=True),
    reason=_("This notice has already been marked as read."),
)

# --- award deliveries (asked of the delivery, or of the honours.Honour awaiting one) ---------------------------------
policy.action("view_delivery", over(*CARE_ROLES, unit=DELIVERY_SUBJECT), reason=KEEPER)
policy.action(
    "record_delivery",
    over(*CARE_ROLES, unit=HONOUR_SUBJECT),
    when=Q(status=HonourStatus.ACTIVE),
    reason=_("Only the delivery of an honour in force is recorded, by a care officer over its holder's unit."),
)

# --- health events and welfare visits --------------------------------------------------------------------------------
policy.action("view_health_event", over(*CARE_ROLES, unit=PERSON_UNIT), reason=KEEPER)
policy.action("view_visit", over(*CARE_ROLES, unit=PERSON_UNIT), reason=KEEPER)
policy.action(
    "complete_visit",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=reaching(VISIT_TRANSITIONS, VisitStatus.DONE),
    reason=_("Only a planned visit is recorded as done or cancelled, by a care officer over the person's unit."),
)
policy.action(
    "cancel_visit",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=reaching(VISIT_TRANSITIONS, VisitStatus.CANCELLED),
    reason=_("Only a planned visit is recorded as done or cancelled, by a care officer over the person's unit."),
)

# --- assistance cases ------------------------------------------------------------------------------------------------
policy.action("view_case", over(*CARE_ROLES, unit=PERSON_UNIT), reason=KEEPER)
policy.action(
    "add_case_step",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=reaching(CASE_TRANSITIONS, CaseStatus.IN_PROGRESS),
    reason=_("Only an open case takes steps or is closed, by a care officer over the person's unit."),
)
policy.action(
    "close_case",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=reaching(CASE_TRANSITIONS, CaseStatus.RESOLVED, CaseStatus.CLOSED),
    reason=_("Only an open case takes steps or is closed, by a care officer over the person's unit."),
)

# --- medical green channel -------------------------------------------------------------------------------------------
policy.action("view_referral", over(*CARE_ROLES, unit=PERSON_UNIT), reason=KEEPER)
policy.action(
    "arrange_referral",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=reaching(REFERRAL_TRANSITIONS, ReferralStatus.ARRANGED),
    reason=_("Only a requested referral gets its appointment, by a care officer over the person's unit."),
)
policy.action(
    "close_referral",
    over(*CARE_ROLES, unit=PERSON_UNIT),
    when=reaching(REFERRAL_TRANSITIONS, ReferralStatus.COMPLETED, ReferralStatus.CANCELLED),
    reason=_("This referral is closed."),
)
