"""Cultivation plan pages: a new plan for an entry, milestones added and completed (overdue ones are highlighted on
the entry page)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.reserve.forms import CompleteMilestoneForm, MilestoneForm, PlanForm
from qunying.reserve.queries import (
    entries_visible_to,
    mentor_by_badge,
    milestones_visible_to,
    plans_visible_to,
    units_for_reserve,
)
from qunying.reserve.services import plans as services


def _mentor(form, user, current=None):
    """The mentor named by badge number: None when blank, False (with the error on the form) when nobody of the
    user's units has it. A badge outside them gets the same answer as an unknown one, so the page cannot be used to
    learn who serves elsewhere; the plan's current mentor may stay."""
    badge = form.cleaned_data["mentor_badge"].strip()
    if not badge:
        return None
    if current is not None and current.badge_number == badge:
        return current
    mentor = mentor_by_badge(user, badge)
    if mentor is None:
        form.add_error("mentor_badge", _("No officer has this badge number."))
        return False
    return mentor


class PlanCreateView(ScopedObjectMixin, FormView):
    permission_required = "reserve.add_plan"
    template_name = "reserve/plan_form.html"

    def scope(self, user):
        return entries_visible_to(user)

    def get_form(self, form_class=None):
        return PlanForm(self.request.POST or None, units=units_for_reserve(self.request.user))

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.object, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        mentor = _mentor(form, self.request.user)
        if mentor is False:
            return self.form_invalid(form)
        try:
            services.create_plan(
                self.object,
                level=data["level"],
                owner_unit=data["owner_unit"],
                goals=data["goals"],
                mentor=mentor,
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The cultivation plan has been set."))
        return redirect("reserve:entry_detail", pk=self.object.pk)


class MilestoneAddView(ScopedObjectMixin, FormView):
    permission_required = "reserve.change_plan"
    template_name = "reserve/milestone_form.html"
    form_class = MilestoneForm

    def scope(self, user):
        return plans_visible_to(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.add_milestone(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("reserve:entry_detail", pk=self.object.entry_id)


class MilestoneCompleteView(ScopedObjectMixin, FormView):
    permission_required = "reserve.change_plan"
    template_name = "reserve/milestone_form.html"
    form_class = CompleteMilestoneForm

    def scope(self, user):
        return milestones_visible_to(user)

    def get_permission_object(self):
        return self.object.plan

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.object.plan, milestone=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.complete_milestone(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("reserve:entry_detail", pk=self.object.plan.entry_id)


class PlanUpdateView(ScopedObjectMixin, FormView):
    """Change a plan's level, owner, mentor or goals; only who may edit it (level by level) gets the page."""

    permission_required = "reserve.change_plan"
    template_name = "reserve/plan_form.html"

    def scope(self, user):
        return plans_visible_to(user)

    def get_form(self, form_class=None):
        plan = self.object
        initial = {
            "level": plan.level,
            "owner_unit": plan.owner_unit,
            "mentor_badge": plan.mentor.badge_number if plan.mentor else "",
            "goals": plan.goals,
        }
        return PlanForm(self.request.POST or None, initial=initial, units=units_for_reserve(self.request.user))

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.object.entry, plan=self.object, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        mentor = _mentor(form, self.request.user, current=self.object.mentor)
        if mentor is False:
            return self.form_invalid(form)
        try:
            services.update_plan(
                self.object,
                level=data["level"],
                owner_unit=data["owner_unit"],
                goals=data["goals"],
                mentor=mentor,
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The cultivation plan has been saved."))
        return redirect("reserve:entry_detail", pk=self.object.entry_id)


class PlanDeleteView(ScopedObjectMixin, TemplateView):
    """Confirm, then delete a plan with its milestones."""

    permission_required = "reserve.change_plan"
    template_name = "reserve/plan_delete.html"

    def scope(self, user):
        return plans_visible_to(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.object, **kwargs)

    def post(self, request, pk):
        try:
            services.delete_plan(self.object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reserve:entry_detail", pk=self.object.entry_id)
        messages.success(request, _("The cultivation plan has been deleted."))
        return redirect("reserve:entry_detail", pk=self.object.entry_id)
