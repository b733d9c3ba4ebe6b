"""The sampling rules page: the rules (editable by the bureau's political department) and recent decisions."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.feedback import services
from qunying.feedback.enums import SurveyDecision
from qunying.feedback.forms import SamplingPolicyForm
from qunying.feedback.models import SamplingPolicy
from qunying.feedback.queries import decision_counts, surveys_visible_to

RECENT_DAYS = 30


class SamplingPolicyView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "feedback.view_ratings"
    template_name = "feedback/sampling.html"
    form_class = SamplingPolicyForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": SamplingPolicy.current()}

    def get_context_data(self, **kwargs):
        since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
        counts = decision_counts(surveys_visible_to(self.request.user), since=since)
        decisions = [(choice, counts.get(choice.value, 0)) for choice in SurveyDecision]
        return super().get_context_data(
            decisions=decisions,
            recent_days=RECENT_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        if not self.request.user.has_perm("feedback.manage_sampling"):
            raise PermissionDenied
        try:
            services.update_sampling_policy(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Sampling rules saved; they apply to interactions recorded from now on."))
        return redirect("feedback:sampling")
