"""Party branch forms: they validate input and hand it to services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qunying.branches.enums import CriterionArea, CriterionKind, RatingStatus
from qunying.branches.models import PartyBranch, SchemeCriterion, StarScheme
from qunying.branches.services.schemes import CRITERION_FIELDS
from qunying.core.criteria import REGISTRY, registry_choices
from qunying.core.policy import within
from qunying.org.forms import TreeOrderIterator, UnitChoiceField
from qunying.org.models import Unit

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    """Several units, indented and in tree order like `UnitChoiceField`."""

    iterator = TreeOrderIterator

    def label_from_instance(self, unit):
        return "\u3000" * unit.depth + unit.name


class PersonChoiceMixin:
    def label_from_instance(self, person):
        return f"{person.name}（{person.badge_number}，{person.unit.name}）"


class PersonChoiceField(PersonChoiceMixin, forms.ModelChoiceField):
    pass


class PeopleChoiceField(PersonChoiceMixin, forms.ModelMultipleChoiceField):
    pass


class BranchFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["q"].widget.attrs["placeholder"] = _("Branch name")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class BranchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        help_text=_("The unit the branch belongs to; the units it covers lie within it."),
    )
    units = UnitsChoiceField(
        label=_("Units covered"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Records of these units and of the branch's members count for its star rating."),
    )
    secretary = PersonChoiceField(label=_("Secretary"), queryset=PartyBranch.objects.none())
    members = PeopleChoiceField(
        label=_("Members"),
        queryset=PartyBranch.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Serving CPC members. The secretary is always a member."),
    )
    founded_on = forms.DateField(label=_("Founded on"), widget=DATE_INPUT)

    def __init__(self, *args, units, people, branch: PartyBranch | None = None, **kwargs):
        if branch is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": branch.name,
                    "units": list(branch.units.all()),
                    "secretary": branch.secretary,
                    "members": list(branch.members.all()),
                    "founded_on": branch.founded_on,
                },
            )
        super().__init__(*args, **kwargs)
        if branch is not None:
            del self.fields["unit"]  # a branch stays with its unit: the unit decides who sees it
            units = units.filter(within("path", branch.unit.path))
            people = people.filter(within("unit__path", branch.unit.path))
        else:
            self.fields["unit"].queryset = units.order_by("path")
        self.fields["units"].queryset = units.order_by("path")
        people = people.order_by("unit__path", "name_pinyin")
        self.fields["secretary"].queryset = people
        self.fields["members"].queryset = people


def _label(model, name: str):
    return model._meta.get_field(name).verbose_name


def _points(model, name: str) -> forms.DecimalField:
    return forms.DecimalField(label=_label(model, name), required=False, max_digits=7, decimal_places=2)


class SchemeForm(forms.Form):
    """A scheme's fields as typed input: what a scheme must satisfy (year, name, rising thresholds, one name a year)
    is the service's to say (branches.services.schemes), and its errors are shown here."""

    year = forms.IntegerField(label=_label(StarScheme, "year"), required=False)
    name = forms.CharField(label=_label(StarScheme, "name"), max_length=100, required=False)
    description = forms.CharField(
        label=_label(StarScheme, "description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, scheme: StarScheme | None = None, **kwargs):
        if scheme is not None:
            fields = ["name", "description", *StarScheme.THRESHOLD_FIELDS]
            kwargs.setdefault("initial", {name: getattr(scheme, name) for name in fields})
        super().__init__(*args, **kwargs)
        for name in StarScheme.THRESHOLD_FIELDS:
            self.fields[name] = _points(StarScheme, name)
        if scheme is not None:
            del self.fields["year"]  # the year is what the scheme is for; a new year is a new scheme

    def thresholds(self) -> list:
        return [self.cleaned_data[field] for field in StarScheme.THRESHOLD_FIELDS]


class DefaultSchemeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False)


class CriterionForm(forms.Form):
    """A criterion's fields as typed input; the service (branches.services.schemes) decides what a criterion needs."""

    area = forms.ChoiceField(
        label=_label(SchemeCriterion, "area"), required=False, choices=[("", "---------"), *CriterionArea.choices]
    )
    name = forms.CharField(label=_label(SchemeCriterion, "name"), max_length=200, required=False)
    max_points = _points(SchemeCriterion, "max_points")
    kind = forms.ChoiceField(
        label=_label(SchemeCriterion, "kind"),
        required=False,
        choices=[("", "---------"), *CriterionKind.choices],
        initial=CriterionKind.ENTERED,
    )
    registry_key = forms.ChoiceField(label=_("Computed from"), required=False)
    points_per_record = _points(SchemeCriterion, "points_per_record")
    # The stored type's limits (a positive small integer), not a rule of the scheme.
    parameter = forms.IntegerField(
        label=_label(SchemeCriterion, "parameter"), required=False, min_value=0, max_value=32767
    )
    guidance = forms.CharField(label=_label(SchemeCriterion, "guidance"), max_length=300, required=False)
    sort_order = forms.IntegerField(
        label=_label(SchemeCriterion, "sort_order"), required=False, min_value=0, max_value=32767
    )

    def __init__(self, *args, criterion: SchemeCriterion | None = None, **kwargs):
        if criterion is not None:
            kwargs.setdefault("initial", {name: getattr(criterion, name) for name in CRITERION_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields["registry_key"].choices = [("", "---------"), *registry_choices()]
        hints = [f"{entry.label}：{entry.parameter_label}" for entry in REGISTRY.values() if entry.parameter_label]
        self.fields["parameter"].help_text = _("Only for computed criteria that take one: %(hints)s") % {
            "hints": "；".join(str(hint) for hint in hints)
        }
        self.fields["points_per_record"].help_text = _("For computed criteria counted per record.")


class RoundForm(forms.Form):
    scheme = forms.ModelChoiceField(label=_("Scheme"), queryset=StarScheme.objects.none())
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        help_text=_("Every party branch of this unit and its subunits is rated."),
    )

    def __init__(self, *args, schemes, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes
        self.fields["unit"].queryset = units.order_by("path")


class RatingFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *RatingStatus.choices], required=False)

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class ScoreFormBase(forms.Form):
    """One row of fields per entered criterion, named by the criterion's id (the service reports errors by them)."""

    def __init__(self, *args, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for score in scores:
            if score.criterion.is_computed:
                continue
            self.rows.append((score, self.add_row(score)))

    def add_row(self, score) -> list:
        raise NotImplementedError


def points_field(score, initial, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Points (max %(max)s)") % {"max": score.criterion.max_points},
        required=required,
        min_value=0,
        max_value=score.criterion.max_points,
        max_digits=7,
        decimal_places=2,
        initial=initial,
    )


class SelfAssessmentForm(ScoreFormBase):
    def add_row(self, score) -> list:
        cid = score.criterion_id
        self.fields[f"points_{cid}"] = points_field(score, score.self_points)
        self.fields[f"evidence_{cid}"] = forms.CharField(
            label=_("Evidence"),
            required=False,
            initial=score.evidence,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=score.criterion.guidance,
        )
        return [self[f"points_{cid}"], self[f"evidence_{cid}"]]

    def entries(self) -> dict[int, tuple]:
        return {
            score.criterion_id: (
                self.cleaned_data.get(f"points_{score.criterion_id}"),
                self.cleaned_data.get(f"evidence_{score.criterion_id}", ""),
            )
            for score, _fields in self.rows
        }


class ReviewForm(ScoreFormBase):
    comment = forms.CharField(label=_("Review comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def add_row(self, score) -> list:
        cid = score.criterion_id
        initial = score.review_points if score.review_points is not None else score.self_points
        self.fields[f"points_{cid}"] = points_field(score, initial, required=True)
        self.fields[f"reason_{cid}"] = forms.CharField(
            label=_("Reason for adjustment"), required=False, max_length=500, initial=score.review_comment
        )
        return [self[f"points_{cid}"], self[f"reason_{cid}"]]

    def adjustments(self) -> dict[int, tuple]:
        return {
            score.criterion_id: (
                self.cleaned_data.get(f"points_{score.criterion_id}"),
                self.cleaned_data.get(f"reason_{score.criterion_id}", ""),
            )
            for score, _fields in self.rows
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason for sending back"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
