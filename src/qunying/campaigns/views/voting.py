"""The public voting page /vote/<campaign>/ (phone-friendly): verify a phone by SMS code, then vote among the
candidates in an order shuffled per voter; tallies are never shown here. And the internal quarantine review."""

import random
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
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
from qunying.core.confirm import confirmation_needed
from qunying.core.export_views import ExcelExportView
from qunying.core.middleware import client_ip
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate

DEVICE_COOKIE = "qy_voter"


RESEND_AFTER_SECONDS = 60


def mask_phone(phone: str) -> str:
    """Where the code went, without the whole number: 139****5678."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 7 else ""


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
        self.sent_key = f"qy_vote_sent_{self.campaign.pk}"
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

    def resend_in(self) -> int:
        """Seconds before another code may be requested for this campaign from this browser (0: now)."""
        sent = self.request.session.get(self.sent_key)
        if not sent:
            return 0
        waited = (timezone.now() - parse_datetime(sent)).total_seconds()
        return max(0, int(RESEND_AFTER_SECONDS - waited + 0.999))

    def get_context_data(self, **kwargs):
        voter = self.voter()
        kwargs.pop("campaign", None)  # the URL's id; the page gets the campaign itself
        kwargs.setdefault("phone_form", PhoneForm())
        code_form = kwargs.get("code_form")
        phone = code_form["phone"].value() if code_form is not None else ""
        refusal = services.vote_refusal(campaign=self.campaign, phone_hash_=voter["hash"]) if voter else ""
        # Candidates, their short stories and the deadline come first: the phone number is asked only below them.
        return super().get_context_data(
            campaign=self.campaign,
            open=self.campaign.voting_open,
            voter=voter,
            refusal=refusal,
            candidates=self.candidates(),
            sent_to=mask_phone(phone or ""),
            resend_in=self.resend_in(),
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
                code_form = CodeForm(initial={"phone": form.cleaned_data["phone"]})
                if wait := self.resend_in():
                    messages.error(
                        request, _("Please wait %(seconds)s seconds before asking for a new code.") % {"seconds": wait}
                    )
                    return self.render_to_response(self.get_context_data(code_form=code_form))
                services.send_vote_code(campaign=self.campaign, phone=form.cleaned_data["phone"], ip=ip)
                request.session[self.sent_key] = timezone.now().isoformat()
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
                if refused := services.vote_refusal(campaign=self.campaign, phone_hash_=voter["hash"]):
                    raise ValidationError(refused)  # said at once, not after a confirmation
                asked = confirmation_needed(
                    request,
                    title=_("Vote for %(name)s?") % {"name": nomination.public_name},
                    message=_("A vote once cast cannot be changed."),
                    button=_("Vote"),
                    cancel_url=reverse("vote:ballot", args=[self.campaign.pk]),
                    base="public_base.html",
                )
                if asked is not None:
                    return asked
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
