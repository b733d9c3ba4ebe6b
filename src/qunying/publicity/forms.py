"""Publicity forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qunying.publicity.article import MAX_BYTES


class ArticleUploadForm(forms.Form):
    file = forms.FileField(label=_("Article file"), help_text=_("A scraped article as a text file (UTF-8 or GBK)."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is too large for an article (at most 2 MB)."))
        return upload


class ArticleConfirmForm(forms.Form):
    """One checkbox per proposed person that has exactly one existing match."""

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = choices
        for index, (name, person) in enumerate(choices.items()):
            self.fields[f"person_{index}"] = forms.BooleanField(
                label=f"{name} · {person.unit.name}", required=False, initial=True
            )

    def chosen(self) -> dict:
        return {
            name: person
            for index, (name, person) in enumerate(self.people.items())
            if self.cleaned_data.get(f"person_{index}")
        }
