"""The scope of a report: a year and the units of the user's subtrees, optionally narrowed to one chosen unit."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from qunying.accounts.queries import scope_filter, scope_paths
from qunying.org.models import Unit
from qunying.reports.rules import REPORT_READERS


def units_for_reports(user) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_filter(user, REPORT_READERS, path_field="path"))


@dataclass(frozen=True)
class ReportScope:
    user: object
    year: int
    unit: Unit | None = None  # the chosen subtree; None: everything the user covers

    @property
    def units(self) -> QuerySet[Unit]:
        units = units_for_reports(self.user)
        return units.filter(path__startswith=self.unit.path) if self.unit is not None else units

    def narrow(self, queryset: QuerySet, path_field: str) -> QuerySet:
        """Records of `queryset` (already scoped to the user) inside the chosen unit's subtree."""
        if self.unit is None:
            return queryset
        return queryset.filter(**{f"{path_field}__startswith": self.unit.path})

    def paths(self) -> list[str]:
        return [self.unit.path] if self.unit is not None else scope_paths(self.user, REPORT_READERS)

    def path_filter(self, path_field: str) -> Q:
        condition = Q(pk__in=[])
        for path in self.paths():
            condition |= Q(**{f"{path_field}__startswith": path})
        return condition

    @property
    def is_bureau(self) -> bool:
        """True when the report covers a top-level unit (the bureau), not one unit's subtree."""
        paths = self.paths()
        return any(path.count("/") == 2 for path in paths)

    def link_params(self) -> dict:
        """Query parameters that narrow a linked list the same way (lists are scoped to the user already)."""
        return {"unit": self.unit.pk} if self.unit is not None else {}
