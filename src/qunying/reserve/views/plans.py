"""Cultivation plan pages: a new plan for an entry, milestones added and completed (overdue ones are highlighted on
the entry page)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.org.models import Person
from qunying.reserve.forms import CompleteMilestoneForm, MilestoneForm, PlanForm
from qunying.reserve.models import CultivationPlan, Milestone
from qunying.reserve.queries import entries_visible_to, units_for_reserve
from qunying.reserve.services import plans as services


def _mentor(form):
    """The mentor named by badge number: None when blank, False (with the error on the form) when nobody has it."""
    badge = form.cleaned_data["mentor_badge"].strip()
    if not badge:
        return None
    mentor = Person.objects.filter(badge_number=badge).first()
    if mentor is None:
        form.add_error("mentor_badge", _("No officer has this badge number."))
        return False
    return mentor


def _plans_visible_to(user):
    return CultivationPlan.objects.filter(entry__in=entries_visible_to(user)).select_related(
        "owner_unit", "mentor", "entry__person__unit"
    )


class PlanCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "reserve.propose"
    template_name = "reserve/plan_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.entry = get_object_or_404(entries_visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return PlanForm(self.request.POST or None, units=units_for_reserve(self.request.user))

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        mentor = _mentor(form)
        if mentor is False:
            return self.form_invalid(form)
        try:
            services.create_plan(
                self.entry,
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
        return redirect("reserve:entry_detail", pk=self.entry.pk)


class MilestoneAddView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "reserve.propose"
    template_name = "reserve/milestone_form.html"
    form_class = MilestoneForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = get_object_or_404(
                CultivationPlan.objects.filter(entry__in=entries_visible_to(request.user)).select_related(
                    "owner_unit", "entry__person"
                ),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)

    def form_valid(self, form):
        try:
            services.add_milestone(self.plan, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("reserve:entry_detail", pk=self.plan.entry_id)


class MilestoneCompleteView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "reserve.propose"
    template_name = "reserve/milestone_form.html"
    form_class = CompleteMilestoneForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.milestone = get_object_or_404(
                Milestone.objects.filter(plan__entry__in=entries_visible_to(request.user)).select_related(
                    "plan__owner_unit", "plan__entry__person"
                ),
                pk=kwargs["pk"],
            )
            self.plan = self.milestone.plan
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, milestone=self.milestone, **kwargs)

    def form_valid(self, form):
        try:
            services.complete_milestone(self.milestone, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return redirect("reserve:entry_detail", pk=self.plan.entry_id)


class PlanUpdateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Change a plan's level, owner, mentor or goals; only who may edit it (level by level) gets the page."""

    permission_required = "reserve.propose"
    template_name = "reserve/plan_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = get_object_or_404(_plans_visible_to(request.user), pk=kwargs["pk"])
            if not services.may_edit_plan(request.user, self.plan):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        plan = self.plan
        initial = {
            "level": plan.level,
            "owner_unit": plan.owner_unit,
            "mentor_badge": plan.mentor.badge_number if plan.mentor else "",
            "goals": plan.goals,
        }
        return PlanForm(self.request.POST or None, initial=initial, units=units_for_reserve(self.request.user))

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.plan.entry, plan=self.plan, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        mentor = _mentor(form)
        if mentor is False:
            return self.form_invalid(form)
        try:
            services.update_plan(
                self.plan,
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
        return redirect("reserve:entry_detail", pk=self.plan.entry_id)


class PlanDeleteView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Confirm, then delete a plan with its milestones."""

    permission_required = "reserve.propose"
    template_name = "reserve/plan_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = get_object_or_404(_plans_visible_to(request.user), pk=kwargs["pk"])
            if not services.may_edit_plan(request.user, self.plan):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)

    def post(self, request, pk):
        try:
            services.delete_plan(self.plan, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reserve:entry_detail", pk=self.plan.entry_id)
        messages.success(request, _("The cultivation plan has been deleted."))
        return redirect("reserve:entry_detail", pk=self.plan.entry_id)
