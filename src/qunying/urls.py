"""Root URLs."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from qunying.api import api
from qunying.metrics import MetricsView

urlpatterns = [
    path("", include("qunying.core.urls")),
    path("accounts/", include("qunying.accounts.urls")),
    path("org/", include("qunying.org.urls")),
    path("deeds/", include("qunying.deeds.urls")),
    path("nominate/", include("qunying.deeds.public_urls")),
    path("awards/", include("qunying.honours.urls")),
    path("ratings/", include("qunying.feedback.urls")),
    path("api/", api.urls),
    path("discovery/", include("qunying.discovery.urls")),
    path("reserve/", include("qunying.reserve.urls")),
    path("campaigns/", include("qunying.campaigns.urls")),
    path("vote/", include("qunying.campaigns.public_urls")),
    path("publicity/", include("qunying.publicity.urls")),
    path("honours/", include("qunying.publicity.public_urls")),
    path("branches/", include("qunying.branches.urls")),
    path("care/", include("qunying.care.urls")),
    path("reports/", include("qunying.reports.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("metrics", MetricsView.as_view(), name="metrics"),  # loopback and QUNYING_METRICS_ALLOWED only
]
