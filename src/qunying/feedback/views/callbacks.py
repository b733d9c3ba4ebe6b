"""Callback pages: the unit's cases with overdue ones highlighted, and one case with its form."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.feedback import services
from qunying.feedback.forms import CallbackFilterForm, CallbackForm
from qunying.feedback.queries import callbacks_visible_to, filter_callbacks


class CallbackListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "feedback.view_callbacks"
    template_name = "feedback/callback_list.html"

    def get_context_data(self, **kwargs):
        form = CallbackFilterForm(self.request.GET or None)
        callbacks = filter_callbacks(callbacks_visible_to(self.request.user), **form.filters())
        return super().get_context_data(form=form, page=paginate(self.request, callbacks), now=timezone.now(), **kwargs)


class CallbackDetailView(ScopedObjectMixin, FormView):
    permission_required = "feedback.view_callback"
    template_name = "feedback/callback_detail.html"
    form_class = CallbackForm

    def scope(self, user):
        return callbacks_visible_to(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.object.unit}

    def get_initial(self):
        callback = self.object
        return {
            "status": callback.status,
            "assignee": callback.assignee,
            "outcome": callback.outcome,
            "rectification": callback.rectification,
        }

    def get_context_data(self, **kwargs):
        callback = self.object
        return super().get_context_data(
            callback=callback,
            interaction=callback.survey.interaction,
            officers=[link.person for link in callback.survey.interaction.officer_links.select_related("person")],
            **kwargs,
        )

    def form_valid(self, form):
        if not self.request.user.has_perm("feedback.handle_callback", self.object):
            return self.handle_no_permission()
        try:
            services.update_callback(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Callback saved."))
        return redirect("feedback:callback_detail", pk=self.object.pk)
