"""What waits in the party branches' star ratings, for the home page's to-do list: ratings to review or approve."""

from django.utils.translation import gettext_lazy as _

from qunying.branches.models import BranchRating
from qunying.branches.rules import policy
from qunying.core.todo import todo_item


@todo_item(
    "branches.review",
    _("Branch ratings to review"),
    permission="branches.review_rating",
    url_name="branches:round_list",
    icon="flag",
    order=80,
)
def ratings_to_review(user):
    return policy.filter(user, "review_rating", BranchRating.objects.all())


@todo_item(
    "branches.approve",
    _("Branch ratings awaiting my approval"),
    permission="branches.approve_rating",
    url_name="branches:round_list",
    icon="flag",
    order=81,
)
def ratings_to_approve(user):
    return policy.filter(user, "approve_rating", BranchRating.objects.all())
