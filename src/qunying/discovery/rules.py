"""Discovery policy: who reads suggestions, decides on open ones, runs the engine and sets its weights — declared
once; the permissions, the lists (discovery.queries) and the service checks derive from it."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.policy import Policy, anywhere, over
from qunying.core.roles import Role
from qunying.discovery.enums import SuggestionStatus

READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
DECIDERS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)
OUT_OF_SCOPE = _("This suggestion lies outside your units.")

policy = Policy("discovery")

policy.action("view_suggestions", anywhere(*READERS), reason=OUT_OF_SCOPE)
policy.action("view_suggestion", over(*READERS, unit="person__unit"), reason=OUT_OF_SCOPE)
# Asked of a unit (org.Unit): the units whose suggestions the user reads, for the list's unit filter.
policy.action("view_suggestions_of", over(*READERS, unit=""), reason=OUT_OF_SCOPE)
policy.action(
    "decide_suggestion",
    over(*DECIDERS, unit="person__unit"),
    when=Q(status=SuggestionStatus.OPEN),
    reason=_("Only an open suggestion is decided, by the person's unit manager or the political department."),
)
POLITICAL_DEPARTMENT = _("Only the political department sets the discovery weights.")
policy.action("run", anywhere(Role.POLITICAL_OFFICER), reason=POLITICAL_DEPARTMENT)
policy.action("change_weights", anywhere(Role.POLITICAL_OFFICER), reason=POLITICAL_DEPARTMENT)
