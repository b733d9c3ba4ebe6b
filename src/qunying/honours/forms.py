"""Honours forms: they validate input and hand it to services."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.honours.enums import AwardEligibility, AwardLadder, HonourStatus, IssuerLevel
from qunying.honours.models import AuthorityRule, AwardType, Issuer
from qunying.org.forms import UnitChoiceField, UnitFilterField
from qunying.org.models import Unit

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FIRST_YEAR = 1949


class ServiceChecksUniqueness:
    """The service checks names, codes and rules for clashes and says so in the user's words."""

    def validate_unique(self):
        pass


class AwardTypeForm(ServiceChecksUniqueness, forms.ModelForm):
    class Meta:
        model = AwardType
        fields = ["code", "name", "ladder", "grade", "applies_to", "eligible_category", "active", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eligible_category"].required = False

    def clean_eligible_category(self):
        # Left empty: an award keeps its category; a new one is open to anyone (the model's default).
        return self.cleaned_data.get("eligible_category") or self.instance.eligible_category


class AwardTypeUpdateForm(AwardTypeForm):
    class Meta(AwardTypeForm.Meta):
        fields = ["name", "ladder", "grade", "applies_to", "eligible_category", "active", "description"]


class IssuerForm(ServiceChecksUniqueness, forms.ModelForm):
    class Meta:
        model = Issuer
        fields = ["name", "short_name", "level", "kind", "active"]


class AuthorityRuleForm(ServiceChecksUniqueness, forms.ModelForm):
    class Meta:
        model = AuthorityRule
        fields = ["issuer_level", "issuer_kind", "ladder", "max_grade"]


class HonourFilterForm(forms.Form):
    """The honours list's filters; the export takes the same parameters."""

    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    unit = UnitFilterField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=2100)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)
    award_type = forms.ModelChoiceField(
        label=_("Award"), queryset=AwardType.objects.all(), required=False, empty_label=_("All")
    )
    ladder = forms.ChoiceField(label=_("Ladder"), choices=[("", _("All")), *AwardLadder.choices], required=False)
    issuer_level = forms.ChoiceField(
        label=_("Issuer level"), choices=[("", _("All")), *IssuerLevel.choices], required=False
    )
    # Reports link each figure ("获合肥市局嘉奖4人") to the honours of that one issuer.
    issuer = forms.ModelChoiceField(
        label=_("Issuer"), queryset=Issuer.objects.all(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *HonourStatus.choices], required=False)
    # The to-do item's list: the honours the signed-in user may approve.
    to_approve = forms.BooleanField(label=_("Awaiting my approval"), required=False)

    def __init__(self, *args, units, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["q"].widget.attrs["placeholder"] = _("Name, badge number, unit or document number")
        if user is None or not user.has_perm("honours.approve_honours"):
            del self.fields["to_approve"]

    def filters(self) -> dict:
        """Cleaned filters, or none at all when the input is bad (the page then lists everything in scope)."""
        if not self.is_valid():
            return {}
        filters = dict(self.cleaned_data)
        filters["approver"] = self.user if filters.pop("to_approve", False) else None
        return filters


class FiguresForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=2100)
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["year"].initial = timezone.localdate().year


class RecipientForm(forms.Form):
    """Step one of recording: whom the honour goes to (a badge number, or a unit for a collective honour)."""

    badge_number = forms.CharField(label=_("Badge number"), required=False, max_length=20)
    unit = UnitChoiceField(
        label=_("or a unit (collective honour)"), queryset=Unit.objects.none(), required=False, empty_label="—"
    )

    def __init__(self, *args, people, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.fields["unit"].queryset = units.order_by("path")

    def clean(self):
        data = super().clean()
        badge, unit = (data.get("badge_number") or "").strip().upper(), data.get("unit")
        if bool(badge) == bool(unit):
            raise forms.ValidationError(_("Enter a badge number or choose a unit, not both."))
        if badge:
            data["person"] = self.people.filter(badge_number=badge).first()
            if data["person"] is None:
                self.add_error("badge_number", _("Nobody with this badge number is in your scope."))
        return data


class HonourForm(forms.Form):
    award_type = forms.ModelChoiceField(label=_("Award"), queryset=AwardType.objects.none())
    issuer = forms.ModelChoiceField(label=_("Issuer"), queryset=Issuer.objects.none())
    awarded_on = forms.DateField(label=_("Date awarded"), widget=DATE_INPUT)
    document_number = forms.CharField(
        label=_("Document number"), max_length=100, required=False, help_text=_("文号, e.g. 巢公政〔2022〕18号")
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    deeds = forms.ModelMultipleChoiceField(
        label=_("Deeds rewarded"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    override_reason = forms.CharField(
        label=_("Reason for rewarding a deed again"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
        help_text=_(
            "Only when a deed was already rewarded within a year at the same or a higher grade; political "
            "department only."
        ),
    )

    def __init__(self, *args, deeds, person=None, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        award_types = AwardType.objects.filter(active=True).order_by("ladder", "grade", "name")
        if person is not None:
            # The form offers only what the service accepts: the awards of the person's category.
            award_types = award_types.exclude(applies_to="unit").filter(
                eligible_category__in=[AwardEligibility.ANYONE, person.category]
            )
        elif unit is not None:
            award_types = award_types.exclude(applies_to="person")
        self.fields["award_type"].queryset = award_types
        self.fields["issuer"].queryset = Issuer.objects.filter(active=True)
        self.fields["deeds"].queryset = deeds
        self.fields["deeds"].label_from_instance = lambda deed: f"{deed.date:%Y-%m-%d} {deed.title}"
        self.fields["awarded_on"].initial = timezone.localdate()

    def clean_awarded_on(self):
        day = self.cleaned_data["awarded_on"]
        if day < datetime.date(FIRST_YEAR, 1, 1):
            raise forms.ValidationError(_("Please check the date."))
        return day


class RevocationForm(forms.Form):
    ground = forms.CharField(
        label=_("Ground for revocation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    approved_by = forms.ModelChoiceField(label=_("Approved by"), queryset=None)
    revoked_on = forms.DateField(label=_("Date revoked"), widget=DATE_INPUT)
    document_number = forms.CharField(label=_("Revocation document number"), max_length=100)

    def __init__(self, *args, approvers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].queryset = approvers
        self.fields["approved_by"].label_from_instance = lambda user: user.get_full_name()
        self.fields["revoked_on"].initial = timezone.localdate()


class SetAsideForm(forms.Form):
    """Why an honour awaiting approval is declined (required: the recorder reads it) or withdrawn (welcome)."""

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Please say why the honour is not approved: the officer who recorded it reads it.")
        },
    )

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
