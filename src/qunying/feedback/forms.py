"""Citizen ratings forms: they validate input and hand it to services or queries."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.accounts.models import User
from qunying.feedback.enums import CallbackStatus, InteractionKind, Rating, SurveyDecision
from qunying.feedback.models import SamplingPolicy
from qunying.feedback.queries import Period, callback_handlers
from qunying.org.enums import PostType

FIRST_YEAR = 2020


def year_choices():
    return [(year, str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class PeriodForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices, required=False)
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Whole year")), *[(m, str(m)) for m in range(1, 13)]],
    )

    def period(self) -> Period:
        """The chosen period; the current year for anything missing or invalid (a list never fails on a filter)."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data.get("year"):
            return Period.current()
        return Period(self.cleaned_data["year"], self.cleaned_data.get("month"))


class OfficerFilterForm(PeriodForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False, empty_label=_("All units"))
    post_type = forms.ChoiceField(
        label=_("Post type"), choices=[("", _("All post types")), *PostType.choices], required=False
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: "　" * unit.depth + unit.name

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"unit": None, "post_type": ""}
        return {"unit": self.cleaned_data.get("unit"), "post_type": self.cleaned_data.get("post_type", "")}


class InteractionFilterForm(forms.Form):
    q = forms.CharField(label=_("Incident number"), required=False, max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *InteractionKind.choices], required=False)
    decision = forms.ChoiceField(
        label=_("Sampling decision"), choices=[("", _("All decisions")), *SurveyDecision.choices], required=False
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False, empty_label=_("All units"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: "　" * unit.depth + unit.name

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}


class InteractionImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export of the dispatch system"),
        help_text=_(
            "CSV or Excel (.xlsx) with the columns 接警编号, 类别, 时间, 民警警号 (several separated by commas) and "
            "optionally 群众电话 and 敏感. At most 20,000 rows and 5 MB."
        ),
    )


class ReplyCodeForm(forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=[*Rating.choices, ("", _("No rating in it"))], required=False)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)


class CallbackFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *CallbackStatus.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {"status": self.cleaned_data["status"], "overdue": self.cleaned_data["overdue"]}


class CallbackForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CallbackStatus.choices)
    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=User.objects.none(), required=False)
    outcome = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("What the citizen said on the phone, and what was explained or agreed."),
    )
    rectification = forms.CharField(
        label=_("Rectification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("What the unit changes, if the complaint was justified."),
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = callback_handlers(unit)


class SamplingPolicyForm(forms.ModelForm):
    excluded_kinds = forms.MultipleChoiceField(
        label=_("Kinds never surveyed"),
        choices=InteractionKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Cases marked sensitive are never surveyed, whatever their kind."),
    )

    class Meta:
        model = SamplingPolicy
        fields = [
            "excluded_kinds",
            "delay_minutes",
            "citizen_interval_days",
            "officer_cap",
            "officer_cap_period_days",
            "max_age_hours",
        ]


class SimulatorReplyForm(forms.Form):
    survey = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=pgettext_lazy("sms", "Reply"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": "1 / 2 / 3 / 满意 …"}),
    )
