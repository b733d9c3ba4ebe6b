"""The decision dossier as a Word download (the printable page is campaigns.DossierView)."""

from urllib.parse import quote

from django.http import HttpResponse
from django.views import View

from qunying.campaigns.dossier import build_dossier
from qunying.campaigns.views.campaigns import CampaignMixin
from qunying.core.downloads import no_store
from qunying.core.services import log_action

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DossierDocxView(CampaignMixin, View):
    permission_required = "campaigns.view_results"

    def get(self, request, pk):
        content = build_dossier(self.campaign)
        log_action(self.campaign, "campaigns.dossier.download", by=request.user, data={"bytes": len(content)})
        response = HttpResponse(content, content_type=DOCX)
        filename = f"{self.campaign.title}决策档案.docx"
        response["Content-Disposition"] = (
            f"attachment; filename=\"dossier-{self.campaign.pk}.docx\"; filename*=UTF-8''{quote(filename)}"
        )
        return no_store(response)  # names, scores and objections: not for a cache
