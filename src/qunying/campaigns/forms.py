"""Campaigns forms: they validate input and hand it to the services."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from qunying.campaigns.enums import Period, Phase
from qunying.honours.models import AwardType, Issuer


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label=_("Next phase"), choices=Phase.choices)


class EvidenceField(forms.ModelMultipleChoiceField):
    """The nominee's verified deeds as ticks, each labelled with its date, title and unit."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.date:%Y-%m-%d} · {obj.title}（{obj.unit.name}）"


class NominationForm(forms.Form):
    """The evidence offered is only the chosen nominee's verified deeds (read from the posted or initial nominee);
    another deed posted is refused with a Chinese message rather than Django's bare "not a valid choice"."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    statement = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 5}), max_length=2000)
    deeds = EvidenceField(
        label=_("Deeds"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Evidence must be the nominee's own verified deeds.")},
    )
    rating_year = forms.IntegerField(
        label=_("Citizen ratings of year"),
        required=False,
        min_value=2000,
        max_value=9999,
        help_text=_("Optional: link the nominee's fair citizen-rating score of this year (or month) as evidence."),
    )
    rating_month = forms.IntegerField(label=_("Month (blank: whole year)"), required=False, min_value=1, max_value=12)

    def clean(self):
        data = super().clean()
        if data.get("rating_month") is not None and data.get("rating_year") is None:
            self.add_error("rating_year", _("Give the year of the month."))
        return data

    def __init__(self, *args, people, deeds, evidence_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        if evidence_url:  # htmx swaps in the new nominee's deeds; without JavaScript the 显示事迹 button does it
            self.fields["person"].widget.attrs.update(
                {"hx-get": evidence_url, "hx-trigger": "change", "hx-target": "#qy-evidence", "hx-swap": "outerHTML"}
            )
        self.nominee = self._nominee(people)
        self.fields["deeds"].queryset = (
            deeds.filter(participants__person=self.nominee).select_related("unit") if self.nominee else deeds.none()
        )
        self.fields["deeds"].help_text = (
            _("Verified deeds of the nominee, as evidence.")
            if self.nominee
            else _("Choose the nominee first: their verified deeds are listed here.")
        )

    def _nominee(self, people):
        """The nominee named by the posted data (or the initial value), if the user may nominate them."""
        value = self.data.get("person") if self.is_bound else self.initial.get("person")
        value = getattr(value, "pk", value)
        if not str(value or "").isdigit():
            return None
        return people.filter(pk=value).first()


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


class CampaignTypeForm(forms.Form):
    """A campaign type's settings; the public-vote weight is entered in percent (0–30)."""

    name = forms.CharField(label=_("Name"), max_length=50)
    police_eligible = forms.BooleanField(label=_("Police officers eligible"), required=False)
    auxiliary_eligible = forms.BooleanField(label=_("Auxiliary police eligible"), required=False)
    period = forms.ChoiceField(label=_("Campaign period"), choices=Period.choices)
    quota_per_period = forms.IntegerField(label=_("Winners per period"), min_value=1, max_value=100)
    quota_per_unit = forms.IntegerField(label=_("Nominations per unit"), min_value=1, max_value=100)
    min_judges = forms.IntegerField(label=_("Minimum judges per nomination"), min_value=1, max_value=100)
    vote_percent = forms.DecimalField(
        label=_("Public vote weight (%)"),
        min_value=0,
        max_value=30,
        decimal_places=0,
        help_text=_("At most 30; 0 means no public vote."),
    )
    notice_working_days = forms.IntegerField(label=_("Public notice (working days)"), min_value=1, max_value=30)
    award_type = forms.ModelChoiceField(label=_("Honour for winners"), queryset=None)
    issuer = forms.ModelChoiceField(label=_("Issuer"), queryset=None, required=False)
    notice_phone = forms.CharField(
        label=_("Contact phone for the public notice"),
        required=False,
        max_length=30,
        help_text=_("Printed on the public notice beside the issuer, for questions and objections."),
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.filter(active=True).order_by("ladder", "grade", "name")
        self.fields["issuer"].queryset = Issuer.objects.filter(active=True).order_by("name")

    @classmethod
    def initial_for(cls, campaign_type) -> dict:
        data = {field: getattr(campaign_type, field) for field in cls.base_fields if hasattr(campaign_type, field)}
        data["vote_percent"] = int(campaign_type.vote_weight * 100)  # whole percent, as the field takes it
        return data

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["vote_weight"] = (data.pop("vote_percent") / 100).quantize(Decimal("0.01"))
        return data


class CriterionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Criterion"), max_length=50)
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=4, decimal_places=2, initial=1)
    min_score = forms.IntegerField(label=_("Lowest score"), min_value=0, max_value=1000, initial=0)
    max_score = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=1000, initial=10)
    informational = forms.BooleanField(label=_("Informational only"), required=False)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True, max_num=20, validate_max=True)


def criteria_from(formset) -> list[dict]:
    """The criteria kept in a valid formset (blank extra rows and rows marked for deletion dropped)."""
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class AssignJudgeForm(forms.Form):
    nomination = forms.ModelChoiceField(label=_("Nomination"), queryset=None)
    judge = forms.ModelChoiceField(label=_("Judge"), queryset=None)

    def __init__(self, *args, nominations, judges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations
        self.fields["judge"].queryset = judges


class RatingEvidenceForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=9999)
    month = forms.IntegerField(label=_("Month (blank: whole year)"), required=False, min_value=1, max_value=12)


def rating_period_of(data: dict) -> tuple[int, int | None] | None:
    """(year, month) from a nomination form, None when no year is given."""
    if data.get("rating_year") is None:
        return None
    return data["rating_year"], data.get("rating_month")


class AssignmentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    short = forms.BooleanField(label=_("Short of judges only"), required=False)

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}
