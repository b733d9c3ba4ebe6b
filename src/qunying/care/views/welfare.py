"""Welfare pages: visits (planned until done), hospitalisations and injuries that schedule them, assistance cases."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from qunying.care import services
from qunying.care.forms import (
    CASE_STATUSES,
    VISIT_STATUSES,
    CaseCloseForm,
    CaseForm,
    CaseStepForm,
    HealthEventForm,
    ReasonForm,
    VisitDoneForm,
    VisitPlanForm,
)
from qunying.care.queries import cases_visible_to, filter_by_person, visits_visible_to
from qunying.care.views.base import (
    CareActionView,
    CareExportMixin,
    CareListView,
    CareMixin,
    CareObjectMixin,
    PersonParamMixin,
)
from qunying.core.forms import add_service_errors


class VisitListView(CareListView):
    title = gettext_lazy("Welfare visits")
    what = "visits"
    statuses = VISIT_STATUSES
    export_url = "care:visit_export"
    actions = ((gettext_lazy("Import the care ledger"), "care:ledger_import", "upload"),)
    columns = (
        (gettext_lazy("Person"), "姓名", 12),
        (gettext_lazy("Unit"), "单位", 18),
        (gettext_lazy("Reason"), "事由", 12),
        (gettext_lazy("Visit by"), "应慰问日期", 12),
        (gettext_lazy("Status"), "状态", 8),
        (gettext_lazy("Visited on"), "慰问日期", 12),
        (gettext_lazy("Visitors"), "慰问人", 16),
    )

    def get_queryset(self, filters):
        visits = filter_by_person(
            visits_visible_to(self.request.user), unit=filters.get("unit"), q=filters.get("q", "")
        )
        if filters.get("status"):
            visits = visits.filter(status=filters["status"])
        return visits.order_by("-due_on", "-pk")

    def link(self, visit):
        return reverse("care:visit_detail", args=[visit.pk])

    def cells(self, visit):
        return [
            visit.person.name,
            visit.person.unit.name,
            visit.get_reason_display(),
            visit.due_on,
            visit.get_status_display(),
            visit.visited_on or "",
            visit.visitors,
        ]


class VisitExportView(CareExportMixin, VisitListView):
    filename = "慰问记录"


class VisitDetailView(CareObjectMixin, TemplateView):
    permission_required = "care.view_visit"
    template_name = "care/visit_detail.html"

    def scope(self, user):
        return visits_visible_to(user)

    def get_context_data(self, **kwargs):
        visit = self.object
        self.audit_read(visit, "visit")
        return super().get_context_data(visit=visit, done_form=VisitDoneForm(), cancel_form=ReasonForm(), **kwargs)


class VisitActionView(CareActionView):
    def scope(self, user):
        return visits_visible_to(user)

    def redirect_to(self, visit):
        return reverse("care:visit_detail", args=[visit.pk])


class VisitDoneView(VisitActionView):
    permission_required = "care.complete_visit"
    form_class = VisitDoneForm
    success_message = gettext_lazy("The visit is recorded as done.")

    def act(self, visit, data):
        services.complete_visit(visit, by=self.request.user, **data)


class VisitCancelView(VisitActionView):
    permission_required = "care.cancel_visit"
    form_class = ReasonForm
    success_message = gettext_lazy("The visit has been cancelled.")

    def act(self, visit, data):
        services.cancel_visit(visit, reason=data["reason"], by=self.request.user)


class PersonFormView(CareMixin, PersonParamMixin, FormView):
    """A form about one person (`?person=`) allowed `permission_required` over them; `save(data)` calls the service
    and returns the page to go to."""

    template_name = "care/form.html"
    title = ""
    success_message = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=f"{self.title}：{self.person.name}", back=reverse("care:person_care", args=[self.person.pk]), **kwargs
        )

    def form_valid(self, form):
        try:
            target = self.save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(target)


class VisitCreateView(PersonFormView):
    permission_required = "care.plan_visit"
    form_class = VisitPlanForm
    title = gettext_lazy("Plan a welfare visit")
    success_message = gettext_lazy("The visit has been planned.")

    def save(self, data):
        visit = services.plan_visit(person=self.person, by=self.request.user, **data)
        return reverse("care:visit_detail", args=[visit.pk])


class HealthEventCreateView(PersonFormView):
    permission_required = "care.record_health_event"
    form_class = HealthEventForm
    title = gettext_lazy("Record a hospitalisation or injury")

    def save(self, data):
        event = services.record_health_event(person=self.person, by=self.request.user, **data)
        visit = event.visits.get()
        messages.info(self.request, _("A welfare visit is due by %(date)s.") % {"date": visit.due_on})
        return reverse("care:visit_detail", args=[visit.pk])

    success_message = gettext_lazy("The record has been saved.")


class CaseListView(CareListView):
    title = gettext_lazy("Assistance cases")
    what = "cases"
    statuses = CASE_STATUSES
    export_url = "care:case_export"
    columns = (
        (gettext_lazy("Person"), "姓名", 12),
        (gettext_lazy("Unit"), "单位", 18),
        (gettext_lazy("Difficulty"), "困难类别", 12),
        (gettext_lazy("Opened on"), "立案日期", 12),
        (gettext_lazy("Status"), "状态", 10),
        (gettext_lazy("Next review"), "下次回访", 12),
    )

    def get_queryset(self, filters):
        cases = filter_by_person(cases_visible_to(self.request.user), unit=filters.get("unit"), q=filters.get("q", ""))
        if filters.get("status"):
            cases = cases.filter(status=filters["status"])
        return cases.order_by("-opened_on", "-pk")

    def link(self, case):
        return reverse("care:case_detail", args=[case.pk])

    def cells(self, case):
        return [
            case.person.name,
            case.person.unit.name,
            case.get_kind_display(),
            case.opened_on,
            case.get_status_display(),
            case.next_review_on or "",
        ]


class CaseExportView(CareExportMixin, CaseListView):
    filename = "困难帮扶台账"


class CaseDetailView(CareObjectMixin, TemplateView):
    permission_required = "care.view_case"
    template_name = "care/case_detail.html"

    def scope(self, user):
        return cases_visible_to(user)

    def get_context_data(self, **kwargs):
        case = self.object
        self.audit_read(case, "case")
        return super().get_context_data(
            case=case,
            steps=case.steps.select_related("recorded_by"),
            step_form=CaseStepForm(),
            close_form=CaseCloseForm(),
            **kwargs,
        )


class CaseCreateView(PersonFormView):
    permission_required = "care.open_case"
    form_class = CaseForm
    title = gettext_lazy("Open an assistance case")
    success_message = gettext_lazy("The case has been opened; it is reviewed monthly.")

    def save(self, data):
        case = services.open_case(person=self.person, by=self.request.user, **data)
        return reverse("care:case_detail", args=[case.pk])


class CaseActionView(CareActionView):
    def scope(self, user):
        return cases_visible_to(user)

    def redirect_to(self, case):
        return reverse("care:case_detail", args=[case.pk])


class CaseStepView(CaseActionView):
    permission_required = "care.add_case_step"
    form_class = CaseStepForm
    success_message = gettext_lazy("The step has been recorded.")

    def act(self, case, data):
        services.add_case_step(case, by=self.request.user, **data)


class CaseCloseView(CaseActionView):
    permission_required = "care.close_case"
    form_class = CaseCloseForm
    success_message = gettext_lazy("The case has been closed.")

    def act(self, case, data):
        services.close_case(case, by=self.request.user, **data)
