"""Result notices: the signed-in user's campaign results, marking them read, and releasing a closed campaign's
results (for campaigns closed before release existed; closing releases them itself)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.campaigns import services
from qunying.campaigns.queries import notices_of
from qunying.campaigns.views.campaigns import ServiceActionView
from qunying.core.pagination import paginate


class NoticeListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "campaigns.view_own_notices"
    template_name = "campaigns/notice_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=paginate(self.request, notices_of(self.request.user)), **kwargs)


class MarkNoticesReadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "campaigns.view_own_notices"

    def post(self, request):
        services.mark_notices_read(user=request.user, by=request.user)
        return redirect("campaigns:my_notices")


class ReleaseResultsView(ServiceActionView):
    permission_required = "campaigns.release_results"

    def act(self, request):
        made = services.release_results(campaign=self.campaign, by=request.user)
        if not made and self.campaign.results_released_at:
            return _("The results were already released.")
        messages.info(request, _("%(count)s result notices sent.") % {"count": len(made)})
        return _("Results released to the nominees and their units.")
