"""Discovery pages: suggestions with their reasons, accepting or dismissing, running the engine, the weights."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.discovery import services, tasks
from qunying.discovery.admission import reserve_door
from qunying.discovery.forms import DismissForm, RunForm, SuggestionFilterForm, WeightsForm
from qunying.discovery.models import DiscoveryWeights
from qunying.discovery.queries import (
    filter_suggestions,
    latest_snapshot,
    recent_runs,
    suggestions_visible_to,
    units_for_suggestions,
)
from qunying.discovery.reasons import describe
from qunying.discovery.signals import SIGNALS


class SuggestionListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "discovery.view_suggestions"
    template_name = "discovery/suggestion_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = SuggestionFilterForm(self.request.GET or None, units=units_for_suggestions(user))
        page = paginate(self.request, filter_suggestions(suggestions_visible_to(user), **form.filters()))
        rows = [(suggestion, describe(suggestion.reasons)) for suggestion in page.object_list]
        return super().get_context_data(
            form=form, page=page, rows=rows, run_form=RunForm(), runs=list(recent_runs()), **kwargs
        )


class VisibleSuggestionMixin(ScopedObjectMixin):
    def scope(self, user):
        return suggestions_visible_to(user)


class SuggestionDetailView(VisibleSuggestionMixin, TemplateView):
    permission_required = "discovery.view_suggestion"
    template_name = "discovery/suggestion_detail.html"

    def get_context_data(self, **kwargs):
        suggestion = self.object
        snapshot = latest_snapshot(suggestion.person, suggestion.year)
        percentiles = (
            [(DiscoveryWeights._meta.get_field(s).verbose_name, snapshot.percentiles.get(s, 0)) for s in SIGNALS]
            if snapshot
            else []
        )
        return super().get_context_data(
            suggestion=suggestion,
            reasons=describe(suggestion.reasons),
            snapshot=snapshot,
            percentiles=percentiles,
            accept_form=kwargs.pop("accept_form", None) or reserve_door().form_class(),
            dismiss_form=kwargs.pop("dismiss_form", None) or DismissForm(),
            **kwargs,
        )


class SuggestionAcceptView(VisibleSuggestionMixin, FormView):
    permission_required = "discovery.decide_suggestion"
    http_method_names = ["post"]  # the form lives on the suggestion's page; a GET here has nothing to show
    template_name = "discovery/suggestion_detail.html"

    def get_form_class(self):
        return reserve_door().form_class

    def form_valid(self, form):
        try:
            services.accept_suggestion(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Accepted: the reserve proposal awaits approval."))
        return redirect("discovery:suggestion_detail", pk=self.object.pk)

    def form_invalid(self, form):
        view = SuggestionDetailView(request=self.request, kwargs=self.kwargs, object=self.object)
        return self.render_to_response(view.get_context_data(accept_form=form))


class SuggestionDismissView(VisibleSuggestionMixin, FormView):
    permission_required = "discovery.decide_suggestion"
    http_method_names = ["post"]  # the form lives on the suggestion's page; a GET here has nothing to show
    template_name = "discovery/suggestion_detail.html"
    form_class = DismissForm

    def form_valid(self, form):
        try:
            services.dismiss_suggestion(self.object, reason=form.cleaned_data["dismissal_reason"], by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Dismissed. It returns only if new evidence arrives."))
        return redirect("discovery:suggestion_detail", pk=self.object.pk)

    def form_invalid(self, form):
        view = SuggestionDetailView(request=self.request, kwargs=self.kwargs, object=self.object)
        return self.render_to_response(view.get_context_data(dismiss_form=form))


class RunView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "discovery.run"
    template_name = "discovery/run.html"
    form_class = RunForm

    def form_valid(self, form):
        year, user_id = form.cleaned_data["year"], self.request.user.pk
        transaction.on_commit(lambda: tasks.run_discovery.enqueue(year, user_id))
        messages.success(self.request, _("The computation has been started."))
        return redirect("discovery:suggestion_list")


class WeightsView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "discovery.change_weights"
    template_name = "discovery/weights.html"

    def get_form(self, form_class=None):
        return WeightsForm(self.request.POST or None, instance=services.current_weights())

    def form_valid(self, form):
        try:
            services.update_weights(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The weights have been saved."))
        return redirect("discovery:weights")
