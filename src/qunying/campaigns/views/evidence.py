"""Evidence pages: link the nominee's citizen-rating score for a period to a nomination; the nomination form's
evidence picker (the chosen nominee's verified deeds, swapped in by htmx)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from qunying.campaigns import services
from qunying.campaigns.forms import NominationForm, RatingEvidenceForm
from qunying.campaigns.queries import campaigns_visible_to, evidence_deeds_for, nominations_visible_to, nominees_for
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin


class RatingEvidenceView(ScopedObjectMixin, FormView):
    """The nomination is read through the user's scope (404 outside it); nominating rights decide the rest."""

    permission_required = "campaigns.change_nomination"
    template_name = "campaigns/rating_evidence_form.html"
    form_class = RatingEvidenceForm

    def scope(self, user):
        return nominations_visible_to(user).prefetch_related("ratings")

    @property
    def nomination(self):
        return self.object

    def form_valid(self, form):
        try:
            evidence = services.link_rating(
                nomination=self.nomination,
                year=form.cleaned_data["year"],
                month=form.cleaned_data["month"],
                by=self.request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Citizen ratings of %(period)s linked.") % {"period": evidence.period_label})
        return redirect("campaigns:campaign_detail", pk=self.nomination.campaign_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(nomination=self.nomination, **kwargs)


class NominationEvidenceView(ScopedObjectMixin, View):
    """The evidence field of the nomination form for `?person=`: that nominee's verified deeds, if the user may
    nominate them in this campaign (anyone else: the empty field asking to choose the nominee)."""

    permission_required = "campaigns.nominate"

    def scope(self, user):
        return campaigns_visible_to(user)

    def get(self, request, pk):
        user = request.user
        form = NominationForm(
            initial={"person": request.GET.get("person")},
            people=nominees_for(user, self.object),
            deeds=evidence_deeds_for(user),
        )
        return render(request, "campaigns/_nomination_evidence.html", {"form": form})
