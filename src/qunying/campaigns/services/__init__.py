"""Campaigns writes: campaigns, nominations, judging, decision, objections, closing (campaigns.py),
and public voting (voting.py)."""

from qunying.campaigns.services.campaigns import *  # noqa: F403
from qunying.campaigns.services.campaigns import __all__ as _campaigns_all
from qunying.campaigns.services.voting import (
    cast_vote,
    phone_hash,
    release_vote,
    send_vote_code,
    verify_vote_code,
    vote_shares,
)

__all__ = [
    *_campaigns_all,
    "cast_vote",
    "phone_hash",
    "release_vote",
    "send_vote_code",
    "verify_vote_code",
    "vote_shares",
]
