"""Sheet import pages, shared by every history import: upload (with the file's override reason when the importer asks
for one) → progress → what would come in, or the problems by row and column → confirm or cancel → the summary with
its findings and the people whose timelines changed. An app subclasses each view and names its importer."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from django_htmx.http import HttpResponseClientRefresh
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import add_service_errors
from qunying.core.imports import services
from qunying.core.imports.base import importer_for
from qunying.core.models import SheetImport
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.core.rules import policy

RECENT_IMPORTS = 10
ERRORS_PER_PAGE = 50


class SheetUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx)"),
        widget=forms.FileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    override_reason = forms.CharField(
        label=gettext_lazy("Reason for the whole file (historical records)"),
        required=False,
        max_length=services.MAX_OVERRIDE_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Only for old records that the rules would refuse today (a deed rewarded again within a year): one reason "
            "covers the file and is kept with every honour it lets in and in the audit log."
        ),
    )

    def __init__(self, *args, asks_override_reason: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not asks_override_reason:
            del self.fields["override_reason"]


def imports_of(user, kind: str):
    return policy.filter(user, "view_sheet_import", SheetImport.objects.filter(kind=kind))


class ImporterMixin:
    importer_kind = ""

    @property
    def importer(self):
        return importer_for(self.importer_kind)

    def importer_context(self) -> dict:
        importer = self.importer
        return {
            "importer": importer,
            "upload_url": importer.upload_url,
            "detail_url": importer.detail_url,
            "commit_url": importer.commit_url,
            "cancel_url": importer.cancel_url,
        }


class SheetUploadView(ImporterMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Subclasses set `importer_kind`, `permission_required`, `template_name` (extending core/imports/upload.html)."""

    form_class = SheetUploadForm
    template_name = "core/imports/upload.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "asks_override_reason": self.importer.asks_override_reason}

    def get_context_data(self, **kwargs):
        recent = imports_of(self.request.user, self.importer_kind)[:RECENT_IMPORTS]
        return super().get_context_data(recent_imports=recent, **self.importer_context(), **kwargs)

    def form_valid(self, form):
        try:
            sheet_import = services.start_import(
                kind=self.importer_kind,
                upload=form.cleaned_data["file"],
                by=self.request.user,
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
        except ValidationError as error:
            add_service_errors(form, ValidationError({"file": error.messages}))
            return self.form_invalid(form)
        return redirect(self.importer.detail_url, pk=sheet_import.pk)


class SheetImportMixin(ImporterMixin, ScopedObjectMixin):
    """One of the user's own uploads of this kind (anyone else's is a 404, as out of scope)."""

    def scope(self, user):
        return imports_of(user, self.importer_kind)


class SheetImportDetailView(SheetImportMixin, View):
    """Progress while the file is checked or imported (htmx polls a partial; without JavaScript the page refreshes),
    then the counts and the commit button, or the table of problems, or the summary."""

    template_name = "core/imports/detail.html"

    def get(self, request, pk):
        sheet_import = self.object
        context = {"sheet_import": sheet_import, **self.importer_context()}
        if request.htmx:
            if not sheet_import.is_running:
                return HttpResponseClientRefresh()
            return render(request, "core/imports/progress.html", context)
        if sheet_import.errors:
            context["page"] = paginate(request, sheet_import.errors, per_page=ERRORS_PER_PAGE)
        return render(request, self.template_name, context)


class SheetImportDecisionView(SheetImportMixin, View):
    def decide(self, sheet_import):
        raise NotImplementedError

    def post(self, request, pk):
        if not request.user.has_perm("core.confirm_sheet_import", self.object):
            messages.error(request, _("This import no longer waits for confirmation."))
            return redirect(self.importer.detail_url, pk=self.object.pk)
        try:
            self.decide(self.object)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(self.importer.detail_url, pk=self.object.pk)


class SheetImportCommitView(SheetImportDecisionView):
    def decide(self, sheet_import):
        services.request_import_commit(sheet_import, by=self.request.user)


class SheetImportCancelView(SheetImportDecisionView):
    def decide(self, sheet_import):
        services.cancel_import(sheet_import, by=self.request.user)
