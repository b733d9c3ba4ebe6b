"""Guidance visit pages (调研指导): the filtered list, recording and editing a visit, its page with follow-up items
(overdue ones highlighted), adding an item and marking it done."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.export_views import ExcelExportView
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.reserve.forms import FollowUpDoneForm, FollowUpForm, VisitFilterForm, VisitForm
from qunying.reserve.queries import (
    filter_visits,
    follow_ups_visible_to,
    units_for_reserve,
    units_for_visits,
    visits_visible_to,
)
from qunying.reserve.services import activities as services


class VisitListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reserve.view_visits"
    template_name = "reserve/visit_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = VisitFilterForm(self.request.GET or None, units=units_for_reserve(user))
        visits = filter_visits(visits_visible_to(user), **form.filters())
        return super().get_context_data(form=form, page=paginate(self.request, visits), **kwargs)


class VisitExportView(ExcelExportView):
    """The guidance visits as on the list: the same filters, the same scope, with the follow-up counts."""

    permission_required = "reserve.view_visits"
    filename = "调研指导"
    filter_form = VisitFilterForm
    columns = [
        ("日期", 12),
        ("被调研单位", 18),
        ("调研人员", 20),
        ("调研情况", 50),
        ("未完成事项", 10),
        ("逾期事项", 10),
    ]
    audit_action = "reserve.visits.exported"

    def get_form_kwargs(self) -> dict:
        return {"units": units_for_reserve(self.request.user)}

    def get_queryset(self, filters: dict):
        return filter_visits(visits_visible_to(self.request.user), **filters)

    def row(self, visit) -> list:
        return [visit.date, visit.unit.name, visit.visitors, visit.findings, visit.open_items, visit.overdue_items]


def _visit_data(form) -> dict:
    return {key: form.cleaned_data[key] for key in ("unit", "date", "visitors", "findings")}


class VisitCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "reserve.add_visit"
    template_name = "reserve/visit_form.html"

    def get_form(self, form_class=None):
        return VisitForm(
            self.request.POST or None, initial={"date": timezone.localdate()}, units=units_for_visits(self.request.user)
        )

    def form_valid(self, form):
        try:
            visit = services.create_visit(**_visit_data(form), by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The guidance visit has been recorded."))
        return redirect("reserve:visit_detail", pk=visit.pk)


class VisitUpdateView(ScopedObjectMixin, FormView):
    permission_required = "reserve.change_visit"
    template_name = "reserve/visit_form.html"

    def scope(self, user):
        return visits_visible_to(user)

    def get_form(self, form_class=None):
        visit = self.object
        initial = {"unit": visit.unit, "date": visit.date, "visitors": visit.visitors, "findings": visit.findings}
        return VisitForm(self.request.POST or None, initial=initial, units=units_for_visits(self.request.user))

    def get_context_data(self, **kwargs):
        return super().get_context_data(visit=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.update_visit(self.object, **_visit_data(form), by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The guidance visit has been saved."))
        return redirect("reserve:visit_detail", pk=self.object.pk)


class VisitDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "reserve.view_visits"
    template_name = "reserve/visit_detail.html"

    def scope(self, user):
        return visits_visible_to(user)

    def get_context_data(self, **kwargs):
        visit = self.object
        return super().get_context_data(
            visit=visit,
            items=visit.follow_ups.all(),
            today=timezone.localdate(),
            follow_up_form=FollowUpForm(),
            **kwargs,
        )


class FollowUpAddView(ScopedObjectMixin, FormView):
    permission_required = "reserve.change_visit"
    template_name = "reserve/follow_up_form.html"
    form_class = FollowUpForm

    def scope(self, user):
        return visits_visible_to(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(visit=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.add_follow_up(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("reserve:visit_detail", pk=self.object.pk)


class FollowUpDoneView(ScopedObjectMixin, FormView):
    permission_required = "reserve.complete_follow_up"
    template_name = "reserve/follow_up_form.html"
    form_class = FollowUpDoneForm

    def scope(self, user):
        return follow_ups_visible_to(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(visit=self.object.visit, item=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.complete_follow_up(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("reserve:visit_detail", pk=self.object.visit_id)
