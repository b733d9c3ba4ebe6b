"""Discovery ledger policy: who reads and keeps events, deeds, forums and public nominations, over which units and
in which state — declared once; the permissions, the list filters (deeds.queries) and the service checks derive
from it."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.accounts.models import RoleAssignment
from qunying.core.policy import Grant, Policy, anywhere, covering_paths, over, own
from qunying.core.roles import Role
from qunying.deeds.enums import DeedStatus, NominationStatus

# Whoever reads the people of a unit reads the ledger about them.
READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER, Role.PUBLICITY_EDITOR, Role.CARE_OFFICER)
# Unit managers propose for their units and verify deeds of their subtree; political officers everything in scope.
EDITORS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)
# Public nominations: political officers triage those placed in their scope (the bureau's also those not yet
# placed); unit managers those linked to an officer of their subtree.
TRIAGERS = (
    over(Role.POLITICAL_OFFICER, unit="unit"),
    over(Role.UNIT_MANAGER, unit="person__unit"),
    anywhere(Role.POLITICAL_OFFICER, at_root=True),
)
OPEN_NOMINATION = Q(status__in=[NominationStatus.NEW, NominationStatus.TRIAGED])


@dataclass(frozen=True)
class uninvolved(Grant):  # lower case: reads as a declaration
    """Four eyes: the grant holds only for a user who neither entered or proposed the deed nor is named in it."""

    grant: Grant

    def held(self, user) -> bool:
        return self.grant.held(user)

    def allows(self, user, obj) -> bool:
        if obj.proposed_by_id is not None and obj.proposed_by_id == user.pk:
            return False
        return self.grant.allows(user, obj) and not obj.participants.filter(person__user=user).exists()

    def q(self, user, model) -> Q:
        named = model._base_manager.filter(participants__person__user=user).values("pk")
        return self.grant.q(user, model) & ~Q(proposed_by=user) & ~Q(pk__in=named)


policy = Policy("deeds")

# --- deeds -----------------------------------------------------------------------------------------------------------
policy.action("view_deeds", anywhere(*READERS, Role.MEMBER))
policy.action(
    "view_deed",
    over(*READERS, unit=("unit", "participants__person__unit")),
    own("participants__person__user"),
    reason=_("This deed lies outside your units."),
)
policy.action("add_deed", anywhere(*EDITORS))
policy.action(
    "record_for",
    over(*EDITORS, unit=""),
    reason=_("Only the unit's manager or the political department records deeds, events and forums for this unit."),
)
policy.action("verify_deeds", anywhere(*EDITORS))
policy.action(
    "verify_deed",
    uninvolved(over(*EDITORS, unit="unit")),
    when=Q(status=DeedStatus.PROPOSED),
    reason=_(
        "Only a proposed deed is decided, by its unit's manager or the political department, and never by whoever "
        "entered it or is named in it."
    ),
)
policy.action(
    "add_evidence",
    over(*EDITORS, unit="unit"),
    reason=_("Only the deed's unit manager or the political department keeps its evidence."),
)
policy.action("export_deeds", anywhere(*READERS))

# --- duty events and forums ------------------------------------------------------------------------------------------
policy.action("view_events", anywhere(*READERS))
policy.action("view_event", over(*READERS, unit=("unit", "units")))
policy.action("add_event", anywhere(*EDITORS))
policy.action(
    "change_event",
    over(*EDITORS, unit="unit"),
    reason=_("Only the organising unit's manager or the political department keeps this event and its roster."),
)
# A joint event's roster: each reader sees the names of their own units' people; the organiser's keepers see all.
policy.action(
    "view_roster_entry",
    over(*READERS, unit="person__unit"),
    over(*EDITORS, unit="event__unit"),
    reason=_("This officer belongs to another unit."),
)
policy.action("view_forums", anywhere(*READERS))
policy.action("view_forum", over(*READERS, unit=("unit", "units")))
policy.action("add_forum", anywhere(*EDITORS))
policy.action(
    "change_forum",
    over(*EDITORS, unit="unit"),
    reason=_("Only the organising unit's manager or the political department keeps this forum."),
)

# --- public nominations ----------------------------------------------------------------------------------------------
policy.action("triage_nominations", anywhere(*EDITORS))
policy.action("triage_nomination", *TRIAGERS, reason=_("This public nomination is not yours to handle."))
policy.action(
    "mark_nomination_triaged",
    *TRIAGERS,
    when=Q(status=NominationStatus.NEW),
    reason=_("This nomination has already been handled."),
)
policy.action("link_nomination", *TRIAGERS, when=OPEN_NOMINATION, reason=_("This nomination has already been handled."))
policy.action(
    "reject_nomination", *TRIAGERS, when=OPEN_NOMINATION, reason=_("This nomination has already been handled.")
)
policy.action(
    "convert_nomination",
    *TRIAGERS,
    when=Q(status=NominationStatus.LINKED, person__isnull=False, deed__isnull=True),
    reason=_("Only a nomination linked to an officer and not yet a deed becomes a deed."),
)


# --- who verifies a proposed deed: the nearest unit whose verifiers are not involved ---------------------------------


@dataclass
class Verifiers:
    """Who may verify a deed: `unit` is the nearest unit (the deed's own or one above it) with a verifier who neither
    entered nor is named in the deed, `users` those verifiers; `passed_over` the involved verifiers of nearer units,
    so when they were the only ones the page says the deed went up (`escalated`)."""

    unit: object = None
    users: list = field(default_factory=list)
    passed_over: list = field(default_factory=list)

    @property
    def escalated(self) -> bool:
        return bool(self.passed_over)


def verifiers_of(deed) -> Verifiers:
    """The deed's verifiers under verify_deed's four eyes, nearest unit first: one query for the role holders, one for
    the people named in it."""
    assignments = (
        RoleAssignment.objects.filter(
            role__in=EDITORS, unit__path__in=covering_paths(deed.unit.path), user__is_active=True
        )
        .select_related("user", "unit")
        .order_by("-unit__path", "user__username")
    )
    named = set(deed.participants.exclude(person__user=None).values_list("person__user", flat=True))
    levels: dict[int, list] = {}
    for assignment in assignments:
        levels.setdefault(assignment.unit_id, []).append(assignment)
    found = Verifiers()
    for level in levels.values():
        users = list(dict.fromkeys(assignment.user for assignment in level))
        free = [user for user in users if user.pk != deed.proposed_by_id and user.pk not in named]
        if free:
            found.unit, found.users = level[0].unit, free
            break
        found.passed_over += [user for user in users if user not in found.passed_over]
    return found
