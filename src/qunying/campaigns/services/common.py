"""Shared by the campaign services: the actor check and the statuses that count as a live nomination."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from qunying.accounts.queries import covers, roles_of
from qunying.campaigns.enums import (
    NOMINATION_TRANSITIONS,
    NominationStatus,
)
from qunying.campaigns.models import (
    Nomination,
)

ACTIVE_NOMINATIONS = [NominationStatus.NOMINATED, NominationStatus.PROPOSED, NominationStatus.APPROVED]


def _require(by, roles, path: str | None = None) -> None:
    if by is None or by.is_superuser:
        return
    if path is None:
        if not roles_of(by) & set(roles):
            raise PermissionDenied
    elif not covers(by, roles, path):
        raise PermissionDenied


def _move(nomination: Nomination, to: str) -> None:
    if to not in NOMINATION_TRANSITIONS[nomination.status]:
        raise ValidationError(
            _("The nomination cannot change from %(from)s.") % {"from": nomination.get_status_display()}
        )
    nomination.status = to
