"""Honours policy: who reads, records and revokes which honours, and who keeps the catalogue — declared once; the
permissions, the lists (honours.queries) and the service checks derive from it."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.policy import Grant, Policy, anywhere, over, own
from qunying.core.roles import Role
from qunying.honours.enums import HonourStatus
from qunying.org.rules import PEOPLE_READERS

# Whoever reads a unit's people reads their honours.
READERS = PEOPLE_READERS
RECORDERS = (Role.POLITICAL_OFFICER,)
REVOKERS = (Role.LEADER, Role.POLITICAL_OFFICER)
# Four eyes: an honour entered by hand counts once a second officer holding one of these roles over it approves it.
APPROVERS = (Role.LEADER, Role.POLITICAL_OFFICER)
# An honour's unit: the person's (their current unit), or the collective itself.
SUBJECT_UNIT = ("person__unit", "unit")
POLITICAL_DEPARTMENT = _("Only the political department records honours and keeps the award catalogue.")


@dataclass(frozen=True)
class uninvolved(Grant):  # lower case: reads as a declaration
    """Four eyes (as deeds.rules.uninvolved): the grant holds only for a user who neither recorded the honour nor
    receives it."""

    grant: Grant

    def held(self, user) -> bool:
        return self.grant.held(user)

    def allows(self, user, obj) -> bool:
        if obj.recorded_by_id is not None and obj.recorded_by_id == user.pk:
            return False
        if obj.person_id is not None and obj.person.user_id is not None and obj.person.user_id == user.pk:
            return False
        return self.grant.allows(user, obj)

    def q(self, user, model) -> Q:
        return self.grant.q(user, model) & ~Q(recorded_by=user) & ~Q(person__user=user)


policy = Policy("honours")

policy.action("view_honours", anywhere(*READERS, Role.MEMBER))
policy.action(
    "view_honour",
    over(*READERS, unit=SUBJECT_UNIT),
    own("person__user"),
    reason=_("This honour lies outside your units."),
)
policy.action("add_honour", anywhere(*RECORDERS), reason=POLITICAL_DEPARTMENT)
# Asked of the recipient's unit (org.Unit): the political department records honours within its subtree.
policy.action("record_for", over(*RECORDERS, unit=""), reason=POLITICAL_DEPARTMENT)
# Rewarding a deed again within a year is the political department's call, with a reason on record; asked of the
# recipient's unit like `record_for`.
policy.action(
    "override_once_per_deed",
    over(Role.POLITICAL_OFFICER, unit=""),
    reason=_("Only the political department may reward a deed again."),
)
policy.action(
    "revoke_honour",
    over(*REVOKERS, unit=SUBJECT_UNIT),
    when=Q(status=HonourStatus.ACTIVE),
    reason=_("Only an honour in force is revoked, by a bureau leader or political officer over it."),
)
policy.action("approve_honours", anywhere(*APPROVERS))
policy.action(
    "approve_honour",
    uninvolved(over(*APPROVERS, unit=SUBJECT_UNIT)),
    when=Q(status=HonourStatus.PENDING),
    reason=_(
        "Only an honour awaiting approval is approved, by a bureau leader or political officer over it, and never by "
        "whoever recorded it or receives it."
    ),
)
# A wrong honour awaiting approval has a way out: whoever may approve it declines it (with a reason), or the officer
# who recorded it withdraws it. Either way it is set aside and never counts.
policy.action(
    "decline_honour",
    uninvolved(over(*APPROVERS, unit=SUBJECT_UNIT)),
    when=Q(status=HonourStatus.PENDING),
    reason=_(
        "Only an honour awaiting approval is declined, by a bureau leader or political officer over it, and never by "
        "whoever recorded it or receives it."
    ),
)
policy.action(
    "withdraw_honour",
    own("recorded_by"),
    when=Q(status=HonourStatus.PENDING),
    reason=_("Only the officer who recorded an honour withdraws it, while it awaits approval."),
)
# Importing a 奖励登记表: each row is then recorded through `record_for`, so the scope still holds row by row.
policy.action("import_honours", anywhere(*RECORDERS), reason=POLITICAL_DEPARTMENT)
policy.action("view_figures", anywhere(*READERS))
# The catalogue, the issuers and the authority rules are bureau-wide configuration.
policy.action("manage_catalogue", anywhere(Role.POLITICAL_OFFICER), reason=POLITICAL_DEPARTMENT)
