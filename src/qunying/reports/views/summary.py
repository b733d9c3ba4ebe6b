"""The annual summary: choose a year and scope, download the .docx; political officers replace its template."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.downloads import no_store
from qunying.core.forms import add_service_errors
from qunying.reports import services
from qunying.reports.forms import TemplateUploadForm
from qunying.reports.models import SummaryTemplate
from qunying.reports.summary.document import current_template
from qunying.reports.views import scope_from_request

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return no_store(response)


class SummaryView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reports.download_summary"
    template_name = "reports/summary.html"

    def get_context_data(self, **kwargs):
        form, scope = scope_from_request(self.request)
        _content, upload = current_template()
        return super().get_context_data(form=form, scope=scope, upload=upload, **kwargs)


class SummaryDownloadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "reports.download_summary"

    def get(self, request):
        form, scope = scope_from_request(request)
        if form.is_bound and not form.is_valid():
            return SummaryView.as_view()(request)  # the page shows what is wrong with the year or unit
        try:
            content = services.generate_annual_summary(scope=scope, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{reverse('reports:summary')}?{request.GET.urlencode()}")
        if scope.unit is not None:
            filename = _("%(unit)s: %(year)s annual summary of exemplar work.docx") % {
                "unit": scope.unit.name,
                "year": scope.year,
            }
        else:
            filename = _("%(year)s annual summary of exemplar work.docx") % {"year": scope.year}
        return docx_response(content, filename)


class SummaryTemplateView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The template in force, its history, an upload form and a way back to the built-in template."""

    permission_required = "reports.manage_summary_template"
    template_name = "reports/summary_template.html"

    def get_context_data(self, **kwargs):
        _content, upload = current_template()
        history = SummaryTemplate.objects.select_related("uploaded_by").defer("content")[:20]
        kwargs.setdefault("form", TemplateUploadForm())
        return super().get_context_data(upload=upload, history=history, **kwargs)

    def post(self, request):
        if "restore" in request.POST:
            try:
                services.restore_default_template(by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The built-in template is in force again."))
            return redirect("reports:summary_template")
        form = TemplateUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                services.upload_summary_template(name=upload.name, content=upload.read(), by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The new template is in force."))
                return redirect("reports:summary_template")
        return self.render_to_response(self.get_context_data(form=form))


class TemplateDownloadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The template in force, to edit in Word and upload again."""

    permission_required = "reports.manage_summary_template"

    def get(self, request):
        content, upload = current_template()
        return docx_response(content, upload.name if upload else _("annual summary template.docx"))
