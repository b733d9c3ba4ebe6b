"""The ledger's record rules, as checks over what is already stored: deeds verified by whoever entered them or is
named in them, verified without the evidence their hazard needs, dated against their decision or before someone
named in them joined the force; events that end before they start."""

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.integrity import Kind, Problem
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import Deed, DeedEvidence, DeedPerson, DutyEvent
from qunying.deeds.services.deeds import HAZARD_ORDER


def _problem(deed: Deed, kind: str, detail: str) -> Problem:
    record = _("Deed “%(title)s” (%(date)s)") % {"title": deed.title, "date": f"{deed.date:%Y-%m-%d}"}
    return Problem(kind, "deeds.deed", deed.pk, record, detail, unit=deed.unit.name)


def find_problems(queryset=None) -> list[Problem]:
    """Deeds (of `queryset`, default all) that break a rule, and every duty event whose dates are out of order."""
    deeds = (queryset if queryset is not None else Deed.objects.all()).select_related("unit", "verified_by")
    verified = deeds.filter(status=DeedStatus.VERIFIED)
    problems = []
    named = DeedPerson.objects.filter(deed=OuterRef("pk"), person__user=OuterRef("verified_by"))
    self_verified = verified.filter(verified_by__isnull=False).filter(Q(verified_by=F("proposed_by")) | Exists(named))
    for deed in self_verified:
        who = deed.verified_by.get_full_name() or deed.verified_by.get_username()
        detail = _("%(user)s verified it although they entered it or are named in it.") % {"user": who}
        problems.append(_problem(deed, Kind.FOUR_EYES, detail))
    threshold = settings.QUNYING_EVIDENCE_FROM_HAZARD
    if threshold in HAZARD_ORDER:
        hazards = [str(level) for level in HAZARD_ORDER[HAZARD_ORDER.index(threshold) :]]
        bare = verified.filter(hazard__in=hazards).exclude(Exists(DeedEvidence.objects.filter(deed=OuterRef("pk"))))
        for deed in bare:
            detail = _("It is of %(hazard)s and was verified without any evidence file.") % {
                "hazard": deed.get_hazard_display()
            }
            problems.append(_problem(deed, Kind.EVIDENCE, detail))
    for deed in deeds.filter(date__gt=timezone.localdate()):
        problems.append(_problem(deed, Kind.DATES, _("It is dated in the future.")))
    for deed in deeds.filter(verified_at__date__lt=F("date")):
        problems.append(_problem(deed, Kind.DATES, _("It was decided before the day it happened.")))
    joined_later = DeedPerson.objects.filter(deed__in=deeds, person__joined_police_on__gt=F("deed__date"))
    for named in joined_later.select_related("deed__unit", "person").order_by("deed_id", "pk"):
        detail = _("It names %(person)s, who joined the force only on %(date)s.") % {
            "person": named.person.name,
            "date": f"{named.person.joined_police_on:%Y-%m-%d}",
        }
        problems.append(_problem(named.deed, Kind.DATES, detail))
    if queryset is None:
        for event in DutyEvent.objects.filter(ends_on__lt=F("starts_on")).select_related("unit"):
            record = _("Duty event “%(name)s”") % {"name": event.name}
            detail = _("It ends (%(end)s) before it starts (%(start)s).") % {
                "end": f"{event.ends_on:%Y-%m-%d}",
                "start": f"{event.starts_on:%Y-%m-%d}",
            }
            problems.append(Problem(Kind.DATES, "deeds.dutyevent", event.pk, record, detail, unit=event.unit.name))
    return problems
