"""Manual judge assignment: each live nomination with its judges, a judge added by hand or taken off, beside the
automatic balancing. Conflicts of interest are the service's to refuse."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from qunying.campaigns import services
from qunying.campaigns.forms import AssignJudgeForm, AssignmentFilterForm
from qunying.campaigns.models import JudgeAssignment
from qunying.campaigns.queries import assignment_nominations, filter_assignment_nominations, judges_with_load
from qunying.campaigns.views.campaigns import CampaignMixin
from qunying.core.export_views import ExcelExportView
from qunying.core.pagination import paginate
from qunying.core.people import person_label


class AssignmentsView(CampaignMixin, TemplateView):
    permission_required = "campaigns.assign_judges"
    template_name = "campaigns/assignments.html"

    def nominations(self):
        return assignment_nominations(self.request.user, self.campaign)

    def get_context_data(self, **kwargs):
        judges = list(judges_with_load(self.campaign))
        form = AssignmentFilterForm(self.request.GET or None)
        nominations = filter_assignment_nominations(self.nominations(), self.campaign, **form.filters())
        return super().get_context_data(
            campaign=self.campaign,
            form=form,
            page=paginate(self.request, nominations),
            judges=judges,
            minimum=self.campaign.campaign_type.min_judges,
            **kwargs,
        )

    def post(self, request, pk):
        try:
            if request.POST.get("action") == "remove":
                self.remove(request)
            else:
                self.add(request)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("campaigns:assignments", pk=self.campaign.pk)

    def remove(self, request):
        number = request.POST.get("assignment", "")
        assignments = JudgeAssignment.objects.filter(nomination__in=self.nominations())
        assignment = get_object_or_404(assignments, pk=int(number) if number.isdigit() else 0)
        services.unassign_judge(assignment=assignment, by=request.user)
        messages.success(request, _("The judge is taken off the nomination."))

    def add(self, request):
        form = AssignJudgeForm(request.POST, nominations=self.nominations(), judges=judges_with_load(self.campaign))
        if not form.is_valid():
            raise ValidationError([message for errors in form.errors.values() for message in errors])
        services.assign_judge(
            nomination=form.cleaned_data["nomination"], judge=form.cleaned_data["judge"], by=request.user
        )
        messages.success(request, _("Judge assigned."))


class AssignmentExportView(CampaignMixin, ExcelExportView):
    """The assignment page as a workbook, one row per nomination: the same filters, the same scope."""

    permission_required = "campaigns.assign_judges"
    filename = "评委分配"
    filter_form = AssignmentFilterForm
    audit_action = "campaigns.judge.export"
    columns = [("被推荐人", 12), ("单位", 20), ("评委", 40), ("已提交", 8), ("回避", 8)]

    def get_queryset(self, filters):
        return filter_assignment_nominations(
            assignment_nominations(self.request.user, self.campaign), self.campaign, **filters
        )

    def row(self, nomination) -> list:
        assignments = list(nomination.assignments.all())
        return [
            nomination.person.name,
            nomination.unit.name,
            "、".join(person_label(a.judge) for a in assignments),
            sum(1 for a in assignments if a.submitted_at),
            sum(1 for a in assignments if a.recused),
        ]
