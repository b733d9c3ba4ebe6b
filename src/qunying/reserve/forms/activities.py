"""Forms of practice activities and guidance visits: list filters, the record forms, materials and follow-ups."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.org.forms import UnitChoiceField
from qunying.org.models import Person, Unit
from qunying.reserve.enums import ActivityKind
from qunying.reserve.forms.entries import DATE_INPUT


class PersonWithUnitField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        return f"{person.name}（{person.unit.name}）"


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(label=_("Year"), min_value=2000, max_value=2100, required=False, **kwargs)


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All")), *ActivityKind.choices], required=False)
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    year = YearField()

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Place"), max_length=200)
    unit = UnitChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    people = PersonWithUnitField(
        label=_("Exemplars featured"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    audience_size = forms.IntegerField(label=_("Audience size"), min_value=0, max_value=100_000)
    materials = forms.CharField(
        label=_("Materials"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was presented, in words; files can be attached as well."),
    )
    file = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, Word (.docx), JPEG, PNG or WebP, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png,.webp"}),
    )

    def __init__(self, *args, units, people, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["people"].queryset = people
        if editing:
            del self.fields["file"]  # files are added and removed on the activity's page


class MaterialForm(forms.Form):
    file = forms.FileField(
        label=_("Attachment"),
        help_text=_("PDF, Word (.docx), JPEG, PNG or WebP, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png,.webp"}),
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=200)


class VisitFilterForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    year = YearField()
    overdue = forms.BooleanField(label=_("With overdue follow-ups"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class VisitForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit visited"), queryset=Unit.objects.none())
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    visitors = forms.CharField(label=pgettext_lazy("guidance", "Visitors"), max_length=300)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Follow-up item"), max_length=200)
    owner = forms.CharField(label=_("Responsible"), max_length=100)
    due_on = forms.DateField(label=_("Due date"), widget=DATE_INPUT)


class FollowUpDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Completed on"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Completion note"), max_length=500)
