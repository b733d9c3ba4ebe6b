"""Party branch writes: branches, schemes, rating rounds and ratings, the round export."""

from qunying.branches.services.branches import check_branch, create_branch, update_branch
from qunying.branches.services.common import derive_totals
from qunying.branches.services.exports import export_round
from qunying.branches.services.ratings import (
    approve_rating,
    close_round,
    create_round,
    open_round,
    publish_rating,
    refresh_rating,
    refresh_ratings,
    refresh_round,
    return_rating,
    review_rating,
    save_self_assessment,
    submit_rating,
)
from qunying.branches.services.schemes import (
    add_criterion,
    create_default_scheme,
    create_scheme,
    update_criterion,
    update_scheme,
)

__all__ = [
    "add_criterion",
    "approve_rating",
    "check_branch",
    "close_round",
    "create_branch",
    "create_default_scheme",
    "create_round",
    "create_scheme",
    "derive_totals",
    "export_round",
    "open_round",
    "publish_rating",
    "refresh_rating",
    "refresh_ratings",
    "refresh_round",
    "return_rating",
    "review_rating",
    "save_self_assessment",
    "submit_rating",
    "update_branch",
    "update_criterion",
    "update_scheme",
]
