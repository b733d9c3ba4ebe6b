"""The branch side of the star-rating criteria (the registry itself is core.criteria, filled by each app's
AppConfig.ready()): the scope of branches every criterion counts for, read from the branches' own records."""

from collections import defaultdict
from collections.abc import Iterable

from qunying.branches.models import PartyBranch
from qunying.core.criteria import BranchScope, Counted, compute_for


def scope_of(branches: Iterable) -> BranchScope:
    """The branches (objects or ids) with the units each covers and its members: two queries, whatever their number."""
    ids = [getattr(branch, "pk", branch) for branch in branches]
    scope = BranchScope(branch_ids=ids, branches_by_unit=defaultdict(set), branches_by_member=defaultdict(set))
    covered = PartyBranch.units.through.objects.filter(partybranch_id__in=ids)
    for branch_id, unit_id in covered.values_list("partybranch_id", "unit_id"):
        scope.branches_by_unit[unit_id].add(branch_id)
    members = PartyBranch.members.through.objects.filter(partybranch_id__in=ids)
    for branch_id, person_id in members.values_list("partybranch_id", "person_id"):
        scope.branches_by_member[person_id].add(branch_id)
    return scope


def compute(key: str, branch, year: int, parameter: int | None = None) -> Counted:
    """One branch: the count and the ids of the records behind it."""
    return compute_for(key, scope_of([branch]), year, parameter).get(branch.pk, Counted())
