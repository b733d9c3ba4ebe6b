"""Discovery ledger permissions: who reads and keeps events, deeds, forums and public nominations (mirrored by
deeds.queries)."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.queries import covers, scope_paths
from qunying.accounts.rules import has_role, has_role_over
from qunying.org.rules import PEOPLE_READERS

# Unit managers propose for their units and verify deeds of their subtree; political officers everything in scope.
DEED_EDITORS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)
# Public nominations: political officers triage those of their scope (the bureau's also the unassigned ones);
# unit managers see those linked to an officer of their subtree.
NOMINATION_TRIAGERS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)


def _covers_any(user, roles, units) -> bool:
    return any(unit is not None and covers(user, roles, unit.path) for unit in units)


@rules.predicate
def reads_deed(user, deed) -> bool:
    """Over the deed's unit or the current unit of any of its people (participants are prefetched by the view)."""
    if deed is None:
        return False
    return _covers_any(user, PEOPLE_READERS, [deed.unit, *(p.person.unit for p in deed.participants.all())])


@rules.predicate
def is_own_deed(user, deed) -> bool:
    return (
        deed is not None and user.is_authenticated and any(p.person.user_id == user.pk for p in deed.participants.all())
    )


@rules.predicate
def reads_event(user, event) -> bool:
    return event is not None and _covers_any(user, PEOPLE_READERS, [event.unit, *event.units.all()])


@rules.predicate
def reads_forum(user, forum) -> bool:
    return forum is not None and _covers_any(user, PEOPLE_READERS, [forum.unit, *forum.units.all()])


def covers_unassigned_nominations(user) -> bool:
    """A nomination nobody has placed yet belongs to the bureau's political department: a root-level scope."""
    return any(path.count("/") == 2 for path in scope_paths(user, [Role.POLITICAL_OFFICER]))


@rules.predicate
def triages_nomination(user, nomination) -> bool:
    if nomination is None:
        return False
    if nomination.unit is None:
        return covers_unassigned_nominations(user)
    if covers(user, [Role.POLITICAL_OFFICER], nomination.unit.path):
        return True
    person = nomination.person
    return person is not None and covers(user, [Role.UNIT_MANAGER], person.unit.path)


rules.add_perm("deeds.view_deeds", has_role(*PEOPLE_READERS, Role.MEMBER))
rules.add_perm("deeds.view_deed", reads_deed | is_own_deed)
rules.add_perm("deeds.add_deed", has_role(*DEED_EDITORS))
rules.add_perm("deeds.verify_deeds", has_role(*DEED_EDITORS))
rules.add_perm("deeds.verify_deed", has_role_over(*DEED_EDITORS))
rules.add_perm("deeds.add_evidence", has_role_over(*DEED_EDITORS))
rules.add_perm("deeds.export_deeds", has_role(*PEOPLE_READERS))

rules.add_perm("deeds.view_events", has_role(*PEOPLE_READERS))
rules.add_perm("deeds.view_event", reads_event)
rules.add_perm("deeds.add_event", has_role(*DEED_EDITORS))
rules.add_perm("deeds.change_event", has_role_over(*DEED_EDITORS))

rules.add_perm("deeds.view_forums", has_role(*PEOPLE_READERS))
rules.add_perm("deeds.view_forum", reads_forum)
rules.add_perm("deeds.add_forum", has_role(*DEED_EDITORS))
rules.add_perm("deeds.change_forum", has_role_over(*DEED_EDITORS))

rules.add_perm("deeds.triage_nominations", has_role(*NOMINATION_TRIAGERS))
rules.add_perm("deeds.triage_nomination", triages_nomination)
