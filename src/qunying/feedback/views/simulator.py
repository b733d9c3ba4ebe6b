"""The SMS simulator (console backend only, political officers only): the messages sent, and replying as the
citizen would, through the same service as the gateway's webhook. Numbers are shown masked."""

import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.feedback import services
from qunying.feedback.enums import SurveyStatus
from qunying.feedback.forms import SimulatorReplyForm
from qunying.feedback.models import DELIVERED_STATUSES, Survey
from qunying.feedback.sms import simulator_enabled
from qunying.org.idcard import mask_phone

SHOWN = 30


class SimulatorView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "feedback.use_simulator"
    template_name = "feedback/simulator.html"

    def dispatch(self, request, *args, **kwargs):
        if not simulator_enabled():
            raise Http404  # a real gateway is attached: citizens answer for themselves
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        surveys = list(
            Survey.objects.filter(status__in=DELIVERED_STATUSES)
            .select_related("interaction__unit")
            .order_by("-claimed_at", "-pk")[:SHOWN]
        )
        signatures: dict[int, str] = {}
        rows = [
            {
                "survey": survey,
                "phone": mask_phone(survey.interaction.phone) if survey.interaction.phone else "—",
                "text": services.survey_text(survey, signatures=signatures),
            }
            for survey in surveys
        ]
        queued = Survey.objects.filter(status=SurveyStatus.QUEUED, send_after__lte=timezone.now()).count()
        return super().get_context_data(rows=rows, queued=queued, form=SimulatorReplyForm(), **kwargs)

    def post(self, request):
        if request.POST.get("action") == "send":
            counts = services.send_due_surveys()
            messages.success(request, _("Sent %(count)s surveys.") % {"count": counts.get("sent", 0)})
            return redirect("feedback:simulator")
        form = SimulatorReplyForm(request.POST)
        survey = None
        if form.is_valid():
            survey = (
                Survey.objects.filter(pk=form.cleaned_data["survey"], status__in=DELIVERED_STATUSES)
                .select_related("interaction")
                .first()
            )
        if survey is None or not survey.interaction.phone:
            messages.error(request, _("Choose a message that was sent, and write a reply."))
            return redirect("feedback:simulator")
        reply, _created = services.receive_sms_reply(
            message_id=f"sim-{uuid.uuid4().hex}",
            phone=survey.interaction.phone,
            text=form.cleaned_data["text"],
            received_at=timezone.now(),
            via="simulator",
        )
        messages.success(
            request,
            _("Reply recorded: %(status)s%(rating)s.")
            % {
                "status": reply.get_status_display(),
                "rating": f" · {reply.get_rating_display()}" if reply.rating else "",
            },
        )
        return redirect("feedback:simulator")
