"""What the branch pages share beyond core's scoped-object views: a service call behind a button."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def run_service(request, action, success: str | None = None) -> bool:
    """Call a service for a button: its refusal becomes an error message, success a success message."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    if success:
        messages.success(request, success)
    return True
