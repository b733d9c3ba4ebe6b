"""Recognition signals for every active person in a year: a handful of GROUP BY queries, then Python.

Signals (each is also turned into a peer percentile within the person's post type; a zero signal scores 0):
- deeds: verified deeds dated in the year, weighted by hazard (deeds.enums.HAZARD_WEIGHTS);
- honours: active honours awarded in the year, grade × issuer level rank (revoked honours never count);
- satisfaction: the shrunk citizen score and its peer percentile (feedback.scoring), replies received in the year;
- nominations: public nominations linked to the person, received in the year;
- forum_mentions: times the person was named in police-citizen forum feedback in the year;
- service_years: years of service at the end of the year, for frontline post types only.
The composite is the weighted mean of the percentiles (weights from DiscoveryWeights)."""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max

from qunying.deeds.enums import HAZARD_WEIGHTS, DeedStatus, HazardLevel, NominationStatus
from qunying.deeds.models import DeedPerson, ForumFeedback, PublicNomination
from qunying.feedback.queries import Period, reply_tallies
from qunying.feedback.scoring import percentiles, score_officers
from qunying.honours.enums import ISSUER_LEVEL_RANK, HonourStatus
from qunying.honours.models import Honour
from qunying.org.enums import PersonStatus, PostType
from qunying.org.models import Person

SIGNALS = ("deeds", "honours", "satisfaction", "nominations", "forum_mentions", "service_years")
FRONTLINE_POSTS = {
    PostType.COMMUNITY,
    PostType.PATROL,
    PostType.TRAFFIC,
    PostType.PUBLIC_ORDER,
    PostType.CRIMINAL_INVESTIGATION,
    PostType.SPECIAL_POLICE,
}
TOP_SATISFACTION = 80.0  # a satisfaction percentile at or above this is worth a reason in words
LONG_SERVICE = 10
MIN_REPLIES_FOR_REASON = 30  # fewer replies say too little to be named as a reason


@dataclass
class PersonSignals:
    person_id: int
    post_type: str
    deed_count: int = 0
    deed_points: int = 0
    deeds_by_kind: dict = field(default_factory=dict)  # event kind ("" without an event) → count
    high_hazard: int = 0
    honour_points: int = 0
    honours: list = field(default_factory=list)  # (award name, issuer level, count)
    satisfaction: float | None = None
    satisfaction_percentile: float = 0.0
    replies: int = 0
    nominations: int = 0
    forum_mentions: int = 0
    service_years: int = 0
    evidence: list = field(default_factory=list)  # (count, max id) pairs of deeds and honours, for the fingerprint
    percentiles: dict = field(default_factory=dict)
    composite: Decimal = Decimal("0")

    def raw(self, signal: str) -> float:
        return {
            "deeds": self.deed_points,
            "honours": self.honour_points,
            "satisfaction": self.satisfaction or 0.0,
            "nominations": self.nominations,
            "forum_mentions": self.forum_mentions,
            "service_years": self.service_years,
        }[signal]

    @property
    def fingerprint(self) -> str:
        """Changes when a verified deed or an active honour is added (or one is withdrawn)."""
        text = ";".join(f"{kind}:{count}:{last}" for kind, count, last in sorted(self.evidence))
        return hashlib.sha256(text.encode()).hexdigest() if text else ""

    def reasons(self) -> list[dict]:
        """Structured reasons, rendered in words by discovery.reasons.describe (translated at display time)."""
        reasons = []
        for kind, count in sorted(self.deeds_by_kind.items(), key=lambda item: (-item[1], item[0])):
            reasons.append({"code": "deeds", "kind": kind, "count": count})
        if self.high_hazard:
            reasons.append({"code": "high_hazard", "count": self.high_hazard})
        for award, level, count in sorted(self.honours):
            reasons.append({"code": "honour", "award": award, "level": level, "count": count})
        if self.replies >= MIN_REPLIES_FOR_REASON and self.satisfaction_percentile >= TOP_SATISFACTION:
            top = max(1, round(100 - self.satisfaction_percentile))
            reasons.append({"code": "satisfaction", "top": top, "post_type": self.post_type, "replies": self.replies})
        if self.nominations:
            reasons.append({"code": "nominations", "count": self.nominations})
        if self.forum_mentions:
            reasons.append({"code": "forum_mentions", "count": self.forum_mentions})
        if self.service_years >= LONG_SERVICE:
            reasons.append({"code": "service_years", "years": self.service_years})
        return reasons


def _years_between(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def compute_signals(year: int, weights: dict[str, Decimal]) -> dict[int, PersonSignals]:
    """Signals of every active person for `year`: six aggregate queries whatever the number of people."""
    period = Period(year)
    year_end = datetime.date(year, 12, 31)
    people: dict[int, PersonSignals] = {}
    service_start: dict[int, datetime.date | None] = {}
    for pk, post_type, joined_police, joined_work in Person.objects.filter(status=PersonStatus.ACTIVE).values_list(
        "pk", "post_type", "joined_police_on", "joined_work_on"
    ):
        people[pk] = PersonSignals(pk, post_type)
        service_start[pk] = joined_police or joined_work

    deeds = (
        DeedPerson.objects.filter(deed__status=DeedStatus.VERIFIED, deed__date__year=year)
        .values_list("person_id", "deed__hazard", "deed__event__kind")
        .annotate(n=Count("deed_id", distinct=True), last=Max("deed_id"))
        .order_by()
    )
    for person_id, hazard, kind, n, last in deeds:
        signals = people.get(person_id)
        if signals is None:
            continue
        signals.deed_count += n
        signals.deed_points += n * HAZARD_WEIGHTS[HazardLevel(hazard)]
        signals.deeds_by_kind[kind or ""] = signals.deeds_by_kind.get(kind or "", 0) + n
        if hazard == HazardLevel.HIGH:
            signals.high_hazard += n
        signals.evidence.append(("deed", n, last))

    honours = (
        Honour.objects.filter(person__isnull=False, status=HonourStatus.ACTIVE, awarded_on__year=year)
        .values_list("person_id", "award_type__name", "award_type__grade", "issuer__level")
        .annotate(n=Count("pk"), last=Max("pk"))
        .order_by()
    )
    for person_id, award, grade, level, n, last in honours:
        signals = people.get(person_id)
        if signals is None:
            continue
        signals.honour_points += n * grade * ISSUER_LEVEL_RANK.get(level, 1)
        signals.honours.append((award, level, n))
        signals.evidence.append(("honour", n, last))

    for person_id, score in score_officers(reply_tallies(period.start, period.end)).items():
        signals = people.get(person_id)
        if signals is not None:
            signals.satisfaction = score.shrunk
            signals.satisfaction_percentile = score.percentile
            signals.replies = score.tally.n

    nominations = (
        PublicNomination.objects.filter(
            status=NominationStatus.LINKED,
            person__isnull=False,
            created_at__gte=period.start,
            created_at__lt=period.end,
        )
        .values_list("person_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for person_id, n in nominations:
        if person_id in people:
            people[person_id].nominations = n

    mentions = (
        ForumFeedback.officers.through.objects.filter(forumfeedback__forum__date__year=year)
        .values_list("person_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for person_id, n in mentions:
        if person_id in people:
            people[person_id].forum_mentions = n

    for pk, signals in people.items():
        start = service_start[pk]
        if signals.post_type in FRONTLINE_POSTS and start is not None and start <= year_end:
            signals.service_years = _years_between(start, year_end)

    _rank(people, weights)
    return people


def _rank(people: dict[int, PersonSignals], weights: dict[str, Decimal]) -> None:
    groups: dict[str, list[PersonSignals]] = defaultdict(list)
    for signals in people.values():
        groups[signals.post_type].append(signals)
    for members in groups.values():
        for signal in SIGNALS:
            if signal == "satisfaction":
                for member in members:  # the feedback engine's own peer percentile
                    member.percentiles[signal] = round(member.satisfaction_percentile, 1) if member.replies else 0.0
                continue
            values = [member.raw(signal) for member in members]
            for member, value, percentile in zip(members, values, percentiles(values), strict=True):
                member.percentiles[signal] = round(percentile, 1) if value > 0 else 0.0
    total = sum(weights.values()) or Decimal(1)
    for signals in people.values():
        weighted = sum(Decimal(str(signals.percentiles[s])) * weights[s] for s in SIGNALS)
        signals.composite = (weighted / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
