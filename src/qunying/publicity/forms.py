"""Forms of the article import: the upload (one article or a zip, and the bureau they come from), the bureau of one
article, and the review (per person: leave out, one of the people compared, or create them)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from qunying.org.forms import UnitChoiceField
from qunying.org.models import Unit
from qunying.publicity.services.article_batches import MAX_UPLOAD_BYTES

NEW = "new"


class ArticleUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Article file or zip"),
        help_text=_("A scraped article as a text file (UTF-8 or GBK), or a zip of many articles (at most 50 MB)."),
    )
    bureau = UnitChoiceField(
        label=_("Bureau the articles come from"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_(
            "Issuers written short (市局, 县文明委) are read against it and people are matched within it. Leave it "
            "empty when the articles come from elsewhere or you are not sure."
        ),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = units.order_by("path") if units is not None else Unit.objects.none()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most 50 MB); please upload the articles in parts.")
            )
        return upload


class ArticleBureauForm(forms.Form):
    bureau = UnitChoiceField(label=_("Bureau of this article"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = units.order_by("path") if units is not None else Unit.objects.none()


class ArticleReviewForm(forms.Form):
    """Per person the article names: leave them out, link one of the people compared with them, or create them
    (with the badge number and unit the article does not give). Only a match that nothing contradicts is chosen
    beforehand (article_matching)."""

    record_honours = forms.BooleanField(
        label=_("Record the honours found that the catalogue recognises"), required=False, initial=True
    )

    def __init__(self, *args, proposals=(), units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = list(proposals)
        units = units.order_by("path") if units is not None else Unit.objects.none()
        by_name = {unit.name: unit for unit in units}
        for proposal in self.proposals:
            i, name = proposal.index, proposal.name
            choices = [("", _("Leave out"))]
            choices += [(str(c.person.pk), f"{c.person.name} · {c.person.unit.name}") for c in proposal.candidates]
            choices += [(NEW, _("Create %(name)s as a new person") % {"name": name})]
            self.fields[f"person_{i}"] = forms.ChoiceField(
                label=name,
                choices=choices,
                required=False,
                initial=str(proposal.chosen.pk) if proposal.chosen else "",
                widget=forms.RadioSelect,
            )
            self.fields[f"badge_{i}"] = forms.CharField(
                label=_("Badge number of %(name)s") % {"name": name}, max_length=20, required=False
            )
            self.fields[f"unit_{i}"] = UnitChoiceField(
                label=_("Unit of %(name)s") % {"name": name},
                queryset=units,
                required=False,
                initial=by_name.get(proposal.found.get("unit") or ""),
            )

    def rows(self):
        """Each proposal with its fields, for the page to lay out side by side."""
        for proposal in self.proposals:
            i = proposal.index
            yield proposal, self[f"person_{i}"], self[f"badge_{i}"], self[f"unit_{i}"]

    def clean(self):
        data = super().clean()
        for proposal in self.proposals:
            i = proposal.index
            if data.get(f"person_{i}") == NEW:
                if not (data.get(f"badge_{i}") or "").strip():
                    self.add_error(f"badge_{i}", _("Please enter the badge number."))
                if not data.get(f"unit_{i}"):
                    self.add_error(f"unit_{i}", _("Please choose the unit."))
        return data

    def chosen(self) -> dict:
        """Proposed name → the person on record chosen for them (only among those compared)."""
        found = {}
        for proposal in self.proposals:
            picked = self.cleaned_data.get(f"person_{proposal.index}")
            for candidate in proposal.candidates:
                if picked == str(candidate.person.pk):
                    found[proposal.name] = candidate.person
        return found

    def new_people(self) -> dict:
        return {
            proposal.name: {
                "badge_number": self.cleaned_data[f"badge_{proposal.index}"].strip(),
                "unit": self.cleaned_data[f"unit_{proposal.index}"],
            }
            for proposal in self.proposals
            if self.cleaned_data.get(f"person_{proposal.index}") == NEW
        }
