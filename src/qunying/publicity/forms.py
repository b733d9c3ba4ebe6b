"""Publicity forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qunying.org.forms import UnitChoiceField
from qunying.org.models import Unit
from qunying.publicity.article import MAX_BYTES


class ArticleUploadForm(forms.Form):
    file = forms.FileField(label=_("Article file"), help_text=_("A scraped article as a text file (UTF-8 or GBK)."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is too large for an article (at most 2 MB)."))
        return upload


class ArticleConfirmForm(forms.Form):
    """One checkbox per proposed person with exactly one existing match (link them), and for a proposed person with
    no match a checkbox to create them, with the badge number and unit the article does not give."""

    record_honours = forms.BooleanField(
        label=_("Record the honours found that the catalogue recognises"), required=False, initial=True
    )

    def __init__(self, *args, choices: dict, missing: list[dict] = (), units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = choices
        self.missing = list(missing)
        for index, (name, person) in enumerate(choices.items()):
            self.fields[f"person_{index}"] = forms.BooleanField(
                label=f"{name} · {person.unit.name}", required=False, initial=True
            )
        units = units.order_by("path") if units is not None else Unit.objects.none()
        by_name = {unit.name: unit for unit in units}
        for index, proposal in enumerate(self.missing):
            self.fields[f"new_{index}"] = forms.BooleanField(
                label=_("Create %(name)s as a new person") % {"name": proposal["name"]}, required=False
            )
            self.fields[f"badge_{index}"] = forms.CharField(
                label=_("Badge number of %(name)s") % {"name": proposal["name"]}, max_length=20, required=False
            )
            self.fields[f"unit_{index}"] = UnitChoiceField(
                label=_("Unit of %(name)s") % {"name": proposal["name"]},
                queryset=units,
                required=False,
                initial=by_name.get(proposal.get("unit") or ""),
            )

    def clean(self):
        data = super().clean()
        for index, _proposal in enumerate(self.missing):
            if data.get(f"new_{index}"):
                if not (data.get(f"badge_{index}") or "").strip():
                    self.add_error(f"badge_{index}", _("Please enter the badge number."))
                if not data.get(f"unit_{index}"):
                    self.add_error(f"unit_{index}", _("Please choose the unit."))
        return data

    def chosen(self) -> dict:
        return {
            name: person
            for index, (name, person) in enumerate(self.people.items())
            if self.cleaned_data.get(f"person_{index}")
        }

    def new_people(self) -> dict:
        return {
            proposal["name"]: {
                "badge_number": self.cleaned_data[f"badge_{index}"].strip(),
                "unit": self.cleaned_data[f"unit_{index}"],
            }
            for index, proposal in enumerate(self.missing)
            if self.cleaned_data.get(f"new_{index}")
        }
