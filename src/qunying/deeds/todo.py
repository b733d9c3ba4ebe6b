"""What waits in the discovery ledger, for the home page's to-do list: deeds to verify, public nominations to triage."""

from django.utils.translation import gettext_lazy as _

from qunying.core.todo import todo_item
from qunying.deeds.models import PublicNomination
from qunying.deeds.queries import deeds_verifiable_by
from qunying.deeds.rules import policy


@todo_item(
    "deeds.verify",
    _("Deeds awaiting my verification"),
    permission="deeds.verify_deeds",
    url_name="deeds:deed_verification",
    icon="star",
    order=10,
)
def deeds_to_verify(user):
    return deeds_verifiable_by(user)  # the verification page's own list


@todo_item(
    "deeds.triage",
    _("Public nominations to triage"),
    permission="deeds.triage_nominations",
    url_name="deeds:nomination_list",
    query="status=new",
    icon="envelope-paper",
    order=20,
)
def nominations_to_triage(user):
    return policy.filter(user, "mark_nomination_triaged", PublicNomination.objects.all())
