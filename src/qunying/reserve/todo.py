"""What waits in the exemplar reserve, for the home page's to-do list: tier proposals and year-end evaluations that
the user decides."""

from django.utils.translation import gettext_lazy as _

from qunying.core.todo import todo_item
from qunying.reserve.models import AnnualEvaluation, TierChange
from qunying.reserve.rules import policy


@todo_item(
    "reserve.decide",
    _("Reserve proposals awaiting my approval"),
    permission="reserve.decide",
    url_name="reserve:entry_list",
    query="pending=on",
    icon="stars",
    order=30,
)
def proposals_to_decide(user):
    return policy.filter(user, "decide", TierChange.objects.all())


@todo_item(
    "reserve.evaluations",
    _("Year-end evaluations awaiting my approval"),
    permission="reserve.approve_evaluations",
    url_name="reserve:round_list",
    icon="clipboard-check",
    order=35,
)
def evaluations_to_approve(user):
    return policy.filter(user, "approve_evaluations", AnnualEvaluation.objects.all())
