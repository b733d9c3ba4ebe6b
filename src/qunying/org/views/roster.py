"""Roster pages: the Excel export of the filtered people list, the template, upload → preview → commit."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from django_htmx.http import HttpResponseClientRefresh
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.export_views import ExcelExportView
from qunying.core.exports import workbook_response
from qunying.core.forms import add_service_errors
from qunying.core.object_views import ScopedObjectMixin
from qunying.core.pagination import paginate
from qunying.org import services
from qunying.org.forms import PersonFilterForm, RosterUploadForm
from qunying.org.queries import filter_people, people_visible_to, roster_imports_visible_to, units_visible_to
from qunying.org.roster import write_template

RECENT_IMPORTS = 10
ERRORS_PER_PAGE = 50


class RosterExportView(ExcelExportView):
    """The people list as a workbook: the same filters, the same scope, ID numbers and phones masked unless allowed."""

    permission_required = "org.view_people"
    filename = "花名册"
    filter_form = PersonFilterForm

    def get_form_kwargs(self):
        return {"units": units_visible_to(self.request.user)}

    def get_queryset(self, filters):
        return filter_people(people_visible_to(self.request.user), **filters)

    def export(self, queryset, target, *, filters):
        return services.export_roster(queryset, target, by=self.request.user, filters=filters)


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


class RosterImportMixin(ScopedObjectMixin):
    """One of the user's own uploads (anyone else's is a 404, as out of scope)."""

    permission_required = "org.import_roster"

    def scope(self, user):
        return roster_imports_visible_to(user)


class RosterImportDetailView(RosterImportMixin, View):
    """Progress while the file is checked or imported (htmx polls a partial; without JavaScript the page refreshes),
    then the counts and the commit button, or the table of problems."""

    def get(self, request, pk):
        roster_import = self.object
        if request.htmx:
            if not roster_import.is_running:
                return HttpResponseClientRefresh()  # the finished page has other content: load it whole
            return render(request, "org/roster_import_progress.html", {"roster_import": roster_import})
        context = {"roster_import": roster_import}
        if roster_import.errors:
            context["page"] = paginate(request, roster_import.errors, per_page=ERRORS_PER_PAGE)
        return render(request, "org/roster_import_detail.html", context)


class RosterImportDecisionView(RosterImportMixin, View):
    """Confirm or cancel an upload that waits for it. A second click, or one on a page left open after the import
    moved on, is answered on the import's page with the reason rather than an error page."""

    def decide(self, roster_import):
        raise NotImplementedError

    def post(self, request, pk):
        if not request.user.has_perm("org.confirm_roster_import", self.object):
            messages.error(request, _("This import no longer waits for confirmation."))
            return redirect("org:roster_import_detail", pk=self.object.pk)
        try:
            self.decide(self.object)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("org:roster_import_detail", pk=self.object.pk)


class RosterImportCommitView(RosterImportDecisionView):
    def decide(self, roster_import):
        services.request_roster_commit(roster_import, by=self.request.user)


class RosterImportCancelView(RosterImportDecisionView):
    def decide(self, roster_import):
        services.cancel_roster_import(roster_import, by=self.request.user)
