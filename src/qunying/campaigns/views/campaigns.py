"""Campaign pages: the list, the detail with nominations and results, phase actions, nominating, deciding,
objections, the internal notice and the printable dossier."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.campaigns import services
from qunying.campaigns.dossier import dossier_data
from qunying.campaigns.enums import Period, Phase
from qunying.campaigns.forms import (
    AdvanceForm,
    NominationForm,
    ObjectionForm,
    ProposalForm,
    ResolutionForm,
    rating_period_of,
)
from qunying.campaigns.queries import (
    announced_winners,
    campaign_results,
    campaigns_visible_to,
    design_balance,
    evidence_deeds_for,
    judges_with_load,
    judging_progress,
    live_nominations,
    nomination_quotas,
    nominations_visible_to,
    nominees_for,
    noticed_campaigns,
    notices_of,
    objections_of_visible_campaigns,
    objections_visible_to,
    public_notice_campaigns,
)
from qunying.core.confirm import confirmation_needed
from qunying.core.export_views import ExcelExportView
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.discovery.queries import suggestions_visible_to
from qunying.reserve.queries import entries_visible_to

# The quota line on the nomination form names the campaign's period as people say it.
PERIOD_WORDS = {
    Period.MONTHLY: gettext_lazy("this month"),
    Period.QUARTERLY: gettext_lazy("this quarter"),
    Period.YEARLY: gettext_lazy("this year"),
}


class CampaignListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "campaigns.view_campaigns"
    template_name = "campaigns/campaign_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            page=paginate(self.request, campaigns_visible_to(user)),
            unread_notices=notices_of(user).filter(read_at__isnull=True).count(),
            **kwargs,
        )


class CampaignExportView(ExcelExportView):
    """The campaign list as a workbook: the same campaigns, in the same order (the page has no filters)."""

    permission_required = "campaigns.view_campaigns"
    filename = "评选活动"
    audit_action = "campaigns.campaigns.exported"
    columns = [("评选活动", 30), ("类型", 16), ("阶段", 10), ("推荐截止", 12), ("评审截止", 12), ("推荐人数", 10)]

    def get_queryset(self, filters):
        return campaigns_visible_to(self.request.user)

    def row(self, campaign) -> list:
        return [
            campaign.title,
            campaign.campaign_type.name,
            campaign.get_phase_display(),
            campaign.nominating_until,
            campaign.judging_until,
            campaign.nomination_count,
        ]


class CampaignMixin(ScopedObjectMixin):
    """Fetches the campaign through the user's visibility first (404 outside it); phase-decided permissions then
    take the campaign as their object."""

    def scope(self, user):
        return campaigns_visible_to(user)

    @property
    def campaign(self):
        return self.object

    def back(self):
        return redirect("campaigns:campaign_detail", pk=self.campaign.pk)


class CampaignDetailView(CampaignMixin, TemplateView):
    permission_required = "campaigns.view_campaign"
    template_name = "campaigns/campaign_detail.html"

    def get_context_data(self, **kwargs):
        user, campaign = self.request.user, self.campaign
        nominations = (
            nominations_visible_to(user)
            .filter(campaign=campaign)
            .prefetch_related("deeds", "honours__award_type", "ratings")
            .order_by("id")
        )
        context = {
            "campaign": campaign,
            "nominations": paginate(self.request, nominations),
            "next_phases": services.phase_choices(campaign),
            "criteria": list(campaign.campaign_type.criteria.all()),
        }
        if user.has_perm("campaigns.view_results", campaign) or user.has_perm("campaigns.propose_winners", campaign):
            context["results"] = campaign_results(campaign, intervals=True)
        if user.has_perm("campaigns.assign_judges", campaign) or user.has_perm("campaigns.view_results", campaign):
            context["balance"] = design_balance(campaign)
        if campaign.phase != Phase.NOMINATING and (
            user.has_perm("campaigns.manage_campaign", campaign) or user.has_perm("campaigns.view_results", campaign)
        ):
            context["progress"] = judging_progress(campaign)
        if user.has_perm("campaigns.approve_winners", campaign):
            context["approval_problems"] = services.approval_problems(campaign)
        if user.has_perm("campaigns.close", campaign):
            context["closing_problems"] = services.closing_problems(campaign)
        context["objections"] = objections_visible_to(user, campaign)
        context["my_notices"] = list(notices_of(user).filter(campaign=campaign))
        return super().get_context_data(**context, **kwargs)


class ServiceActionView(CampaignMixin, View):
    """A POST button that calls one service; a refusal comes back as a message on the campaign page."""

    def post(self, request, pk):
        try:
            done = self.act(request)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return self.back()


class AdvanceView(ServiceActionView):
    """Moving a campaign on cannot be undone: the political officer confirms first (a page, or a dialog with JS)."""

    permission_required = "campaigns.manage_campaign"

    def post(self, request, pk):
        form = AdvanceForm(request.POST)
        if form.is_valid():
            phase = Phase(form.cleaned_data["to"])
            asked = confirmation_needed(
                request,
                title=_("Move %(campaign)s to %(phase)s?") % {"campaign": self.campaign.title, "phase": phase.label},
                message=_(
                    "The campaign leaves %(current)s for %(phase)s. A phase once left is not reopened: check that "
                    "everyone has finished the work of this phase."
                )
                % {"current": self.campaign.get_phase_display(), "phase": phase.label},
                button=_("Move to %(phase)s") % {"phase": phase.label},
                cancel_url=reverse("campaigns:campaign_detail", args=[pk]),
            )
            if asked is not None:
                return asked
        return super().post(request, pk)

    def act(self, request):
        form = AdvanceForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose the next phase."))
        services.advance_phase(campaign=self.campaign, to=form.cleaned_data["to"], by=request.user)
        return _("The campaign moved to its next phase.")


class BalanceJudgesView(ServiceActionView):
    permission_required = "campaigns.assign_judges"

    def act(self, request):
        judges = list(judges_with_load(self.campaign))
        made = services.balance_judges(campaign=self.campaign, judges=judges, by=request.user)
        return _("%(count)s reviews assigned.") % {"count": len(made)}


class ApproveView(ServiceActionView):
    permission_required = "campaigns.approve_winners"

    def act(self, request):
        services.approve_winners(campaign=self.campaign, by=request.user)
        return _("Winners approved; the public notice has started.")


class CloseView(ServiceActionView):
    permission_required = "campaigns.close"

    def act(self, request):
        honours = services.close_campaign(campaign=self.campaign, by=request.user)
        return _("Campaign closed; %(count)s honours recorded.") % {"count": len(honours)}


class NominateView(CampaignMixin, FormView):
    permission_required = "campaigns.nominate"
    template_name = "campaigns/nomination_form.html"
    form_class = NominationForm

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "people": nominees_for(user, self.campaign),
            "deeds": evidence_deeds_for(user),
            "evidence_url": reverse("campaigns:nomination_evidence", args=[self.campaign.pk]),
        }

    def post(self, request, *args, **kwargs):
        if "show_deeds" in request.POST:  # without JavaScript: the chosen nominee's deeds, nothing saved yet
            kept = {name: request.POST.get(name) for name in ("person", "statement", "rating_year", "rating_month")}
            return self.render_to_response(self.get_context_data(form=self.get_form_class()(**self._unbound(kept))))
        return super().post(request, *args, **kwargs)

    def _unbound(self, initial):
        kwargs = self.get_form_kwargs()
        for bound in ("data", "files"):
            kwargs.pop(bound, None)
        return {**kwargs, "initial": initial}

    def sources(self):
        """The reserve entry or discovery suggestion the nomination starts from (?reserve_entry= / ?suggestion=),
        read through the user's scope: one outside it is a 404."""
        params, user = self.request.GET, self.request.user
        entry = suggestion = None
        if params.get("reserve_entry", "").isdigit():
            entry = get_object_or_404(entries_visible_to(user), pk=params["reserve_entry"])
        if params.get("suggestion", "").isdigit():
            suggestion = get_object_or_404(suggestions_visible_to(user), pk=params["suggestion"])
        return entry, suggestion

    def get_initial(self):
        entry, suggestion = self.sources()
        source = entry or suggestion
        return {"person": source.person_id} if source else {}

    def form_valid(self, form):
        data = form.cleaned_data
        entry, suggestion = self.sources()
        try:
            services.nominate(
                campaign=self.campaign,
                person=data["person"],
                statement=data["statement"],
                deeds=list(data["deeds"]),
                reserve_entry=entry,
                suggestion=suggestion,
                rating_period=rating_period_of(data),
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Nomination recorded. The judges score it once nominations close on %(day)s.")
            % {"day": date_format(self.campaign.nominating_until, "Y年n月j日")},
        )
        return self.back()

    def get_context_data(self, **kwargs):
        quotas = nomination_quotas(self.request.user, self.campaign)
        return super().get_context_data(
            campaign=self.campaign,
            quotas=quotas,
            quotas_used=[q for q in quotas if q.used],
            period_word=PERIOD_WORDS[self.campaign.campaign_type.period],
            **kwargs,
        )


class ProposeView(CampaignMixin, FormView):
    permission_required = "campaigns.propose_winners"
    template_name = "campaigns/proposal_form.html"
    form_class = ProposalForm

    def get_form_kwargs(self):
        nominations = live_nominations(self.campaign).select_related("person", "unit")
        return {**super().get_form_kwargs(), "nominations": nominations}

    def form_valid(self, form):
        winners = list(form.cleaned_data["winners"])
        reason = form.cleaned_data["reason"]
        try:
            services.propose_winners(
                campaign=self.campaign, winners=winners, reasons={w.pk: reason for w in winners}, by=self.request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Winners proposed for the leader's approval."))
        return self.back()

    def get_context_data(self, **kwargs):
        results = campaign_results(self.campaign, intervals=True)
        return super().get_context_data(campaign=self.campaign, results=results, **kwargs)


class ResolveObjectionView(ScopedObjectMixin, FormView):
    permission_required = "campaigns.resolve_objection"
    template_name = "campaigns/objection_resolve.html"
    form_class = ResolutionForm

    def scope(self, user):
        return objections_of_visible_campaigns(user)

    @property
    def objection(self):
        return self.object

    def form_valid(self, form):
        try:
            services.resolve_objection(
                objection=self.objection,
                upheld=form.cleaned_data["upheld"],
                finding=form.cleaned_data["finding"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Objection resolved."))
        return redirect("campaigns:campaign_detail", pk=self.objection.campaign_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(objection=self.objection, **kwargs)


class DossierView(CampaignMixin, TemplateView):
    """The printable decision dossier (the same content as the Word download, campaigns.dossier): nominations and
    evidence, raw and normalised scores, recusals, vote anomalies, objections, decisions and approvals."""

    permission_required = "campaigns.view_results"
    template_name = "campaigns/dossier.html"

    def get_context_data(self, **kwargs):
        data = dossier_data(self.campaign)
        return super().get_context_data(
            campaign=self.campaign,
            nominations=data.nominations,
            results=data.results,
            criteria=data.criteria,
            objections=data.objections,
            anomalies=data.anomalies,
            trail=data.trail,
            winners=[nomination for nomination in data.nominations if nomination.is_winner],
            **kwargs,
        )


class NoticeView(TemplateView):
    """The public notice (公示): winners with units and statements, classified people redacted; objections by form."""

    template_name = "campaigns/public_notice.html"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(noticed_campaigns(), pk=kwargs["pk"])
        # A notice that has closed says so at its address (the notice was public; the page is not "not found").
        self.ended = not public_notice_campaigns().filter(pk=self.campaign.pk).exists()
        if self.ended:
            return render(request, "campaigns/public_notice_ended.html", {"campaign": self.campaign})
        return super().dispatch(request, *args, **kwargs)

    def winners(self):
        return announced_winners(self.campaign).select_related("person", "unit")

    def form(self, data=None):
        return ObjectionForm(data, nominations=self.winners())

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        return super().get_context_data(campaign=self.campaign, winners=self.winners(), **kwargs)

    def post(self, request, pk):
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.raise_objection(
                    nomination=data["nomination"], name=data["name"], contact=data["contact"], text=data["text"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your objection is recorded; the political department will contact you."))
                return redirect("campaigns:public_notice", pk=pk)
        return self.render_to_response(self.get_context_data(form=form))
