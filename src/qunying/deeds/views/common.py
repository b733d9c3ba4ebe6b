"""What the ledger's pages share: fetching an object through the user's scope (404 outside it)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
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


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default
