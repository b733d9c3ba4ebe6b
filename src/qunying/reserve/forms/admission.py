"""Accepting a discovery suggestion into the reserve: what the decider fills in (discovery shows it through the door
the reserve registers, qunying.discovery.admission)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qunying.reserve.enums import CultivationLevel, ReserveCategory, Tier


class SuggestionAdmissionForm(forms.Form):
    tier = forms.ChoiceField(label=_("Proposed tier"), choices=Tier.choices, initial=Tier.RESERVE)
    level = forms.ChoiceField(label=_("Cultivation level"), choices=CultivationLevel.choices)
    category = forms.ChoiceField(label=_("Category"), choices=ReserveCategory.choices)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
