"""Forms of the year-end evaluation: opening a round, filtering its evaluations, recording and deciding one."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.org.forms import UnitChoiceField
from qunying.org.models import Unit
from qunying.reserve.enums import EvaluationCheck, EvaluationMethod, EvaluationOutcome, EvaluationStatus


class RoundOpenForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")


class EvaluationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *EvaluationStatus.choices], required=False)
    outcome = forms.ChoiceField(
        label=pgettext_lazy("evaluation", "Outcome"),
        choices=[("", _("All")), *EvaluationOutcome.choices],
        required=False,
    )
    check_kind = forms.ChoiceField(label=_("Check"), choices=[("", _("All")), *EvaluationCheck.choices], required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class EvaluationForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=EvaluationMethod.choices, widget=forms.RadioSelect)
    evaluator = forms.CharField(label=_("Evaluator"), max_length=100)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000)
    check_note = forms.CharField(label=_("Check result"), max_length=500)
    outcome = forms.ChoiceField(
        label=pgettext_lazy("evaluation", "Outcome"), choices=EvaluationOutcome.choices, widget=forms.RadioSelect
    )


class EvaluationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("return", _("Return"))], widget=forms.RadioSelect
    )
    decision_note = forms.CharField(label=_("Decision note"), max_length=500, required=False)
