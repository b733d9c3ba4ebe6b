"""Organisation forms: they validate input and hand it to services."""

from functools import partial

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import ExpressionWrapper, IntegerField, Q, Subquery
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from qunying.core.images import ImageUploadField
from qunying.org.enums import PersonCategory, PersonStatus, PostType, UnitKind
from qunying.org.models import AuxiliaryTier, Person, Unit
from qunying.org.roster.columns import normalise_phone
from qunying.org.services.people import PHOTO_MAX_BYTES


class TreeOrderIterator(ModelChoiceIterator):
    """Units in tree order (siblings by sort order, then name), not by the text of their paths."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = list(self.queryset)
        by_id = {unit.pk: unit for unit in units}

        def key(unit):
            ids = [int(part) for part in unit.path.strip("/").split("/")]
            return [(by_id[i].sort_order, by_id[i].name) if i in by_id else (0, "") for i in ids]

        for unit in sorted(units, key=key):
            yield self.choice(unit)


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown indented by depth and in tree order, so the select reads like the tree."""

    iterator = TreeOrderIterator

    def label_from_instance(self, unit):
        return "\u3000" * unit.depth + unit.name


class UnitFilterIterator(TreeOrderIterator):
    """A list filter's units without rendering the whole tree: the two levels below the top of the user's scope, and,
    around the chosen unit, its children and the siblings along its path, so a station is reached by choosing its
    county first. Any unit of the scope is still accepted (the field validates against the whole queryset)."""

    focus = None  # the chosen unit's id, set by the widget from the value it renders

    def __iter__(self):
        queryset = self.queryset
        top = queryset.order_by("depth").values("depth")[:1]
        shown = Q(depth__lte=ExpressionWrapper(Subquery(top) + 2, output_field=IntegerField()))
        path = Unit.objects.filter(pk=self.focus).values_list("path", flat=True).first() if self.focus else None
        if path:
            shown |= Q(parent__in=[int(part) for part in path.strip("/").split("/")])
        self.queryset = queryset.filter(shown)
        try:
            yield from super().__iter__()
        finally:
            self.queryset = queryset


class UnitFilterSelect(forms.Select):
    def get_context(self, name, value, attrs):
        values = value if isinstance(value, (list, tuple)) else [value]
        chosen = [v for v in values if str(v).isdigit()]
        self.choices.focus = int(chosen[0]) if chosen else None
        return super().get_context(name, value, attrs)


class UnitFilterField(UnitChoiceField):
    """The unit filter of a list page: tree-aware and bounded (see UnitFilterIterator)."""

    iterator = UnitFilterIterator
    widget = UnitFilterSelect


class PersonFilterForm(forms.Form):
    """The people list's filters; the roster export takes the same parameters."""

    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    unit = UnitFilterField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    category = forms.ChoiceField(label=_("Category"), choices=[("", _("All")), *PersonCategory.choices], required=False)
    post_type = forms.ChoiceField(label=_("Post type"), choices=[("", _("All")), *PostType.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *PersonStatus.choices], required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["q"].widget.attrs["placeholder"] = _("Name, badge number or pinyin initials")

    def filters(self) -> dict:
        """Cleaned filters, or none at all when the input is bad (the page then lists everything in scope)."""
        return self.cleaned_data if self.is_valid() else {}


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "badge_number",
            "category",
            "auxiliary_kind",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "unit",
            "post_type",
            "police_rank",
            "aux_tier",
            "joined_work_on",
            "joined_police_on",
            "party_member",
            "status",
            "classified",
            "photo",
            "user",
        ]
        # The photo goes through the core image service: real format, limits, re-encoded without metadata.
        field_classes = {"unit": UnitChoiceField, "photo": partial(ImageUploadField, max_bytes=PHOTO_MAX_BYTES)}
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "joined_work_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "joined_police_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "id_number": forms.TextInput(attrs={"autocomplete": "off", "maxlength": 18}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "maxlength": 20, "inputmode": "tel"}),
        }

    def __init__(self, *args, units, show_id_number: bool, show_phone: bool, may_link_account: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["aux_tier"].queryset = AuxiliaryTier.objects.all()
        self.fields["gender"].required = False
        self.fields["gender"].help_text = _("Taken from the ID number when left empty.")
        self.fields["photo"].help_text = _("JPEG, PNG or WebP, at most 5 MB; location and camera data are removed.")
        # Whoever may not read a sensitive value may not overwrite it blind either.
        if not show_id_number:
            del self.fields["id_number"]
        if not show_phone:
            del self.fields["phone"]
        if may_link_account:
            linked_elsewhere = Person.objects.exclude(pk=self.instance.pk).filter(user__isnull=False).values("user")
            # The user model by Django's setting: accounts sit on the floor above org.
            accounts = get_user_model().objects.filter(is_active=True).exclude(pk__in=linked_elsewhere)
            self.fields["user"].queryset = accounts.order_by("username")
            self.fields["user"].help_text = _("The officer's own login: it opens this record as 'My record'.")
        else:
            del self.fields["user"]

    def clean_phone(self):
        # The one phone rule, shared with the roster import.
        text = self.cleaned_data.get("phone", "")
        if not text.strip():
            return ""
        try:
            return normalise_phone(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "sort_order"]


class UnitCreateForm(UnitForm):
    parent = UnitChoiceField(label=_("Parent unit"), queryset=Unit.objects.none())

    class Meta(UnitForm.Meta):
        fields = ["parent", "name", "kind", "sort_order"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units.order_by("path")
        self.fields["kind"].initial = UnitKind.POLICE_STATION


class UnitMoveForm(forms.Form):
    new_parent = UnitChoiceField(label=_("New parent unit"), queryset=Unit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = units.order_by("path")


class AuxiliaryTierForm(forms.ModelForm):
    class Meta:
        model = AuxiliaryTier
        fields = ["name", "level", "description"]


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (.xlsx)"),
        widget=forms.FileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
