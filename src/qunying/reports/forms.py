"""Reports forms: the scope of a report (year and unit) and a replacement summary template."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.org.forms import UnitChoiceField
from qunying.org.models import Unit

FIRST_YEAR = 1949
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


class ReportScopeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=2100)
    unit = UnitChoiceField(
        label=_("Unit (with subunits)"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )

    def __init__(self, data=None, *, units, **kwargs):
        if data is not None and "year" not in data:
            data = {**data.dict(), "year": timezone.localdate().year} if hasattr(data, "dict") else data
        super().__init__(data if data is not None else {"year": timezone.localdate().year}, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")

    def scope_values(self) -> tuple[int, Unit | None]:
        """The chosen year and unit, or this year and every unit when the input is bad (the errors show)."""
        if self.is_valid():
            return self.cleaned_data["year"], self.cleaned_data["unit"]
        return timezone.localdate().year, None


class TemplateUploadForm(forms.Form):
    file = forms.FileField(label=_("Template (.docx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(_("Upload a Word document (.docx)."))
        if upload.size > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError(_("The template may be at most 10 MB."))
        return upload
