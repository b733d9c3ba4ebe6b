"""Reserve forms: list filters, a proposal (new entry or new tier) and a decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qunying.org.forms import UnitChoiceField
from qunying.org.models import Unit
from qunying.reserve.enums import CultivationLevel, EntryStatus, ReserveCategory, Tier


class EntryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    tier = forms.ChoiceField(label=_("Tier"), choices=[("", _("All")), *Tier.choices], required=False)
    level = forms.ChoiceField(
        label=_("Cultivation level"), choices=[("", _("All")), *CultivationLevel.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All")), *ReserveCategory.choices], required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *EntryStatus.choices], required=False)
    pending = forms.BooleanField(label=_("Awaiting approval"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class ProposalForm(forms.Form):
    to_tier = forms.ChoiceField(label=_("Proposed tier"), choices=Tier.choices)
    level = forms.ChoiceField(label=_("Cultivation level"), choices=CultivationLevel.choices, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=ReserveCategory.choices, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, new_entry: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if new_entry:
            self.fields["level"].required = True
            self.fields["category"].required = True
        else:
            del self.fields["level"]
            del self.fields["category"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.RadioSelect
    )
    decision_note = forms.CharField(label=_("Decision note"), max_length=500, required=False)


DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class PlanForm(forms.Form):
    level = forms.ChoiceField(label=_("Cultivation level"), choices=CultivationLevel.choices)
    owner_unit = UnitChoiceField(label=_("Owner unit"), queryset=Unit.objects.none())
    mentor_badge = forms.CharField(label=_("Mentor's badge number"), max_length=20, required=False)
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units.order_by("path")


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due date"), widget=DATE_INPUT)


class CompleteMilestoneForm(forms.Form):
    done_on = forms.DateField(label=_("Completed on"), widget=DATE_INPUT)
    evidence = forms.CharField(label=_("Completion evidence"), max_length=500)


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("Reason for retiring"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
