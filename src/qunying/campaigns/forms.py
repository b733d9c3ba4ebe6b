"""Campaigns forms: they validate input and hand it to the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qunying.campaigns.enums import Phase


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label=_("Next phase"), choices=Phase.choices)


class NominationForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    statement = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 5}), max_length=2000)
    deeds = forms.ModelMultipleChoiceField(label=_("Deeds"), queryset=None, required=False)

    def __init__(self, *args, people, deeds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["deeds"].queryset = deeds
        self.fields["deeds"].help_text = _("Verified deeds of the nominee, as evidence.")


class ReviewForm(forms.Form):
    abstain = forms.BooleanField(label=_("Abstain from scoring"), required=False)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            label = criterion.name + (f"（{_('informational')}）" if criterion.informational else "")
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=f"{label} {criterion.min_score}–{criterion.max_score}",
                min_value=criterion.min_score,
                max_value=criterion.max_score,
                decimal_places=1,
                required=False,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
            )

    def scores(self) -> dict:
        data = self.cleaned_data
        return {
            c.pk: (data[f"score_{c.pk}"], data[f"comment_{c.pk}"])
            for c in self.criteria
            if data.get(f"score_{c.pk}") is not None
        }


class ConflictForm(forms.Form):
    conflict = forms.CharField(
        label=_("Conflict of interest"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500
    )


class ProposalForm(forms.Form):
    winners = forms.ModelMultipleChoiceField(label=_("Winners"), queryset=None, widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(
        label=_("Reason for deviating from the ranking"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when a winner is chosen over a higher-ranked nominee."),
    )

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winners"].queryset = nominations
        self.fields["winners"].label_from_instance = lambda n: f"{n.person.name}（{n.unit.name}）"


class ObjectionForm(forms.Form):
    nomination = forms.ModelChoiceField(label=_("Objection concerns"), queryset=None)
    name = forms.CharField(label=_("Real name"), max_length=50)
    contact = forms.CharField(label=_("Contact details"), max_length=100)
    text = forms.CharField(label=_("Objection"), widget=forms.Textarea(attrs={"rows": 5}), max_length=2000)

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations
        self.fields["nomination"].label_from_instance = lambda n: n.public_name()


class ResolutionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Finding"),
        choices=[("0", _("Dismissed")), ("1", _("Upheld: remove the winner"))],
        coerce=lambda value: value == "1",
    )
    finding = forms.CharField(label=_("Investigation"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
