"""What the branch pages share: fetching an object through the user's scope first (outside it: a 404)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from rules.contrib.views import PermissionRequiredMixin


class ScopedObjectMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Sets `self.object` from `scope(user)`; the permission is then checked against it."""

    scope = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_object_or_404(type(self).scope(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.object


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
