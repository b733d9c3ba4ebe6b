"""Discovery ledger URLs (staff pages under /deeds/)."""

from django.urls import path

from qunying.deeds.views import deeds, events, exports, forums, nominations

app_name = "deeds"

urlpatterns = [
    path("", deeds.DeedListView.as_view(), name="deed_list"),
    path("export.xlsx", deeds.DeedExportView.as_view(), name="deed_export"),
    path("new/", deeds.DeedCreateView.as_view(), name="deed_create"),
    path("verify/", deeds.DeedVerificationView.as_view(), name="deed_verification"),
    path("<int:pk>/", deeds.DeedDetailView.as_view(), name="deed_detail"),
    path("<int:pk>/decide/", deeds.DeedDecideView.as_view(), name="deed_decide"),
    path("<int:pk>/evidence/", deeds.EvidenceAddView.as_view(), name="evidence_add"),
    path("evidence/<int:pk>/", deeds.EvidenceFileView.as_view(), name="evidence_file"),
    # Duty events, rosters and mass entry (views/events.py)
    path("events/", events.EventListView.as_view(), name="event_list"),
    path("events/export.xlsx", exports.EventExportView.as_view(), name="event_export"),
    path("events/new/", events.EventCreateView.as_view(), name="event_create"),
    path("events/roster-template.xlsx", events.RosterTemplateView.as_view(), name="roster_template"),
    path("events/<int:pk>/", events.EventDetailView.as_view(), name="event_detail"),
    path("events/<int:pk>/edit/", events.EventUpdateView.as_view(), name="event_update"),
    path("events/<int:pk>/roster/add/", events.RosterAddView.as_view(), name="roster_add"),
    path("events/<int:pk>/roster/import/", events.RosterImportView.as_view(), name="roster_import"),
    path("events/roster/<int:pk>/remove/", events.RosterRemoveView.as_view(), name="roster_remove"),
    path("events/<int:pk>/deeds/", events.MassEntryView.as_view(), name="mass_entry"),
    # Police-citizen forums (views/forums.py)
    path("forums/", forums.ForumListView.as_view(), name="forum_list"),
    path("forums/export.xlsx", exports.ForumExportView.as_view(), name="forum_export"),
    path("forums/new/", forums.ForumCreateView.as_view(), name="forum_create"),
    path("forums/<int:pk>/", forums.ForumDetailView.as_view(), name="forum_detail"),
    path("forums/<int:pk>/edit/", forums.ForumUpdateView.as_view(), name="forum_update"),
    path("forums/<int:pk>/feedback/", forums.FeedbackAddView.as_view(), name="feedback_add"),
    path("forums/feedback/<int:pk>/convert/", forums.FeedbackConvertView.as_view(), name="feedback_convert"),
    # Public-nomination triage (views/nominations.py); the public form itself is in public_urls.py
    path("nominations/", nominations.NominationListView.as_view(), name="nomination_list"),
    path("nominations/export.xlsx", exports.NominationExportView.as_view(), name="nomination_export"),
    path("nominations/<int:pk>/", nominations.NominationDetailView.as_view(), name="nomination_detail"),
    path("nominations/<int:pk>/triage/", nominations.NominationTriageView.as_view(), name="nomination_triage"),
    path("nominations/<int:pk>/link/", nominations.NominationLinkView.as_view(), name="nomination_link"),
    path("nominations/<int:pk>/convert/", nominations.NominationConvertView.as_view(), name="nomination_convert"),
    path("nominations/<int:pk>/reject/", nominations.NominationRejectView.as_view(), name="nomination_reject"),
]
