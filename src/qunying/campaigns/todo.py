"""What waits in the selection campaigns, for the home page's to-do list: a judge's reviews to score, winners to
propose or approve, objections to resolve — each scoped and timed by the campaigns' declared policy."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.campaigns.enums import NominationStatus
from qunying.campaigns.models import Campaign, Objection
from qunying.campaigns.queries import reviews_to_score
from qunying.campaigns.rules import policy
from qunying.core.todo import todo_item

todo_item(
    "campaigns.score",
    _("My reviews to score"),
    permission="campaigns.score",
    url_name="campaigns:review_list",
    query="todo=on",
    icon="clipboard-check",
    order=40,
    deadline="nomination__campaign__judging_until",
)(reviews_to_score)


@todo_item(
    "campaigns.propose",
    _("Campaigns awaiting my winner proposal"),
    permission="campaigns.propose_winners",
    url_name="campaigns:campaign_list",
    icon="trophy",
    order=45,
)
def campaigns_to_propose(user):
    decided = Q(nominations__status__in=[NominationStatus.PROPOSED, NominationStatus.APPROVED])
    return policy.filter(user, "propose_winners", Campaign.objects.all()).exclude(decided)


@todo_item(
    "campaigns.approve",
    _("Winner lists awaiting my approval"),
    permission="campaigns.approve_winners",
    url_name="campaigns:campaign_list",
    icon="trophy",
    order=46,
)
def campaigns_to_approve(user):
    return policy.filter(user, "approve_winners", Campaign.objects.all()).filter(
        nominations__status=NominationStatus.PROPOSED
    )


@todo_item(
    "campaigns.objections",
    _("Objections to resolve"),
    permission="campaigns.resolve_objections",
    url_name="campaigns:campaign_list",
    icon="exclamation-diamond",
    order=47,
)
def objections_to_resolve(user):
    return policy.filter(user, "resolve_objection", Objection.objects.all())
