"""Reserve's record rule on dates, as a check over what is already stored (an import of past entries, a round opened
late for an earlier year): a year-end round that evaluates an entry which entered the reserve only after that year."""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.integrity import Kind, Problem
from qunying.reserve.enums import TierChangeStatus
from qunying.reserve.models import AnnualEvaluation, TierChange


def find_problems(queryset=None) -> list[Problem]:
    """Evaluations (of `queryset`, default all) of a round whose year ends before the entry's first approved tier:
    the person was not in the reserve that year. One query."""
    evaluations = queryset if queryset is not None else AnnualEvaluation.objects.all()
    admitted = (
        TierChange.objects.filter(entry=OuterRef("entry"), status=TierChangeStatus.APPROVED)
        .order_by("decided_at", "pk")
        .values("decided_at")[:1]
    )
    late = (
        evaluations.annotate(admitted=Subquery(admitted))
        .annotate(admitted_year=ExtractYear("admitted"))
        .filter(admitted_year__gt=F("round__year"))
        .select_related("round", "entry__person__unit")
        .order_by("round__year", "pk")
    )
    problems = []
    for evaluation in late:
        person = evaluation.entry.person
        record = _("Year-end evaluation %(year)s · %(person)s") % {"year": evaluation.round.year, "person": person.name}
        detail = _("%(person)s entered the reserve on %(date)s, after the year the round evaluates.") % {
            "person": person.name,
            "date": f"{timezone.localdate(evaluation.admitted):%Y-%m-%d}",
        }
        problems.append(
            Problem(Kind.DATES, "reserve.annualevaluation", evaluation.pk, record, detail, unit=person.unit.name)
        )
    return problems
