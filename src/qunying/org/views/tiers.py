"""Auxiliary tiers: the jurisdiction's own ladder, kept by the political department."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.org import services
from qunying.org.forms import AuxiliaryTierForm
from qunying.org.models import AuxiliaryTier


class AuxiliaryTierListView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "org.manage_aux_tiers"
    template_name = "org/tier_list.html"
    form_class = AuxiliaryTierForm

    def get_context_data(self, **kwargs):
        tiers = AuxiliaryTier.objects.annotate(people=Count("person"))
        return super().get_context_data(tiers=tiers, **kwargs)

    def form_valid(self, form):
        try:
            services.create_aux_tier(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Tier added."))
        return redirect("org:tier_list")


class AuxiliaryTierUpdateView(ScopedObjectMixin, FormView):
    permission_required = "org.manage_aux_tiers"
    template_name = "org/tier_form.html"
    form_class = AuxiliaryTierForm

    def scope(self, user):
        # The ladder is bureau-wide: whoever may manage it reaches every tier.
        return AuxiliaryTier.objects.all()

    def get_form_kwargs(self):
        # The form writes into its own copy; the service compares against the untouched tier.
        return {**super().get_form_kwargs(), "instance": AuxiliaryTier.objects.get(pk=self.object.pk)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(tier=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.update_aux_tier(self.object, by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Tier saved."))
        return redirect("org:tier_list")
