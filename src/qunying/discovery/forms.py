"""Discovery forms: list filters, dismissing a suggestion, running the engine, the weights (accepting one is the
reserve's form, shown through its door: qunying.discovery.admission)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.discovery.enums import SuggestionStatus
from qunying.discovery.models import DiscoveryWeights
from qunying.org.forms import UnitChoiceField
from qunying.org.models import Unit


class SuggestionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *SuggestionStatus.choices], required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class DismissForm(forms.Form):
    dismissal_reason = forms.CharField(label=_("Reason for dismissal"), max_length=500)


class RunForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class WeightsForm(forms.ModelForm):
    class Meta:
        model = DiscoveryWeights
        fields = ["deeds", "honours", "satisfaction", "nominations", "forum_mentions", "service_years", "threshold"]
