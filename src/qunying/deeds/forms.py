"""Discovery ledger forms: they validate input and hand it to services."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from qunying.deeds.enums import DeedSource, DeedStatus, DutyEventKind, HazardLevel, NominationStatus
from qunying.deeds.models import Deed, DutyEvent
from qunying.deeds.services import Participant
from qunying.deeds.services.nominations import SHORT_FIELD_MAX, STORY_MAX, check_submission
from qunying.deeds.throttle import seconds_open
from qunying.org.forms import TreeOrderIterator, UnitChoiceField, UnitFilterField
from qunying.org.models import Person, Unit
from qunying.org.queries import search_people

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Sources staff choose by hand; public and forum deeds come from their own pages.
MANUAL_SOURCES = [DeedSource.SUPERVISOR, DeedSource.MEDIA, DeedSource.IMPORT]
PEOPLE_LINES_MAX = 200


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return "\u3000" * unit.depth + unit.name


def parse_people_lines(text: str, people) -> tuple[list[Participant], list[str]]:
    """Lines of `badge number [role] [hours]` → participants, looked up in `people` in one query."""
    rows, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        badge, role, hours = parts[0].upper(), "", None
        rest = parts[1:]
        if rest and re.fullmatch(r"\d+(\.\d)?", rest[-1]):
            try:
                hours = Decimal(rest.pop())
            except InvalidOperation:  # pragma: no cover - the pattern already checked it
                hours = None
        role = " ".join(rest)[:50]
        rows.append((number, badge, role, hours))
    if len(rows) > PEOPLE_LINES_MAX:
        return [], [gettext("At most %(n)d people at once.") % {"n": PEOPLE_LINES_MAX}]
    found = {p.badge_number: p for p in people.filter(badge_number__in=[badge for _, badge, _, _ in rows])}
    participants, seen = [], set()
    for number, badge, role, hours in rows:
        person = found.get(badge)
        if person is None:
            errors.append(
                gettext("Line %(line)d: nobody with badge number %(badge)s in your units.")
                % {"line": number, "badge": badge}
            )
        elif badge in seen:
            errors.append(gettext("Line %(line)d: %(badge)s is listed twice.") % {"line": number, "badge": badge})
        else:
            seen.add(badge)
            participants.append(Participant(person=person, role=role, hours=hours))
    return participants, errors


class DeedFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    unit = UnitFilterField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=pgettext_lazy("period", "To"), required=False, widget=DATE)
    kind = forms.ChoiceField(label=_("Duty kind"), choices=[("", _("All")), *DutyEventKind.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *DeedStatus.choices], required=False)
    source = forms.ChoiceField(
        label=pgettext_lazy("deeds", "Source"), choices=[("", _("All")), *DeedSource.choices], required=False
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["q"].widget.attrs["placeholder"] = _("Title, name or badge number")

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class DeedForm(forms.ModelForm):
    people = forms.CharField(
        label=_("People"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: badge number, then optionally the role and the hours, e.g. 340012 带班 8"),
    )

    class Meta:
        model = Deed
        fields = ["title", "date", "event", "hazard", "source", "narrative"]
        widgets = {"date": DATE, "narrative": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, people, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.people_scope = people
        self.fields["event"].queryset = events.order_by("-starts_on")
        self.fields["source"].choices = [(s.value, s.label) for s in MANUAL_SOURCES]

    def clean_people(self):
        participants, errors = parse_people_lines(self.cleaned_data["people"], self.people_scope)
        if errors:
            raise forms.ValidationError(errors)
        if not participants:
            raise forms.ValidationError(_("Please name at least one person."))
        return participants


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verify", _("Verify")), ("reject", _("Reject"))], widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for rejection"), required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please give the reason for rejecting it."))
        return data


class BulkDecisionForm(DecisionForm):
    deeds = forms.ModelMultipleChoiceField(queryset=Deed.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, deeds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deeds"].queryset = deeds
        self.fields["deeds"].error_messages["required"] = _("Please tick at least one deed.")


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (.docx), JPEG, PNG or WebP, at most 20 MB. Photos lose their location data."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png,.webp"}),
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=200)


class DutyEventForm(forms.ModelForm):
    units = UnitMultipleChoiceField(label=_("Participating units"), queryset=Unit.objects.none())

    class Meta:
        model = DutyEvent
        fields = ["name", "kind", "starts_on", "ends_on", "unit", "units", "description"]
        field_classes = {"unit": UnitChoiceField}
        widgets = {"starts_on": DATE, "ends_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisers, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organisers.order_by("path")
        self.fields["units"].queryset = participants.order_by("path")
        self.fields["units"].widget.attrs["size"] = 10
        if self.instance.pk:
            del self.fields["unit"]  # the organiser stays: it decides who keeps the event


ROSTER_MATCHES_SHOWN = 5


class RosterEntryForm(forms.Form):
    who = forms.CharField(
        label=_("Name, pinyin initials or badge number"),
        max_length=50,
    )
    role = forms.CharField(label=pgettext_lazy("duty", "Role"), required=False, max_length=50)
    post = forms.CharField(label=_("Post"), required=False, max_length=100)
    hours = forms.DecimalField(
        label=_("Hours"), required=False, min_value=0, max_value=9999, max_digits=7, decimal_places=1
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people_scope = people

    def clean_who(self):
        """One person of the user's units: an exact badge number first, else org's people search (name, pinyin
        initials or full pinyin); several matches are listed so the user can give the badge number."""
        text = self.cleaned_data["who"].strip()
        matches = list(self.people_scope.filter(badge_number=text.upper())[:1])
        if not matches:
            found = search_people(self.people_scope, text).order_by("name_pinyin", "badge_number")
            matches = list(found.select_related("unit")[: ROSTER_MATCHES_SHOWN + 1])
        if not matches:
            raise forms.ValidationError(gettext("Nobody matching “%(text)s” in your units.") % {"text": text})
        if len(matches) > 1:
            shown = "、".join(
                f"{person.name}（{person.badge_number}，{person.unit.name}）"
                for person in matches[:ROSTER_MATCHES_SHOWN]
            )
            message = gettext("Several people match “%(text)s”: %(people)s. Please enter the badge number.")
            raise forms.ValidationError(message % {"text": text, "people": shown})
        self.cleaned_data["person"] = matches[0]
        return text


class UploadForm(forms.Form):
    file = forms.FileField(
        label=pgettext_lazy("duty", "Roster file (.xlsx)"),
        widget=forms.FileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


class MassEntryForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("deeds", "Title"), max_length=100)
    date = forms.DateField(label=_("Date"), widget=DATE)
    hazard = forms.ChoiceField(label=_("Hazard"), choices=HazardLevel.choices, initial=HazardLevel.NONE)
    narrative = forms.CharField(label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)
    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the ticked people get a deed: untick anyone who should not."),
        error_messages={"required": _("Please tick at least one person to enter a deed for.")},
    )

    def __init__(self, *args, roster_people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = roster_people
        if not self.is_bound:  # everyone ticked at first
            self.initial.setdefault("people", [person.pk for person in roster_people])


class ForumForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=pgettext_lazy("deeds", "Place"), max_length=200)
    unit = UnitChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    units = UnitMultipleChoiceField(label=_("Participating units"), queryset=Unit.objects.none())
    attendees = forms.IntegerField(label=_("Attendees"), min_value=0, max_value=100_000, initial=0)
    notes = forms.CharField(
        label=pgettext_lazy("deeds", "Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, organisers, participants, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organisers.order_by("path")
        self.fields["units"].queryset = participants.order_by("path")
        self.fields["units"].widget.attrs["size"] = 8
        if editing:
            del self.fields["unit"]


class FeedbackForm(forms.Form):
    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5_000)
    officers = forms.CharField(
        label=_("Officers named"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Badge numbers, one per line."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people_scope = people

    def clean_officers(self):
        participants, errors = parse_people_lines(self.cleaned_data["officers"], self.people_scope)
        if errors:
            raise forms.ValidationError(errors)
        return [participant.person for participant in participants]


class ConvertForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("deeds", "Title"), max_length=100)
    hazard = forms.ChoiceField(label=_("Hazard"), choices=HazardLevel.choices, initial=HazardLevel.NONE)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"), max_length=500)


class NominationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *NominationStatus.choices], required=False)

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class PublicUnitChoiceField(forms.ModelChoiceField):
    iterator = TreeOrderIterator

    def label_from_instance(self, unit):
        return unit.name


class PublicNominationForm(forms.Form):
    """The citizen's form. Besides the fields: a honeypot bots fill in, and a signed stamp of when it was shown."""

    officer_text = forms.CharField(
        label=_("Officer's name or badge number"),
        max_length=SHORT_FIELD_MAX["officer_text"],
        help_text=_("As far as you know it, e.g. 'traffic officer Zhang' or a badge number."),
    )
    unit = PublicUnitChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("Not sure / not listed")
    )
    unit_text = forms.CharField(label=_("Unit, in your words"), required=False, max_length=SHORT_FIELD_MAX["unit_text"])
    place = forms.CharField(label=pgettext_lazy("deeds", "Place"), required=False, max_length=200)
    occurred_on = forms.DateField(label=_("When did it happen?"), required=False, widget=DATE)
    story = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 8, "data-charcount": STORY_MAX, "aria-describedby": "id_story-count"}),
        max_length=STORY_MAX,
        help_text=_("Plain text, at most 5,000 characters."),
    )
    contact_name = forms.CharField(
        label=_("Your name (optional)"), required=False, max_length=SHORT_FIELD_MAX["contact_name"]
    )
    contact_phone = forms.CharField(
        label=_("Your phone (optional)"),
        required=False,
        max_length=SHORT_FIELD_MAX["contact_phone"],
        help_text=_("Only the staff handling your story see it, to ask you about it."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    # Honeypot: hidden from people (the wrapper is display:none), filled in by bots that fill every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    shown_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        # No maxlength in the page: a browser would cut a long paste silently; over the limit the counter turns red
        # and the server refuses the text with a message instead.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
        self.fields["story"].error_messages["max_length"] = _(
            "The story may be at most %(limit_value)d characters (you wrote %(show_value)d)."
        )

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("Your submission could not be accepted. Please try again."))
        opened = seconds_open(data.get("shown_at") or "")
        if opened is None:
            raise forms.ValidationError(
                _("This form has expired. Please copy your text, reload the page and send it again.")
            )
        if opened < settings.QUNYING_NOMINATION_MIN_FILL_SECONDS:
            raise forms.ValidationError(_("That was very fast. Please check your story and send it again."))
        if self.errors:
            return data
        fields = {name: data.get(name) for name in ("officer_text", "unit_text", "place", "story", "contact_name")}
        fields |= {"contact_phone": data.get("contact_phone"), "occurred_on": data.get("occurred_on")}
        cleaned, errors = check_submission(fields)
        for name, messages in errors.items():
            self.add_error(name, messages)
        self.html_removed = cleaned["story"] != (data.get("story") or "").strip()
        data.update(cleaned)
        return data

    def submission(self) -> dict:
        keys = ("officer_text", "unit_text", "unit", "place", "occurred_on", "story", "contact_name", "contact_phone")
        return {key: self.cleaned_data.get(key) for key in keys}
