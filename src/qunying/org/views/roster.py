"""Roster pages: the Excel export of the filtered people list, the template, upload → preview → commit."""

import tempfile

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import FormView
from django_htmx.http import HttpResponseClientRefresh
from rules.contrib.views import PermissionRequiredMixin

from qunying.accounts.views import add_service_errors
from qunying.core.pagination import paginate
from qunying.org import services
from qunying.org.forms import PersonFilterForm, RosterUploadForm
from qunying.org.queries import filter_people, people_visible_to, roster_imports_visible_to, units_visible_to
from qunying.org.roster import write_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT_IMPORTS = 10
ERRORS_PER_PAGE = 50


def workbook_response(write, filename: str) -> FileResponse:
    """A workbook built in a temporary file (deleted when the response closes it), sent as a download."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it
    write(target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=filename, content_type=XLSX)


class RosterExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The people list as a workbook: the same filters, the same scope, ID numbers and phones masked unless allowed."""

    permission_required = "org.view_people"

    def get(self, request):
        user = request.user
        form = PersonFilterForm(request.GET or None, units=units_visible_to(user))
        filters = form.filters()
        if form.is_bound and "unit" in form.errors:
            raise Http404  # a unit outside the user's scope
        people = filter_people(people_visible_to(user), **filters)
        return workbook_response(
            lambda target: services.export_roster(people, target, by=user, filters=filters),
            f"花名册-{timezone.localdate():%Y%m%d}.xlsx",
        )


class RosterTemplateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "org.import_roster"

    def get(self, request):
        return workbook_response(write_template, "花名册模板.xlsx")


class RosterUploadView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "org.import_roster"
    template_name = "org/roster_upload.html"
    form_class = RosterUploadForm

    def get_context_data(self, **kwargs):
        recent = roster_imports_visible_to(self.request.user)[:RECENT_IMPORTS]
        return super().get_context_data(recent_imports=recent, **kwargs)

    def form_valid(self, form):
        try:
            roster_import = services.start_roster_import(upload=form.cleaned_data["file"], by=self.request.user)
        except ValidationError as error:
            add_service_errors(form, ValidationError({"file": error.messages}))
            return self.form_invalid(form)
        return redirect("org:roster_import_detail", pk=roster_import.pk)


class RosterImportDetailView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Progress while the file is checked or imported (htmx polls a partial; without JavaScript the page refreshes),
    then the counts and the commit button, or the table of problems."""

    permission_required = "org.import_roster"

    def get(self, request, pk):
        roster_import = get_object_or_404(roster_imports_visible_to(request.user), pk=pk)
        if request.htmx:
            if not roster_import.is_running:
                return HttpResponseClientRefresh()  # the finished page has other content: load it whole
            return render(request, "org/roster_import_progress.html", {"roster_import": roster_import})
        context = {"roster_import": roster_import}
        if roster_import.errors:
            context["page"] = paginate(request, roster_import.errors, per_page=ERRORS_PER_PAGE)
        return render(request, "org/roster_import_detail.html", context)


class RosterImportCommitView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "org.import_roster"

    def post(self, request, pk):
        roster_import = get_object_or_404(roster_imports_visible_to(request.user), pk=pk)
        try:
            services.request_roster_commit(roster_import, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("org:roster_import_detail", pk=roster_import.pk)
