"""What every app's read endpoints share: the user a bearer token reads as (accounts.api authenticates the token)."""

from django.utils.translation import gettext as _
from ninja.errors import HttpError


def token_reader(request):
    """The user a read endpoint answers as: the token's owner (their units, masking by their roles). A token without
    one, or whose owner was disabled, reads nothing: 403."""
    owner = getattr(request.auth, "owner", None)
    if owner is None or not owner.is_active:
        raise HttpError(403, _("This token has no active owner: it may record interactions, not read."))
    return owner
