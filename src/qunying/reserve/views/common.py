"""Shared view helpers: an object fetched through the user's scope (404 outside it), service errors on forms."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from rules.contrib.views import PermissionRequiredMixin


class ScopedObjectMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """`self.object` comes from `scope(user)`: an object outside the user's scope is a 404, not a 403."""

    def scope(self, user):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_object_or_404(self.scope(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.object
