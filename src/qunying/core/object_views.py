"""Views over one object the user reaches through their scope: fetched from `scope(user)` (404 outside it, so other
units' records are not even confirmed to exist), with the permission then checked against that object."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from rules.contrib.views import PermissionRequiredMixin


class ScopedObjectMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """`self.object` comes from `scope(user)`: an object outside the user's scope is a 404, not a 403."""

    pk_url_kwarg = "pk"

    def scope(self, user):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_object_or_404(self.scope(request.user), pk=kwargs[self.pk_url_kwarg])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.object


class AttachFileView(ScopedObjectMixin, View):
    """A file and its description attached to `self.object` by the app's service (which checks the file): refusals
    and form errors become messages, and the user goes back to the object's page."""

    form_class = None
    success_message = ""
    detail_url_name = ""

    def attach(self, *, upload, description: str):
        raise NotImplementedError

    def post(self, request, pk):
        form = self.form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                self.attach(upload=form.cleaned_data["file"], description=form.cleaned_data["description"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, self.success_message)
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect(self.detail_url_name, pk=self.object.pk)
