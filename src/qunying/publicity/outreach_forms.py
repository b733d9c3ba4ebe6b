"""Forms for stories (write/edit, photos), placements, events, plans and the lists' filters."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from qunying.core.images import ImageUploadField
from qunying.org.forms import UnitChoiceField
from qunying.org.models import Unit
from qunying.publicity.enums import Channel, OutreachKind, PlanItemKind, StoryStatus
from qunying.publicity.models import Column
from qunying.publicity.services.photos import PHOTO_MAX_BYTES

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
BADGE_SPLIT = re.compile(r"[\s,，、;；]+")


class PeopleByBadgeField(forms.CharField):
    """People named by badge number (separated by spaces, commas or 、), resolved within a scoped queryset: the
    selects of a bureau's thousands of officers would be unusable, and a badge outside the scope is refused."""

    def __init__(self, *args, people=None, **kwargs):
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("help_text", _("Badge numbers, separated by spaces or commas."))
        super().__init__(*args, **kwargs)
        self.people = people

    def clean(self, value):
        value = super().clean(value)
        badges = [badge.upper() for badge in BADGE_SPLIT.split(value or "") if badge]
        if not badges:
            return []
        found = {p.badge_number: p for p in self.people.filter(badge_number__in=badges)}
        unknown = [badge for badge in badges if badge not in found]
        if unknown:
            raise forms.ValidationError(
                _("No officer you may select has the badge number %(badges)s.") % {"badges": "、".join(unknown)}
            )
        return list(dict.fromkeys(found[badge] for badge in badges))


def badges_of(people) -> str:
    return " ".join(person.badge_number for person in people)


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Body (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown: **bold**, *italic*, > quotation, lists and links. HTML is not allowed."),
        max_length=50_000,
    )
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    people = PeopleByBadgeField(label=_("People featured"), required=False)
    columns = forms.ModelMultipleChoiceField(
        label=_("Columns"), queryset=Column.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    deeds = forms.ModelMultipleChoiceField(label=_("Deeds"), queryset=Column.objects.none(), required=False)
    honours = forms.ModelMultipleChoiceField(label=_("Honours"), queryset=Column.objects.none(), required=False)
    campaigns = forms.ModelMultipleChoiceField(
        label=_("Selection campaigns"), queryset=Column.objects.none(), required=False
    )
    plan_item = forms.ModelChoiceField(label=_("Plan item carried out"), queryset=Column.objects.none(), required=False)

    def __init__(self, *args, units, people, deeds, honours, campaigns, plan_items=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["people"].people = people
        self.fields["columns"].queryset = Column.objects.filter(active=True).order_by("position", "name")
        self.fields["deeds"].queryset = deeds
        self.fields["honours"].queryset = honours
        self.fields["campaigns"].queryset = campaigns
        if editing:
            del self.fields["unit"]  # a story stays with its unit
        if plan_items is None:
            del self.fields["plan_item"]
        else:
            self.fields["plan_item"].queryset = plan_items
        for name in ("deeds", "honours", "campaigns"):
            self.fields[name].widget.attrs["size"] = 6
        self.fields["deeds"].help_text = _("Deeds and honours of the people featured (saved first) can be linked.")


class PhotoForm(forms.Form):
    photo = ImageUploadField(
        label=_("Photo"),
        max_bytes=PHOTO_MAX_BYTES,
        help_text=_("JPEG, PNG or WebP, at most 10 MB; location and camera data are removed."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class PlacementForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    outlet = forms.CharField(label=_("Outlet"), max_length=100)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    reach = forms.IntegerField(label=_("Reach"), min_value=0, max_value=2_000_000_000, required=False)
    story = forms.ModelChoiceField(label=_("Story"), queryset=Column.objects.none(), required=False)
    people = PeopleByBadgeField(label=_("People covered"), required=False)
    plan_item = forms.ModelChoiceField(label=_("Plan item carried out"), queryset=Column.objects.none(), required=False)

    def __init__(self, *args, units, people, stories, plan_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["people"].people = people
        self.fields["story"].queryset = stories
        if plan_items is None:
            del self.fields["plan_item"]
        else:
            self.fields["plan_item"].queryset = plan_items


class EventForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=OutreachKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Place"), max_length=200)
    speakers = PeopleByBadgeField(label=_("Speakers"))
    audience = forms.CharField(label=_("Audience"), max_length=200, required=False)
    audience_count = forms.IntegerField(label=_("Audience size"), min_value=0, max_value=10_000_000, required=False)
    plan_item = forms.ModelChoiceField(label=_("Plan item carried out"), queryset=Column.objects.none(), required=False)

    def __init__(self, *args, units, people, plan_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["speakers"].people = people
        if plan_items is None:
            del self.fields["plan_item"]
        else:
            self.fields["plan_item"].queryset = plan_items


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class PlacementFilterForm(ListFilterForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", _("All")), *Channel.choices], required=False)


class EventFilterForm(ListFilterForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All")), *OutreachKind.choices], required=False)


class StoryFilterForm(ListFilterForm):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *StoryStatus.choices], required=False)
    column = forms.ModelChoiceField(label=_("Column"), queryset=Column.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = Column.objects.order_by("position", "name")


class PlanForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)])

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")


class PlanItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanItemKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    owner = forms.CharField(label=_("Owner"), max_length=50)
    due_on = forms.DateField(label=_("Due date"), widget=DATE_INPUT)
