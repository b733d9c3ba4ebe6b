"""The public voting page /vote/<campaign>/ (phone-friendly): verify a phone by SMS code, then vote among the
candidates in an order shuffled per voter; tallies are never shown here. And the internal quarantine review."""

import random
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from qunying.campaigns import services
from qunying.campaigns.models import Campaign, Vote
from qunying.campaigns.queries import campaigns_visible_to, quarantined_votes, vote_candidates
from qunying.campaigns.views.campaigns import CampaignMixin
from qunying.core.export_views import ExcelExportView
from qunying.core.middleware import client_ip
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate

DEVICE_COOKIE = "qy_voter"


class PhoneForm(forms.Form):
    phone = forms.CharField(label=gettext_lazy("Mobile number"), max_length=20)


class CodeForm(forms.Form):
    phone = forms.CharField(widget=forms.HiddenInput, max_length=20)
    code = forms.CharField(label=gettext_lazy("SMS code"), max_length=6)


class VoteView(TemplateView):
    template_name = "campaigns/public_vote.html"

    def dispatch(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(Campaign.objects.select_related("campaign_type"), pk=kwargs["campaign"])
        self.key = f"qy_vote_{self.campaign.pk}"
        response = super().dispatch(request, *args, **kwargs)
        if DEVICE_COOKIE not in request.COOKIES:
            response.set_cookie(
                DEVICE_COOKIE, secrets.token_hex(16), max_age=365 * 86400, httponly=True, samesite="Lax"
            )
        return response

    def voter(self):
        return self.request.session.get(self.key)

    def candidates(self):
        nominations = list(vote_candidates(self.campaign).select_related("person", "unit"))
        voter = self.voter()
        random.Random(voter["hash"] if voter else 0).shuffle(nominations)  # the same voter sees the same order
        return nominations

    def get_context_data(self, **kwargs):
        voter = self.voter()
        kwargs.pop("campaign", None)  # the URL's id; the page gets the campaign itself
        kwargs.setdefault("phone_form", PhoneForm())
        return super().get_context_data(
            campaign=self.campaign,
            open=self.campaign.voting_open,
            voter=voter,
            candidates=self.candidates() if voter else [],
            **kwargs,
        )

    def post(self, request, campaign):
        action = request.POST.get("action")
        ip = client_ip(request)
        try:
            if action == "send":
                form = PhoneForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(phone_form=form))
                services.send_vote_code(campaign=self.campaign, phone=form.cleaned_data["phone"], ip=ip)
                code_form = CodeForm(initial={"phone": form.cleaned_data["phone"]})
                return self.render_to_response(self.get_context_data(code_form=code_form))
            if action == "verify":
                form = CodeForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(code_form=form))
                try:
                    hashed = services.verify_vote_code(
                        campaign=self.campaign, phone=form.cleaned_data["phone"], code=form.cleaned_data["code"]
                    )
                except ValidationError as error:
                    form.add_error("code", error.messages)
                    return self.render_to_response(self.get_context_data(code_form=form))
                request.session[self.key] = {"hash": hashed, "at": timezone.now().isoformat()}
                return redirect("vote:ballot", campaign=self.campaign.pk)
            if action == "vote" and self.voter():
                nomination = get_object_or_404(self.campaign.nominations, pk=request.POST.get("nomination"))
                voter = self.voter()
                services.cast_vote(
                    campaign=self.campaign,
                    nomination=nomination,
                    phone_hash_=voter["hash"],
                    verified_at=parse_datetime(voter["at"]),
                    ip=ip,
                    device=request.COOKIES.get(DEVICE_COOKIE, "")[:64],
                )
                messages.success(request, _("Thank you: your vote is recorded."))
                return redirect("vote:ballot", campaign=self.campaign.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("vote:ballot", campaign=self.campaign.pk)


class QuarantineView(CampaignMixin, TemplateView):
    """Quarantined votes of a campaign, with their reasons, for review and release."""

    permission_required = "campaigns.review_votes"
    template_name = "campaigns/quarantine.html"

    def get_context_data(self, **kwargs):
        votes = quarantined_votes(self.campaign)
        return super().get_context_data(campaign=self.campaign, page=paginate(self.request, votes), **kwargs)


class QuarantineExportView(CampaignMixin, ExcelExportView):
    """A campaign's quarantined votes as on the review page (the page has no filters)."""

    permission_required = "campaigns.review_votes"
    filename = "隔离选票"
    audit_action = "campaigns.quarantine.exported"
    columns = [("时间", 20), ("候选人", 12), ("隔离原因", 40), ("网段", 18)]

    def get_queryset(self, filters):
        return quarantined_votes(self.campaign)

    def row(self, vote) -> list:
        return [
            timezone.localtime(vote.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            vote.nomination.person.name,
            vote.quarantine_reason,
            vote.subnet,
        ]


class ReleaseVoteView(ScopedObjectMixin, View):
    permission_required = "campaigns.release_vote"

    def scope(self, user):
        return Vote.objects.filter(campaign__in=campaigns_visible_to(user))

    def post(self, request, pk):
        vote = self.object
        try:
            services.release_vote(vote=vote, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The vote now counts."))
        return redirect("campaigns:quarantine", pk=vote.campaign_id)
