"""Citizen ratings policy: who reads scores and interactions, codes replies, handles callbacks — declared once; the
permissions, the lists (feedback.queries) and the service checks derive from it. Officers see their own ratings;
nobody sees a citizen's phone number."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.policy import EVERYTHING, NOTHING, Policy, anywhere, custom, over, own, roles_of
from qunying.core.roles import Role
from qunying.feedback.enums import CallbackStatus, ReplyStatus
from qunying.feedback.sms import simulator_enabled

READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
HANDLERS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)
OUT_OF_SCOPE = _("These ratings lie outside your units.")
HANDLERS_ONLY = _("Only the unit's manager or the political department handles this.")


def _simulating(user) -> bool:
    return Role.POLITICAL_OFFICER in roles_of(user) and simulator_enabled()


policy = Policy("feedback")

policy.action("view_ratings", anywhere(*READERS), reason=OUT_OF_SCOPE)
policy.action("view_own_ratings", anywhere(Role.MEMBER), reason=OUT_OF_SCOPE)
# Asked of an officer (org.Person): the units in scope, and always oneself.
policy.action("view_officer_ratings", over(*READERS), own("user"), reason=OUT_OF_SCOPE)
policy.action("view_interaction", over(*READERS), reason=OUT_OF_SCOPE)
policy.action("view_survey", over(*READERS, unit="interaction__unit"), reason=OUT_OF_SCOPE)
# Replies that matched no survey belong to no unit and show nowhere.
policy.action("view_reply", over(*READERS, unit="survey__interaction__unit"), reason=OUT_OF_SCOPE)
# The rating summaries (feedback.summaries) are per interaction unit: the same grant as surveys and replies.
policy.action("view_rating_summary", over(*READERS), reason=OUT_OF_SCOPE)

policy.action("import_interactions", anywhere(*HANDLERS), reason=HANDLERS_ONLY)
# Asked of an officer named in an imported interaction: the importer records for the people of their units.
policy.action("record_interaction_of", over(*HANDLERS), reason=_("This officer is outside the units you manage."))
policy.action("code_replies", anywhere(*HANDLERS), reason=HANDLERS_ONLY)
policy.action(
    "code_reply",
    over(*HANDLERS, unit="survey__interaction__unit"),
    when=Q(status=ReplyStatus.UNPARSEABLE, survey__isnull=False),
    reason=_("Only an unclear reply about an interaction of your units is coded, and only once."),
)

policy.action("view_callbacks", anywhere(*READERS), reason=OUT_OF_SCOPE)
policy.action("view_callback", over(*READERS), reason=OUT_OF_SCOPE)
policy.action(
    "handle_callback",
    over(*HANDLERS),
    when=~Q(status=CallbackStatus.CLOSED),
    reason=_("Only an open callback is handled, by the unit's manager or the political department."),
)

# Sampling rules hold for the whole installation: they are set at the top of the tree.
policy.action(
    "manage_sampling",
    anywhere(Role.POLITICAL_OFFICER, at_root=True),
    reason=_("Only the bureau's political department sets the sampling rules."),
)
# A development tool with the console backend only: political officers try the flow. The 三员 reach no business
# page, and a reply typed here feeds scores, so nobody else gets it.
policy.action(
    "use_simulator",
    custom(_simulating, lambda user, obj: _simulating(user), lambda user: EVERYTHING if _simulating(user) else NOTHING),
    reason=_("The SMS simulator is for the political department, and only without a real gateway."),
)
