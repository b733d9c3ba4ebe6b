"""Reserve pages: the list with filters, an entry with its history, proposals, decisions and unit coverage."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.accounts.views import add_service_errors
from qunying.core.pagination import paginate
from qunying.org.views.roster import workbook_response
from qunying.reserve import services
from qunying.reserve.forms import DecisionForm, EntryFilterForm, ProposalForm, RetireForm
from qunying.reserve.queries import (
    activities_visible_to,
    changes_awaiting,
    coverage,
    entries_visible_to,
    evaluations_awaiting,
    filter_entries,
    history_of,
    open_entry_of,
    people_for_proposals,
    units_for_reserve,
)
from qunying.reserve.services.plans import may_edit_plan
from qunying.reserve.services.tiers import may_decide, may_retire


class EntryListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reserve.view_reserve"
    template_name = "reserve/entry_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = EntryFilterForm(self.request.GET or None, units=units_for_reserve(user))
        entries = filter_entries(entries_visible_to(user), **form.filters())
        return super().get_context_data(
            form=form, page=paginate(self.request, entries), awaiting=changes_awaiting(user).count(), **kwargs
        )


class EntryExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The reserve list as a workbook: the same filters, the same scope."""

    permission_required = "reserve.view_reserve"

    def get(self, request):
        user = request.user
        form = EntryFilterForm(request.GET or None, units=units_for_reserve(user))
        if form.is_bound and "unit" in form.errors:
            raise Http404  # a unit outside the user's scope
        filters = form.filters()
        entries = filter_entries(entries_visible_to(user), **filters)
        return workbook_response(
            lambda target: services.export_entries(entries, target, by=user, filters=filters),
            f"典型储备库-{timezone.localdate():%Y%m%d}.xlsx",
        )


class EntryDetailView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reserve.view_entry"
    template_name = "reserve/entry_detail.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.entry = get_object_or_404(entries_visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.entry

    def get_context_data(self, **kwargs):
        user = self.request.user
        history = list(history_of(self.entry))
        pending = next((change for change in history if change.status == "proposed"), None)
        plans = list(self.entry.plans.select_related("owner_unit", "mentor").prefetch_related("milestones"))
        for plan in plans:
            plan.may_edit = may_edit_plan(user, plan)
        return super().get_context_data(
            entry=self.entry,
            history=history,
            plans=plans,
            today=timezone.localdate(),
            pending=pending,
            can_decide=pending is not None and may_decide(user, pending),
            decision_form=DecisionForm(),
            evaluations=self.entry.evaluations.select_related("round").order_by("-round__year", "-pk"),
            activities=activities_visible_to(user).filter(people=self.entry.person).order_by("-date", "-pk")[:10],
            can_retire=pending is None and self.entry.status == "active" and may_retire(user, self.entry),
            can_propose=pending is None
            and self.entry.status == "active"
            and user.has_perm("reserve.propose_for", self.entry.person),
            **kwargs,
        )


class ProposeView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Propose a person (`?person=<id>`) for the reserve, or an entry's person for another tier."""

    permission_required = "reserve.propose"
    template_name = "reserve/propose.html"
    form_class = ProposalForm

    def dispatch(self, request, *args, **kwargs):
        self.person = None
        if request.user.is_authenticated:
            try:
                person_id = int(request.GET.get("person", ""))
            except ValueError:
                raise Http404 from None
            self.person = get_object_or_404(people_for_proposals(request.user), pk=person_id)
            self.entry = open_entry_of(self.person)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "new_entry": self.entry is None}

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, entry=self.entry, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            change = services.propose_tier(
                person=self.person,
                to_tier=data["to_tier"],
                reason=data["reason"],
                level=data.get("level", ""),
                category=data.get("category", ""),
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The proposal awaits approval."))
        return redirect("reserve:entry_detail", pk=change.entry_id)


class DecideView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "reserve.decide"
    template_name = "reserve/decide.html"
    form_class = DecisionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.entry = get_object_or_404(entries_visible_to(request.user), pk=kwargs["pk"])
            self.change = self.entry.tier_changes.filter(status="proposed").first()
            if self.change is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry, change=self.change, **kwargs)

    def form_valid(self, form):
        try:
            services.decide_tier_change(
                self.change,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["decision_note"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The decision has been recorded."))
        return redirect("reserve:entry_detail", pk=self.entry.pk)


EVALUATIONS_SHOWN = 50  # the rest stay reachable through the round's page, filtered by status


class AwaitingView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reserve.decide"
    template_name = "reserve/awaiting.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            page=paginate(self.request, changes_awaiting(user)),
            evaluations=evaluations_awaiting(user)[:EVALUATIONS_SHOWN],
            **kwargs,
        )


class CoverageView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reserve.view_coverage"
    template_name = "reserve/coverage.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=coverage(units_for_reserve(self.request.user)), **kwargs)


class RetireView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Take an entry out of the reserve, with the reason (a leader for an exemplar, else the political department)."""

    permission_required = "reserve.retire"
    template_name = "reserve/retire.html"
    form_class = RetireForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.entry = get_object_or_404(entries_visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry, **kwargs)

    def form_valid(self, form):
        try:
            services.retire_entry(self.entry, reason=form.cleaned_data["reason"], by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The entry has been retired from the reserve."))
        return redirect("reserve:entry_detail", pk=self.entry.pk)
