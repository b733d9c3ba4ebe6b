"""Care reads, each the care policy's answer to "which ones?" (care.rules): entitlements, notices, deliveries and
honours awaiting one, visits, health events, cases, referrals, people and units; and one person's care records."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from qunying.care.enums import CaseStatus, ReferralStatus, VisitStatus
from qunying.care.models import (
    AssistanceCase,
    AwardDelivery,
    CareConsent,
    CareNotice,
    Entitlement,
    EntitlementRule,
    HealthEvent,
    MedicalReferral,
    PartnerHospital,
    WelfareVisit,
)
from qunying.care.rules import policy
from qunying.core.policy import within
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.org.models import Person, Unit
from qunying.org.queries import search_people

DELIVERY_DUE_DAYS = 30


def care_units(user) -> QuerySet[Unit]:
    """Units whose people's care records the user keeps (the unit filter of the care lists)."""
    return policy.filter(user, "view_unit_care", Unit.objects.all())


def care_people(user) -> QuerySet[Person]:
    return policy.filter(user, "view_person_care", Person.objects.all()).select_related("unit")


def rules_for(user) -> QuerySet[EntitlementRule]:
    """Rules are bureau-wide configuration: every care officer reads and edits them, nobody else."""
    return policy.filter(user, "manage_care", EntitlementRule.objects.select_related("award_type"))


def hospitals_for(user) -> QuerySet[PartnerHospital]:
    return policy.filter(user, "manage_care", PartnerHospital.objects.all())


def entitlements_visible_to(user) -> QuerySet[Entitlement]:
    return policy.filter(user, "view_entitlement", Entitlement.objects.all()).select_related(
        "person", "unit", "rule", "basis_honour__award_type", "basis_honour__issuer"
    )


def filter_entitlements(qs, *, rule=None, status="", year=None, unit=None, q="") -> QuerySet[Entitlement]:
    if rule is not None:
        qs = qs.filter(rule=rule)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(within("person__unit__path", unit.path))
    if q:
        qs = qs.filter(person__in=search_people(Person.objects.all(), q))
    return qs.order_by("-year", "rule__name", "unit__path", "person__name_pinyin", "pk")


def notices_visible_to(user) -> QuerySet[CareNotice]:
    return policy.filter(user, "view_notice", CareNotice.objects.all()).select_related(
        "person__unit", "entitlement__rule", "read_by"
    )


def deliveries_visible_to(user) -> QuerySet[AwardDelivery]:
    """Deliveries of honours of people (by their unit) or of units (collective) in the care officer's scope."""
    return policy.filter(user, "view_delivery", AwardDelivery.objects.all()).select_related(
        "honour__person__unit", "honour__unit", "honour__award_type", "honour__issuer"
    )


def filter_honours(qs, *, unit=None, q="", prefix: str = ""):
    """Honours (or deliveries, with prefix "honour__") by the recipient's unit subtree and by name."""
    if unit is not None:
        qs = qs.filter(within(f"{prefix}person__unit__path", unit.path) | within(f"{prefix}unit__path", unit.path))
    if q:
        people = search_people(Person.objects.all(), q)
        qs = qs.filter(Q(**{f"{prefix}person__in": people}) | Q(**{f"{prefix}unit__name__icontains": q}))
    return qs


def honours_awaiting_delivery(
    user, *, today: datetime.date | None = None, older_than_days: int = DELIVERY_DUE_DAYS
) -> QuerySet[Honour]:
    """Honours in force (of people and collectives), granted more than 30 days ago (by default), not delivered."""
    today = today or timezone.localdate()
    return (
        deliverable_honours(user)
        .filter(awarded_on__lte=today - datetime.timedelta(days=older_than_days))
        .filter(~Exists(AwardDelivery.objects.filter(honour=OuterRef("pk"))))
        .order_by("awarded_on", "pk")
    )


def counts_for_leadership(*, people: Q, units: Q, today: datetime.date | None = None) -> dict[str, int]:
    """What leaders, the political department and unit managers may know of care in their scope: how many honours
    are still undelivered after 30 days and how many welfare visits are planned. Nothing about health, family hardship
    or referrals, even as a count: in a small unit a count is a name. `people` and `units` are the caller's scope,
    as conditions on "person__unit__path" and "unit__path". Two queries."""
    today = today or timezone.localdate()
    honours = Honour.objects.filter(
        people | units,
        status=HonourStatus.ACTIVE,
        awarded_on__lte=today - datetime.timedelta(days=DELIVERY_DUE_DAYS),
    ).filter(~Exists(AwardDelivery.objects.filter(honour=OuterRef("pk"))))
    return {
        "honours_awaiting_delivery": honours.count(),
        "visits_planned": WelfareVisit.objects.filter(people, status=VisitStatus.PLANNED).count(),
    }


def deliverable_honours(user) -> QuerySet[Honour]:
    """Honours in force whose delivery the user records (whether one is recorded already or not)."""
    return policy.filter(user, "record_delivery", Honour.objects.all()).select_related(
        "person__unit", "unit", "award_type", "issuer"
    )


def visits_visible_to(user) -> QuerySet[WelfareVisit]:
    return policy.filter(user, "view_visit", WelfareVisit.objects.all()).select_related("person__unit", "health_event")


def visits_pending(user) -> QuerySet[WelfareVisit]:
    """Planned visits not yet done: the dashboard shows them until they are."""
    return visits_visible_to(user).filter(status=VisitStatus.PLANNED).order_by("due_on", "pk")


def health_events_visible_to(user) -> QuerySet[HealthEvent]:
    return policy.filter(user, "view_health_event", HealthEvent.objects.all()).select_related("person__unit")


def cases_visible_to(user) -> QuerySet[AssistanceCase]:
    return policy.filter(user, "view_case", AssistanceCase.objects.all()).select_related("person__unit")


def cases_due_for_review(user, *, today: datetime.date | None = None) -> QuerySet[AssistanceCase]:
    today = today or timezone.localdate()
    return (
        cases_visible_to(user)
        .filter(status__in=[CaseStatus.OPEN, CaseStatus.IN_PROGRESS], next_review_on__lte=today)
        .order_by("next_review_on", "pk")
    )


def referrals_visible_to(user) -> QuerySet[MedicalReferral]:
    return policy.filter(user, "view_referral", MedicalReferral.objects.all()).select_related(
        "person__unit", "hospital"
    )


def referrals_overdue(user, *, now: datetime.datetime | None = None) -> QuerySet[MedicalReferral]:
    """Requested referrals past the hospital's response target."""
    now = now or timezone.now()
    return referrals_visible_to(user).filter(status=ReferralStatus.REQUESTED, due_at__lt=now).order_by("due_at", "pk")


def filter_by_person(qs, *, unit=None, q=""):
    if unit is not None:
        qs = qs.filter(within("person__unit__path", unit.path))
    if q:
        qs = qs.filter(person__in=search_people(Person.objects.all(), q))
    return qs


def own_person(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).select_related("unit").first()


def records_of(person: Person) -> dict:
    """Everything care holds about one person (for the care officer's person page and the person's own page)."""
    return {
        "entitlements": list(
            Entitlement.objects.filter(person=person).select_related("rule", "unit").order_by("-year", "pk")
        ),
        "health_events": list(HealthEvent.objects.filter(person=person).order_by("-occurred_on", "-pk")),
        "visits": list(WelfareVisit.objects.filter(person=person).order_by("-due_on", "-pk")),
        "cases": list(AssistanceCase.objects.filter(person=person).prefetch_related("steps").order_by("-opened_on")),
        "referrals": list(
            MedicalReferral.objects.filter(person=person).select_related("hospital").order_by("-requested_at")
        ),
        "deliveries": list(
            AwardDelivery.objects.filter(honour__person=person).select_related("honour__award_type", "honour__issuer")
        ),
        "consent": CareConsent.objects.filter(person=person).first(),
    }
