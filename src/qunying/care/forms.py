"""Care forms: list filters and the forms each care service takes. A form only types what was entered; whether it
holds together is the service's check, whose refusal the page shows on the form (core.forms.add_service_errors)."""

from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.care.enums import (
    AssistanceKind,
    CaseStatus,
    ConsentStatus,
    DeliveryMethod,
    EntitlementStatus,
    HealthEventKind,
    ReferralStatus,
    VisitReason,
    VisitStatus,
)
from qunying.care.models import EntitlementRule, PartnerHospital
from qunying.care.services.entitlements import RULE_FIELDS
from qunying.care.services.medical import HOSPITAL_FIELDS
from qunying.care.services.welfare import PHOTO_MAX_BYTES
from qunying.core.images import ImageUploadField
from qunying.org.forms import UnitChoiceField
from qunying.org.models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _all(choices):
    return [("", _("All")), *choices]


class PersonFilterForm(forms.Form):
    """Search and unit, plus a status choice when the list has one (`statuses`)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, units, statuses=None, status_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        if statuses is None:
            del self.fields["status"]
        else:
            self.fields["status"].choices = _all(statuses)
            if status_label:
                self.fields["status"].label = status_label

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class EntitlementFilterForm(PersonFilterForm):
    rule = forms.ModelChoiceField(
        label=_("Benefit"), queryset=EntitlementRule.objects.all(), required=False, empty_label=_("All benefits")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, units=units, statuses=EntitlementStatus.choices, **kwargs)


class ModelFieldsForm(forms.Form):
    """The fields of `model` named in `field_names`, typed as the model types them, with an instance's values as the
    initial ones: no model validation (unique names, conditions), which is the service's alone."""

    model = None
    field_names: tuple[str, ...] = ()

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", model_to_dict(instance, fields=self.field_names))
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(self.model, fields=self.field_names))


class RuleForm(ModelFieldsForm):
    """A rule's fields; care.services.entitlements.check_rule decides whether the rule holds together."""

    model = EntitlementRule
    field_names = RULE_FIELDS


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE)


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("Delivery"), choices=DeliveryMethod.choices)
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE)
    delivered_by = forms.CharField(label=_("Delivered by"), max_length=100)
    photo = ImageUploadField(
        label=_("Photo"),
        required=False,
        max_bytes=PHOTO_MAX_BYTES,
        help_text=_("JPEG, PNG or WebP, at most 5 MB; location and camera data are removed."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class HealthEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=HealthEventKind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    details = forms.CharField(
        label=_("Health details"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class VisitPlanForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=VisitReason.choices)
    due_on = forms.DateField(label=_("Visit by"), widget=DATE)


class VisitDoneForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"), widget=DATE, initial=timezone.localdate)
    visitors = forms.CharField(label=_("Visitors"), max_length=200)
    details = forms.CharField(
        label=_("Health and family details"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Difficulty"), choices=AssistanceKind.choices)
    description = forms.CharField(
        label=_("Family situation"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CaseStepForm(forms.Form):
    description = forms.CharField(label=_("Step taken"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    review = forms.BooleanField(label=_("This is the monthly review"), required=False)


class CaseCloseForm(forms.Form):
    resolved = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", CaseStatus.RESOLVED.label), ("0", CaseStatus.CLOSED.label)],
        coerce=lambda value: value == "1",
    )
    outcome = forms.CharField(label=_("Outcome"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class HospitalForm(ModelFieldsForm):
    """A partner hospital's fields; care.services.medical.save_hospital checks them."""

    model = PartnerHospital
    field_names = HOSPITAL_FIELDS


class ReferralForm(forms.Form):
    hospital = forms.ModelChoiceField(label=_("Hospital"), queryset=PartnerHospital.objects.filter(active=True))
    purpose = forms.CharField(label=_("Purpose"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    for_family = forms.BooleanField(label=_("For a family member"), required=False)
    family_member = forms.CharField(
        label=_("Family member"), max_length=100, required=False, help_text=_("Name and relation, e.g. 母亲 王某.")
    )


class ReferralCloseForm(forms.Form):
    completed = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", ReferralStatus.COMPLETED.label), ("0", ReferralStatus.CANCELLED.label)],
        coerce=lambda value: value == "1",
    )
    outcome = forms.CharField(label=_("Outcome"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ConsentForm(forms.Form):
    status = forms.ChoiceField(label=_("Consent"), choices=ConsentStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


VISIT_STATUSES = VisitStatus.choices
CASE_STATUSES = CaseStatus.choices
REFERRAL_STATUSES = ReferralStatus.choices
