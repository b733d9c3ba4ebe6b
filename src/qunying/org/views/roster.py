"""Roster import and export — placeholder until the roster work lands (replaced wholesale by it)."""

from django.http import Http404
from django.views import View


class _Pending(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


RosterExportView = RosterTemplateView = RosterUploadView = _Pending
RosterImportDetailView = RosterImportCommitView = _Pending
