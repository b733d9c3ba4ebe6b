"""Shared by the campaign services: the statuses that count as a live nomination, and the refusal of a step the
nomination's status does not allow."""

from django.utils.translation import gettext_lazy as _

from qunying.campaigns.rules import LIVE_NOMINATIONS

ACTIVE_NOMINATIONS = list(LIVE_NOMINATIONS)
NOMINATION_STEP_REFUSED = _("The nomination cannot change from %(from)s.")
