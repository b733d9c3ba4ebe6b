"""Discovery reads: suggestions in scope, filters, the latest snapshot of a person and the runs."""

from django.db.models import QuerySet

from qunying.core.policy import within
from qunying.discovery.models import DiscoveryRun, SignalSnapshot, Suggestion
from qunying.discovery.rules import policy
from qunying.org.models import Person, Unit
from qunying.org.queries import search_people


def suggestions_visible_to(user) -> QuerySet[Suggestion]:
    return policy.filter(user, "view_suggestion", Suggestion.objects.all()).select_related("person", "person__unit")


def units_for_suggestions(user) -> QuerySet[Unit]:
    return policy.filter(user, "view_suggestions_of", Unit.objects.all())


def filter_suggestions(suggestions: QuerySet[Suggestion], *, status="", year=None, unit=None, q="") -> QuerySet:
    if status:
        suggestions = suggestions.filter(status=status)
    if year:
        suggestions = suggestions.filter(year=year)
    if unit is not None:
        suggestions = suggestions.filter(within("person__unit__path", unit.path))
    if q:
        suggestions = suggestions.filter(person__in=search_people(Person.objects.all(), q))
    return suggestions.order_by("-year", "-composite", "pk")


def latest_snapshot(person: Person, year: int) -> SignalSnapshot | None:
    return SignalSnapshot.objects.filter(person=person, year=year).order_by("-run_id").first()


def recent_runs() -> QuerySet[DiscoveryRun]:
    return DiscoveryRun.objects.select_related("started_by").order_by("-created_at", "-pk")[:5]
