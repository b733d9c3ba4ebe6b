"""Year-end evaluation pages: the rounds with their progress, opening a round, a round's evaluations (filtered, with
progress per unit, exported), recording an evaluation and deciding on it, closing the round."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.export_views import ExcelExportView
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.reserve.enums import Tier
from qunying.reserve.forms import EvaluationDecisionForm, EvaluationFilterForm, EvaluationForm, RoundOpenForm
from qunying.reserve.queries import (
    evaluations_visible_to,
    filter_evaluations,
    round_progress,
    rounds_visible_to,
    units_for_reserve,
    units_for_rounds,
)
from qunying.reserve.services import evaluations as services
from qunying.reserve.services.export import export_round


class RoundListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reserve.view_rounds"
    template_name = "reserve/round_list.html"

    def get_context_data(self, **kwargs):
        rounds = rounds_visible_to(self.request.user).order_by("-year", "unit__path")
        return super().get_context_data(page=paginate(self.request, rounds), **kwargs)


class RoundListExportView(ExcelExportView):
    """The rounds as on the list: the user's rounds with the progress of the evaluations they can see."""

    permission_required = "reserve.view_rounds"
    filename = "年终评估"
    columns = [("年度", 8), ("单位", 18), ("状态", 10), ("已完成", 10), ("应评估", 10), ("待审批", 10), ("发起人", 12)]
    audit_action = "reserve.rounds.exported"

    def get_queryset(self, filters: dict):
        return rounds_visible_to(self.request.user).order_by("-year", "unit__path")

    def row(self, evaluation_round) -> list:
        opened_by = evaluation_round.opened_by
        return [
            evaluation_round.year,
            evaluation_round.unit.name,
            evaluation_round.get_status_display(),
            evaluation_round.done,
            evaluation_round.due,
            evaluation_round.awaiting,
            opened_by.get_username() if opened_by else "",
        ]


class RoundOpenView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "reserve.open_round"
    template_name = "reserve/round_open.html"

    def get_form(self, form_class=None):
        units = units_for_rounds(self.request.user)
        return RoundOpenForm(self.request.POST or None, initial={"year": timezone.localdate().year}, units=units)

    def form_valid(self, form):
        try:
            evaluation_round = services.open_round(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The round is open: one evaluation per entry in the reserve."))
        return redirect("reserve:round_detail", pk=evaluation_round.pk)


def _round_evaluations(request, evaluation_round):
    user = request.user
    form = EvaluationFilterForm(request.GET or None, units=units_for_reserve(user))
    scoped = evaluations_visible_to(user).filter(round=evaluation_round)
    return form, scoped, form.filters()


class RoundDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "reserve.view_rounds"
    template_name = "reserve/round_detail.html"

    def scope(self, user):
        return rounds_visible_to(user)

    def get_context_data(self, **kwargs):
        evaluation_round = self.object
        form, scoped, filters = _round_evaluations(self.request, evaluation_round)
        progress = round_progress(scoped)
        return super().get_context_data(
            round=evaluation_round,
            form=form,
            progress=progress,
            totals={"due": sum(r["due"] for r in progress), "done": sum(r["done"] for r in progress)},
            page=paginate(self.request, filter_evaluations(scoped, **filters)),
            **kwargs,
        )


class RoundExportView(ScopedObjectMixin, ExcelExportView):
    permission_required = "reserve.view_rounds"
    filter_form = EvaluationFilterForm

    def scope(self, user):
        return rounds_visible_to(user)

    def get_form_kwargs(self) -> dict:
        return {"units": units_for_reserve(self.request.user)}

    def get_filename(self) -> str:
        return f"{self.object.year}年终评估-{self.object.unit.name}.xlsx"

    def get_queryset(self, filters: dict):
        scoped = evaluations_visible_to(self.request.user).filter(round=self.object)
        return filter_evaluations(scoped, **filters)

    def export(self, queryset, target, *, filters: dict) -> int:
        return export_round(self.object, queryset, target, by=self.request.user, filters=filters)


class RoundCloseView(ScopedObjectMixin, View):
    permission_required = "reserve.manage_round"

    def scope(self, user):
        return rounds_visible_to(user)

    def post(self, request, pk):
        try:
            services.close_round(self.object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, pgettext("evaluation", "The round is closed."))
        return redirect("reserve:round_detail", pk=self.object.pk)


class RoundAddEntriesView(ScopedObjectMixin, View):
    """Bring people admitted since the round opened into it."""

    permission_required = "reserve.manage_round"

    def scope(self, user):
        return rounds_visible_to(user)

    def post(self, request, pk):
        try:
            added = services.add_new_entries(self.object, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(n)d people added to the round.") % {"n": added})
        return redirect("reserve:round_detail", pk=self.object.pk)


class EvaluationDetailView(ScopedObjectMixin, TemplateView):
    permission_required = "reserve.view_evaluation"
    template_name = "reserve/evaluation_detail.html"

    def scope(self, user):
        return evaluations_visible_to(user)

    def get_context_data(self, **kwargs):
        evaluation = self.object
        target = services.target_tier(evaluation.entry.tier, evaluation.outcome)
        return super().get_context_data(evaluation=evaluation, target=Tier(target).label if target else "", **kwargs)


class EvaluationRecordView(ScopedObjectMixin, FormView):
    permission_required = "reserve.record_evaluation"
    template_name = "reserve/evaluation_form.html"

    def scope(self, user):
        return evaluations_visible_to(user)

    def get_form(self, form_class=None):
        evaluation = self.object
        initial = {
            "method": evaluation.method,
            "evaluator": evaluation.evaluator or getattr(self.request.user, "full_name", ""),
            "findings": evaluation.findings,
            "check_note": evaluation.check_note,
            "outcome": evaluation.outcome,
        }
        return EvaluationForm(self.request.POST or None, initial=initial)

    def get_context_data(self, **kwargs):
        return super().get_context_data(evaluation=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.record_evaluation(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The evaluation has been recorded and awaits approval."))
        return redirect("reserve:evaluation_detail", pk=self.object.pk)


class EvaluationDecideView(ScopedObjectMixin, FormView):
    permission_required = "reserve.approve_evaluations"
    template_name = "reserve/evaluation_form.html"
    form_class = EvaluationDecisionForm

    def scope(self, user):
        return evaluations_visible_to(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(evaluation=self.object, deciding=True, **kwargs)

    def form_valid(self, form):
        try:
            services.decide_evaluation(
                self.object,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["decision_note"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The decision has been recorded."))
        return redirect("reserve:evaluation_detail", pk=self.object.pk)
