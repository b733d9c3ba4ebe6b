"""Reserve pages: the list with filters, an entry with its history, proposals, decisions and unit coverage."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.export_views import ExcelExportView
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.core.people import person_label
from qunying.reserve import services
from qunying.reserve.enums import Tier
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
    pending_change_of,
    people_for_proposals,
    units_for_reserve,
)


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


class EntryExportView(ExcelExportView):
    """The reserve list as a workbook: the same filters, the same scope."""

    permission_required = "reserve.view_reserve"
    filename = "典型储备库"
    filter_form = EntryFilterForm

    def get_form_kwargs(self) -> dict:
        return {"units": units_for_reserve(self.request.user)}

    def get_queryset(self, filters: dict):
        return filter_entries(entries_visible_to(self.request.user), **filters)

    def export(self, queryset, target, *, filters: dict) -> int:
        return services.export_entries(queryset, target, by=self.request.user, filters=filters)


class EntryDetailView(ScopedObjectMixin, TemplateView):
    """An entry with its history; the buttons each ask the policy (templates: `{% has_perm %}`)."""

    permission_required = "reserve.view_entry"
    template_name = "reserve/entry_detail.html"

    def scope(self, user):
        return entries_visible_to(user)

    def get_context_data(self, **kwargs):
        user, entry = self.request.user, self.object
        history = list(history_of(entry))
        return super().get_context_data(
            entry=entry,
            history=history,
            plans=entry.plans.select_related("owner_unit", "mentor").prefetch_related("milestones"),
            today=timezone.localdate(),
            pending=next((change for change in history if change.is_pending), None),
            decision_form=DecisionForm(),
            evaluations=entry.evaluations.select_related("round").order_by("-round__year", "-pk"),
            activities=activities_visible_to(user).filter(people=entry.person).order_by("-date", "-pk")[:10],
            **kwargs,
        )


class ProposeView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Propose a person (`?person=<id>`) for the reserve, or an entry's person for another tier."""

    permission_required = "reserve.propose_for"
    template_name = "reserve/propose.html"
    form_class = ProposalForm

    def dispatch(self, request, *args, **kwargs):
        self.person = None
        # Someone who may propose nobody is refused (403) before the person is even looked up.
        if request.user.has_perm(self.permission_required):
            try:
                person_id = int(request.GET.get("person", ""))
            except ValueError:
                raise Http404 from None
            self.person = get_object_or_404(people_for_proposals(request.user), pk=person_id)
            self.entry = open_entry_of(self.person)
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.person

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


class DecideView(ScopedObjectMixin, FormView):
    """Decide an entry's pending proposal (a leader for anything touching the exemplar tier)."""

    permission_required = "reserve.decide"
    template_name = "reserve/decide.html"
    form_class = DecisionForm

    def scope(self, user):
        return entries_visible_to(user)

    @cached_property
    def change(self):
        change = pending_change_of(self.object)
        if change is None:
            raise Http404
        return change

    def get_permission_object(self):
        return self.change

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.object, change=self.change, **kwargs)

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
        return redirect("reserve:entry_detail", pk=self.object.pk)


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


class AwaitingExportView(ExcelExportView):
    """The proposals awaiting the user's decision, as on the page (no filters: the page has none)."""

    permission_required = "reserve.decide"
    filename = "待我审批"
    columns = [
        ("姓名", 12),
        ("单位", 18),
        ("原层级", 10),
        ("拟调整为", 10),
        ("理由", 40),
        ("提出人", 12),
        ("提出时间", 18),
    ]
    audit_action = "reserve.awaiting.exported"

    def get_queryset(self, filters: dict):
        return changes_awaiting(self.request.user)

    def row(self, change) -> list:
        person = change.entry.person
        return [
            person.name,
            person.unit.name,
            change.get_from_tier_display() if change.from_tier else "",
            change.get_to_tier_display(),
            change.reason,
            person_label(change.proposed_by) if change.proposed_by else "",
            timezone.localtime(change.created_at).strftime("%Y-%m-%d %H:%M"),
        ]


class CoverageExportView(ExcelExportView):
    """The coverage table: per unit in scope (in the page's order; its depth below the top unit as 层级), active entries
    by tier with subunits included, and the gaps."""

    permission_required = "reserve.view_coverage"
    filename = "储备覆盖情况"
    columns = [("单位", 24), ("层级", 8), ("典型", 8), ("重点培养", 10), ("储备", 8), ("缺项", 8)]
    audit_action = "reserve.coverage.exported"

    def get_queryset(self, filters: dict):
        return coverage(units_for_reserve(self.request.user))

    def row(self, row) -> list:
        counts = row.counts
        return [
            row.unit.name,
            row.level,
            counts.get(Tier.EXEMPLAR, 0),
            counts.get(Tier.FOCUS, 0),
            counts.get(Tier.RESERVE, 0),
            row.gaps,
        ]


class RetireView(ScopedObjectMixin, FormView):
    """Take an entry out of the reserve, with the reason (a leader for an exemplar, else the political department)."""

    permission_required = "reserve.retire"
    template_name = "reserve/retire.html"
    form_class = RetireForm

    def scope(self, user):
        return entries_visible_to(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.retire_entry(self.object, reason=form.cleaned_data["reason"], by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The entry has been retired from the reserve."))
        return redirect("reserve:entry_detail", pk=self.object.pk)
