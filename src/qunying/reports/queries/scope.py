"""The scope of a report: a year and the units of the user's subtrees, optionally narrowed to one chosen unit."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q, QuerySet

from qunying.core.policy import NOTHING, scope_paths, within
from qunying.org.models import Unit
from qunying.reports.rules import REPORT_READERS, policy


def units_for_reports(user) -> QuerySet[Unit]:
    return policy.filter(user, "view_dashboard", Unit.objects.all())


@dataclass(frozen=True)
class ReportScope:
    user: object
    year: int
    unit: Unit | None = None  # the chosen subtree; None: everything the user covers

    @property
    def units(self) -> QuerySet[Unit]:
        units = units_for_reports(self.user)
        return units.filter(within("path", self.unit.path)) if self.unit is not None else units

    def narrow(self, queryset: QuerySet, path_field: str) -> QuerySet:
        """Records of `queryset` (already scoped to the user) inside the chosen unit's subtree."""
        if self.unit is None:
            return queryset
        return queryset.filter(within(path_field, self.unit.path))

    def paths(self) -> list[str]:
        return [self.unit.path] if self.unit is not None else scope_paths(self.user, REPORT_READERS)

    def path_filter(self, path_field: str) -> Q:
        return reduce(operator.or_, (within(path_field, path) for path in self.paths()), NOTHING)

    @property
    def is_bureau(self) -> bool:
        """True when the report covers a top-level unit (the bureau), not one unit's subtree."""
        paths = self.paths()
        return any(path.count("/") == 2 for path in paths)

    def link_params(self) -> dict:
        """Query parameters that narrow a linked list the same way (lists are scoped to the user already)."""
        return {"unit": self.unit.pk} if self.unit is not None else {}
